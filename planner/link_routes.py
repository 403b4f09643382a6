"""Where the alignment links run, in pixels, without Qt.

A link leaves its tech bar at the bar's top edge, runs straight up to the top
of the tech band, crosses the gap between the bands on an S-curve, and runs
straight up into the business item's bottom edge. All links into one business
item share its entry point, so they arrive as one fan with a count, not as
crossing hairlines. Entry and exit points slide along their bars towards the
other ends, so the vertical runs are short and the curves gentle.

Numbers in, numbers out: the caller maps bars to pixels and measures the count
labels, so the same routes serve the screen, pictures and hit tests.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

INSET = 6.0  # an entry or exit point keeps this far inside its bar's ends
PILL_GAP = 4.0  # between two count labels on a line
CURVE_STEPS = 10  # polyline segments approximating a curve, for hit tests


class Side(StrEnum):
    """Which way an end lies that is out of view (its route stops at the band's edge)."""

    LEFT = "left"
    RIGHT = "right"
    UP = "up"
    DOWN = "down"


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class LinkEnds:
    """One link's two bars as drawn: x extents and the edge the link attaches to."""

    key: int
    tech_id: int
    business_id: int
    tech_x0: float
    tech_x1: float
    tech_top: float
    business_x0: float
    business_x1: float
    business_bottom: float


@dataclass(frozen=True)
class Route:
    """tech end -> tech band top (straight) -> gap top (S-curve, vertical tangents) -> business end (straight)."""

    key: int
    tech_end: tuple[float, float]
    tech_exit: tuple[float, float]
    business_entry: tuple[float, float]
    business_end: tuple[float, float]
    tech_off: Side | None = None
    business_off: Side | None = None

    def curve(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The two control points of the cubic from `tech_exit` to `business_entry`."""
        (ax, ay), (bx, by) = self.tech_exit, self.business_entry
        bend = (ay - by) * 0.5
        return (ax, ay - bend), (bx, by + bend)

    def polyline(self) -> list[tuple[float, float]]:
        (ax, ay), (bx, by) = self.tech_exit, self.business_entry
        (c1x, c1y), (c2x, c2y) = self.curve()
        points = [self.tech_end]
        for n in range(CURVE_STEPS + 1):
            t = n / CURVE_STEPS
            u = 1 - t
            points.append((
                u**3 * ax + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t**3 * bx,
                u**3 * ay + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t**3 * by,
            ))
        points.append(self.business_end)
        return points


@dataclass(frozen=True)
class Bundle:
    """The links into one business item: where they enter and how many; `pill` is the count's box, if shown."""

    business_id: int
    x: float
    count: int
    pill: Box | None


def _clamp(v: float, lo: float, hi: float) -> float:
    return lo if v < lo else hi if v > hi else v


def _slide(target: float, x0: float, x1: float, view: Box) -> float:
    """A point on the bar's visible part nearest `target`, kept INSET from its ends."""
    lo, hi = max(x0, view.left), min(x1, view.right)
    if hi - lo <= 2 * INSET:
        return _clamp((x0 + x1) / 2, view.left, view.right)
    return _clamp(target, lo + INSET, hi - INSET)


def _off(x0: float, x1: float, y: float, box: Box, above: Side, below: Side) -> Side | None:
    if x1 < box.left:
        return Side.LEFT
    if x0 > box.right:
        return Side.RIGHT
    if y < box.top:
        return above
    if y > box.bottom:
        return below
    return None


def route_links(
    links: Sequence[LinkEnds], business: Box, tech: Box, pill_size: Callable[[int], tuple[float, float]] | None = None
) -> tuple[list[Route], list[Bundle]]:
    """Routes for `links` between the business band's plot area and the tech band's (gap between).

    `pill_size(count)` gives a count label's (width, height); bundles of two
    or more links get one where it fits in the gap without touching another.
    """
    if not links:
        return [], []
    # First guess: centres; then each business entry moves towards its enablers, and each tech exit towards its goals.
    tech_x = {l.tech_id: _slide((l.tech_x0 + l.tech_x1) / 2, l.tech_x0, l.tech_x1, tech) for l in links}
    pulls: dict[int, list[float]] = defaultdict(list)
    for l in links:
        pulls[l.business_id].append(tech_x[l.tech_id])
    entry = {}
    for l in links:
        if l.business_id not in entry:
            xs = pulls[l.business_id]
            entry[l.business_id] = _slide(sum(xs) / len(xs), l.business_x0, l.business_x1, business)
    pulls = defaultdict(list)
    for l in links:
        pulls[l.tech_id].append(entry[l.business_id])
    for l in links:
        xs = pulls[l.tech_id]
        tech_x[l.tech_id] = _slide(sum(xs) / len(xs), l.tech_x0, l.tech_x1, tech)

    gap_top, gap_bottom = business.bottom, tech.top
    routes = []
    for l in links:
        tx, bx = tech_x[l.tech_id], entry[l.business_id]
        ty = _clamp(l.tech_top, tech.top, tech.bottom)
        by = _clamp(l.business_bottom, business.top, business.bottom)
        routes.append(Route(
            l.key, (tx, ty), (tx, gap_bottom), (bx, gap_top), (bx, by),
            _off(l.tech_x0, l.tech_x1, l.tech_top, tech, Side.UP, Side.DOWN),
            _off(l.business_x0, l.business_x1, l.business_bottom, business, Side.UP, Side.DOWN),
        ))
    counts: dict[int, int] = defaultdict(int)
    for l in links:
        counts[l.business_id] += 1
    bundles = [Bundle(b, entry[b], n, None) for b, n in counts.items()]
    if pill_size is not None:
        bundles = _place_pills(bundles, pill_size, Box(max(business.left, tech.left), gap_top, min(business.right, tech.right), gap_bottom))
    return routes, bundles


def _place_pills(bundles: list[Bundle], pill_size, gap: Box) -> list[Bundle]:
    """Count labels along the top of the gap, on a second line if the first is taken there; else none."""
    out = []
    line_ends: list[float] = []
    for b in sorted(bundles, key=lambda b: (b.x, b.business_id)):
        if b.count < 2:
            out.append(b)
            continue
        w, h = pill_size(b.count)
        left = _clamp(b.x - w / 2, gap.left, gap.right - w)
        lines = int((gap.bottom - gap.top - 2) // (h + 2))
        while len(line_ends) < lines:
            line_ends.append(-math.inf)
        pill = None
        for n in range(lines):
            if left >= line_ends[n] + PILL_GAP:
                top = gap.top + 1 + n * (h + 2)
                pill = Box(left, top, left + w, top + h)
                line_ends[n] = left + w
                break
        out.append(Bundle(b.business_id, b.x, b.count, pill))
    return out


def nearest_route(routes: Sequence[Route], x: float, y: float, tolerance: float) -> Route | None:
    """The route passing closest to (x, y), if any passes within `tolerance` pixels."""
    best, best_d = None, tolerance
    for route in routes:
        d = _distance(route, x, y, best_d)
        if d <= best_d:
            best, best_d = route, d
    return best


def _distance(route: Route, x: float, y: float, within: float) -> float:
    points = route.polyline()
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    if x < min(xs) - within or x > max(xs) + within or y < min(ys) - within or y > max(ys) + within:
        return math.inf
    return min(_to_segment(x, y, a, b) for a, b in zip(points, points[1:]))


def _to_segment(x: float, y: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else _clamp(((x - ax) * dx + (y - ay) * dy) / length2, 0.0, 1.0)
    return math.hypot(x - (ax + t * dx), y - (ay + t * dy))
