"""Timeline geometry without Qt: date <-> x, and packing a lane's items into rows.

x is Unix seconds at UTC midnight, the unit pyqtgraph's DateAxisItem expects.
An item spans from the start of its start day to the end of its end day, so a
one-day item has width and a milestone (start == end) is drawn at its day.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from planner.model import Item, ItemId, Lane, LaneId
from planner.outline_layout import BandOutline, LanePacking, pack_lane

DAY = 86_400.0
_EPOCH = date(1970, 1, 1)
_EPOCH_DAY = _EPOCH.toordinal()


def to_x(d: date) -> float:
    """Seconds since 1970-01-01 at the start of day `d` (UTC)."""
    return (d.toordinal() - _EPOCH_DAY) * DAY  # a day count without making a timedelta: run for every bar


def from_x(x: float) -> date:
    """The day containing x (inverse of to_x on day starts)."""
    return _EPOCH + timedelta(days=int(x // DAY))


def nearest_day(x: float) -> date:
    """The day whose start is nearest x: for snapping a dragged edge."""
    return _EPOCH + timedelta(days=round(x / DAY))


def item_span(item: Item) -> tuple[float, float]:
    """x extent of an item: start of its first day to end of its last day."""
    return (item.start.toordinal() - _EPOCH_DAY) * DAY, (item.end.toordinal() - _EPOCH_DAY) * DAY + DAY


def pack_rows(
    items: Iterable[Item], min_gap_days: float = 0.0, reach: Mapping[ItemId, tuple[float, float]] | None = None
) -> dict[ItemId, int]:
    """Assign each item the lowest row where it overlaps nothing (interval partitioning).

    Items are placed in start order, so the result is optimal: the number of
    rows equals the largest number of items overlapping at one time.
    `min_gap_days` keeps short items from touching; `reach` gives an item
    days it occupies before its start and after its end (a milestone's
    diamond and title), so nothing else is packed under them.
    """
    reach = reach or {}
    rows: dict[ItemId, int] = {}
    busy: list[tuple[float, int]] = []  # (x where the row frees up, row)
    free: list[int] = []  # rows free at the current start, lowest first
    gap = min_gap_days * DAY
    extents = []
    for item in items:  # item_span inlined: a re-packed lane of 1,000 items runs this every edit
        start = (item.start.toordinal() - _EPOCH_DAY) * DAY
        end = (item.end.toordinal() - _EPOCH_DAY) * DAY + DAY
        room = reach.get(item.id) if reach else None
        if room is not None:
            start, end = start - room[0] * DAY, end + room[1] * DAY
        extents.append((start, end, item.id))
    extents.sort()
    for start, end, item_id in extents:
        while busy and busy[0][0] <= start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        row = heapq.heappop(free) if free else len(busy)
        rows[item_id] = row
        heapq.heappush(busy, (end + gap, row))
    return rows


def row_count(rows: dict[ItemId, int]) -> int:
    return max(rows.values(), default=-1) + 1


def _pack_lane(members: list[Item], reach: Mapping, optional: Mapping) -> dict[ItemId, int]:
    """Rows for a lane: `reach` for everyone, and `optional` reach for each wanted item (in start order)
    that adds no row, i.e. keeps the most items overlapping at one time within the rows `reach` needs.

    The rows an item's optional reach would need are counted where its extent would grow, with two sorted
    lists of extent starts and ends (a point is covered by the starts at or before it less the ends at or
    before it), so each trial costs a few bisects rather than packing the lane again.
    """
    if not optional:
        return pack_rows(members, reach=reach)
    wanted = [i for i in sorted(members, key=lambda i: (i.start, i.id)) if i.id in optional]
    if not wanted:
        return pack_rows(members, reach=reach)

    def extent(item: Item, r: tuple[float, float] | None) -> tuple[float, float]:
        start, end = item_span(item)  # as pack_rows measures it
        before, after = r if r is not None else (0.0, 0.0)
        return start - before * DAY, end + after * DAY

    granted = dict(reach)
    extents = {i.id: extent(i, granted.get(i.id)) for i in members}
    starts = sorted(s for s, _ in extents.values())
    ends = sorted(e for _, e in extents.values())

    right = bisect.bisect_right  # inlined below: these counts run about a thousand times a lane, every edit
    limit = max(right(starts, x) - right(ends, x) for x in starts)  # the rows packing with `reach` alone takes
    for item in wanted:
        old, new = extents[item.id], extent(item, optional[item.id])
        _swap(starts, ends, old, new)
        lo, hi = bisect.bisect_left(starts, new[0]), bisect.bisect_left(starts, new[1])
        if max(right(starts, x) - right(ends, x) for x in starts[lo:hi]) <= limit:  # starts[lo] is new[0] itself
            granted[item.id], extents[item.id] = optional[item.id], new
        else:
            _swap(starts, ends, new, old)
    return pack_rows(members, reach=granted)


def _swap(starts: list[float], ends: list[float], old: tuple[float, float], new: tuple[float, float]) -> None:
    del starts[bisect.bisect_left(starts, old[0])]
    del ends[bisect.bisect_left(ends, old[1])]
    bisect.insort(starts, new[0])
    bisect.insort(ends, new[1])


# --- a band's layout and hit testing -------------------------------------

ROW_HEIGHT = 1.0  # y units per row; a bar fills BAR_FILL of it
BAR_FILL = 0.8
LANE_GAP = 0.2  # y units between lanes


class Part(StrEnum):
    BODY = "body"
    START = "start"
    END = "end"


@dataclass(frozen=True)
class LaneBox:
    lane: Lane
    top: float
    bottom: float
    rows: int


class Bar(NamedTuple):
    """Where one item is drawn (a tuple: a band of 5,000 items makes 5,000 of them)."""

    item: Item
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def centre_y(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Hit:
    item_id: ItemId
    part: Part


def _by_id(item: Item) -> int:
    return item.id


class _LanePack:
    """One lane's packing, kept so the next layout can reuse it: its members (and their reach), their rows
    and outline, and the bars and row index that follow from them at the lane's top `y`."""

    __slots__ = ("signature", "rows", "hierarchy", "hidden", "n", "y", "bars", "tops", "row_bars")

    def __init__(self, signature: tuple, rows: dict[ItemId, int], hierarchy: LanePacking | None, members, y: float,
                 old: _LanePack | None = None) -> None:
        self.signature, self.rows, self.hierarchy = signature, rows, hierarchy
        self.hidden = hierarchy.hidden if hierarchy is not None else {}  # items folded under a parent
        self.n = max(row_count(rows), 1)
        self.y = y
        self.bars: dict[ItemId, Bar] = {}
        by_top: dict[float, list[Bar]] = {}
        kept = old.bars if old is not None else {}  # bars of the lane's last packing, reused where nothing moved
        by_id = {i.id: i for i in members}
        # A flat lane's `rows` lists items in the order they were placed, by start: each row fills left to
        # right, already sorted by x0 (bars of one row do not overlap). An outline's rows are sorted here.
        row_tops: dict[int, float] = {}
        for item_id, row in rows.items():
            item = by_id[item_id]
            top = row_tops.get(row)
            if top is None:
                top = row_tops[row] = y + row * ROW_HEIGHT + (1 - BAR_FILL) / 2
            bar = kept.get(item_id)
            if bar is None or bar.item is not item:
                x0, x1 = item_span(item)
                bar = Bar(item, x0, x1, top, top + BAR_FILL)
            elif bar.top != top:  # the same item on another row
                bar = Bar(item, bar.x0, bar.x1, top, top + BAR_FILL)
            self.bars[item_id] = bar
            by_top.setdefault(top, []).append(bar)
        self.tops = sorted(by_top)
        if hierarchy is not None:
            for top in self.tops:
                by_top[top].sort(key=_by_x0)
        self.row_bars = [([b.x0 for b in by_top[t]], by_top[t]) for t in self.tops]

    def at(self, y: float, members) -> _LanePack:
        """The same packing with the lane's top at `y` (a lane above it grew or shrank)."""
        return self if y == self.y else _LanePack(self.signature, self.rows, self.hierarchy, members, y)


def _by_x0(bar: Bar) -> float:
    return bar.x0


@dataclass(frozen=True)
class BandLayout:
    """Where every lane and bar of one band sits: y grows downwards, in row units. Bars are in item order."""

    lanes: tuple[LaneBox, ...]
    bars: dict[ItemId, Bar]
    height: float
    _row_tops: list[float] = field(repr=False, default_factory=list)  # sorted
    _rows: list[tuple[list[float], list[Bar]]] = field(repr=False, default_factory=list)  # (x0s, bars by x0)
    outline: BandOutline = field(default_factory=BandOutline)  # parents, and what collapsed ones hide
    _packs: dict[LaneId, _LanePack] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def build(
        cls, lanes: Iterable[Lane], items: Iterable[Item], reach: Mapping[ItemId, tuple[float, float]] | None = None,
        optional: Mapping[ItemId, tuple[float, float]] | None = None, collapsed: frozenset[ItemId] = frozenset(),
        previous: BandLayout | None = None, changed: set[ItemId] | None = None,
    ) -> BandLayout:
        """Lanes top to bottom, each packed into rows; `reach` as in `pack_rows`.

        `optional` reach is granted, item by item in start order, only where it
        adds no row to the lane (room for a title beside its bar, when free).
        Children go beneath their parent (planner.outline_layout); the
        descendants of a `collapsed` parent get no bar.

        With `previous` (the layout before an edit), a lane whose members,
        their reach and its folded parents are the very same as then keeps
        its packing, moved down or up if a lane above changed height: an edit
        re-packs only the lanes it touched, and the result equals a layout
        built afresh. (An unchanged item is the same object in the next
        roadmap: `apply_changes` copies only what changed.) `changed`, with
        `previous`, names the only items whose lane, fields or reach may differ
        from then (folds unchanged): the other lanes are not even searched.
        """
        reach, optional = reach or {}, optional or {}
        items = list(items)
        before = previous._packs if previous is not None else {}
        if previous is not None and changed is not None:
            fresh = [i for i in items if i.id in changed]
            touched = {i.lane_id for i in fresh} | {previous.bars[i].item.lane_id for i in changed if i in previous.bars}
            touched |= {lane_id for lane_id, p in before.items() if p.hidden and not changed.isdisjoint(p.hidden)}  # folded then
            by_lane = {}
            for lane_id in touched:  # its members then, less the changed, plus the changed now in it (order: by id)
                old = before.get(lane_id)
                kept = [i for i in old.signature[0] if i.id not in changed] if old is not None else []
                by_lane[lane_id] = sorted(kept + [i for i in fresh if i.lane_id == lane_id], key=_by_id)
        else:
            touched, by_lane = None, {}
            for item in items:
                by_lane.setdefault(item.lane_id, []).append(item)
        packs: dict[LaneId, _LanePack] = {}
        boxes, tops, rows, outline = [], [], [], BandOutline()
        y = 0.0
        for lane in lanes:
            old = before.get(lane.id)
            if touched is not None and lane.id not in touched and old is not None:
                members, signature = old.signature[0], old.signature
            else:
                members = by_lane.get(lane.id, [])
                ids = [i.id for i in members]
                folded = tuple(i for i in ids if i in collapsed) if collapsed else ()
                signature = (tuple(members), tuple(map(reach.get, ids)), tuple(map(optional.get, ids)), folded)
            if old is not None and old.signature == signature:
                pack = old.at(y, members)
            else:
                lane_rows, hierarchy = pack_lane(list(members), reach, optional, collapsed, _pack_lane)
                pack = _LanePack(signature, lane_rows, hierarchy, members, y, old)
            packs[lane.id] = pack
            outline.add(pack.hierarchy, lambda row, y=y: y + row * ROW_HEIGHT + (1 - BAR_FILL) / 2)
            boxes.append(LaneBox(lane, y, y + pack.n * ROW_HEIGHT, pack.n))
            tops += pack.tops
            rows += pack.row_bars
            y += pack.n * ROW_HEIGHT + LANE_GAP
        moved = [(pack, before.get(lane_id)) for lane_id, pack in packs.items() if pack is not before.get(lane_id)]
        if touched is not None and packs.keys() == before.keys() and all(
                old is not None and pack.bars.keys() == old.bars.keys() for pack, old in moved):
            bars = dict(previous.bars)  # the same items shown in the same order: only re-packed or moved lanes' bars move
            for pack, _ in moved:
                bars.update(pack.bars)
        else:
            bars = {i.id: packs[i.lane_id].bars[i.id] for i in items if i.lane_id in packs and i.id in packs[i.lane_id].bars}
        return cls(tuple(boxes), bars, max(y - LANE_GAP, 0.0), tops, rows, outline, packs)

    def lane_at(self, y: float) -> Lane | None:
        for box in self.lanes:
            if box.top <= y < box.bottom:
                return box.lane
        return None

    def before_in_row(self, item_id: ItemId) -> ItemId | None:
        """The item just left of `item_id`'s bar in its row (None: it is the first, or not shown)."""
        bar = self.bars.get(item_id)
        if bar is None:
            return None
        r = bisect.bisect_left(self._row_tops, bar.top)
        if r == len(self._row_tops) or self._row_tops[r] != bar.top:
            return None
        x0s, row = self._rows[r]
        i = bisect.bisect_left(x0s, bar.x0)
        while i < len(row) and row[i] is not bar:  # bars of a row do not overlap: at most a few share an x0
            i += 1
        return row[i - 1].item.id if 0 < i < len(row) else None

    def hit(self, x: float, y: float, edge: float, milestone_half: float) -> Hit | None:
        """The item under (x, y), and which part: `edge` and `milestone_half` are x tolerances.

        The bar whose body holds x wins, its own edges included: where two bars
        of a row meet, pressing just inside one grabs that one's end, never the
        neighbour's start. Outside every body, the nearest edge within reach
        counts. Rows hold non-overlapping bars sorted by start, so a bisect
        finds the candidates: hit testing stays O(log n) at 50,000 items.
        """
        r = bisect.bisect_right(self._row_tops, y) - 1
        if r < 0 or y >= self._row_tops[r] + BAR_FILL:
            return None
        x0s, row = self._rows[r]
        i = bisect.bisect_right(x0s, x + max(edge, milestone_half))
        candidates = row[max(0, i - 4) : i]
        for bar in reversed(candidates):  # the later bar owns the instant where two touch
            if not bar.item.is_milestone and bar.x0 <= x <= bar.x1:
                grip = min(edge, (bar.x1 - bar.x0) / 4)  # short bars keep a body to grab
                part = Part.START if x - bar.x0 <= grip else Part.END if bar.x1 - x <= grip else Part.BODY
                return Hit(bar.item.id, part)
        for bar in reversed(candidates):
            if bar.item.is_milestone and abs(x - (bar.x0 + bar.x1) / 2) <= milestone_half:
                return Hit(bar.item.id, Part.BODY)
        best: tuple[float, Hit] | None = None
        for bar in candidates:
            if bar.item.is_milestone:
                continue
            grip = min(edge, (bar.x1 - bar.x0) / 4)
            for distance, part in ((bar.x0 - x, Part.START), (x - bar.x1, Part.END)):
                if 0 < distance <= grip and (best is None or distance < best[0]):
                    best = (distance, Hit(bar.item.id, part))
        return best[1] if best else None
