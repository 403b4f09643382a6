"""The outline drawn on a band (issue 13): a disclosure triangle before each parent, a spine from it down
to its children's rows, and a collapsed parent's hidden milestones as small diamonds on its bar.

Rows come from planner.outline_layout; here they become device pixels once per frame, like the titles
(BandItem.frame), so the marks keep their size at any zoom. A triangle is left out where the item before
its parent in the row leaves it no room (zoomed far out): the keyboard and the item's menu still fold it.
The spine is handed to title placement as an obstacle, so no title is drawn across it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen, QPolygonF

from planner.layout import BAR_FILL, DAY, BandLayout, to_x
from planner.model import ItemId
from ui.timeline.paint_band import DISCLOSURE_GAP, DISCLOSURE_PX, LEAD_PX  # noqa: F401  (LEAD_PX: packing's)
from ui.timeline.style import with_alpha

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
    """One band layout's parents as arrays, ready to be put on screen frame after frame."""

    def __init__(self, layout: BandLayout, index: dict[ItemId, int], x0: np.ndarray, x1: np.ndarray, top: np.ndarray,
                 origin: float) -> None:
        parents = [(index[p.item_id], p) for p in layout.outline.parents.values() if p.item_id in index]
        parents.sort(key=lambda e: e[0])
        self.parents = parents
        self.index = np.array([n for n, _ in parents], dtype=int)
        self.collapsed = np.array([p.collapsed for _, p in parents], dtype=bool)
        self.by_bar = {n: k for k, (n, _) in enumerate(parents)}
        self.inner = [  # per parent: its hidden milestones' ids and x (relative to the origin)
            ([m.id for m in p.milestones], np.array([to_x(m.start) + DAY / 2 - origin for m in p.milestones], dtype=float))
            for _, p in parents
        ]
        # The item just before each parent in its row: its right end limits the triangle.
        order = np.lexsort((x0, top))
        prev = np.full(len(x0), -1, dtype=int)
        same_row = top[order][1:] == top[order][:-1]
        prev[order[1:][same_row]] = order[:-1][same_row]
        self.prev = prev[self.index] if len(self.index) else np.zeros(0, dtype=int)

    def frame(self, band, m11: float, m22: float, dx: float, dy: float, ext0: np.ndarray, ext1: np.ndarray,
              visible: QRectF) -> OutlineFrame:
        out = OutlineFrame()
        for k, (n, parent) in enumerate(self.parents):
            top = m22 * band._top[n] + dy
            bottom = m22 * (band._top[n] + BAR_FILL) + dy
            centre = (top + bottom) / 2
            right = float(ext0[n]) - DISCLOSURE_GAP
            box = QRectF(right - DISCLOSURE_PX, centre - DISCLOSURE_PX / 2, DISCLOSURE_PX, DISCLOSURE_PX)
            p = int(self.prev[k])
            room = p < 0 or float(ext1[p]) + 2 <= box.left()
            in_view = visible.contains(box) and float(ext1[n]) >= visible.left()
            if self.collapsed[k]:
                ids, xs = self.inner[k]
                if len(xs) and bottom >= visible.top() and top <= visible.bottom():
                    for item_id, x in zip(ids, m11 * xs + dx):
                        if visible.left() - INNER_DIAMOND_PX <= x <= visible.right() + INNER_DIAMOND_PX:
                            out.diamonds.append((n, item_id, QPointF(float(x), top)))
            if not room:
                continue
            out.lead[n] = LEAD_PX
            if in_view:
                out.disclosures.append((n, box, bool(self.collapsed[k])))
            if self.collapsed[k] or not parent.spine:
                continue
            cx = box.center().x()
            last = m22 * (parent.spine[-1] + BAR_FILL / 2) + dy
            lines = [QLineF(cx, box.bottom() + 1, cx, last)]
            for t in parent.child_tops:
                y = m22 * (t + BAR_FILL / 2) + dy
                lines.append(QLineF(cx, y, cx + STUB_PX, y))
            if max(box.bottom(), visible.top()) <= min(last, visible.bottom()) and visible.left() <= cx <= visible.right():
                out.spines.append((n, lines))
            for t in parent.spine:
                out.obstacles.setdefault(t, []).append((cx - 1, cx + STUB_PX + 1))
        return out

    def disclosure_at(self, frame, pos: QPointF, slack: float = 1.5) -> ItemId | None:
        """The parent whose triangle, as painted in the band's `frame`, is under `pos` (the band item's coordinates)."""
        if frame is None or frame.outline is None:
            return None
        device = frame.to_device.map(QPointF(pos))
        for n, box, _ in frame.outline.disclosures:
            if box.adjusted(-slack, -slack, slack, slack).contains(device):
                return self.parents[self.by_bar[n]][1].item_id
        return None


def paint_outline(painter: QPainter, band, frame: OutlineFrame) -> None:
    """Spines, triangles and hidden milestones, in device pixels (the painter's transform is reset)."""
    colours = band.colours
    dimmed = band._dimmed
    pen = QPen(with_alpha(colours.text, 0.45), 1)
    pen.setCosmetic(True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for n, lines in frame.spines:
        painter.setOpacity(0.22 if dimmed[n] else 1.0)
        painter.setPen(pen)
        painter.drawLines(lines)
    painter.setPen(Qt.PenStyle.NoPen)
    for n, box, collapsed in frame.disclosures:
        painter.setOpacity(0.3 if dimmed[n] else 1.0)
        painter.setBrush(with_alpha(colours.text, 0.75))
        painter.drawPolygon(triangle(box, collapsed))
    for n, _, c in frame.diamonds:
        painter.setOpacity(0.22 if dimmed[n] else 1.0)
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
