"""Drag gestures on the timeline as plain values: no Qt, testable on their own.

Each gesture is started with the items it acts on, updated with the pointer's
position in view coordinates (x in Unix seconds, y in rows), and finished
into one planner edit (or None when nothing changed). The graphics items only
dispatch mouse events here; previews draw whatever `preview()` returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import Enum

from planner import edits
from planner.dates import add_months, quarter_start
from planner.layout import DAY, from_x, nearest_day, to_x
from planner.model import Band, Item, ItemId, LaneId, LinkKind, Roadmap

MIN_SNAP_PX = 10  # a snap step narrower than this on screen is too fine to aim at


class SnapUnit(Enum):
    DAY = 1
    WEEK = 7
    MONTH = 30
    QUARTER = 91

    @property
    def label(self) -> str:
        return self.name.lower()


def snap_unit_for(px_per_day: float) -> SnapUnit:
    """The finest unit whose step is wide enough on screen to aim at."""
    for unit in SnapUnit:
        if unit.value * px_per_day >= MIN_SNAP_PX:
            return unit
    return SnapUnit.QUARTER


def snap(d: date, unit: SnapUnit, fy_month: int = 1) -> date:
    """The unit boundary nearest `d` (weeks start on Monday; quarters follow the fiscal year)."""
    if unit is SnapUnit.DAY:
        return d
    if unit is SnapUnit.WEEK:
        monday = d - timedelta(days=d.weekday())
        return monday if (d - monday).days < 4 else monday + timedelta(days=7)
    if unit is SnapUnit.MONTH:
        first = d.replace(day=1)
        later = add_months(first, 1)
        return first if (d - first) <= (later - d) else later
    first = quarter_start(d, fy_month)
    later = add_months(first, 3)
    return first if (d - first) <= (later - d) else later


def step(d: date, unit: SnapUnit, n: int = 1) -> date:
    """`d` moved by n units (months and quarters by the calendar)."""
    if unit is SnapUnit.MONTH:
        return add_months(d, n)
    if unit is SnapUnit.QUARTER:
        return add_months(d, 3 * n)
    return d + timedelta(days=unit.value * n)


@dataclass(frozen=True)
class Pointer:
    """Where the pointer is, in the dragged band's view coordinates, and how to snap."""

    x: float
    lane_id: LaneId | None
    unit: SnapUnit
    snapping: bool = True
    fy_month: int = 1

    def day(self) -> date:
        """The day boundary nearest the pointer, snapped to the unit unless Shift is held."""
        d = nearest_day(self.x)
        return snap(d, self.unit, self.fy_month) if self.snapping else d


@dataclass
class MoveGesture:
    """Drag bars in time (and, for one item, into another lane of its band).

    `carried` are the dragged items' descendants: the edit moves them along
    (planner.item_edits.MoveItems), so the preview shows them moving too.
    """

    items: tuple[Item, ...]  # the first is the one under the pointer
    anchor_x: float
    delta_days: int = 0
    lane_id: LaneId | None = None
    carried: tuple[Item, ...] = ()

    def update(self, p: Pointer) -> None:
        lead = self.items[0]
        raw = from_x(to_x(lead.start) + (p.x - self.anchor_x) + DAY / 2)
        target = snap(raw, p.unit, p.fy_month) if p.snapping else raw
        if p.snapping and target == snap(lead.start, p.unit, p.fy_month):
            target = lead.start  # still in its own grid cell: an unaligned item keeps its dates
        self.delta_days = (target - lead.start).days
        if len(self.items) == 1 and p.lane_id is not None:
            self.lane_id = p.lane_id

    def preview(self) -> list[Item]:
        return self._moved(self.items)

    def preview_carried(self) -> list[Item]:
        return self._moved(self.carried)

    def _moved(self, items) -> list[Item]:
        shift = timedelta(days=self.delta_days)
        lane = self.lane_id if len(self.items) == 1 else None
        return [replace(i, start=i.start + shift, end=i.end + shift, lane_id=lane or i.lane_id) for i in items]

    def finish(self) -> edits.MoveItems | None:
        lead = self.items[0]
        lane = self.lane_id if self.lane_id not in (None, lead.lane_id) else None
        if self.delta_days == 0 and lane is None:
            return None
        return edits.MoveItems(tuple(i.id for i in self.items), self.delta_days, lane)


@dataclass
class ResizeGesture:
    """Drag one end of a bar; it never shrinks below one snap unit."""

    item: Item
    edge: str  # "start" or "end"
    start: date = field(init=False)
    end: date = field(init=False)

    def __post_init__(self) -> None:
        self.start, self.end = self.item.start, self.item.end

    def update(self, p: Pointer) -> None:
        boundary = p.day()  # the pointer sits between two days
        unit = p.unit if p.snapping else SnapUnit.DAY
        if self.edge == "end":
            shortest = step(self.item.start, unit) - timedelta(days=1)
            self.end = max(boundary - timedelta(days=1), shortest)
        else:
            latest = step(self.item.end + timedelta(days=1), unit, -1)
            self.start = min(boundary, latest)

    def preview(self) -> list[Item]:
        return [replace(self.item, start=self.start, end=self.end)]

    def finish(self) -> edits.UpdateItem | None:
        if (self.start, self.end) == (self.item.start, self.item.end):
            return None
        return edits.UpdateItem(self.preview()[0])


@dataclass
class LinkGesture:
    """Drag from a tech item onto the business item it supports."""

    source: Item
    roadmap: Roadmap
    target: Item | None = None
    reason: str = ""

    def update(self, hovered: ItemId | None) -> None:
        """`hovered`: the item under the pointer (any band), or None."""
        self.target, self.reason = None, ""
        if hovered is None:
            self.reason = "Drop the link on a business goal or milestone"
            return
        item = self.roadmap.items.get(hovered)
        if item is None or item.band != Band.BUSINESS:
            self.reason = "A tech initiative can only support a business item"
            return
        exists = any(
            l.kind == LinkKind.SUPPORTS and l.source_id == self.source.id and l.target_id == item.id
            for l in self.roadmap.links.values()
        )
        if exists:
            self.reason = f"'{self.source.title}' already supports '{item.title}'"
            return
        self.target = item

    def finish(self) -> edits.AddLink | None:
        if self.target is None:
            return None
        return edits.AddLink(LinkKind.SUPPORTS, self.source.id, self.target.id)


def default_length(visible_days: float) -> tuple[SnapUnit, int]:
    """How long a new item is at a zoom showing `visible_days`: wide enough on screen for its title.

    A year at a five-year view, a quarter at two years, a month zoomed in, a week closer still.
    """
    if visible_days >= 3.5 * 365:
        return SnapUnit.QUARTER, 4
    if visible_days >= 15 * 30.4:
        return SnapUnit.QUARTER, 1
    if visible_days >= 2.5 * 30.4:
        return SnapUnit.MONTH, 1
    return SnapUnit.WEEK, 1


def new_item(
    roadmap: Roadmap, band: Band, lane_id: LaneId, start: date, length: tuple[SnapUnit, int] | SnapUnit, *, milestone: bool = False
) -> Item:
    """A fresh item `length` long (a unit and how many; a unit alone: one) or a milestone at `start`, titled for its band."""
    unit, count = (length, 1) if isinstance(length, SnapUnit) else length
    if milestone:
        title, end = "New milestone", start
    else:
        title = "New goal" if band == Band.BUSINESS else "New initiative"
        end = step(start, unit, count) - timedelta(days=1)
    return Item(ItemId(0), band, lane_id, title, start, end)
