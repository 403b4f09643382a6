"""Packing one lane into rows with its outline kept together (issue 13), without Qt.

A parent's row comes first and its children's rows beneath it; children share
rows among themselves where they do not overlap. Each subtree is packed as a
block: a rectangle of rows over the days its members (and the room kept for
their titles) cover. Blocks are placed first-fit in start order, each at the
lowest rows free over its whole rectangle, so nothing outside a subtree sits
inside its rectangle and a reader sees what belongs to what. With every block
one row high this is the flat packing (planner.layout.pack_rows).

A collapsed parent's block is its own row: its descendants get no row and the
band draws the parent in their place.

A lane with no parent among its items goes to the flat packer unchanged, so a
roadmap without a hierarchy pays one scan per lane.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field

from planner.model import Item, ItemId

Reach = Mapping[ItemId, tuple[float, float]]  # days kept before an item's start and after its end
FlatPacker = Callable[[list[Item], Reach, Reach], dict[ItemId, int]]
TRIAL_BUDGET = 400_000  # item-placements spent on granting optional reach in one lane; past it, none is granted


@dataclass(frozen=True)
class ParentRows:
    """Where one shown parent of a packed lane sits, in the lane's rows (0 the first)."""

    row: int
    collapsed: bool
    child_rows: tuple[int, ...]  # rows holding its direct children, ascending (none when collapsed)
    inside: tuple[Item, ...]  # collapsed: every descendant it stands for, parents before children


@dataclass(frozen=True)
class LanePacking:
    rows: dict[ItemId, int]  # every shown item's row
    parents: dict[ItemId, ParentRows]
    hidden: dict[ItemId, ItemId]  # an item under a collapsed parent -> the collapsed ancestor shown for it


def pack_lane(
    members: list[Item], reach: Reach, optional: Reach, collapsed: Collection[ItemId], flat: FlatPacker
) -> tuple[dict[ItemId, int], LanePacking | None]:
    """Rows for one lane's shown items, and the outline (None for a lane without a parent: `flat` packed it).

    `reach` is room every item keeps; `optional` reach is granted item by item,
    in start order, only where it adds no row (as in planner.layout).
    """
    forest = _Forest.of(members)
    if forest is None:
        return flat(members, reach, optional), None
    packing = forest.pack(reach, collapsed)
    wanted = [i for i in sorted(members, key=lambda i: (i.start, i.id)) if i.id in optional and i.id in packing.rows]
    if wanted and len(wanted) * len(members) <= TRIAL_BUDGET:
        limit, granted = _height(packing.rows), dict(reach)
        for item in wanted:
            trial = {**granted, item.id: optional[item.id]}
            packed = forest.pack(trial, collapsed)
            if _height(packed.rows) <= limit:
                granted, packing = trial, packed
    return packing.rows, packing


def _height(rows: Mapping[ItemId, int]) -> int:
    return max(rows.values(), default=-1) + 1


@dataclass(frozen=True)
class _Block:
    x0: float
    x1: float
    height: int
    key: tuple  # ties in start order break by end, then id (as the flat packer does)


def first_fit(blocks: list[_Block]) -> tuple[list[int], int]:
    """Each block's first row, the lowest free over its whole height, in start order; and the rows used.

    Blocks are placed by start, so a row taken by a block frees up at that
    block's end and stays free until taken again: rows wait in a heap until
    the next block's start passes their end, then join the sorted free rows,
    where a block looks for a run of its height (rows past the last are free).
    """
    offsets = [0] * len(blocks)
    busy: list[tuple[float, int]] = []  # (where a taken row frees up, row)
    free: list[int] = []  # rows free at the current start, ascending
    used = 0
    for k in sorted(range(len(blocks)), key=lambda k: (blocks[k].x0, blocks[k].x1, blocks[k].key)):
        b = blocks[k]
        while busy and busy[0][0] <= b.x0:
            bisect.insort(free, heapq.heappop(busy)[1])
        first = _run(free, b.height, used)
        at = bisect.bisect_left(free, first)
        del free[at : at + max(0, min(b.height, used - first))]
        for row in range(first, first + b.height):
            heapq.heappush(busy, (b.x1, row))
        used = max(used, first + b.height)
        offsets[k] = first
    return offsets, used


def _run(free: list[int], height: int, used: int) -> int:
    """The lowest row starting `height` free rows: from the sorted `free` rows below `used`, or rows from `used` up."""
    if not free:
        return used
    if height == 1:
        return free[0]
    start, length = free[0], 0
    for n, row in enumerate(free):
        if n and row == free[n - 1] + 1:
            length += 1
        else:
            start, length = row, 1
        if length == height:
            return start
    return start if free[-1] == used - 1 else used  # a run reaching the top goes on into fresh rows


@dataclass
class _Forest:
    """One lane's items as trees: children in the same lane, cycles (only a damaged file has them) cut."""

    roots: list[Item]
    kids: dict[ItemId, list[Item]] = field(default_factory=dict)

    @classmethod
    def of(cls, members: Iterable[Item]) -> _Forest | None:
        members = list(members)
        if all(i.parent_id is None for i in members):
            return None  # the common case, decided in one pass
        ids = {i.id for i in members}
        kids: dict[ItemId, list[Item]] = {}
        for i in members:
            if i.parent_id is not None and i.parent_id != i.id and i.parent_id in ids:
                kids.setdefault(i.parent_id, []).append(i)
        if not kids:
            return None
        ranked = sorted(members, key=lambda i: (i.start, i.end, i.id))
        order = {i.id: n for n, i in enumerate(ranked)}
        roots = [i for i in ranked if i.parent_id is None or i.parent_id == i.id or i.parent_id not in ids]
        forest = cls([], {})
        reached: set[ItemId] = set()
        pending = roots + ranked
        for root in pending:  # the members after the roots: a cycle's first item becomes a root
            if root.id in reached:
                continue
            reached.add(root.id)
            forest.roots.append(root)
            stack = [root]
            while stack:
                item = stack.pop()
                mine = [k for k in kids.get(item.id, ()) if k.id not in reached]
                if mine:
                    mine.sort(key=lambda i: order[i.id])
                    forest.kids[item.id] = mine
                    reached.update(k.id for k in mine)
                    stack.extend(mine)
        return forest

    def pack(self, reach: Reach, collapsed: Collection[ItemId]) -> LanePacking:
        # Pre-order over the shown items: a collapsed parent's subtree is collected, not descended into.
        shown: list[Item] = []
        inside: dict[ItemId, tuple[Item, ...]] = {}
        hidden: dict[ItemId, ItemId] = {}
        stack = list(reversed(self.roots))
        while stack:
            item = stack.pop()
            shown.append(item)
            kids = self.kids.get(item.id)
            if not kids:
                continue
            if item.id in collapsed:
                below = self._subtree(item)
                inside[item.id] = tuple(below)
                hidden.update((d.id, item.id) for d in below)
            else:
                stack.extend(reversed(kids))
        # Blocks bottom-up: children's blocks first-fit beneath their parent's row.
        blocks: dict[ItemId, _Block] = {}
        offset: dict[ItemId, int] = {}  # a child's first row below its parent's row
        for item in reversed(shown):
            before, after = reach.get(item.id, (0.0, 0.0))
            x0, x1 = item.start.toordinal() - before, item.end.toordinal() + 1 + after
            kids = self.kids.get(item.id) if item.id not in inside else None
            height = 1
            if kids:
                child_blocks = [blocks[k.id] for k in kids]
                offsets, used = first_fit(child_blocks)
                offset.update((k.id, o) for k, o in zip(kids, offsets))
                height += used
                x0 = min(x0, min(b.x0 for b in child_blocks))
                x1 = max(x1, max(b.x1 for b in child_blocks))
            blocks[item.id] = _Block(x0, x1, height, (item.end.toordinal(), item.id))
        top_offsets, _ = first_fit([blocks[r.id] for r in self.roots])
        rows: dict[ItemId, int] = {r.id: o for r, o in zip(self.roots, top_offsets)}
        parents: dict[ItemId, ParentRows] = {}
        for item in shown:  # pre-order: a parent's row is known before its children's
            kids = self.kids.get(item.id)
            if not kids:
                continue
            if item.id in inside:
                parents[item.id] = ParentRows(rows[item.id], True, (), inside[item.id])
                continue
            for k in kids:
                rows[k.id] = rows[item.id] + 1 + offset[k.id]
            parents[item.id] = ParentRows(rows[item.id], False, tuple(sorted({rows[k.id] for k in kids})), ())
        return LanePacking(rows, parents, hidden)

    def _subtree(self, item: Item) -> list[Item]:
        out: list[Item] = []
        stack = list(reversed(self.kids.get(item.id, ())))
        while stack:
            d = stack.pop()
            out.append(d)
            stack.extend(reversed(self.kids.get(d.id, ())))
        return out


# --- a band's outline, in layout coordinates ------------------------------------------


@dataclass(frozen=True)
class OutlineParent:
    """A shown parent as the band draws it: y values are bar tops in the band's layout."""

    item_id: ItemId
    collapsed: bool
    spine: tuple[float, ...]  # the rows below it, down to its last child's row (expanded only)
    child_tops: tuple[float, ...]  # those of them holding its direct children
    inside: tuple[Item, ...]  # collapsed: the descendants it stands for

    @property
    def milestones(self) -> tuple[Item, ...]:
        return tuple(i for i in self.inside if i.is_milestone)


@dataclass(frozen=True)
class BandOutline:
    """The hierarchy of a packed band: empty for a band without parents."""

    parents: dict[ItemId, OutlineParent] = field(default_factory=dict)
    hidden: dict[ItemId, ItemId] = field(default_factory=dict)  # item under a collapsed parent -> the one shown for it

    def add(self, lane: LanePacking | None, top_of: Callable[[int], float]) -> None:
        """Take in one lane's packing; `top_of(row)` is the bar top of a lane row in the band's layout."""
        if lane is None:
            return
        self.hidden.update(lane.hidden)
        for item_id, p in lane.parents.items():
            last = max(p.child_rows, default=p.row)
            spine = tuple(top_of(r) for r in range(p.row + 1, last + 1))
            self.parents[item_id] = OutlineParent(item_id, p.collapsed, spine, tuple(top_of(r) for r in p.child_rows), p.inside)

    def shown_for(self, item_id: ItemId) -> ItemId:
        """The item drawn for `item_id`: itself, or the collapsed ancestor it is hidden under."""
        return self.hidden.get(item_id, item_id)
