"""The labels of the tech window and of today, in the strip between the business axis and its plot."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QGraphicsObject

from ui.timeline.paint_chrome import paint_markers, place_markers
from ui.timeline.style import TimelineColours


class MarkersItem(QGraphicsObject):
    """Draws "Tech window · Jul 2026 – Dec 2027" by the window's right edge and "Today" by its line.

    Where they go is paint_chrome.place_markers' choice (planner.label_layout.place_strip): never
    over each other, left out when there is no room.
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
        self.placed = place_markers(strip, window, today, self.window_text, self.font)
        self.prepareGeometryChange()
        self._rect = QRectF(strip)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.colours is not None:
            paint_markers(painter, self.placed, self.font, self.colours)

    def label_at(self, key: str) -> QPointF | None:
        return next((r.center() for k, r, _ in self.placed if k == key), None)
