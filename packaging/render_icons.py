"""Render resources/icons/roadmap-planner.svg to the PNG sizes the app and desktop use.

Run from a clone after editing the SVG: `python packaging/render_icons.py`.
The PNGs are committed, so neither the app nor the desktop install renders
anything at run time (and a bundle needs no SVG plugin for its icon).
"""

from __future__ import annotations

import os
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


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # QPainter on a QImage needs one for fonts and pixmaps
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"{SOURCE}: not a valid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        out = ICONS / f"roadmap-planner-{size}.png"
        if not render(size, renderer).save(str(out), "PNG"):
            print(f"{out}: could not write", file=sys.stderr)
            return 1
        print(f"Wrote {out.relative_to(ICONS.parents[1])}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
