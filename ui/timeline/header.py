"""The line above the timeline: the roadmap's title and its horizons, elided to the width it has."""

from __future__ import annotations

from datetime import date, timedelta

import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter

from planner.dates import add_months
from planner.model import RoadmapInfo
from ui.timeline.style import TimelineColours

PAD = 2.0
MIN_REST_PX = 60  # below this, the details give way and the title itself is elided


def header_parts(info: RoadmapInfo, today: date) -> tuple[str, str]:
    """(title, details) for the header line."""
    end = add_months(info.horizon_start, 12 * info.business_years) - timedelta(days=1)
    org = f" · {info.organisation}" if info.organisation else ""
    return info.title, (f"{org} · business {info.horizon_start:%b %Y} – {end:%b %Y}"
                        f" · tech cycle {info.tech_months} months · as of {today:%d %b %Y}")


class HeaderItem(pg.GraphicsWidget):
    """Paints the title in bold and the details muted; what does not fit is elided, never run under a dock."""

    def __init__(self) -> None:
        super().__init__()
        self.title, self.details = "", ""
        self.colours: TimelineColours | None = None
        self.shown = ("", QRectF())  # text drawn and its rect (item coordinates) in the last paint
        self.set_font(QFont())

    def set_font(self, font: QFont) -> None:
        self.title_font = QFont(font)
        self.title_font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title_font.setWeight(QFont.Weight.DemiBold)
        self.detail_font = QFont(font)
        height = self.line_height = QFontMetricsF(self.title_font).height() + 2 * PAD
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
        if self.colours is None or not self.title:
            self.shown = ("", QRectF())
            return
        width = self.size().width() - 2 * PAD
        tm, dm = QFontMetricsF(self.title_font), QFontMetricsF(self.detail_font)
        title, details = self.title, self.details
        title_w = tm.horizontalAdvance(title)
        if title_w + dm.horizontalAdvance(details) > width:
            room = width - title_w
            if room >= MIN_REST_PX:
                details = dm.elidedText(details, Qt.TextElideMode.ElideRight, room)
            else:
                details = ""
                title = tm.elidedText(title, Qt.TextElideMode.ElideRight, width)
                title_w = tm.horizontalAdvance(title)
        height = self.size().height()
        painter.setFont(self.title_font)
        painter.setPen(self.colours.text)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(QRectF(PAD, 0, title_w + 1, height), align, title)
        details_w = dm.horizontalAdvance(details) if details else 0.0
        if details:
            painter.setFont(self.detail_font)
            painter.setPen(self.colours.muted)
            painter.drawText(QRectF(PAD + title_w, 0, details_w + 1, height), align, details)
        text_h = tm.height()
        self.shown = (title + details, QRectF(PAD, (height - text_h) / 2, title_w + details_w, text_h))
