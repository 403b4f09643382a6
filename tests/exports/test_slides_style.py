"""The slides' status look is the app's: the plain values in exports/slide_style.py match ui/timeline/style.py."""

from __future__ import annotations

import pytest

from exports import slide_style
from planner.model import Status

style = pytest.importorskip("ui.timeline.style")
QColor = pytest.importorskip("PySide6.QtGui").QColor

LANES = ("#c0813c", "#4a7fb5", "#9468bf", "#8f8a3a")


def test_status_tables_match_the_app():
    assert slide_style.STATUS_OUTLINE == style.STATUS_OUTLINE
    assert slide_style.STATUS_FILL_AMOUNT == style.STATUS_FILL_AMOUNT


@pytest.mark.parametrize("lane", LANES)
@pytest.mark.parametrize("status", list(Status))
def test_fill_outline_and_text_match_the_app_on_a_light_background(lane, status):
    amount = style.STATUS_FILL_AMOUNT.get(status)
    app_fill = style.mix(QColor(lane), QColor("#ffffff"), amount) if amount else QColor(lane)
    assert slide_style.fill_of(lane, status) == app_fill.name()
    outline, _ = slide_style.outline_of(lane, status)
    app_outline = style.STATUS_OUTLINE.get(status) or QColor(lane).darker(135).name()
    assert _close(outline, app_outline)
    assert slide_style.text_on(app_fill.name()) == style.text_on(app_fill).name()


def _close(a: str, b: str) -> bool:
    """Equal to within one step per channel (QColor.darker works in HSV and rounds there)."""
    return all(abs(x - y) <= 1 for x, y in zip(slide_style.rgb(a), slide_style.rgb(b)))
