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

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsObject

from planner.model import ItemId, LinkId
from ui.timeline.band_item import BandItem
from ui.timeline.style import TimelineColours

ARROW_PX = 6
# Past this many links, only links with both ends in view are drawn (plus the
# selection's): hundreds of curves to band edges are noise, and slow.
DETAIL_LIMIT = 300


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
        self._known: list[int] = []  # indices of links whose two items are both laid out
        self._tx = self._ty = self._bx = self._by = np.zeros(0)
        self._emphasised_mask = np.zeros(0, dtype=bool)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setZValue(1000)

    def set_links(self, links: list[LinkSpec], colours: TimelineColours) -> None:
        """Call after both bands have their new layouts: anchors are read once, here."""
        self.links, self.colours = links, colours
        t = [self.tech.anchor(s.tech_id) for s in links]
        b = [self.business.anchor(s.business_id) for s in links]
        known = [n for n in range(len(links)) if t[n] is not None and b[n] is not None]
        self._known = known
        self._tx = np.array([t[n][0] for n in known], dtype=float)
        self._ty = np.array([t[n][1] for n in known], dtype=float)
        self._bx = np.array([b[n][0] for n in known], dtype=float)
        self._by = np.array([b[n][2] for n in known], dtype=float)
        self._index_emphasis()
        self.update()

    def set_emphasis(self, item_ids: frozenset[ItemId]) -> None:
        self.emphasised = item_ids
        self._index_emphasis()
        self.update()

    def _index_emphasis(self) -> None:
        """Which known links touch an emphasised item: worked out once, not on every paint."""
        links, ids = self.links, self.emphasised
        self._emphasised_mask = np.array(
            [links[n].tech_id in ids or links[n].business_id in ids for n in self._known], dtype=bool
        ) if ids else np.zeros(len(self._known), dtype=bool)

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

    def _scene_ends(self):
        """All known links' ends in scene coordinates, clamped to their bands, with clip flags (numpy)."""
        bvb, tvb = self.business.getViewBox(), self.tech.getViewBox()
        if bvb is None or tvb is None or not self._known:
            return None
        bbox, tbox = bvb.sceneBoundingRect(), tvb.sceneBoundingRect()
        ends = []
        for vb, box, xs, ys in ((tvb, tbox, self._tx, self._ty), (bvb, bbox, self._bx, self._by)):
            # view -> scene is a scale and a shift per axis; mapViewToScene keeps it current
            (x0, x1), (y0, y1) = vb.viewRange()
            p0, p1 = vb.mapViewToScene(QPointF(x0, y0)), vb.mapViewToScene(QPointF(x1, y1))
            ax = (p1.x() - p0.x()) / ((x1 - x0) or 1.0)
            ay = (p1.y() - p0.y()) / ((y1 - y0) or 1.0)
            sx, sy = p0.x() + ax * (xs - x0), p0.y() + ay * (ys - y0)
            cx = np.clip(sx, box.left(), box.right())
            cy = np.clip(sy, box.top(), box.bottom())
            ends.append((cx, cy, (cx != sx) | (cy != sy)))
        return ends, tbox, bbox

    def segments(self) -> list[LinkSegment]:
        """Every drawable link's two ends in scene coordinates (both ends' bars known)."""
        found = self._scene_ends()
        if found is None:
            return []
        ((tx, ty, tclip), (bx, by, bclip)), _, _ = found
        return [
            LinkSegment(self.links[n], QPointF(tx[k], ty[k]), QPointF(bx[k], by[k]), bool(tclip[k]), bool(bclip[k]))
            for k, n in enumerate(self._known)
        ]

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
        found = self._scene_ends()
        if found is not None:
            ((tx, ty, tclip), (bx, by, bclip)), _, _ = found
            emphasised = self._emphasised_mask
            drawn = ~(tclip & bclip)  # both ends out of view: nothing useful to draw
            if len(self._known) > DETAIL_LIMIT:
                drawn = ~tclip & ~bclip
            for k in np.flatnonzero(drawn | emphasised):
                spec = self.links[self._known[k]]
                path = strong if emphasised[k] else late if spec.late else plain
                a, b = QPointF(tx[k], ty[k]), QPointF(bx[k], by[k])
                bend = max(abs(a.y() - b.y()) * 0.45, 12.0)
                path.moveTo(a)
                path.cubicTo(QPointF(a.x(), a.y() - bend), QPointF(b.x(), b.y() + bend), b)
                if tclip[k]:
                    arrows.append((a, tbox, path is strong))
                if bclip[k]:
                    arrows.append((b, bbox, path is strong))
        c = self.colours
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # WORKAROUND: cosmetic pens wider than 1 px leave Qt's fast stroker (about
        # 750 ms a frame at 5,000 links); only the few emphasised links are wide.
        for path, pen in (
            (plain, QPen(c.link, 1.0)),
            (late, QPen(c.late_link, 1.0, Qt.PenStyle.DashLine)),
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
