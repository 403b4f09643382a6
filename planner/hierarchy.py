"""The item outline: parents, children and outline numbers, read from `Item.parent_id`.

The rules (enforced by planner/validation.py, kept by planner/edits.py):

- A parent is another item of the same band, and the child sits in its
  parent's lane: the timeline draws children under their parent, so a child
  in another lane could not be shown there.
- No cycles: an item is never its own ancestor.
- A parent's span should cover its children. That is reported, not forced:
  the alignment rule ``child-outside-parent`` names a child that starts
  before or ends after its parent, because a goal's dates are a commitment
  that a slipping sub-goal should not silently move.

Functions here are plain reads of a `Roadmap`; none changes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from planner.model import Band, Item, ItemId, Roadmap


def children_index(roadmap: Roadmap) -> dict[ItemId, list[Item]]:
    """Parent id -> its children in outline order (start, end, title); items without a parent are left out."""
    out: dict[ItemId, list[Item]] = {}
    for item in roadmap.items.values():
        if item.parent_id is not None:
            out.setdefault(item.parent_id, []).append(item)
    for kids in out.values():
        kids.sort(key=_sibling_order)
    return out


def descendants(roadmap: Roadmap, item_id: ItemId, index: dict[ItemId, list[Item]] | None = None) -> list[Item]:
    """Every item below `item_id`, parents before their children (pre-order)."""
    index = children_index(roadmap) if index is None else index
    out: list[Item] = []
    stack = list(reversed(index.get(item_id, ())))
    while stack:
        item = stack.pop()
        out.append(item)
        stack.extend(reversed(index.get(item.id, ())))
    return out


def subtree_ids(roadmap: Roadmap, roots: Iterable[ItemId]) -> set[ItemId]:
    """`roots` and everything below them."""
    index = children_index(roadmap)
    out: set[ItemId] = set()
    for root in roots:
        out.add(root)
        out.update(d.id for d in descendants(roadmap, root, index))
    return out


def ancestors(roadmap: Roadmap, item_id: ItemId) -> Iterator[Item]:
    """The parent, its parent, ... up to a top-level item (stops at a missing id or a cycle)."""
    seen = {item_id}
    item = roadmap.items.get(item_id)
    while item is not None and item.parent_id is not None and item.parent_id not in seen:
        seen.add(item.parent_id)
        item = roadmap.items.get(item.parent_id)
        if item is not None:
            yield item


@dataclass(frozen=True)
class OutlineRow:
    item: Item
    level: int  # 1 for a top-level item
    number: str  # "2.1.3": position among siblings at each level
    is_parent: bool


def outline(roadmap: Roadmap, band: Band) -> list[OutlineRow]:
    """A band's items as an outline: lanes in order, each lane's top-level items by start,
    every item followed by its children. Numbering runs across the band's lanes."""
    lane_rank = {lane.id: n for n, lane in enumerate(roadmap.lanes_of(band))}
    items = roadmap.items_of(band)
    index = children_index(roadmap)
    roots = sorted(
        (i for i in items if i.parent_id is None or i.parent_id not in roadmap.items),
        key=lambda i: (lane_rank.get(i.lane_id, len(lane_rank)), *_sibling_order(i)),
    )
    rows: list[OutlineRow] = []
    stack = [(root, 1, str(n)) for n, root in reversed(list(enumerate(roots, 1)))]
    while stack:  # iterative: a deep outline must not hit Python's recursion limit
        item, level, number = stack.pop()
        kids = index.get(item.id, [])
        rows.append(OutlineRow(item, level, number, bool(kids)))
        stack.extend((kid, level + 1, f"{number}.{n}") for n, kid in reversed(list(enumerate(kids, 1))))
    seen = {r.item.id for r in rows}
    for item in items:  # only a damaged file (a parent cycle) leaves items unreached: list them, never drop them
        if item.id not in seen:
            rows.append(OutlineRow(item, 1, str(len(roots) + 1), False))
            roots.append(item)
    return rows


def _sibling_order(item: Item) -> tuple:
    return (item.start, item.end, item.title.casefold(), item.id)  # the board pack's item order


def possible_parents(roadmap: Roadmap, item_id: ItemId) -> list[OutlineRow]:
    """What `item_id` may be put under, in outline order: its band's items but itself and its own subtree.

    Items of other lanes are offered too: putting an item under one moves it into that lane.
    """
    below = subtree_ids(roadmap, [item_id])
    return [r for r in outline(roadmap, roadmap.items[item_id].band) if r.item.id not in below]
