"""save_screenshot: the picture main.py --screenshot and the README use."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from planner.store import NotARoadmapError
from ui.app import ScreenshotError, save_screenshot


def distinct_colours(image: QImage, step: int = 7) -> int:
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


@pytest.mark.parametrize("size", [(1200, 760), (640, 400)])
def test_writes_a_png_of_exactly_the_requested_size(app, sample_file, tmp_path, size):
    png = tmp_path / "shot.png"
    save_screenshot(sample_file, png, size)
    image = QImage(str(png))
    assert not image.isNull()
    assert (image.width(), image.height()) == size
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert distinct_colours(image) > 20  # bars, lanes and text, not a flat fill


def test_unwritable_target_raises_a_clear_error(app, sample_file, tmp_path):
    with pytest.raises(ScreenshotError, match="does not exist"):
        save_screenshot(sample_file, tmp_path / "missing" / "shot.png", (800, 600))


def test_a_bad_roadmap_raises_store_error(app, tmp_path):
    bad = tmp_path / "bad.roadmap"
    bad.write_bytes(b"nonsense")
    with pytest.raises(NotARoadmapError):
        save_screenshot(bad, tmp_path / "shot.png", (800, 600))
    assert not (tmp_path / "shot.png").exists()
