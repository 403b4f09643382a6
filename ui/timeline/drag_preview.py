"""What a drag in progress looks like: ghosts where items were, bars where they go, the link being drawn.

A light item of its own, so the band's cached picture is not rebuilt on every
mouse move; its bounding rectangle hugs the bars it draws, so each move
repaints only that strip.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsObject

from planner.layout import BAR_FILL, DAY, to_x
from ui.timeline.style import TimelineColours, with_alpha

LABEL_PAD_PX = 6


class DragPreviewItem(pg.GraphicsObject):
    def __init__(self) -> None:
        super().__init__()
        self.setZValue(500)
        self.colours: TimelineColours | None = None
        self._ghosts: list[QRectF] = []
        self._bars: list[tuple[QRectF, QColor, bool]] = []  # rect, fill, milestone
        self._label = ""
        self._rect = QRectF()

    def show_drag(self, ghosts: list[QRectF], bars: list[tuple[QRectF, QColor, bool]], label: str, colours: TimelineColours) -> None:
        """Rectangles in view coordinates (x seconds, y rows)."""
        self.prepareGeometryChange()
        self._ghosts, self._bars, self._label, self.colours = ghosts, bars, label, colours
        rect = QRectF()
        for r in ghosts + [b[0] for b in bars]:
            rect = rect.united(r)
        self._rect = rect
        self.update()

    def clear(self) -> None:
        self.prepareGeometryChange()
        self._ghosts, self._bars, self._label, self._rect = [], [], "", QRectF()
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        if self._rect.isNull():
            return QRectF()
        px, py = self.pixelVectors()
        pw = 0.0 if px is None else px.length()
        ph = 0.0 if py is None else py.length()
        # room for the date label above and for diamonds and outlines around
        return self._rect.adjusted(-12 * pw, -30 * ph, 260 * pw, 12 * ph)

    def viewTransformChanged(self) -> None:  # noqa: N802
        self.prepareGeometryChange()
        super().viewTransformChanged()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.colours is None or self._rect.isNull():
            return
        to_device = painter.transform()
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        ghost_pen = QPen(self.colours.muted, 1.2, Qt.PenStyle.DashLine)
        painter.setPen(ghost_pen)
        painter.setBrush(with_alpha(self.colours.muted, 0.08))
        for r in self._ghosts:
            painter.drawRect(to_device.mapRect(r))
        lead = None
        for r, fill, milestone in self._bars:
            device = to_device.mapRect(r)
            painter.setPen(QPen(self.colours.highlight, 2))
            painter.setBrush(with_alpha(fill, 0.9))
            if milestone:
                c, d = device.center(), 7.5
                painter.drawPolygon([QPointF(c.x(), c.y() - d), QPointF(c.x() + d, c.y()), QPointF(c.x(), c.y() + d), QPointF(c.x() - d, c.y())])
            else:
                painter.drawRect(device)
            lead = lead or device
        if lead is not None and self._label:
            metrics = QFontMetricsF(painter.font())
            width = metrics.horizontalAdvance(self._label) + 2 * LABEL_PAD_PX
            box = QRectF(lead.left(), lead.top() - metrics.height() - 8, width, metrics.height() + 4)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(with_alpha(self.colours.text, 0.85))
            painter.drawRoundedRect(box, 3, 3)
            painter.setPen(self.colours.background)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self._label)
        painter.restore()


def item_rect(start, end, top: float) -> QRectF:
    """An item's rectangle in view coordinates for a bar whose row starts at `top`."""
    x0 = to_x(start)
    return QRectF(x0, top, to_x(end) + DAY - x0, BAR_FILL)


class PendingLinkItem(QGraphicsObject):
    """The link being dragged from a tech item's handle, drawn over everything in the scene."""

    def __init__(self, business, tech) -> None:
        super().__init__()
        self.business, self.tech = business, tech
        self.colours: TimelineColours | None = None
        self._pending = None  # (source, scene pos, target or None)
        self._rect = QRectF()
        self.setZValue(1000)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_pending(self, source, scene_pos: QPointF | None, target, colours: TimelineColours | None = None) -> None:
        """Show (or, with None, hide) the link being dragged from `source` to the pointer."""
        self.prepareGeometryChange()
        self.colours = colours or self.colours
        self._pending = None if source is None else (source, scene_pos, target)
        bvb, tvb = self.business.getViewBox(), self.tech.getViewBox()
        self._rect = bvb.sceneBoundingRect().united(tvb.sceneBoundingRect()) if self._pending and bvb and tvb else QRectF()
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self._pending is None or self.colours is None:
            return
        source, pos, target = self._pending
        tvb, bvb = self.tech.getViewBox(), self.business.getViewBox()
        start = self.tech.anchor(source)
        if start is None or tvb is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        a = tvb.mapViewToScene(QPointF((start[0] + start[1]) / 2, start[2]))
        b = pos
        ok = target is not None
        if ok:
            end = self.business.anchor(target)
            b = bvb.mapViewToScene(QPointF((end[0] + end[1]) / 2, end[3]))
            rect = bvb.mapViewToScene(self.business.bar_rect(target)).boundingRect().adjusted(-3, -3, 3, 3)
            painter.setPen(QPen(self.colours.highlight, 2.5))
            painter.drawRect(rect)
        pen = QPen(self.colours.highlight if ok else self.colours.muted, 2, Qt.PenStyle.SolidLine if ok else Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        painter.setPen(pen)
        bend = max(abs(a.y() - b.y()) * 0.45, 12.0)
        path = QPainterPath(a)
        path.cubicTo(QPointF(a.x(), a.y() - bend), QPointF(b.x(), b.y() + bend), b)
        painter.drawPath(path)
