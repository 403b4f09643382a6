"""The labels of the tech window and of today, in the strip between the business axis and its plot."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsObject

from planner.label_layout import StripLabel, place_strip
from ui.timeline.style import TimelineColours

INSET = 4.0


class MarkersItem(QGraphicsObject):
    """Draws "Tech window · Jul 2026 – Dec 2027" by the window's right edge and "Today" by its line.

    Where they go is planner.label_layout.place_strip's choice: never over each
    other, left out when there is no room.
    """

    def __init__(self) -> None:
        super().__init__()
        self.colours: TimelineColours | None = None
        self.font = QFont()
        self.window_text = ""
        self.placed: list[tuple[str, QRectF, str]] = []  # (key, scene rect, text)
        self._rect = QRectF()
        self.setZValue(900)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def place(self, strip: QRectF, window: tuple[float, float] | None, today: float | None) -> None:
        """`strip` in scene coordinates; `window` (left, right) and `today` as scene x, None when not shown."""
        metrics = QFontMetricsF(self.font)
        labels, texts = [], {}
        if today is not None:  # the short label first; the window's label finds room around it
            w = metrics.horizontalAdvance("Today")
            labels.append(StripLabel("today", w, (today + INSET, today - INSET - w)))
            texts["today"] = "Today"
        if window is not None and self.window_text:
            lo, hi = window
            w = metrics.horizontalAdvance(self.window_text)
            right, left = min(hi, strip.right()), max(lo, strip.left())
            labels.append(StripLabel("window", w, (right - w - INSET, right + INSET, left + INSET, left - INSET - w)))
            texts["window"] = self.window_text
        lefts = place_strip(labels, strip.left(), strip.right())
        h = metrics.height()
        top = strip.top() + (strip.height() - h) / 2
        self.placed = [(lab.key, QRectF(lefts[lab.key], top, lab.width, h), texts[lab.key]) for lab in labels if lab.key in lefts]
        self.prepareGeometryChange()
        self._rect = QRectF(strip)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.colours is None:
            return
        painter.setFont(self.font)
        for key, rect, text in self.placed:
            painter.setPen(self.colours.today if key == "today" else self.colours.muted)
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)

    def label_at(self, key: str) -> QPointF | None:
        return next((r.center() for k, r, _ in self.placed if k == key), None)
