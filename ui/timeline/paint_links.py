"""The one painter of alignment links: curves, off-view arrows, depends arrows and bundle counts (QtGui only).

Where a link goes is planner.link_routes' answer; which links a frame draws
is `drawn_links`; this module only draws them. The live links item and the
first frame both call it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF, QRegion

from planner.link_routes import Box, Bundle, LinkEnds, Route, Side, route_links
from planner.model import ItemId, LinkId, LinkKind, Roadmap
from ui.timeline.style import TimelineColours, with_alpha

ARROW_PX = 6
# Past this many links, only links with both ends in view are drawn (plus the
# emphasised ones): hundreds of curves to band edges are noise, and slow.
DETAIL_LIMIT = 300


class LinkMode(StrEnum):
    ALL = "all"
    SELECTION = "selection"  # only the links of the selected (or hovered) items
    NONE = "none"


class LinkSpec(NamedTuple):
    """How one supports link is drawn (a tuple: thousands are made when a roadmap is shown)."""

    link_id: LinkId
    tech_id: ItemId
    business_id: ItemId
    late: bool  # the enabler ends after the goal it supports


def link_specs(roadmap: Roadmap, hidden: Mapping[ItemId, ItemId] | None = None) -> list[LinkSpec]:
    """The supports links the timeline draws, tech item to business item; an end `hidden` under a collapsed
    parent is drawn to the parent shown for it (planner.outline_layout's `hidden`)."""
    shown_for = hidden.get if hidden else None
    out = []
    for link in roadmap.links.values():
        if link.kind != LinkKind.SUPPORTS:
            continue
        tech, business = roadmap.items.get(link.source_id), roadmap.items.get(link.target_id)
        if tech is None or business is None:
            continue
        ends = (shown_for(tech.id, tech.id), shown_for(business.id, business.id)) if shown_for else (tech.id, business.id)
        out.append(LinkSpec(link.id, *ends, late=tech.end > business.end))
    return out


def box_of(rect: QRectF) -> Box:
    return Box(rect.left(), rect.top(), rect.right(), rect.bottom())


def drawn_links(ends: Sequence[LinkEnds], business: QRectF, tech: QRectF, mode: LinkMode, emphasised: Sequence[bool],
                total: int) -> list[int]:
    """Positions in `ends` a frame draws: in ALL mode those with an end in view (both ends past DETAIL_LIMIT
    known links), plus the emphasised; in SELECTION mode only the emphasised."""
    if mode is LinkMode.NONE:
        return []
    if mode is LinkMode.SELECTION:
        return [k for k in range(len(ends)) if emphasised[k]]
    out = []
    for k, e in enumerate(ends):
        t_in = e.tech_x1 >= tech.left() and e.tech_x0 <= tech.right() and tech.top() <= e.tech_top <= tech.bottom()
        b_in = e.business_x1 >= business.left() and e.business_x0 <= business.right() and business.top() <= e.business_bottom <= business.bottom()
        if ((t_in and b_in) if total > DETAIL_LIMIT else (t_in or b_in)) or emphasised[k]:
            out.append(k)
    return out


def routes_for(ends: Sequence[LinkEnds], business: QRectF, tech: QRectF, pill_size: Callable | None) -> tuple[list[Route], list[Bundle]]:
    return route_links(list(ends), box_of(business), box_of(tech), pill_size)


def pill_sizer(font: QFont) -> Callable[[int], tuple[float, float]]:
    metrics = QFontMetricsF(font)
    return lambda n: (metrics.horizontalAdvance(str(n)) + 10, metrics.height())


def clip_region(business: QRectF, tech: QRectF, clear: Sequence[QRectF]) -> QRegion:
    """The two plot areas and the gap between them, minus the titles beside their bars (`clear`)."""
    left, right = max(business.left(), tech.left()), min(business.right(), tech.right())
    gap = QRectF(left, business.bottom(), right - left, tech.top() - business.bottom())
    region = QRegion()
    for r in (business, gap, tech):
        region = region.united(QRegion(r.toAlignedRect()))
    for rect in clear:
        region = region.subtracted(QRegion(rect.toAlignedRect()))
    return region


def paint_routes(p: QPainter, routes: Sequence[tuple[LinkSpec, Route]], strong_keys: set[int], faded: bool,
                 colours: TimelineColours) -> None:
    """The links' curves, four pens (faint, plain, late, strong), and arrows where an end is out of view."""
    draw_route_paths(p, route_paths(routes, strong_keys, faded), colours)


class RoutePaths(NamedTuple):
    """A frame's links as drawn: one path per pen, and the arrows (point, side, strong). The live item keeps
    them while nothing they come from changes, so a frame with nothing new only draws."""

    paths: dict[str, QPainterPath]
    arrows: list[tuple[QPointF, Side, bool]]


def route_paths(routes: Sequence[tuple[LinkSpec, Route]], strong_keys: set[int], faded: bool) -> RoutePaths:
    paths = {name: QPainterPath() for name in ("faint", "plain", "late", "strong")}
    arrows = []
    for spec, route in routes:
        strong = route.key in strong_keys
        name = "strong" if strong else "faint" if faded else "late" if spec.late else "plain"
        _add(paths[name], route)
        for point, side in ((route.tech_end, route.tech_off), (route.business_end, route.business_off)):
            if side is not None:
                arrows.append((QPointF(*point), side, strong))
    return RoutePaths(paths, arrows)


def draw_route_paths(p: QPainter, drawn: RoutePaths, colours: TimelineColours) -> None:
    c = colours
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setBrush(Qt.BrushStyle.NoBrush)
    # WORKAROUND: cosmetic pens wider than 1 px leave Qt's fast stroker (about
    # 750 ms a frame at 5,000 links); only the few emphasised links are wide.
    for name, pen in (
        ("faint", QPen(with_alpha(c.link, c.link.alphaF() * 0.35), 1.0)),
        ("plain", QPen(c.link, 1.0)),
        ("late", QPen(c.late_link, 1.0, Qt.PenStyle.DashLine)),
        ("strong", QPen(c.highlight, 2.2)),
    ):
        pen.setCosmetic(True)
        p.setPen(pen)
        p.drawPath(drawn.paths[name])
    p.setPen(Qt.PenStyle.NoPen)
    for point, side, strong in drawn.arrows:
        p.setBrush(c.highlight if strong else c.muted)
        p.drawPolygon(arrow(point, side))


def paint_depends(p: QPainter, pairs: Sequence[tuple[QPointF, QPointF]], colours: TimelineColours) -> None:
    """Finish-to-start: from the prerequisite's end to the dependent's start, dashed, with an arrowhead."""
    pen = QPen(colours.highlight, 1.6, Qt.PenStyle.DashLine)
    pen.setCosmetic(True)
    path, heads = QPainterPath(), []
    for a, b in pairs:
        reach = max(abs(b.x() - a.x()) * 0.4, 24.0)
        path.moveTo(a)
        path.cubicTo(QPointF(a.x() + reach, a.y()), QPointF(b.x() - reach, b.y()), b)
        heads.append(b)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(path)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colours.highlight)
    for b in heads:
        p.drawPolygon(QPolygonF([b, QPointF(b.x() - ARROW_PX, b.y() - ARROW_PX / 2), QPointF(b.x() - ARROW_PX, b.y() + ARROW_PX / 2)]))


def paint_counts(p: QPainter, bundles: Sequence[Bundle], emphasised: frozenset, faded: bool, font: QFont,
                 colours: TimelineColours) -> list[tuple[ItemId, QRectF, str]]:
    """A count where several links enter one business item, in the gap below it; returns what was drawn."""
    c = colours
    out = []
    p.setClipping(False)
    p.setFont(font)
    for bundle in bundles:
        if bundle.pill is None:
            continue
        pill = bundle.pill
        rect = QRectF(pill.left, pill.top, pill.right - pill.left, pill.bottom - pill.top)
        strong = ItemId(bundle.business_id) in emphasised
        p.setOpacity(0.45 if faded and not strong else 1.0)
        p.setPen(QPen(c.highlight if strong else with_alpha(c.text, 0.45), 1))
        p.setBrush(c.background)
        p.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        p.setPen(c.highlight if strong else c.text)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(bundle.count))
        out.append((ItemId(bundle.business_id), rect, str(bundle.count)))
    p.setOpacity(1.0)
    return out


def _add(path: QPainterPath, route: Route) -> None:
    (c1x, c1y), (c2x, c2y) = route.curve()
    path.moveTo(*route.tech_end)
    path.lineTo(*route.tech_exit)
    path.cubicTo(QPointF(c1x, c1y), QPointF(c2x, c2y), QPointF(*route.business_entry))
    path.lineTo(*route.business_end)


def arrow(p: QPointF, side: Side) -> QPolygonF:
    """A small triangle at `p` on a band's edge, pointing the way to the end out of view."""
    s = ARROW_PX
    x, y = p.x(), p.y()
    if side is Side.LEFT:
        return QPolygonF([QPointF(x, y), QPointF(x + s, y - s), QPointF(x + s, y + s)])
    if side is Side.RIGHT:
        return QPolygonF([QPointF(x, y), QPointF(x - s, y - s), QPointF(x - s, y + s)])
    if side is Side.UP:
        return QPolygonF([QPointF(x, y), QPointF(x - s, y + s), QPointF(x + s, y + s)])
    return QPolygonF([QPointF(x, y), QPointF(x - s, y - s), QPointF(x + s, y - s)])
