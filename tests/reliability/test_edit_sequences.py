"""Random sequences of edits, undos and redos: the file always equals the model, and undo restores it exactly.

Each step goes the way the GUI's takes it: an edit is validated into a change
set, written by `Store.apply` and applied to the model; undo applies
`invert(changes)` and redo the changes again (ui/commands.py); keyboard nudges
of one item merge into one undo step. After every step the file is read back
through a separate read-only connection and must equal the model; at the end
undoing every step must give back the original rows, `Store.dump()` for
`Store.dump()`. Hostile values (10,000-character titles, emoji, right-to-left
text, control characters, unpaired surrogates, NaN and huge budgets, far dates)
are drawn as well: each is refused by validation, with the file unchanged, or
round-trips exactly.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule, run_state_machine_as_test

from planner import edits as e
from planner.interchange import load_sample
from planner.model import Band, Decision, Item, ItemId, LinkKind, Metric, MetricId, ReviewDecision, apply_changes, invert
from planner.store import Store
from planner.validation import ValidationError

TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from([
        "x" * 10_000, "🚀 Launch 👩🏽‍💻", "خطة التحول الرقمي", "עברית ‏mixed‎ text", "\u202eevil\u202c", "tab\tnew\nline",
        "bell\x07 nul\x00 esc\x1b", "lone \ud800 surrogate", "=HYPERLINK(\"http://x\")", "   ", "",
    ]),
)
NUMBER = st.one_of(
    st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(min_value=-(10**400), max_value=10**400),
    st.sampled_from(["12%", True, -1.0, 1e308, 2**53 + 1, 2**70, -0.0]),
)
DAYS = st.one_of(st.integers(-400, 400), st.sampled_from([-(10**6), 10**6, 10**9, 80_000]))


def _template() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="sequences-"))
    path = folder / "template.roadmap"
    Store.create(path, load_sample()).close()
    return path


class EditingSession(RuleBasedStateMachine):
    """One open roadmap being edited, undone and redone."""

    template: Path | None = None
    sequences = 0
    steps = 0
    refused = 0

    def __init__(self):
        super().__init__()
        if EditingSession.template is None:
            EditingSession.template = _template()
        self.folder = Path(tempfile.mkdtemp(prefix="sequence-"))
        self.path = self.folder / "plan.roadmap"
        shutil.copyfile(EditingSession.template, self.path)  # a closed file: no WAL to miss
        self.store = Store.open(self.path)
        self.original = self.store.dump()
        self.model = self.store.load()
        self.undo_stack: list[tuple[object, tuple]] = []  # (merge key, changes)
        self.redo_stack: list[tuple[object, tuple]] = []
        EditingSession.sequences += 1

    # --- steps -------------------------------------------------------------------

    def _write(self, changes) -> None:
        self.store.apply(changes)
        self.model = apply_changes(self.model, changes)
        EditingSession.steps += 1

    def _push(self, edit, merge_key=None) -> None:
        """RoadmapDocument.push: validate, write, stack (merging a repeated nudge)."""
        before = self.store.dump()
        try:
            changes = edit.changes(self.model)
        except ValidationError as error:
            assert error.message and error.field
            assert self.store.dump() == before  # refused: nothing written
            EditingSession.refused += 1
            return
        if not changes:
            return
        self._write(changes)
        if merge_key is not None and self.undo_stack and self.undo_stack[-1][0] == merge_key and not self.redo_stack:
            key, previous = self.undo_stack.pop()
            changes = (*previous, *changes)
        self.undo_stack.append((merge_key, changes))
        self.redo_stack.clear()

    @initialize()
    def start(self):
        pass

    def _item(self, data, band: Band | None = None) -> Item:
        ids = sorted(i.id for i in self.model.items.values() if band is None or i.band == band)
        return self.model.items[data.draw(st.sampled_from(ids))]

    @precondition(lambda self: self.model.items)
    @rule(data=st.data(), title=TEXT, budget=NUMBER, days=st.integers(-60, 60))
    def update_item(self, data, title, budget, days):
        item = self._item(data)
        end = item.end + timedelta(days=days)
        self._push(e.UpdateItem(dataclasses.replace(item, title=title, budget=budget, end=end)))

    @rule(data=st.data(), title=TEXT, band=st.sampled_from(list(Band)), start=st.dates(date(1850, 1, 1), date(2300, 1, 1)),
          length=st.integers(-5, 800))
    def add_item(self, data, title, band, start, length):
        lane = data.draw(st.sampled_from([l.id for l in self.model.lanes_of(band)]))
        try:
            end = start + timedelta(days=length)
        except OverflowError:
            return
        self._push(e.AddItem(Item(ItemId(0), band, lane, title, start, end, description=title)))

    @precondition(lambda self: self.model.items)
    @rule(data=st.data(), days=DAYS)
    def move(self, data, days):
        ids = data.draw(st.lists(st.sampled_from(sorted(self.model.items)), min_size=1, max_size=4, unique=True))
        self._push(e.MoveItems(tuple(ids), days))

    @precondition(lambda self: self.model.items)
    @rule(data=st.data(), step=st.sampled_from([-1, 1]))
    def nudge(self, data, step):
        """Arrow-key nudges of one item merge into one undo step."""
        item = self._item(data)
        self._push(e.MoveItems((item.id,), step), merge_key=("nudge", item.id))

    @precondition(lambda self: len(self.model.items) > 2)
    @rule(data=st.data())
    def delete(self, data):
        ids = data.draw(st.lists(st.sampled_from(sorted(self.model.items)), min_size=1, max_size=3, unique=True))
        self._push(e.DeleteItems(tuple(ids)))

    @precondition(lambda self: self.model.items_of(Band.TECH) and self.model.items_of(Band.BUSINESS))
    @rule(data=st.data(), kind=st.sampled_from(list(LinkKind)), rationale=TEXT)
    def link(self, data, kind, rationale):
        self._push(e.AddLink(kind, self._item(data, Band.TECH).id, self._item(data).id, rationale))

    @precondition(lambda self: self.model.links)
    @rule(data=st.data())
    def unlink(self, data):
        self._push(e.RemoveLink(data.draw(st.sampled_from(sorted(self.model.links)))))

    @rule(data=st.data(), name=TEXT)
    def lanes(self, data, name):
        band = data.draw(st.sampled_from(list(Band)))
        lanes = self.model.lanes_of(band)
        choice = data.draw(st.sampled_from(["add", "rename", "reorder", "delete"]))
        if choice == "add":
            self._push(e.AddLane(band, name, data.draw(st.sampled_from(["#123abc", "red", "#FFFFFF"]))))
        elif choice == "rename" and lanes:
            self._push(e.RenameLane(data.draw(st.sampled_from(lanes)).id, name))
        elif choice == "reorder" and lanes:
            self._push(e.ReorderLanes(band, tuple(l.id for l in data.draw(st.permutations(lanes)))))
        elif lanes:
            self._push(e.DeleteLane(data.draw(st.sampled_from(lanes)).id))

    @rule(data=st.data(), value=NUMBER, name=TEXT)
    def metrics(self, data, value, name):
        choice = data.draw(st.sampled_from(["add", "update", "delete", "measure"]))
        metric_ids = sorted(self.model.metrics)
        if choice == "add":
            self._push(e.AddMetric(Metric(MetricId(0), name, "%", value, 10.0)))
        elif choice == "update" and metric_ids:
            metric = self.model.metrics[data.draw(st.sampled_from(metric_ids))]
            self._push(e.UpdateMetric(dataclasses.replace(metric, baseline=value, notes=name)))
        elif choice == "delete" and metric_ids:
            self._push(e.DeleteMetric(data.draw(st.sampled_from(metric_ids))))
        elif metric_ids:
            self._push(e.AddMeasurement(data.draw(st.sampled_from(metric_ids)), date(2026, 6, 30), value, name))

    @precondition(lambda self: self.model.items)
    @rule(data=st.data(), notes=TEXT, held_on=st.dates(date(1890, 1, 1), date(2250, 1, 1)))
    def review(self, data, notes, held_on):
        item = self._item(data)
        self._push(e.AddReview(held_on, notes, (ReviewDecision(item.id, item.title, Decision.REDATE, notes),)))

    @rule(value=NUMBER, title=TEXT)
    def settings_and_info(self, value, title):
        self._push(e.Batch("Settings", (e.SetSetting("late_enabler_lead_days", value),
                                       e.UpdateRoadmapInfo(dataclasses.replace(self.model.info, title=title)))))

    @precondition(lambda self: self.undo_stack)
    @rule()
    def undo(self):
        key, changes = self.undo_stack.pop()
        self._write(invert(changes))
        self.redo_stack.append((key, changes))

    @precondition(lambda self: self.redo_stack)
    @rule()
    def redo(self):
        key, changes = self.redo_stack.pop()
        self._write(changes)
        self.undo_stack.append((None, changes))  # a redone step is not merged into

    # --- what must always hold -----------------------------------------------------

    @invariant()
    def file_equals_model(self):
        with Store.open(self.path, read_only=True) as reader:  # another connection: what is on disk
            assert reader.load() == self.model

    def teardown(self):
        try:
            while self.undo_stack:
                self._write(invert(self.undo_stack.pop()[1]))
            assert self.store.dump() == self.original
            with Store.open(self.path, read_only=True) as reader:
                assert reader.dump() == self.original
        finally:
            self.store.close()
            shutil.rmtree(self.folder, ignore_errors=True)


def run_sequences(max_examples: int, steps: int = 25) -> dict[str, int]:
    """Run the state machine (for the benchmark too); return what was tried."""
    EditingSession.sequences = EditingSession.steps = EditingSession.refused = 0
    try:
        run_state_machine_as_test(
            EditingSession,
            settings=settings(max_examples=max_examples, stateful_step_count=steps, deadline=None,
                              suppress_health_check=list(HealthCheck), database=None),
        )
    finally:
        if EditingSession.template is not None:
            shutil.rmtree(EditingSession.template.parent, ignore_errors=True)
            EditingSession.template = None
    return {"sequences": EditingSession.sequences, "steps written": EditingSession.steps, "edits refused": EditingSession.refused}


def test_random_edit_undo_redo_sequences_keep_file_and_model_equal():
    figures = run_sequences(max_examples=60)
    print(f"\nedit sequences: {figures}")
    assert figures["sequences"] >= 60
    assert figures["steps written"] > 100 and figures["edits refused"] > 0
