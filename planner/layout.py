"""Timeline geometry without Qt: date <-> x, and packing a lane's items into rows.

x is Unix seconds at UTC midnight, the unit pyqtgraph's DateAxisItem expects.
An item spans from the start of its start day to the end of its end day, so a
one-day item has width and a milestone (start == end) is drawn at its day.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone

from planner.model import Item, ItemId

DAY = 86_400.0
_EPOCH = date(1970, 1, 1)


def to_x(d: date) -> float:
    """Seconds since 1970-01-01 at the start of day `d` (UTC)."""
    return (d - _EPOCH).days * DAY


def from_x(x: float) -> date:
    """The day containing x (inverse of to_x on day starts)."""
    return _EPOCH + timedelta(days=int(x // DAY))


def nearest_day(x: float) -> date:
    """The day whose start is nearest x: for snapping a dragged edge."""
    return _EPOCH + timedelta(days=round(x / DAY))


def item_span(item: Item) -> tuple[float, float]:
    """x extent of an item: start of its first day to end of its last day."""
    return to_x(item.start), to_x(item.end) + DAY


def pack_rows(items: Iterable[Item], min_gap_days: float = 0.0) -> dict[ItemId, int]:
    """Assign each item the lowest row where it overlaps nothing (interval partitioning).

    Items are placed in start order, so the result is optimal: the number of
    rows equals the largest number of items overlapping at one time.
    `min_gap_days` keeps short items (and milestone labels) from touching.
    """
    rows: dict[ItemId, int] = {}
    busy: list[tuple[float, int]] = []  # (x where the row frees up, row)
    free: list[int] = []  # rows free at the current start, lowest first
    gap = min_gap_days * DAY
    for item in sorted(items, key=lambda i: (i.start, i.end, i.id)):
        start, end = item_span(item)
        while busy and busy[0][0] <= start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        row = heapq.heappop(free) if free else len(busy)
        rows[item.id] = row
        heapq.heappush(busy, (end + gap, row))
    return rows


def row_count(rows: dict[ItemId, int]) -> int:
    return max(rows.values(), default=-1) + 1


def x_to_datetime(x: float) -> datetime:
    return datetime.fromtimestamp(x, tz=timezone.utc)
