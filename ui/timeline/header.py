"""The line above the timeline: the roadmap's title and its horizons, elided to the width it has."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPainter

from ui.timeline.paint_chrome import header_fonts, paint_header
from ui.timeline.style import TimelineColours


class HeaderItem(pg.GraphicsWidget):
    """The header line in the live view's layout; paint_chrome.paint_header draws it."""

    def __init__(self) -> None:
        super().__init__()
        self.title, self.details = "", ""
        self.colours: TimelineColours | None = None
        self.shown = ("", QRectF())  # text drawn and its rect (item coordinates) in the last paint
        self.set_font(QFont())

    def set_font(self, font: QFont) -> None:
        self.font = QFont(font)
        self.title_font, self.detail_font, height = header_fonts(font)
        self.line_height = height
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)
        self.update()

    def set_text(self, title: str, details: str, colours: TimelineColours) -> None:
        self.title, self.details, self.colours = title, details, colours
        self.update()

    @property
    def full_text(self) -> str:
        return self.title + self.details

    @property
    def elided(self) -> bool:
        return self.shown[0] != self.full_text

    def sizeHint(self, which, constraint=QSizeF()):  # noqa: N802
        if which == Qt.SizeHint.PreferredSize:
            return QSizeF(200, self.line_height)  # never ask for the width of the whole line
        return super().sizeHint(which, constraint)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.colours is None:
            self.shown = ("", QRectF())
            return
        size = self.size()
        self.shown = paint_header(painter, (size.width(), size.height()), self.title, self.details, self.font, self.colours)
