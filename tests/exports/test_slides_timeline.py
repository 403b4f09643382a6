"""Planning the timeline slides: what fits on one, how a big roadmap splits, and that nothing overlaps."""

from __future__ import annotations

from collections import defaultdict

import pytest

from benchmarks.roadmap_gen import generate
from board_pack_helpers import TODAY
from exports.slide_style import CONTENT_BOTTOM, CONTENT_TOP, MIN_PT, SLIDE_W
from exports.slide_text import text_width
from exports.slide_timeline import BAR_PT, GAP, PLOT_X0, PLOT_X1, TimelinePage, plan_timeline
from planner.model import Band


def _occupied(bar) -> tuple[float, float]:
    """The horizontal space a bar takes with its title."""
    title = text_width(bar.title, BAR_PT)
    if bar.label == "inside":
        return bar.x, bar.x + bar.w
    if bar.label == "right":
        return bar.x, bar.x + bar.w + GAP + title
    return bar.x - GAP - title, bar.x + bar.w


def _check_readable(page: TimelinePage) -> None:
    for block in page.blocks:
        assert CONTENT_TOP <= block.top and block.top + block.height <= CONTENT_BOTTOM + 1e-9
        rows = defaultdict(list)
        for bar in block.bars:
            assert PLOT_X0 - 0.11 <= bar.x and bar.x + bar.w <= PLOT_X1 + 0.11
            left, right = _occupied(bar)
            assert left >= PLOT_X0 - 1e-9 - 0.11 and right <= SLIDE_W - 0.1, bar.title
            rows[round(bar.y + bar.h / 2, 4)].append((left, right, bar.title))
        for row in rows.values():
            row.sort()
            for (_, a_right, a), (b_left, _, b) in zip(row, row[1:]):
                assert a_right <= b_left + 1e-9, f"{a!r} runs into {b!r}"


def test_sample_splits_into_one_slide_per_band(sample):
    pages = plan_timeline(sample, TODAY)
    assert [tuple(b.band for b in p.blocks) for p in pages] == [(Band.BUSINESS,), (Band.TECH,)]
    for page in pages:
        _check_readable(page)
    assert BAR_PT >= MIN_PT


@pytest.fixture(scope="module")
def big_pages():
    roadmap = generate(1000)
    return roadmap, plan_timeline(roadmap, TODAY)


def test_a_thousand_items_split_into_readable_slides(big_pages):
    roadmap, pages = big_pages
    assert 10 < len(pages) < 150
    shown = set()
    for page in pages:
        assert len(page.blocks) == 1  # far too many for the dual timeline
        _check_readable(page)
        shown |= {b.item_id for b in page.bars}
    assert shown == set(roadmap.items)


def test_each_item_is_on_the_slides_its_period_overlaps_once_per_slide(big_pages):
    _, pages = big_pages
    for page in pages:
        ids = [b.item_id for b in page.bars]
        assert len(ids) == len(set(ids))
