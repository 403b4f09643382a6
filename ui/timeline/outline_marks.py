"""The outline drawn on a band (issue 13): a disclosure triangle before each parent, a spine from it down
to its children's rows, and a collapsed parent's hidden milestones as small diamonds on its bar.

The one implementation for both hosts (QtCore/QtGui only, no numpy): the live band item and the first
frame's BandPaint build an OutlineMarks over their bar columns (lists or arrays, read by index) and
paint what `frame` answers with `paint_outline`, so the picture before pyqtgraph loads has the very
triangles the live view will click.

Rows come from planner.outline_layout; here they become device pixels once per frame, like the titles,
so the marks keep their size at any zoom. A triangle is left out where the item before its parent in the
row leaves it no room (zoomed far out): the keyboard and the item's menu still fold it. The spine is
handed to title placement as an obstacle, so no title is drawn across it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen, QPolygonF

from planner.layout import BAR_FILL, DAY, BandLayout, to_x
from planner.model import ItemId
from ui.timeline.band_frame import DIAMOND_PX
from ui.timeline.style import TimelineColours, with_alpha

DISCLOSURE_PX = 9.0  # side of a parent's disclosure triangle's box
DISCLOSURE_GAP = 6.0  # between the box and its bar: clear of the start edge's grip
LEAD_PX = DISCLOSURE_PX + DISCLOSURE_GAP + 2.0  # room lane packing keeps before a parent
STUB_PX = 5.0  # the spine's tick into a row holding children
INNER_DIAMOND_PX = 4.5  # half-diagonal of a hidden milestone drawn on its collapsed parent


@dataclass
class OutlineFrame:
    """The outline's marks for one frame, in device pixels."""

    disclosures: list[tuple[int, QRectF, bool]] = field(default_factory=list)  # (bar index, box, collapsed)
    spines: list[tuple[int, list[QLineF]]] = field(default_factory=list)  # (parent's bar index, its lines)
    diamonds: list[tuple[int, ItemId, QPointF]] = field(default_factory=list)  # (parent's bar index, milestone, centre)
    obstacles: dict[float, list[tuple[float, float]]] = field(default_factory=dict)  # bar top (layout) -> x spans
    lead: dict[int, float] = field(default_factory=dict)  # bar index -> pixels its triangle takes before it


class OutlineMarks:
    """One band layout's parents, ready to be put on screen frame after frame.

    `x0`, `x1`, `top`, `milestone`: the host's bar columns (x relative to `origin`), indexed like `index`;
    they are read, never copied, so a host that rewrites them in place makes a new OutlineMarks after.
    """

    def __init__(self, layout: BandLayout, index: dict[ItemId, int], x0: Sequence[float], x1: Sequence[float],
                 top: Sequence[float], milestone: Sequence[bool], origin: float) -> None:
        self.x0, self.x1, self.top, self.milestone = x0, x1, top, milestone
        parents = sorted((index[p.item_id], p) for p in layout.outline.parents.values() if p.item_id in index)
        self.parents = parents
        self.by_bar = {n: k for k, (n, _) in enumerate(parents)}
        self.inner = [  # per parent: its hidden milestones' ids and x (relative to the origin)
            [(m.id, to_x(m.start) + DAY / 2 - origin) for m in p.milestones] for _, p in parents
        ]
        # The item just before each parent in its row: its right end limits the triangle.
        self.prev = [-1 if (b := layout.before_in_row(p.item_id)) is None else index[b] for _, p in parents]

    def _extent(self, n: int, m11: float, dx: float) -> tuple[float, float]:
        """Bar n's left and right in device pixels (a milestone: its diamond's)."""
        a, b = m11 * float(self.x0[n]) + dx, m11 * float(self.x1[n]) + dx
        if self.milestone[n]:
            mid = (a + b) / 2
            return mid - DIAMOND_PX, mid + DIAMOND_PX
        return a, b

    def frame(self, m11: float, m22: float, dx: float, dy: float, visible: QRectF) -> OutlineFrame:
        """The marks of a frame drawn through x -> m11 x + dx, y -> m22 y + dy, inside `visible` (device pixels)."""
        out = OutlineFrame()
        v_left, v_top, v_right, v_bottom = visible.left(), visible.top(), visible.right(), visible.bottom()
        for k, (n, parent) in enumerate(self.parents):
            row = float(self.top[n])
            top = m22 * row + dy
            bottom = m22 * (row + BAR_FILL) + dy
            centre = (top + bottom) / 2
            left, right_end = self._extent(n, m11, dx)
            right = left - DISCLOSURE_GAP
            box = QRectF(right - DISCLOSURE_PX, centre - DISCLOSURE_PX / 2, DISCLOSURE_PX, DISCLOSURE_PX)
            p = self.prev[k]
            room = p < 0 or self._extent(p, m11, dx)[1] + 2 <= box.left()
            in_view = visible.contains(box) and right_end >= v_left
            if parent.collapsed:
                inner = self.inner[k]
                if inner and bottom >= v_top and top <= v_bottom:
                    for item_id, x in inner:
                        x = m11 * x + dx
                        if v_left - INNER_DIAMOND_PX <= x <= v_right + INNER_DIAMOND_PX:
                            out.diamonds.append((n, item_id, QPointF(x, top)))
            if not room:
                continue
            out.lead[n] = LEAD_PX
            if in_view:
                out.disclosures.append((n, box, parent.collapsed))
            if parent.collapsed or not parent.spine:
                continue
            cx = box.center().x()
            last = m22 * (parent.spine[-1] + BAR_FILL / 2) + dy
            lines = [QLineF(cx, box.bottom() + 1, cx, last)]
            for t in parent.child_tops:
                y = m22 * (t + BAR_FILL / 2) + dy
                lines.append(QLineF(cx, y, cx + STUB_PX, y))
            if max(box.bottom(), v_top) <= min(last, v_bottom) and v_left <= cx <= v_right:
                out.spines.append((n, lines))
            for t in parent.spine:
                out.obstacles.setdefault(t, []).append((cx - 1, cx + STUB_PX + 1))
        return out

    def obstacles_of(self, frame: OutlineFrame) -> Callable[[int], list | None] | None:
        """For title placement: the x spans in bar n's row that titles keep clear of (the spines crossing it)."""
        if not frame.obstacles:
            return None
        spines, tops = frame.obstacles, self.top
        return lambda n: spines.get(float(tops[n]))

    def disclosure_at(self, frame, pos: QPointF, slack: float = 1.5) -> ItemId | None:
        """The parent whose triangle, as painted in the band's `frame` (a BandFrame), is under `pos` (the band's
        coordinates, mapped to device pixels through the frame's `to_device`)."""
        if frame is None or frame.outline is None:
            return None
        device = frame.to_device.map(QPointF(pos))
        for n, box, _ in frame.outline.disclosures:
            if box.adjusted(-slack, -slack, slack, slack).contains(device):
                return self.parents[self.by_bar[n]][1].item_id
        return None


def paint_outline(painter: QPainter, colours: TimelineColours, frame: OutlineFrame, dimmed: Callable[[int], bool]) -> None:
    """Spines, triangles and hidden milestones, in device pixels (the painter's transform is reset);
    `dimmed(n)`: bar n is faded (outside a hover or focus)."""
    pen = QPen(with_alpha(colours.text, 0.45), 1)
    pen.setCosmetic(True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for n, lines in frame.spines:
        painter.setOpacity(0.22 if dimmed(n) else 1.0)
        painter.setPen(pen)
        painter.drawLines(lines)
    painter.setPen(Qt.PenStyle.NoPen)
    for n, box, collapsed in frame.disclosures:
        painter.setOpacity(0.3 if dimmed(n) else 1.0)
        painter.setBrush(with_alpha(colours.text, 0.75))
        painter.drawPolygon(triangle(box, collapsed))
    for n, _, c in frame.diamonds:
        painter.setOpacity(0.22 if dimmed(n) else 1.0)
        painter.setPen(QPen(colours.background, 1.2))
        painter.setBrush(colours.text)
        d = INNER_DIAMOND_PX
        painter.drawPolygon(QPolygonF([QPointF(c.x(), c.y() - d), QPointF(c.x() + d, c.y()), QPointF(c.x(), c.y() + d),
                                       QPointF(c.x() - d, c.y())]))
    painter.setOpacity(1.0)


def triangle(box: QRectF, collapsed: bool) -> QPolygonF:
    """Pointing right when collapsed (there is more inside), down when expanded."""
    if collapsed:
        return QPolygonF([QPointF(box.left() + 1.5, box.top()), QPointF(box.right(), box.center().y()),
                          QPointF(box.left() + 1.5, box.bottom())])
    return QPolygonF([QPointF(box.left(), box.top() + 1.5), QPointF(box.right(), box.top() + 1.5),
                      QPointF(box.center().x(), box.bottom())])
