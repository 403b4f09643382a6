"""The key under the timeline: what each colour, outline, shape and line means."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen, QPolygonF

from planner.model import Status
from ui.timeline.style import STATUS_OUTLINE, TimelineColours

SWATCH = 14
GAP = 16
HEIGHT = 20


class LegendItem(pg.GraphicsWidget):
    """One row of swatches with captions, drawn in the layout below the tech band."""

    def __init__(self) -> None:
        super().__init__()
        self.colours: TimelineColours | None = None
        self.setMinimumHeight(HEIGHT)
        self.setMaximumHeight(HEIGHT)

    def set_colours(self, colours: TimelineColours) -> None:
        self.colours = colours
        self.update()

    def sizeHint(self, which, constraint=QSizeF()):  # noqa: N802
        if which == Qt.SizeHint.PreferredSize:
            return QSizeF(400, HEIGHT)
        return super().sizeHint(which, constraint)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        c = self.colours
        if c is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        font = painter.font()
        metrics = QFontMetricsF(font)
        neutral = QColor("#7d8a99")
        x = 12.0
        y = (HEIGHT - SWATCH) / 2
        entries = [
            ("Planned", lambda r: self._bar(painter, r, c.fill_of(neutral.name(), Status.PLANNED), neutral.darker(135), 1)),
            ("On track", lambda r: self._bar(painter, r, neutral, neutral.darker(135), 1)),
            ("At risk", lambda r: self._bar(painter, r, neutral, QColor(STATUS_OUTLINE[Status.AT_RISK]), 2)),
            ("Off track", lambda r: self._bar(painter, r, neutral, QColor(STATUS_OUTLINE[Status.OFF_TRACK]), 2)),
            ("Done", lambda r: self._bar(painter, r, c.fill_of(neutral.name(), Status.DONE), neutral.darker(135), 1)),
            ("Milestone", lambda r: self._diamond(painter, r, neutral)),
            ("Supports link", lambda r: self._line(painter, r, QPen(c.link.darker(110), 1.6))),
            ("Links into one goal", lambda r: self._count(painter, r, c)),
            ("Enabler lands late", lambda r: self._line(painter, r, QPen(c.late_link, 1.6, Qt.PenStyle.DashLine))),
            ("Alignment finding", lambda r: self._notches(painter, r, neutral, [c.severity[s] for s in ("error", "warning", "info")])),
            ("Today", lambda r: self._vline(painter, r, QPen(c.today, 1.5, Qt.PenStyle.DashLine))),
            ("Tech window", lambda r: self._window(painter, r, c.window)),
        ]
        for caption, draw in entries:
            width = metrics.horizontalAdvance(caption)
            if x + SWATCH + 5 + width > self.size().width() - 8:
                break  # a narrow window shows what fits rather than overlapping
            draw(QRectF(x, y, SWATCH * 1.6, SWATCH))
            x += SWATCH * 1.6 + 5
            painter.setPen(c.muted)
            painter.drawText(QRectF(x, 0, width + 2, HEIGHT), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, caption)
            x += width + GAP

    @staticmethod
    def _bar(p: QPainter, r: QRectF, fill: QColor, outline: QColor, width: float) -> None:
        p.setPen(QPen(outline, width))
        p.setBrush(fill)
        p.drawRect(r.adjusted(1, 2, -1, -2))

    @staticmethod
    def _diamond(p: QPainter, r: QRectF, fill: QColor) -> None:
        c, d = r.center(), 6.0
        p.setPen(QPen(fill.darker(135), 1))
        p.setBrush(fill)
        p.drawPolygon(QPolygonF([QPointF(c.x(), c.y() - d), QPointF(c.x() + d, c.y()), QPointF(c.x(), c.y() + d), QPointF(c.x() - d, c.y())]))

    @staticmethod
    def _line(p: QPainter, r: QRectF, pen: QPen) -> None:
        p.setPen(pen)
        p.drawLine(QPointF(r.left(), r.bottom() - 1), QPointF(r.right(), r.top() + 1))

    @staticmethod
    def _count(p: QPainter, r: QRectF, c: TimelineColours) -> None:
        p.setPen(QPen(c.muted, 1))
        p.setBrush(c.background)
        pill = QRectF(r.center().x() - 8, r.top() + 1, 16, r.height() - 2)
        p.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        p.setPen(c.text)
        p.drawText(pill, Qt.AlignmentFlag.AlignCenter, "3")

    @staticmethod
    def _vline(p: QPainter, r: QRectF, pen: QPen) -> None:
        p.setPen(pen)
        p.drawLine(QPointF(r.center().x(), r.top()), QPointF(r.center().x(), r.bottom()))

    @staticmethod
    def _notches(p: QPainter, r: QRectF, fill: QColor, marks: list[QColor]) -> None:
        """A bar with one corner notch per severity colour (error, warning, info)."""
        bar = r.adjusted(1, 2, -1, -2)
        p.setPen(QPen(fill.darker(135), 1))
        p.setBrush(fill)
        p.drawRect(bar)
        p.setPen(Qt.PenStyle.NoPen)
        s = 6
        for n, mark in enumerate(marks):
            x = bar.right() - n * (s + 1)
            p.setBrush(mark)
            p.drawPolygon(QPolygonF([QPointF(x - s, bar.top()), QPointF(x, bar.top()), QPointF(x, bar.top() + s)]))

    @staticmethod
    def _window(p: QPainter, r: QRectF, fill: QColor) -> None:
        edge = QColor(fill)
        edge.setAlphaF(0.7)
        p.setPen(QPen(edge, 1))
        p.setBrush(fill)
        p.drawRect(r.adjusted(1, 1, -1, -1))
