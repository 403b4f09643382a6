"""The key under the timeline: what each colour, outline, shape and line means (paint_chrome.paint_legend draws it)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import QFont, QPainter

from ui.timeline.paint_chrome import LEGEND_PX as HEIGHT, paint_legend
from ui.timeline.style import TimelineColours


class LegendItem(pg.GraphicsWidget):
    """One row of swatches with captions, in the layout below the tech band."""

    def __init__(self) -> None:
        super().__init__()
        self.colours: TimelineColours | None = None
        self.font = QFont()
        self.setMinimumHeight(HEIGHT)
        self.setMaximumHeight(HEIGHT)

    def set_colours(self, colours: TimelineColours, font: QFont | None = None) -> None:
        self.colours = colours
        if font is not None:
            self.font = QFont(font)
        self.update()

    def sizeHint(self, which, constraint=QSizeF()):  # noqa: N802
        if which == Qt.SizeHint.PreferredSize:
            return QSizeF(400, HEIGHT)
        return super().sizeHint(which, constraint)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.colours is not None:
            paint_legend(painter, self.size().width(), self.font, self.colours)
