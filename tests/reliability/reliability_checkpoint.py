"""The big edit the checkpoint tests make: enough new pages that the checkpoint grows the file."""

from __future__ import annotations

from datetime import date

from planner.edits import AddItem, Batch
from planner.model import Band, ChangeSet, Item, ItemId, LaneId, Roadmap

ADDED = 800


def grow(roadmap: Roadmap) -> ChangeSet:
    add = AddItem(Item(ItemId(0), Band.TECH, LaneId(9), "Grown " + "t" * 200, date(2027, 1, 1), date(2027, 2, 1), description="d" * 3000))
    return Batch("Grow", (add,) * ADDED).changes(roadmap)
