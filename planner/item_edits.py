"""Edits of items, and how each treats the outline (planner/hierarchy.py).

Decisions, each chosen to match what a strategy lead sees on the timeline,
where children are drawn under their parent:

- Moving an item in time or to another lane moves its whole subtree with it
  (a goal is dragged with its sub-goals and milestones). Resizing a parent
  or editing its dates in place leaves the children where they are; a child
  left outside its parent's span is reported (alignment rule
  ``child-outside-parent``), not silently moved: the parent's dates are a
  commitment, and a slipping sub-goal is exactly what a review must see.
- A child sits in its parent's lane. Putting an item under a parent moves it
  (and its own children) into the parent's lane; changing a parent's lane
  carries its subtree; moving a child alone to another lane is refused.
- Deleting a parent deletes its subtree in the same step. A collapsed parent
  stands for everything under it, and MS Project and outliners do the same;
  undo brings all of it back. To keep the children, take them out first.
- Duplicating copies the subtree of each chosen item, the copies pointing at
  the copied parent.

Every edit returns the exact rows it changes, so its inverse is exact too.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import timedelta

from planner import validation as v
from planner.hierarchy import ancestors, children_index, descendants, subtree_ids
from planner.model import (
    Band,
    Change,
    ChangeSet,
    Delete,
    Insert,
    Item,
    ItemId,
    LaneId,
    LinkKind,
    Roadmap,
    Update,
    apply_changes,
)


def existing(collection: dict, key, what: str):
    """`collection[key]`, or a ValidationError saying the `what` does not exist."""
    try:
        return collection[key]
    except KeyError:
        raise v.ValidationError(what, f"{what} {key} does not exist") from None


def quote(title: str, limit: int = 40) -> str:
    return f"'{title if len(title) <= limit else title[: limit - 1] + '…'}'"


def _checked(roadmap: Roadmap, changes: list[Change]) -> ChangeSet:
    """Check every item the changes write against the roadmap as they leave it.

    Rules that join two items (a child and its parent's lane) must see both
    sides as changed, so a parent moving with its children is not refused.
    """
    after = apply_changes(roadmap, tuple(changes))
    for c in changes:
        if isinstance(c, (Insert, Update)):
            v.check_item(c.entity if isinstance(c, Insert) else c.after, after)
    return tuple(changes)


def _follow_lane(roadmap: Roadmap, item_id: ItemId, lane_id: LaneId) -> list[Change]:
    """Updates moving the items below `item_id` into `lane_id`."""
    return [Update(d, dataclasses.replace(d, lane_id=lane_id)) for d in descendants(roadmap, item_id) if d.lane_id != lane_id]


def _check_links_along(roadmap: Roadmap, item_id: ItemId) -> None:
    """No dependency may join the subtree of `item_id` to one of its (new) ancestors."""
    above = {a.id: a for a in ancestors(roadmap, item_id)}
    below = subtree_ids(roadmap, [item_id])
    for link in roadmap.links.values():
        if link.kind != LinkKind.DEPENDS:
            continue
        for a, b in ((link.source_id, link.target_id), (link.target_id, link.source_id)):
            if a in above and b in below:
                v.check_branch_link(roadmap.items[a], roadmap.items[b], roadmap)


@dataclass(frozen=True)
class AddItem:
    """Add `item`; its id is assigned (pass 0) unless free and given."""

    item: Item

    @property
    def label(self) -> str:
        kind = "milestone" if self.item.is_milestone else ("goal" if self.item.band == Band.BUSINESS else "initiative")
        return f"Add {kind} {quote(self.item.title)}"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        item = self.item
        if item.id == 0 or item.id in roadmap.items:
            item = dataclasses.replace(item, id=ItemId(roadmap.next_id(Item)))
        v.check_item(item, roadmap)
        return (Insert(item),)


@dataclass(frozen=True)
class UpdateItem:
    """Replace an item's fields with `item`'s (same id): edit, rename, resize, re-lane, re-parent.

    A new lane carries the item's children along; a new parent must already
    share the item's lane (SetParent moves the item there for you).
    """

    item: Item

    @property
    def label(self) -> str:
        return f"Edit {quote(self.item.title)}"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        before = existing(roadmap.items, self.item.id, "item")
        if self.item.band != before.band:
            raise v.ValidationError("band", "an item cannot move between the business and tech bands")
        if before == self.item:
            v.check_item(self.item, roadmap)
            return ()
        out: list[Change] = [Update(before, self.item)]
        if self.item.lane_id != before.lane_id:
            out += _follow_lane(roadmap, before.id, self.item.lane_id)
        changes = _checked(roadmap, out)
        if self.item.parent_id != before.parent_id:
            _check_links_along(apply_changes(roadmap, changes), before.id)
        return changes


@dataclass(frozen=True)
class SetParent:
    """Put an item under `parent_id` (None: make it top-level), moving it and its subtree into the parent's lane."""

    item_id: ItemId
    parent_id: ItemId | None

    label = "Change parent"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        before = existing(roadmap.items, self.item_id, "item")
        if self.parent_id == before.parent_id:
            return ()
        lane_id = before.lane_id
        if self.parent_id is not None:
            parent = roadmap.items.get(self.parent_id)
            if parent is None:
                raise v.ValidationError("parent", f"the parent item {self.parent_id} of '{before.title}' does not exist")
            if parent.band == before.band:  # a cross-band parent is refused by check_item, naming both bands
                lane_id = parent.lane_id
        after = dataclasses.replace(before, parent_id=self.parent_id, lane_id=lane_id)
        out: list[Change] = [Update(before, after)]
        if lane_id != before.lane_id:
            out += _follow_lane(roadmap, before.id, lane_id)
        changes = _checked(roadmap, out)
        _check_links_along(apply_changes(roadmap, changes), before.id)
        return changes


@dataclass(frozen=True)
class MoveItems:
    """Shift items and their subtrees in time by `days` (keeping durations), optionally into another lane."""

    item_ids: tuple[ItemId, ...]
    days: int
    lane_id: LaneId | None = None

    @property
    def label(self) -> str:
        return f"Move {len(self.item_ids)} items" if len(self.item_ids) > 1 else "Move"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        for item_id in self.item_ids:
            existing(roadmap.items, item_id, "item")
        below = subtree_ids(roadmap, self.item_ids) - set(self.item_ids)
        out: list[Change] = []
        for item_id in (*dict.fromkeys(self.item_ids), *sorted(below)):
            before = roadmap.items[item_id]
            try:
                shift = timedelta(days=self.days)
                start, end = before.start + shift, before.end + shift
            except OverflowError:  # beyond what a date can hold, let alone the 1900-2200 rule
                raise v.ValidationError("start", f"moving {quote(before.title)} by {self.days:,} days is beyond any date") from None
            after = dataclasses.replace(before, start=start, end=end, lane_id=self.lane_id or before.lane_id)
            if after != before:
                out.append(Update(before, after))
        return _checked(roadmap, out)


@dataclass(frozen=True)
class DuplicateItems:
    """Copy items with their subtrees; copies of children point at the copy of their parent."""

    item_ids: tuple[ItemId, ...]
    suffix: str = " (copy)"

    @property
    def label(self) -> str:
        return f"Duplicate {len(self.item_ids)} items" if len(self.item_ids) != 1 else "Duplicate"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        for item_id in self.item_ids:
            existing(roadmap.items, item_id, "item")
        chosen = set(self.item_ids)
        index = children_index(roadmap)
        order: list[Item] = []  # parents before children, each item once
        for item_id in sorted(chosen):
            if not any(a.id in chosen for a in ancestors(roadmap, item_id)):
                order += [roadmap.items[item_id], *descendants(roadmap, item_id, index)]
        next_id = roadmap.next_id(Item)
        copy_of: dict[ItemId, ItemId] = {}
        out: list[Change] = []
        for item in order:
            copy_of[item.id] = ItemId(next_id)
            next_id += 1
            title = item.title + self.suffix if item.id in chosen else item.title
            parent = copy_of.get(item.parent_id, item.parent_id) if item.parent_id is not None else None
            out.append(Insert(dataclasses.replace(item, id=copy_of[item.id], title=title, parent_id=parent)))
        return _checked(roadmap, out)


@dataclass(frozen=True)
class DeleteItems:
    """Delete items and everything below them, with their links, risks and metric references."""

    item_ids: tuple[ItemId, ...]

    @property
    def label(self) -> str:
        return f"Delete {len(self.item_ids)} items" if len(self.item_ids) != 1 else "Delete item"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        for item_id in self.item_ids:
            existing(roadmap.items, item_id, "item")
        doomed = subtree_ids(roadmap, self.item_ids)
        out: list[Change] = []
        for metric in roadmap.metrics.values():
            tech = tuple(i for i in metric.tech_item_ids if i not in doomed)
            business = None if metric.business_item_id in doomed else metric.business_item_id
            if tech != metric.tech_item_ids or business != metric.business_item_id:
                out.append(Update(metric, dataclasses.replace(metric, tech_item_ids=tech, business_item_id=business)))
        out += [Delete(r) for r in roadmap.risks.values() if r.item_id in doomed]
        out += [Delete(l) for l in roadmap.links.values() if l.source_id in doomed or l.target_id in doomed]
        out += [Delete(roadmap.items[i]) for i in sorted(doomed)]
        return tuple(out)
