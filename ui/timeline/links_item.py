"""Alignment links: from each tech item's top edge, across the gap, into the business item it supports.

Lives in the scene beneath both bands (not inside either view box), so a
link can cross the gap between them while every bar and title is painted over
it. Routes and bundles come from planner.link_routes; titles that sit beside
their bars are cut out of the clip, so a link never runs through a title.
Its bounding rectangle is the union of the two view boxes' rectangles —
never the scene's rect, whose recursion crashed Qt here. An end scrolled out
of its band stops at the band's edge with an arrow pointing the way.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsObject

from planner.link_routes import Box, LinkEnds, Route, nearest_route, route_links
from planner.model import ItemId, LinkId
from planner.layout import BAR_FILL
from ui.timeline.band_item import BandItem
from ui.timeline.paint_links import (DETAIL_LIMIT, LinkMode, LinkSpec, RoutePaths, clip_region, draw_route_paths, paint_counts,
                                     paint_depends, pill_sizer, route_paths)
from ui.timeline.style import TimelineColours

HOVER_PX = 4  # how close the pointer must come to a link to hover it


@dataclass(frozen=True)
class LinkSegment:
    """Where a link's two ends are drawn, in scene coordinates; `*_clipped` says an end is off-view."""

    spec: LinkSpec
    tech_end: QPointF
    business_end: QPointF
    tech_clipped: bool
    business_clipped: bool


class LinksItem(QGraphicsObject):
    hovered = Signal(object)  # the LinkSpec under the pointer, or None

    def __init__(self, business: BandItem, tech: BandItem) -> None:
        super().__init__()
        self.business, self.tech = business, tech
        self.colours: TimelineColours | None = None
        self.links: list[LinkSpec] = []
        self.mode = LinkMode.ALL
        self.emphasised: frozenset[ItemId] = frozenset()
        self.emphasised_link: LinkId | None = None
        self.faded = False  # a hover or focus is on: other links step back
        self.depends: list[tuple[ItemId, ItemId]] = []
        self.both_ends = False
        self.painted: list[tuple[LinkSpec, Route]] = []  # the last frame on screen, scene coordinates
        self.painted_strong: set = set()  # link ids drawn strong in that frame
        self.painted_counts: list[tuple[ItemId, QRectF, str]] = []
        self.clip_out: list[QRectF] = []  # title rectangles (scene) the last frame kept clear
        self._routes: list[tuple[LinkSpec, Route]] = []
        self._hover: LinkSpec | None = None
        self._rect = QRectF()
        self._known = np.zeros(0, dtype=int)  # indices of links whose two items are both laid out
        self._position: dict[LinkId, int] = {}  # link id -> its index in `links`
        self._at: dict[ItemId, set[LinkId]] | None = None  # item -> the links drawn to or from it
        self._tech_at = self._business_at = np.zeros(0, dtype=int)  # each link's bars in the bands' columns
        self._indexed: tuple = (None, None)
        self._gathered: tuple = (None, None)  # the bands' generations the ends were read at
        self._ends = np.zeros((6, 0))
        self._emphasised_mask = np.zeros(0, dtype=bool)
        self._version = 0  # moves on with every change of links, ends, emphasis or mode: a frame's cache key
        self._frame_key: tuple | None = None
        self._frame: tuple = ()  # (routes, bundles, clear rects, clip region, paths, emphasised keys, depends) of that key
        self._keep_alive: list = []  # the frames whose ids are in the key: alive, so no new frame can take their ids
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(True)
        self.setZValue(-100)  # beneath the bands' layout: bars and titles paint over links

    def set_links(self, links: list[LinkSpec], colours: TimelineColours) -> None:
        """Call after both bands have their new layouts: anchors are read once, here."""
        self.links, self.colours = list(links), colours
        self._position = {s.link_id: n for n, s in enumerate(self.links)}
        self._at = None  # made at the first edit
        self._reindex()

    def _file(self, spec: LinkSpec) -> None:
        if self._at is not None:
            for item_id in (spec.tech_id, spec.business_id):
                self._at.setdefault(item_id, set()).add(spec.link_id)

    def update_links(self, specs: dict[LinkId, LinkSpec | None]) -> None:
        """Only these links changed (None: gone, or no longer drawn); the others keep their anchors' indices.

        A replaced spec keeps its place and a new one (a new link has the highest id) joins the end, so
        the order stays that of a fresh `set_links`; a link gone, or back mid-range, reorders them all.
        """
        links, position = self.links, self._position
        last = links[-1].link_id if links else None
        new_ids = sorted(i for i, spec in specs.items() if spec is not None and i not in position)
        gone = any(spec is None and i in position for i, spec in specs.items())
        if gone or (new_ids and last is not None and new_ids[0] < last):
            kept = [specs.get(s.link_id, s) for s in links]
            added = [specs[i] for i in new_ids]
            self.set_links(sorted((s for s in [*kept, *added] if s is not None), key=lambda s: s.link_id), self.colours)
            return
        if self._stale():
            self._index_arrays()
        tech, business = self._indexed
        for link_id, spec in specs.items():
            if spec is not None and link_id in position:
                n = position[link_id]
                links[n] = spec
                self._tech_at[n], self._business_at[n] = tech.get(spec.tech_id, -1), business.get(spec.business_id, -1)
        if new_ids:
            for link_id in new_ids:
                position[link_id] = len(links)
                links.append(specs[link_id])
                self._file(specs[link_id])
            added = [specs[i] for i in new_ids]
            self._tech_at = np.append(self._tech_at, [tech.get(s.tech_id, -1) for s in added]).astype(int)
            self._business_at = np.append(self._business_at, [business.get(s.business_id, -1) for s in added]).astype(int)
        self._known = np.flatnonzero((self._tech_at >= 0) & (self._business_at >= 0))
        self.refresh()

    def links_at(self, item_ids) -> set[LinkId]:
        """The links drawn to or from any of `item_ids`."""
        if self._at is None:
            self._at = {}
            for spec in self.links:
                self._file(spec)
        return set().union(*(self._at.get(i, ()) for i in item_ids))

    def _reindex(self) -> None:
        """Where each link's two bars sit in the bands' column arrays, then their ends."""
        self._index_arrays()
        self.refresh()

    def _index_arrays(self) -> None:
        tech, business = self.tech._index, self.business._index
        self._indexed = (tech, business)
        count = len(self.links)
        self._tech_at = np.fromiter((tech.get(s.tech_id, -1) for s in self.links), dtype=int, count=count)
        self._business_at = np.fromiter((business.get(s.business_id, -1) for s in self.links), dtype=int, count=count)
        self._known = np.flatnonzero((self._tech_at >= 0) & (self._business_at >= 0))

    def refresh(self) -> None:
        """Bars moved (an edit, another packing): read the links' ends again from the bands' columns."""
        self._gather()
        self._index_emphasis()
        self._version += 1
        self.update()

    def _gather(self) -> None:
        """The links' ends from the bands' columns: a numpy gather, not a loop (5,000 links, a fraction of a ms)."""
        if self._stale():
            self._index_arrays()  # a band was laid out afresh: its bars have new indices
        t, b = self.tech, self.business
        ti, bi = self._tech_at[self._known], self._business_at[self._known]
        # rows: tech x0, x1, top; business x0, x1, bottom (view coordinates)
        self._ends = np.vstack([t._x0[ti] + t._origin, t._x1[ti] + t._origin, t._top[ti],
                                b._x0[bi] + b._origin, b._x1[bi] + b._origin, b._top[bi] + BAR_FILL]).reshape(6, -1)
        self._gathered = (t.generation, b.generation)

    def _stale(self) -> bool:
        """Has a band been laid out afresh (new bar indices) since the links were indexed?"""
        tech, business = self._indexed
        return tech is not self.tech._index or business is not self.business._index

    def _index_emphasis(self) -> None:
        """Which known links are emphasised: worked out once, not on every paint (masks, not a loop over links)."""
        if self._stale():
            self._gather()
        ids, known = self.emphasised, self._known
        tech = self.tech._mask(ids)[self._tech_at[known]]
        business = self.business._mask(ids)[self._business_at[known]]
        mask = (tech & business) if self.both_ends else (tech | business)
        if self.emphasised_link is not None and self.emphasised_link in self._position:
            mask |= known == self._position[self.emphasised_link]
        self._emphasised_mask = mask

    def set_emphasis(
        self, item_ids: frozenset[ItemId], link_id: LinkId | None = None, *, faded: bool = False, both_ends: bool = False
    ) -> None:
        """Draw strong the links touching `item_ids` (with `both_ends`, only those between two of them) and
        `link_id`; `faded`: the others step back."""
        self.emphasised, self.emphasised_link, self.faded, self.both_ends = item_ids, link_id, faded, both_ends
        self._index_emphasis()
        self._version += 1
        self.update()

    def set_mode(self, mode: LinkMode) -> None:
        self.mode = LinkMode(mode)
        self._version += 1
        self.update()

    def relayout(self) -> None:
        """The bands moved or resized: recompute our extent from their view boxes."""
        rect = self._box(self.business).united(self._box(self.tech))
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.update()

    @staticmethod
    def _box(band: BandItem) -> QRectF:
        vb = band.getViewBox()
        return vb.sceneBoundingRect() if vb is not None else QRectF()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    # --- geometry ----------------------------------------------------------------

    def _scene_ends(self) -> np.ndarray | None:
        """Every known link's bars in scene coordinates (6 rows, as in set_links)."""
        if self._stale() or self._gathered != (self.tech.generation, self.business.generation):
            self._gather()  # bars moved since (no one said): never draw to where they were
            self._index_emphasis()
        bvb, tvb = self.business.getViewBox(), self.tech.getViewBox()
        if bvb is None or tvb is None or not len(self._known):
            return None
        out = np.empty_like(self._ends)
        for vb, rows in ((tvb, (0, 1, 2)), (bvb, (3, 4, 5))):
            # view -> scene is a scale and a shift per axis; mapViewToScene keeps it current
            (x0, x1), (y0, y1) = vb.viewRange()
            p0, p1 = vb.mapViewToScene(QPointF(x0, y0)), vb.mapViewToScene(QPointF(x1, y1))
            ax = (p1.x() - p0.x()) / ((x1 - x0) or 1.0)
            ay = (p1.y() - p0.y()) / ((y1 - y0) or 1.0)
            out[rows[0]] = p0.x() + ax * (self._ends[rows[0]] - x0)
            out[rows[1]] = p0.x() + ax * (self._ends[rows[1]] - x0)
            out[rows[2]] = p0.y() + ay * (self._ends[rows[2]] - y0)
        return out

    def _route(self, chosen: np.ndarray, ends: np.ndarray, pill_size=None):
        """Routes (scene coordinates) for the known links at positions `chosen`."""
        specs = [self.links[self._known[k]] for k in chosen]
        link_ends = [
            LinkEnds(int(k), int(s.tech_id), int(s.business_id), *(float(v) for v in ends[:, k])) for k, s in zip(chosen, specs)
        ]
        b, t = self._box(self.business), self._box(self.tech)
        boxes = [Box(r.left(), r.top(), r.right(), r.bottom()) for r in (b, t)]
        routes, bundles = route_links(link_ends, boxes[0], boxes[1], pill_size)
        by_key = {int(k): s for k, s in zip(chosen, specs)}
        return [(by_key[r.key], r) for r in routes], bundles

    def segments(self) -> list[LinkSegment]:
        """Every laid-out link's two ends in scene coordinates, drawn now or not."""
        ends = self._scene_ends()
        if ends is None:
            return []
        routes, _ = self._route(np.arange(len(self._known)), ends)
        return [
            LinkSegment(spec, QPointF(*r.tech_end), QPointF(*r.business_end), r.tech_off is not None, r.business_off is not None)
            for spec, r in routes
        ]

    def _drawn(self, ends: np.ndarray) -> np.ndarray:
        if self.mode is LinkMode.NONE:
            return np.zeros(0, dtype=int)
        if self.mode is LinkMode.SELECTION:
            return np.flatnonzero(self._emphasised_mask)
        b, t = self._box(self.business), self._box(self.tech)
        t_in = (ends[1] >= t.left()) & (ends[0] <= t.right()) & (ends[2] >= t.top()) & (ends[2] <= t.bottom())
        b_in = (ends[4] >= b.left()) & (ends[3] <= b.right()) & (ends[5] >= b.top()) & (ends[5] <= b.bottom())
        drawn = (t_in & b_in) if len(self._known) > DETAIL_LIMIT else (t_in | b_in)
        return np.flatnonzero(drawn | self._emphasised_mask)

    def link_at(self, scene_pos: QPointF) -> LinkSpec | None:
        """The drawn link passing under `scene_pos`, if any."""
        found = nearest_route([r for _, r in self._routes], scene_pos.x(), scene_pos.y(), HOVER_PX)
        return None if found is None else next(spec for spec, r in self._routes if r is found)

    # --- painting ----------------------------------------------------------------

    def paint(self, painter: QPainter, option, widget=None) -> None:
        """Which links and where is decided here (numpy); paint_links draws them, as for the first frame. A frame
        with nothing new since the last (same links, ends, emphasis, mode, view and titles) reuses its routes,
        clip and paths: only the drawing is done again."""
        self._routes = []
        if self.colours is None or not self.links:
            return
        to_device = painter.transform()
        frames = [band.frame(band.sceneTransform() * to_device, band.visible_rect(to_device)) for band in (self.business, self.tech)]
        key = self._key(frames)
        if key != self._frame_key:
            self._frame = self._compute(to_device, frames)
            self._frame_key = key if self._frame else None
            self._keep_alive = frames
        if not self._frame:
            return
        routes, bundles, clear, region, paths, emphasised, depends = self._frame
        self._routes = routes
        painter.setClipRegion(region)
        draw_route_paths(painter, paths, self.colours)
        if depends:
            paint_depends(painter, depends, self.colours)
        counts = paint_counts(painter, bundles, self.emphasised, self.faded, self.business._font, self.colours)
        if widget is not None:  # on screen, not a picture: what tests and checks read
            self.painted, self.painted_counts, self.clip_out = routes, counts, clear
            self.painted_strong = {spec.link_id for spec, route in routes if route.key in emphasised}

    def _key(self, frames) -> tuple:
        """What a frame's routes and clip follow: our version (links, ends, emphasis, mode, depends) and both bands'
        title frames, which are made afresh when their bars move, their view pans or zooms, or the device changes."""
        return self._version, id(frames[0]), id(frames[1]), self.business._font.key()

    def _compute(self, to_device, frames) -> tuple:
        ends = self._scene_ends()
        if ends is None:
            return ()
        chosen = self._drawn(ends)
        routes, bundles = self._route(chosen, ends, pill_sizer(self.business._font) if self.mode is LinkMode.ALL else None)
        clear = self._clear_rects(to_device, frames)
        region = clip_region(self._box(self.business), self._box(self.tech), clear)
        emphasised = set(np.flatnonzero(self._emphasised_mask).tolist())
        depends = [e for e in ((self._end(a, right=True), self._end(b, right=False)) for a, b in self.depends) if None not in e]
        return routes, bundles, clear, region, route_paths(routes, emphasised, self.faded), emphasised, depends

    @staticmethod
    def _clear_rects(to_device, frames) -> list[QRectF]:
        """The titles beside their bars and the badges, in scene coordinates: links keep clear of them."""
        from_device = to_device.inverted()[0]
        return [from_device.mapRect(rect).adjusted(-1, 0, 1, 0) for frame in frames for rect in frame.clear_rects()]

    def set_depends(self, pairs: list[tuple[ItemId, ItemId]]) -> None:
        """Depends links to draw (focus shows the prerequisites it kept): (must finish first, then)."""
        self.depends = pairs
        self._version += 1
        self.update()

    def _end(self, item_id: ItemId, right: bool) -> QPointF | None:
        """The middle of an item's start or end edge, in scene coordinates."""
        for band in (self.business, self.tech):
            anchor, vb = band.anchor(item_id), band.getViewBox()
            if anchor is not None and vb is not None:
                x0, x1, top, bottom = anchor
                return vb.mapViewToScene(QPointF(x1 if right else x0, (top + bottom) / 2))
        return None

    def hoverEvent(self, ev) -> None:  # noqa: N802  (pyqtgraph's hover protocol)
        spec = None if ev.isExit() else self.link_at(ev.scenePos())
        if spec != self._hover:
            self._hover = spec
            self.hovered.emit(spec)

