"""The committed icon files are the SVG as rendered now, at every size, and their containers are sound."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path

import pytest

from resources import ICON_SIZES, ICON_SVG, ICONS, icon_png

SCRIPT = Path(__file__).resolve().parents[2] / "packaging" / "render_icons.py"


def render_icons():
    spec = importlib.util.spec_from_file_location("render_icons", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.gui
@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_png_is_the_svg_rendered_at_its_size(qapp, size):
    from PySide6.QtGui import QImage
    from PySide6.QtSvg import QSvgRenderer

    fresh = render_icons().render(size, QSvgRenderer(str(ICON_SVG)))
    committed = QImage(str(icon_png(size))).convertToFormat(fresh.format())
    assert (committed.width(), committed.height()) == (size, size)
    step = max(1, size // 64)  # every pixel up to 64 px, a 64 x 64 grid above
    worst = max(
        abs(a - b)
        for x in range(0, size, step) for y in range(0, size, step)
        for a, b in zip(committed.pixelColor(x, y).getRgb(), fresh.pixelColor(x, y).getRgb())
    )
    assert worst <= 8, f"{icon_png(size).name} differs from the SVG: run packaging/render_icons.py"
    assert committed.pixelColor(size // 2, size // 2).alpha() == 255  # the tile is opaque
    assert committed.pixelColor(0, 0).alpha() == 0  # the rounded corner is not


def test_the_script_renders_the_sizes_the_app_ships():
    assert render_icons().SIZES == ICON_SIZES


def test_the_ico_lists_each_png_at_its_offset():
    data = (ICONS / "roadmap-planner.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, 7)
    for i in range(count):
        width, height, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        side = width or 256
        assert width == height
        assert data[offset:offset + length] == icon_png(side).read_bytes()


def test_the_icns_holds_the_pngs_in_typed_chunks():
    data = (ICONS / "roadmap-planner.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack_from(">I", data, 4)[0] == len(data)
    chunks, at = {}, 8
    while at < len(data):
        kind, length = data[at:at + 4], struct.unpack_from(">I", data, at + 4)[0]
        chunks[kind] = data[at + 8:at + length]
        at += length
    assert chunks[b"ic09"] == icon_png(512).read_bytes()
    assert chunks[b"icp4"] == icon_png(16).read_bytes()
    assert set(chunks) == {b"icp4", b"icp5", b"icp6", b"ic07", b"ic08", b"ic09"}
