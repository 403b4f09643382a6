"""Alignment links: curves from each tech item up to the business item it supports.

Lives in the scene above both bands (not inside either view box), so a curve
can cross the gap between them. Its bounding rectangle is the union of the two
view boxes' rectangles — never the scene's rect, whose recursion crashed Qt
here — and painting is clipped to the two plot areas and the gap, so links
never cross axes or lane labels. An end scrolled out of its band stops at the
band's edge with an arrow pointing the way.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsObject

from planner.model import ItemId, LinkId
from ui.timeline.band_item import BandItem
from ui.timeline.style import TimelineColours

ARROW_PX = 6


@dataclass(frozen=True)
class LinkSpec:
    link_id: LinkId
    tech_id: ItemId
    business_id: ItemId
    late: bool  # the enabler ends after the goal it supports


@dataclass(frozen=True)
class LinkSegment:
    """Where a link is drawn, in scene coordinates; `*_clipped` says an end is off-view."""

    spec: LinkSpec
    tech_end: QPointF
    business_end: QPointF
    tech_clipped: bool
    business_clipped: bool


class LinksItem(QGraphicsObject):
    def __init__(self, business: BandItem, tech: BandItem) -> None:
        super().__init__()
        self.business, self.tech = business, tech
        self.colours: TimelineColours | None = None
        self.links: list[LinkSpec] = []
        self.emphasised: frozenset[ItemId] = frozenset()
        self._rect = QRectF()
        self._pending: tuple[ItemId, QPointF, ItemId | None] | None = None  # a link being dragged
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setZValue(1000)

    def set_links(self, links: list[LinkSpec], colours: TimelineColours) -> None:
        self.links, self.colours = links, colours
        self.update()

    def set_emphasis(self, item_ids: frozenset[ItemId]) -> None:
        self.emphasised = item_ids
        self.update()

    def set_pending(self, source: ItemId | None, scene_pos: QPointF | None, target: ItemId | None) -> None:
        """Show (or, with None, hide) the link being dragged from `source` to the pointer."""
        self._pending = None if source is None else (source, scene_pos, target)
        self.update()

    def relayout(self) -> None:
        """The bands moved or resized: recompute our extent from their view boxes."""
        rect = self._business_box().united(self._tech_box())
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.update()

    def _business_box(self) -> QRectF:
        vb = self.business.getViewBox()
        return vb.sceneBoundingRect() if vb is not None else QRectF()

    def _tech_box(self) -> QRectF:
        vb = self.tech.getViewBox()
        return vb.sceneBoundingRect() if vb is not None else QRectF()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    # --- geometry ----------------------------------------------------------------

    def segments(self) -> list[LinkSegment]:
        """Every drawable link's two ends in scene coordinates (both ends' bars known)."""
        bvb, tvb = self.business.getViewBox(), self.tech.getViewBox()
        if bvb is None or tvb is None:
            return []
        bbox, tbox = bvb.sceneBoundingRect(), tvb.sceneBoundingRect()
        out = []
        for spec in self.links:
            t = self.tech.anchor(spec.tech_id)
            b = self.business.anchor(spec.business_id)
            if t is None or b is None:
                continue
            tech_end, t_clip = _clamp(tvb.mapViewToScene(QPointF(t[0], t[1])), tbox)
            business_end, b_clip = _clamp(bvb.mapViewToScene(QPointF(b[0], b[2])), bbox)
            out.append(LinkSegment(spec, tech_end, business_end, t_clip, b_clip))
        return out

    # --- painting ----------------------------------------------------------------

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.colours is None or (not self.links and self._pending is None):
            return
        bbox, tbox = self._business_box(), self._tech_box()
        gap = QRectF(max(bbox.left(), tbox.left()), bbox.bottom(), min(bbox.right(), tbox.right()) - max(bbox.left(), tbox.left()), tbox.top() - bbox.bottom())
        clip = QPainterPath()
        for r in (bbox, gap, tbox):
            clip.addRect(r)
        painter.setClipPath(clip.simplified())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        plain, late, strong, arrows = QPainterPath(), QPainterPath(), QPainterPath(), []
        for seg in self.segments():
            if seg.tech_clipped and seg.business_clipped:
                continue  # both ends out of view: nothing useful to draw
            path = strong if {seg.spec.tech_id, seg.spec.business_id} & self.emphasised else late if seg.spec.late else plain
            a, b = seg.tech_end, seg.business_end
            bend = max(abs(a.y() - b.y()) * 0.45, 12.0)
            path.moveTo(a)
            path.cubicTo(QPointF(a.x(), a.y() - bend), QPointF(b.x(), b.y() + bend), b)
            if seg.tech_clipped:
                arrows.append((a, tbox, path is strong))
            if seg.business_clipped:
                arrows.append((b, bbox, path is strong))
        c = self.colours
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for path, pen in (
            (plain, QPen(c.link, 1.2)),
            (late, QPen(c.late_link, 1.6, Qt.PenStyle.DashLine)),
            (strong, QPen(c.highlight, 2.4)),
        ):
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        for point, box, is_strong in arrows:
            painter.setBrush(c.highlight if is_strong else c.muted)
            painter.drawPolygon(_arrow(point, box))
        if self._pending is not None:
            self._paint_pending(painter)

    def _paint_pending(self, painter: QPainter) -> None:
        source, pos, target = self._pending
        tvb, bvb = self.tech.getViewBox(), self.business.getViewBox()
        start = self.tech.anchor(source)
        if start is None or tvb is None:
            return
        a = tvb.mapViewToScene(QPointF(start[0], start[1]))
        b = pos
        ok = target is not None
        if ok:
            end = self.business.anchor(target)
            b = bvb.mapViewToScene(QPointF(end[0], end[2]))
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


def _clamp(p: QPointF, box: QRectF) -> tuple[QPointF, bool]:
    x = min(max(p.x(), box.left()), box.right())
    y = min(max(p.y(), box.top()), box.bottom())
    return QPointF(x, y), (x, y) != (p.x(), p.y())


def _arrow(p: QPointF, box: QRectF) -> QPolygonF:
    """A small triangle at `p` on the edge of `box`, pointing out of it."""
    s = ARROW_PX
    if p.x() <= box.left() + 0.5:
        return QPolygonF([QPointF(p.x(), p.y()), QPointF(p.x() + s, p.y() - s), QPointF(p.x() + s, p.y() + s)])
    if p.x() >= box.right() - 0.5:
        return QPolygonF([QPointF(p.x(), p.y()), QPointF(p.x() - s, p.y() - s), QPointF(p.x() - s, p.y() + s)])
    if p.y() <= box.top() + 0.5:
        return QPolygonF([QPointF(p.x(), p.y()), QPointF(p.x() - s, p.y() + s), QPointF(p.x() + s, p.y() + s)])
    return QPolygonF([QPointF(p.x(), p.y()), QPointF(p.x() - s, p.y() - s), QPointF(p.x() + s, p.y() - s)])
