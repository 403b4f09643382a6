"""A seeded stream of the steps a user makes, as the GUI makes them.

`Session` chooses each step (an edit, an undo or a redo) from a seed and the
current roadmap, so a process that only replays the choices in memory knows
exactly what the file must hold after any number of completed steps. An edit
becomes a change set through `planner.edits`; undo applies `invert(changes)`
and redo the same changes again, as `ui.document.commands.EditCommand` does. The
writer applies each step like `RoadmapDocument.apply_changes`: `Store.apply`
(one transaction), then `apply_changes` on the model.
"""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta

from planner import edits as e
from planner.model import Band, ChangeSet, Decision, Item, ItemId, LinkKind, ReviewDecision, Roadmap, apply_changes, invert
from planner.validation import ValidationError

# Steps that write more than one row: a kill in the middle of one must never
# leave part of it in the file.
MULTI_ROW = {"delete-linked", "batch", "review", "move-many"}
REOPEN = "reopen"  # close the store and open it again (a new document: the undo history goes)


def attached_rows(roadmap: Roadmap, item_id: ItemId) -> int:
    """Rows deleting `item_id` also removes or rewrites: links, risks, metric references."""
    links = sum(1 for l in roadmap.links.values() if item_id in (l.source_id, l.target_id))
    risks = sum(1 for r in roadmap.risks.values() if r.item_id == item_id)
    metrics = sum(1 for m in roadmap.metrics.values() if item_id in m.tech_item_ids or m.business_item_id == item_id)
    return links + risks + metrics


class Session:
    def __init__(self, roadmap: Roadmap, seed: int):
        self.roadmap = roadmap
        self.rng = random.Random(seed)
        self.undo_stack: list[ChangeSet] = []
        self.redo_stack: list[ChangeSet] = []
        self.counter = 0

    # --- choosing -------------------------------------------------------------

    def next(self) -> tuple[str, ChangeSet]:
        """The next step's kind and its changes (not applied yet)."""
        while True:
            self.counter += 1
            kind = self._choose_kind()
            if kind == REOPEN:
                return kind, ()
            if kind == "undo":
                return kind, invert(self.undo_stack[-1])
            if kind == "redo":
                return kind, self.redo_stack[-1]
            try:
                changes = self._edit(kind).changes(self.roadmap)
            except ValidationError:
                continue  # a refused edit writes nothing: choose again
            if changes:
                return kind, changes

    def _choose_kind(self) -> str:
        n = len(self.roadmap.items)
        weights = {
            "move": 14, "move-many": 6, "rename": 10, "add": 8 if n < 70 else 1, "delete-linked": 8 if n > 15 else 1,
            "delete-plain": 3 if n > 15 else 0, "batch": 6, "review": 2, "measure": 4, "link": 4,
            "undo": 14 if self.undo_stack else 0, "redo": 8 if self.redo_stack else 0, REOPEN: 1,
        }
        kinds = list(weights)
        return self.rng.choices(kinds, [weights[k] for k in kinds])[0]

    def _pick_items(self, k: int, band: Band | None = None) -> tuple[ItemId, ...]:
        ids = sorted(i.id for i in self.roadmap.items.values() if band is None or i.band == band)
        return tuple(self.rng.sample(ids, min(k, len(ids))))

    def _edit(self, kind: str):
        r, rng = self.roadmap, self.rng
        if kind == "move":
            return e.MoveItems(self._pick_items(1), rng.choice([-30, -7, -1, 1, 7, 30]))
        if kind == "move-many":
            return e.MoveItems(self._pick_items(rng.randint(3, 8)), rng.choice([-14, 14, 31]))
        if kind == "rename":
            item = r.items[self._pick_items(1)[0]]
            return e.UpdateItem(dataclasses.replace(item, title=f"{item.title[:40]} #{self.counter}", budget=float(rng.randint(0, 10**7))))
        if kind == "add":
            band = rng.choice([Band.BUSINESS, Band.TECH])
            lane = rng.choice([l.id for l in r.lanes_of(band)])
            start = r.info.horizon_start + timedelta(days=rng.randint(0, 700))
            end = start + timedelta(days=rng.choice([0, 30, 90, 365]))
            return e.AddItem(Item(ItemId(0), band, lane, f"Step {self.counter} ✓ تجربة", start, end, owner="CTO"))
        if kind == "delete-linked":
            # The item with the most attached rows: links, risks, metric references.
            ranked = sorted(r.items, key=lambda i: (attached_rows(r, i), i))
            return e.DeleteItems((ranked[-1],))
        if kind == "delete-plain":
            return e.DeleteItems(self._pick_items(rng.randint(1, 2)))
        if kind == "batch":
            copies = tuple(
                e.AddItem(dataclasses.replace(r.items[i], id=ItemId(0), title=f"{r.items[i].title[:40]} (copy {self.counter})"))
                for i in self._pick_items(rng.randint(2, 4))
            )
            return e.Batch(f"Duplicate {len(copies)} items", (*copies, e.MoveItems(self._pick_items(2), 7)))
        if kind == "review":
            decisions = tuple(
                ReviewDecision(i, r.items[i].title, rng.choice(list(Decision)), "noted") for i in self._pick_items(3)
            )
            return e.AddReview(date(2026, 1, 1) + timedelta(days=self.counter % 3000), f"Review {self.counter}", decisions)
        if kind == "measure":
            if not r.metrics:
                raise ValidationError("metric", "no metrics left")
            metric = rng.choice(sorted(r.metrics))
            return e.AddMeasurement(metric, date(2026, 1, 1) + timedelta(days=rng.randint(0, 1500)), rng.uniform(-5, 100), "")
        if kind == "link":
            source, target = self._pick_items(1, Band.TECH), self._pick_items(1, Band.BUSINESS)
            if not source or not target:
                raise ValidationError("link", "no items to link")
            return e.AddLink(LinkKind.SUPPORTS, source[0], target[0], "why")
        raise AssertionError(kind)

    # --- after the step was written ----------------------------------------------

    def done(self, kind: str, changes: ChangeSet) -> None:
        """Record that the step reached the file: move the model and the undo history in step."""
        self.roadmap = apply_changes(self.roadmap, changes)
        if kind == REOPEN:
            self.undo_stack.clear()
            self.redo_stack.clear()
        elif kind == "undo":
            self.redo_stack.append(self.undo_stack.pop())
        elif kind == "redo":
            self.undo_stack.append(self.redo_stack.pop())
        else:
            self.undo_stack.append(changes)
            self.redo_stack.clear()


def expected_states(start: Roadmap, seed: int, steps: int) -> list[tuple[str, int, Roadmap]]:
    """Replay `steps` steps in memory: [(kind, rows, roadmap after)], index 0 the start."""
    session = Session(start, seed)
    out = [("start", 0, start)]
    for _ in range(steps):
        kind, changes = session.next()
        session.done(kind, changes)
        out.append((kind, len(changes), session.roadmap))
    return out

