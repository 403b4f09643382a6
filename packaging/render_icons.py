"""Render resources/icons/roadmap-planner.svg to the PNGs the app and desktop use, and pack them
into the Windows .ico and macOS .icns the bundle's executables carry.

Run from a clone after editing the SVG: `python packaging/render_icons.py`.
The outputs are committed, so neither the app nor the desktop install renders
anything at run time, and building a bundle needs no Pillow. Both container
formats hold PNG data as-is (Windows Vista and later, macOS 10.7 and later).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SOURCE = ICONS / "roadmap-planner.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # = resources.ICON_SIZES (tests check)


def render(size: int, renderer: QSvgRenderer) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an .ico entry can say
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def ico(pngs: dict[int, bytes]) -> bytes:
    """An .ico file: a 6-byte header, one 16-byte entry per image, then the PNG data."""
    sizes = [s for s in ICO_SIZES if s in pngs]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, data = b"", b""
    for s in sizes:
        side = s % 256  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(pngs[s]), offset + len(data))
        data += pngs[s]
    return header + entries + data


def icns(pngs: dict[int, bytes]) -> bytes:
    """An .icns file: 'icns' + total length, then (type, length, PNG) chunks, lengths big-endian."""
    chunks = b"".join(kind + struct.pack(">I", 8 + len(pngs[s])) + pngs[s] for s, kind in ICNS_TYPES.items() if s in pngs)
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # QPainter on a QImage needs one for fonts and pixmaps
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"{SOURCE}: not a valid SVG", file=sys.stderr)
        return 1
    pngs = {}
    for size in SIZES:
        out = ICONS / f"roadmap-planner-{size}.png"
        if not render(size, renderer).save(str(out), "PNG"):
            print(f"{out}: could not write", file=sys.stderr)
            return 1
        pngs[size] = out.read_bytes()
        print(f"Wrote {out.relative_to(ICONS.parents[1])}")
    for out, data in ((ICONS / "roadmap-planner.ico", ico(pngs)), (ICONS / "roadmap-planner.icns", icns(pngs))):
        out.write_bytes(data)
        print(f"Wrote {out.relative_to(ICONS.parents[1])}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
