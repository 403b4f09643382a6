"""Random sequences of every kind of edit, undo and redo, for tests that follow a roadmap change by change.

`RoadmapEdits` is a Hypothesis state machine over the sample (a few of its
items broken into parts, so outline rules and packing have work): each rule
makes one edit of planner/edits.py or planner/item_edits.py as the document
does (validated into a change set; a refused edit changes nothing; repeated
nudges of one item merge into one undo step), or undoes or redoes a step
with `invert`. After each change set `follow(changes)` runs with
`self.model` already moved on, for a subclass to update what it keeps; its
invariants then compare that with a fresh computation.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule

from planner import edits as e
from planner.interchange import load_sample
from planner.model import Band, DependencyType, Item, ItemId, LinkKind, Measurement, Metric, MetricId, Status, apply_changes, invert
from planner.validation import ValidationError

TODAY = date(2026, 11, 28)
OWNERS = ["", "CEO", "CTO", "Head of Data", "Maria Lopez", "CIO / COO"]
DAYS = st.integers(-400, 400)
# Dates close to the thresholds' edges: the freshness cut-off (92 days), the tech window, review age.
NEAR = st.sampled_from([TODAY, TODAY - timedelta(days=92), TODAY - timedelta(days=93), TODAY + timedelta(days=3),
                        date(2026, 1, 1), date(2025, 6, 30), date(2028, 12, 31)])
SETTINGS = [  # (name, value): each threshold moved both ways, and a setting no rule reads
    ("late_enabler_lead_days", 0), ("late_enabler_lead_days", 30), ("stranded_enabler_days", 60),
    ("tech_max_months", 6), ("tech_max_months", 24), ("business_min_years", 4), ("business_max_years", 3),
    ("budget_outside_strategy_max_share", 0.01), ("budget_outside_strategy_max_share", 0.9),
    ("review_max_age_days", 400), ("measurement_max_age_days", 10), ("measurement_max_age_days", 2000),
    ("not_a_threshold", 3),
]
THRESHOLD = st.sampled_from(SETTINGS)



class RoadmapEdits(RuleBasedStateMachine):
    """One roadmap being edited, undone and redone; `follow` hears of every change set."""

    def __init__(self):
        super().__init__()
        self.model = with_outline(load_sample())
        self.undo_stack: list[tuple[object, tuple]] = []
        self.redo_stack: list[tuple] = []

    def follow(self, changes) -> None:
        """`changes` turned the previous model into `self.model`."""

    def _write(self, changes) -> None:
        self.model = apply_changes(self.model, changes)
        self.follow(changes)

    def _push(self, edit, merge_key=None) -> None:
        try:
            changes = edit.changes(self.model)
        except ValidationError:
            return
        if not changes:
            return
        self._write(changes)
        if merge_key is not None and self.undo_stack and self.undo_stack[-1][0] == merge_key and not self.redo_stack:
            changes = (*self.undo_stack.pop()[1], *changes)
        self.undo_stack.append((merge_key, changes))
        self.redo_stack.clear()

    def _pick(self, data, band: Band | None = None) -> Item:
        ids = sorted(i.id for i in self.model.items.values() if band is None or i.band == band)
        return self.model.items[data.draw(st.sampled_from(ids))]

    # --- items ---------------------------------------------------------------------------------

    @precondition(lambda self: self.model.items)
    @rule(data=st.data(), days=DAYS, length=st.integers(-3, 900), status=st.sampled_from(list(Status)),
          owner=st.sampled_from(OWNERS), budget=st.one_of(st.none(), st.sampled_from([0.0, 5e4, 2e6])))
    def update_item(self, data, days, length, status, owner, budget):
        item = self._pick(data)
        start = item.start + timedelta(days=days)
        change = data.draw(st.sampled_from(["dates", "status", "owner", "budget", "title", "lane", "all"]))
        fields = {
            "dates": dict(start=start, end=start + timedelta(days=length)), "status": dict(status=status),
            "owner": dict(owner=owner), "budget": dict(budget=budget), "title": dict(title=item.title[::-1] or "x"),
            "lane": dict(lane_id=data.draw(st.sampled_from([l.id for l in self.model.lanes_of(item.band)]))),
        }
        fields["all"] = {k: v for f in fields.values() for k, v in f.items()}
        self._push(e.UpdateItem(dataclasses.replace(item, **fields[change])))

    @rule(data=st.data(), band=st.sampled_from(list(Band)), start=NEAR, length=st.integers(0, 1200),
          owner=st.sampled_from(OWNERS), budget=st.one_of(st.none(), st.just(1e5)))
    def add_item(self, data, band, start, length, owner, budget):
        lane = data.draw(st.sampled_from([l.id for l in self.model.lanes_of(band)]))
        self._push(e.AddItem(Item(ItemId(0), band, lane, "New work", start, start + timedelta(days=length),
                                  owner=owner, budget=budget)))

    @precondition(lambda self: self.model.items)
    @rule(data=st.data(), days=DAYS, to_lane=st.booleans())
    def move(self, data, days, to_lane):
        first = self._pick(data)
        ids = {first.id, *data.draw(st.lists(st.sampled_from(sorted(self.model.items)), max_size=2))}
        lane = data.draw(st.sampled_from([l.id for l in self.model.lanes_of(first.band)])) if to_lane else None
        self._push(e.MoveItems(tuple(sorted(ids)), days, lane))

    @precondition(lambda self: self.model.items)
    @rule(data=st.data(), step=st.sampled_from([-1, 1, 7]))
    def nudge(self, data, step):
        item = self._pick(data)
        self._push(e.MoveItems((item.id,), step), merge_key=("nudge", item.id))

    @precondition(lambda self: self.model.items)
    @rule(data=st.data(), top=st.booleans())
    def set_parent(self, data, top):
        child = self._pick(data)
        parent = None if top else self._pick(data, child.band).id
        self._push(e.SetParent(child.id, parent))

    @precondition(lambda self: any(i.parent_id is not None for i in self.model.items.values()))
    @rule(data=st.data(), days=st.integers(-200, 200), which=st.sampled_from(["start", "end"]))
    def resize_parent(self, data, days, which):
        """A parent's dates change under its children (they stay, and may now lie outside it)."""
        parents = sorted({i.parent_id for i in self.model.items.values() if i.parent_id in self.model.items})
        parent = self.model.items[data.draw(st.sampled_from(parents))]
        moved = getattr(parent, which) + timedelta(days=days)
        self._push(e.UpdateItem(dataclasses.replace(parent, **{which: moved})))

    @precondition(lambda self: self.model.items)
    @rule(data=st.data(), named=st.booleans())
    def finish_or_reopen(self, data, named):
        """Done items are history: flip one, preferring items a link or metric names."""
        named_ids = sorted({i for m in self.model.metrics.values() for i in (m.business_item_id, *m.tech_item_ids) if i}
                           | {i for l in self.model.links.values() for i in (l.source_id, l.target_id)} & set(self.model.items))
        item = self.model.items[data.draw(st.sampled_from(named_ids))] if named and named_ids else self._pick(data)
        status = Status.PLANNED if item.status == Status.DONE else Status.DONE
        self._push(e.UpdateItem(dataclasses.replace(item, status=status)))

    @precondition(lambda self: self.model.items)
    @rule(data=st.data())
    def duplicate(self, data):
        self._push(e.DuplicateItems((self._pick(data).id,)))

    @precondition(lambda self: len(self.model.items) > 3)
    @rule(data=st.data())
    def delete(self, data):
        ids = data.draw(st.lists(st.sampled_from(sorted(self.model.items)), min_size=1, max_size=2, unique=True))
        self._push(e.DeleteItems(tuple(ids)))

    # --- links ---------------------------------------------------------------------------------

    @precondition(lambda self: self.model.items_of(Band.TECH) and self.model.items_of(Band.BUSINESS))
    @rule(data=st.data(), kind=st.sampled_from(list(LinkKind)), dep_type=st.sampled_from(list(DependencyType)),
          lag=st.sampled_from([0, 30, -10]), towards_business=st.booleans())
    def link(self, data, kind, dep_type, lag, towards_business):
        source = self._pick(data, Band.TECH if kind == LinkKind.SUPPORTS or towards_business else None)
        target = self._pick(data, Band.BUSINESS if kind == LinkKind.SUPPORTS or towards_business else None)
        if kind == LinkKind.SUPPORTS:
            self._push(e.AddLink(kind, source.id, target.id, "why"))
        else:
            self._push(e.AddLink(kind, source.id, target.id, "", dep_type, lag))

    @precondition(lambda self: any(l.kind == LinkKind.SUPPORTS for l in self.model.links.values()))
    @rule(data=st.data(), dep_type=st.sampled_from(list(DependencyType)), lag=st.sampled_from([0, 45, -400]))
    def time_an_enabler(self, data, dep_type, lag):
        """A depends link beside a supports link: it sets when the goal needs its enabler."""
        supports = sorted(l.id for l in self.model.links.values() if l.kind == LinkKind.SUPPORTS)
        link = self.model.links[data.draw(st.sampled_from(supports))]
        self._push(e.AddLink(LinkKind.DEPENDS, link.source_id, link.target_id, "", dep_type, lag))

    @precondition(lambda self: self.model.links)
    @rule(data=st.data(), dep_type=st.sampled_from(list(DependencyType)), lag=st.integers(-60, 60))
    def update_link(self, data, dep_type, lag):
        link = self.model.links[data.draw(st.sampled_from(sorted(self.model.links)))]
        if link.kind == LinkKind.DEPENDS:
            self._push(e.UpdateLink(dataclasses.replace(link, dep_type=dep_type, lag_days=lag)))
        else:
            self._push(e.UpdateLink(dataclasses.replace(link, rationale=link.rationale + "!")))

    @precondition(lambda self: self.model.links)
    @rule(data=st.data())
    def unlink(self, data):
        self._push(e.RemoveLink(data.draw(st.sampled_from(sorted(self.model.links)))))

    # --- lanes ---------------------------------------------------------------------------------

    @rule(data=st.data(), band=st.sampled_from(list(Band)), choice=st.sampled_from(["add", "rename", "recolour", "reorder", "delete"]))
    def lanes(self, data, band, choice):
        lanes = self.model.lanes_of(band)
        if choice == "add":
            self._push(e.AddLane(band, "Lane", "#123abc"))
        elif lanes:
            lane = data.draw(st.sampled_from(lanes))
            self._push({
                "rename": lambda: e.RenameLane(lane.id, lane.name + "'"),
                "recolour": lambda: e.RecolourLane(lane.id, "#abcdef"),
                "reorder": lambda: e.ReorderLanes(band, tuple(l.id for l in data.draw(st.permutations(lanes)))),
                "delete": lambda: e.DeleteLane(lane.id),
            }[choice]())

    # --- metrics and measurements ------------------------------------------------------------

    @precondition(lambda self: self.model.items_of(Band.BUSINESS))
    @rule(data=st.data(), choice=st.sampled_from(["add", "retarget", "delete"]))
    def metrics(self, data, choice):
        goal = self._pick(data, Band.BUSINESS).id
        tech = tuple(sorted({i.id for i in data.draw(st.lists(st.sampled_from(self.model.items_of(Band.TECH)), max_size=2))}))
        if choice == "add":
            self._push(e.AddMetric(Metric(MetricId(0), "Conversion", "%", 1.0, 2.0, None, goal, tech)))
        elif self.model.metrics:
            metric = self.model.metrics[data.draw(st.sampled_from(sorted(self.model.metrics)))]
            if choice == "retarget":
                self._push(e.UpdateMetric(dataclasses.replace(metric, business_item_id=data.draw(st.sampled_from([goal, None])),
                                                              tech_item_ids=tech)))
            else:
                self._push(e.DeleteMetric(metric.id))

    @precondition(lambda self: self.model.metrics)
    @rule(data=st.data(), day=NEAR, choice=st.sampled_from(["add", "redate", "delete"]))
    def measurements(self, data, day, choice):
        if choice == "add" or not self.model.measurements:
            self._push(e.AddMeasurement(data.draw(st.sampled_from(sorted(self.model.metrics))), day, 1.5))
            return
        m: Measurement = self.model.measurements[data.draw(st.sampled_from(sorted(self.model.measurements)))]
        if choice == "redate":
            self._push(e.UpdateMeasurement(dataclasses.replace(m, measured_on=day)))
        else:
            self._push(e.DeleteMeasurement(m.id))

    # --- reviews, settings, the roadmap's own fields ------------------------------------------

    @rule(held_on=NEAR)
    def review(self, held_on):
        self._push(e.AddReview(held_on, "notes"))

    @rule(setting=THRESHOLD, remove=st.booleans())
    def set_setting(self, setting, remove):
        name, value = setting
        self._push(e.SetSetting(name, None if remove else value))

    @rule(field=st.sampled_from(["title", "tech_start", "tech_months", "horizon_start"]), day=NEAR,
          months=st.sampled_from([12, 18, 24]))
    def update_info(self, field, day, months):
        value = {"title": "Renamed", "tech_start": day, "tech_months": months, "horizon_start": day}[field]
        self._push(e.UpdateRoadmapInfo(dataclasses.replace(self.model.info, **{field: value})))

    @precondition(lambda self: self.model.items)
    @rule(data=st.data(), days=DAYS)
    def batch(self, data, days):
        """Several edits as one step (as imports and multi-item gestures make them)."""
        item = self._pick(data)
        self._push(e.Batch("Several", (e.MoveItems((item.id,), days), e.SetSetting("tech_max_months", 12),
                                       e.DuplicateItems((item.id,)))))

    # --- undo and redo -------------------------------------------------------------------------

    @precondition(lambda self: self.undo_stack)
    @rule()
    def undo(self):
        key, changes = self.undo_stack.pop()
        self._write(invert(changes))
        self.redo_stack.append(changes)

    @precondition(lambda self: self.redo_stack)
    @rule()
    def redo(self):
        changes = self.redo_stack.pop()
        self._write(changes)
        self.undo_stack.append((None, changes))

def with_outline(roadmap):
    """The sample with a few goals broken into sub-goals and an initiative into phases, so outline rules have work."""
    for band in Band:
        items = sorted(roadmap.items_of(band), key=lambda i: i.id)
        for parent, child in ((items[0], items[1]), (items[0], items[2]), (items[2], items[3]), (items[4], items[5])):
            roadmap = apply_changes(roadmap, e.SetParent(child.id, parent.id).changes(roadmap))
    return roadmap
