"""Where each title goes on a row of the timeline, in device pixels, without Qt.

A title sits inside its bar when it fits; otherwise beside it in the row's free
space (right of the bar, or left of it when the right is taken or off the
edge); elided only when neither fits; hidden when even an elided title would
be a stub. Titles never overlap each other and never cover another item,
because each one only takes free space of its own row (the row is taller
than a line of text). A milestone has no inside: its title goes beside its
diamond.

The caller measures text (QFontMetricsF) and passes plain numbers, so the same
placement serves the screen, pictures and tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

PAD = 5.0  # text inset inside a bar
GAP = 4.0  # between an item and a title beside it
CLEARANCE = 8.0  # between a title beside its item and the next item in the row
MIN_ELIDED = 30.0  # an elided title narrower than this is a stub: hide it instead


class Placement(StrEnum):
    INSIDE = "inside"
    RIGHT = "right"
    LEFT = "left"
    ELIDED = "elided"
    HIDDEN = "hidden"

    @property
    def beside(self) -> bool:
        return self in (Placement.RIGHT, Placement.LEFT)


@dataclass(frozen=True)
class RowItem:
    """One item of a row as drawn: `x0`..`x1` is what it covers (a milestone: its diamond)."""

    key: int
    x0: float
    x1: float
    text_width: float
    milestone: bool = False
    reserve: float = 0.0  # pixels at a bar's right end kept for its badges
    obstacle: bool = False  # something drawn in the row that has no title (an outline's spine): titles keep clear
    lead: float = 0.0  # pixels before x0 taken by a mark of the item (a parent's disclosure triangle)


@dataclass(frozen=True)
class TitleBox:
    """Where one title is drawn: `width` is the room for the text (an elided text fits in it)."""

    key: int
    placement: Placement
    left: float = 0.0
    width: float = 0.0

    @property
    def right(self) -> float:
        return self.left + self.width


def place_row(items: Sequence[RowItem], left: float, right: float) -> list[TitleBox]:
    """Titles for one row's items (sorted by x0, not overlapping) seen between `left` and `right`.

    Left to right, greedily: an earlier item's title beside it claims the free
    space before a later item's title may use it.
    """
    out: list[TitleBox] = []
    claimed = left - CLEARANCE  # free space up to here is taken (by items or titles)
    for n, item in enumerate(items):
        free_from = max(claimed + CLEARANCE, left)
        free_to = min(items[n + 1].x0 - items[n + 1].lead - CLEARANCE, right) if n + 1 < len(items) else right
        box = _place(item, left, right, free_from, free_to)
        out.append(box)
        claimed = max(item.x1, box.right if box.placement is not Placement.HIDDEN and box.left >= item.x1 else item.x1)
    return out


def _place(item: RowItem, left: float, right: float, free_from: float, free_to: float) -> TitleBox:
    if item.obstacle or item.x1 <= left or item.x0 >= right:
        return TitleBox(item.key, Placement.HIDDEN)  # out of view
    width = item.text_width
    rooms: list[tuple[float, float]] = []  # (room, left) where an elided title could go
    if not item.milestone:
        inner_left = max(item.x0, left) + PAD
        inner = min(item.x1, right) - PAD - item.reserve - inner_left
        if width <= inner:
            return TitleBox(item.key, Placement.INSIDE, inner_left, width)
        rooms.append((inner, inner_left))
    start = item.x1 + GAP
    right_room = free_to - start if item.x1 < right else 0.0
    if width <= right_room:
        return TitleBox(item.key, Placement.RIGHT, start, width)
    end = item.x0 - item.lead - GAP
    left_room = end - free_from if item.x0 > left else 0.0
    if width <= left_room:
        return TitleBox(item.key, Placement.LEFT, end - width, width)
    rooms.append((right_room, start))
    if item.milestone:
        rooms.append((left_room, free_from))
    room, at = max(rooms)
    if room >= MIN_ELIDED:
        return TitleBox(item.key, Placement.ELIDED, at, room)
    return TitleBox(item.key, Placement.HIDDEN)


def place_rows(rows: Iterable[Sequence[RowItem]], left: float, right: float) -> dict[int, TitleBox]:
    """`place_row` over many rows, keyed by item key."""
    return {box.key: box for row in rows for box in place_row(row, left, right)}


@dataclass(frozen=True)
class StripLabel:
    """A label for a one-line strip, with the left positions it may take, best first."""

    key: str
    width: float
    lefts: tuple[float, ...]


def place_strip(labels: Sequence[StripLabel], left: float, right: float) -> dict[str, float]:
    """Each label's left, in order of importance: the first position inside [left, right] clear of those
    placed before (GAP apart). A label with no such position is left out."""
    placed: dict[str, float] = {}
    taken: list[tuple[float, float]] = []
    for lab in labels:
        for x in lab.lefts:
            if x < left or x + lab.width > right:
                continue
            if all(x + lab.width + GAP <= a or x >= b + GAP for a, b in taken):
                placed[lab.key] = x
                taken.append((x, x + lab.width))
                break
    return placed
