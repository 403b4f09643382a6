"""Every edit writes through the store, matches the model, and undoes exactly."""

from __future__ import annotations

import dataclasses
import inspect
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import edits as e
from planner import item_edits
from planner.model import (
    Band,
    Decision,
    DependencyType,
    Item,
    ItemId,
    Lane,
    LaneId,
    Link,
    LinkId,
    LinkKind,
    MeasurementId,
    MetricId,
    Metric,
    ReviewDecision,
    Risk,
    RiskCategory,
    RiskId,
    Roadmap,
    RoadmapInfo,
    Status,
    apply_changes,
    invert,
)
from planner.store import Store
from planner.validation import ValidationError

# The item with the most attached rows in the sample: links (supports and
# depends), a risk, and references from all three metrics.
CHECKOUT = ItemId(28)


def _item(r: Roadmap, i: int) -> Item:
    return r.items[ItemId(i)]


# name -> (edit class, build(roadmap) -> edit). A builder may return a list of
# edits: all but the last set the scene and are not part of the round trip.
CASES: dict[str, tuple[type, Callable[[Roadmap], object]]] = {
    "AddItem": (e.AddItem, lambda r: e.AddItem(Item(ItemId(0), Band.TECH, LaneId(9), "Agentic pilot", date(2027, 1, 1), date(2027, 6, 30), owner="CTO", budget=250000.0))),
    "AddItem-milestone": (e.AddItem, lambda r: e.AddItem(Item(ItemId(0), Band.BUSINESS, LaneId(2), "Launch in Poland", date(2029, 4, 1), date(2029, 4, 1)))),
    "UpdateItem": (e.UpdateItem, lambda r: e.UpdateItem(dataclasses.replace(_item(r, 21), title="Cloud migration", lane_id=LaneId(6), status=Status.AT_RISK, budget=3.5e6, end=date(2027, 6, 30), row=2))),
    "MoveItems": (e.MoveItems, lambda r: e.MoveItems((ItemId(21), ItemId(26), ItemId(39)), days=45)),
    "MoveItems-lane": (e.MoveItems, lambda r: e.MoveItems((ItemId(25),), days=-10, lane_id=LaneId(7))),
    "DeleteItems": (e.DeleteItems, lambda r: e.DeleteItems((CHECKOUT,))),
    "DeleteItems-plain": (e.DeleteItems, lambda r: e.DeleteItems((ItemId(39), ItemId(3)))),
    "AddLink": (e.AddLink, lambda r: e.AddLink(LinkKind.SUPPORTS, ItemId(39), ItemId(19), "Traceability for the new centre.")),
    "AddLink-typed": (e.AddLink, lambda r: e.AddLink(LinkKind.DEPENDS, ItemId(22), ItemId(32), "Residency first.", DependencyType.SF, -5)),
    "UpdateLink": (e.UpdateLink, lambda r: e.UpdateLink(dataclasses.replace(r.links[LinkId(36)], dep_type=DependencyType.SS, lag_days=-10, rationale="Overlap"))),
    # CRM go-live (27) under CRM rebuild (26), both in Applications; Cloud migration (21) is in Infrastructure.
    "SetParent": (e.SetParent, lambda r: e.SetParent(ItemId(27), ItemId(26))),
    "SetParent-lane": (e.SetParent, lambda r: [e.SetParent(ItemId(27), ItemId(26)), e.SetParent(ItemId(26), ItemId(21))]),
    "SetParent-clear": (e.SetParent, lambda r: [e.SetParent(ItemId(27), ItemId(26)), e.SetParent(ItemId(27), None)]),
    "UpdateItem-parent-lane": (e.UpdateItem, lambda r: [e.SetParent(ItemId(27), ItemId(26)), e.UpdateItem(dataclasses.replace(_item(r, 26), lane_id=LaneId(7)))]),
    "MoveItems-subtree": (e.MoveItems, lambda r: [e.SetParent(ItemId(27), ItemId(26)), e.MoveItems((ItemId(26),), days=30, lane_id=LaneId(9))]),
    "DeleteItems-subtree": (e.DeleteItems, lambda r: [e.SetParent(ItemId(27), ItemId(26)), e.DeleteItems((ItemId(26),))]),
    "DuplicateItems": (e.DuplicateItems, lambda r: [e.SetParent(ItemId(27), ItemId(26)), e.DuplicateItems((ItemId(26), ItemId(39)))]),
    "RemoveLink": (e.RemoveLink, lambda r: e.RemoveLink(LinkId(36))),
    "AddLane": (e.AddLane, lambda r: e.AddLane(Band.TECH, "Quantum", "#123abc")),
    "RenameLane": (e.RenameLane, lambda r: e.RenameLane(LaneId(1), "Growth")),
    "RecolourLane": (e.RecolourLane, lambda r: e.RecolourLane(LaneId(5), "#000000")),
    "ReorderLanes": (e.ReorderLanes, lambda r: e.ReorderLanes(Band.TECH, (LaneId(9), LaneId(5), LaneId(7), LaneId(6), LaneId(8)))),
    "DeleteLane": (e.DeleteLane, lambda r: [e.AddLane(Band.BUSINESS, "Spare", "#abcdef"), e.DeleteLane(LaneId(10))]),
    "AddMetric": (e.AddMetric, lambda r: e.AddMetric(Metric(MetricId(0), "Stores closed", "#", 0.0, 30.0, date(2027, 9, 30), ItemId(18), (ItemId(31), ItemId(37))))),
    "UpdateMetric": (e.UpdateMetric, lambda r: e.UpdateMetric(dataclasses.replace(r.metrics[MetricId(1)], tech_item_ids=(ItemId(28),), target=3.5, notes="Re-based"))),
    "DeleteMetric": (e.DeleteMetric, lambda r: e.DeleteMetric(MetricId(1))),
    "AddMeasurement": (e.AddMeasurement, lambda r: e.AddMeasurement(MetricId(2), date(2026, 9, 30), 19.5, "Q2")),
    "UpdateMeasurement": (e.UpdateMeasurement, lambda r: e.UpdateMeasurement(dataclasses.replace(r.measurements[MeasurementId(1)], value=2.0, note="Restated"))),
    "DeleteMeasurement": (e.DeleteMeasurement, lambda r: e.DeleteMeasurement(MeasurementId(2))),
    "AddReview": (e.AddReview, lambda r: e.AddReview(date(2026, 12, 31), "Q3 review", (ReviewDecision(ItemId(39), "Blockchain supply-chain pilot", Decision.STOP, "No sponsor"),))),
    "UpdateRoadmapInfo": (e.UpdateRoadmapInfo, lambda r: e.UpdateRoadmapInfo(dataclasses.replace(r.info, title="Northwind 2027", business_years=3, tech_months=24, tech_start=None, fiscal_year_start_month=1))),
    "Batch": (e.Batch, lambda r: e.Batch("Duplicate 2 items", (e.AddItem(dataclasses.replace(_item(r, 21), id=ItemId(0), title="Copy A")), e.AddItem(dataclasses.replace(_item(r, 22), id=ItemId(0), title="Copy B"))))),
    "SetSetting": (e.SetSetting, lambda r: e.SetSetting("late_enabler_lead_days", 30)),
    "SetSetting-change": (e.SetSetting, lambda r: [e.SetSetting("late_enabler_lead_days", 30), e.SetSetting("late_enabler_lead_days", 45)]),
    "SetSetting-remove": (e.SetSetting, lambda r: [e.SetSetting("late_enabler_lead_days", 30), e.SetSetting("late_enabler_lead_days", None)]),
}



def _scene(store: Store, roadmap: Roadmap, name: str) -> tuple[Roadmap, object]:
    built = CASES[name][1](roadmap)
    *setup, edit = built if isinstance(built, list) else [built]
    for s in setup:
        changes = s.changes(roadmap)
        store.apply(changes)
        roadmap = apply_changes(roadmap, changes)
    return roadmap, edit


def edit_classes() -> set[type]:
    """Every edit in planner.edits: a dataclass defined there with a `changes` method."""
    return {
        cls
        for _, cls in inspect.getmembers(e, inspect.isclass)
        if cls.__module__ in (e.__name__, item_edits.__name__) and dataclasses.is_dataclass(cls) and callable(getattr(cls, "changes", None))
    }


def test_every_edit_class_has_a_round_trip_case():
    covered = {cls for cls, _ in CASES.values()}
    missing = sorted(c.__name__ for c in edit_classes() - covered)
    assert not missing, f"add round-trip cases to CASES for: {', '.join(missing)}"
    assert len(edit_classes()) >= 22


@pytest.mark.parametrize("name", sorted(CASES))
def test_edit_round_trip(store, sample, name):
    """apply -> model matches the file; apply the inverse -> same rows and same model."""
    before_model, edit = _scene(store, sample, name)
    before = store.dump()
    assert isinstance(edit, CASES[name][0])
    assert edit.label  # every edit names itself for the undo menu

    changes = edit.changes(before_model)
    assert changes, "the case should change something"
    store.apply(changes)
    after_model = apply_changes(before_model, changes)
    assert store.load() == after_model
    assert after_model != before_model

    store.apply(invert(changes))
    assert store.load() == before_model
    assert apply_changes(after_model, invert(changes)) == before_model
    undone = store.dump()
    assert {t: sorted(rows, key=repr) for t, rows in undone.items()} == {t: sorted(rows, key=repr) for t, rows in before.items()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_edit_undo_restores_the_exact_dump(store, sample, name):
    before_model, edit = _scene(store, sample, name)
    before = store.dump()
    changes = edit.changes(before_model)
    store.apply(changes)
    store.apply(invert(changes))
    assert store.dump() == before
    assert store.load() == before_model


def test_delete_items_removes_and_restores_links_risks_and_metric_references(store, sample):
    links = [l.id for l in sample.links_of(CHECKOUT)]
    risks = [r.id for r in sample.risks.values() if r.item_id == CHECKOUT]
    metrics = [m.id for m in sample.metrics.values() if CHECKOUT in m.tech_item_ids]
    assert len(links) >= 3 and risks and len(metrics) == 3  # the sample gives this test teeth
    assert {sample.links[l].kind for l in links} == {LinkKind.SUPPORTS, LinkKind.DEPENDS}

    changes = e.DeleteItems((CHECKOUT,)).changes(sample)
    store.apply(changes)
    gone = store.load()
    assert CHECKOUT not in gone.items
    assert not gone.links_of(CHECKOUT)
    assert not [r for r in gone.risks.values() if r.item_id == CHECKOUT]
    assert not [m for m in gone.metrics.values() if CHECKOUT in m.tech_item_ids]

    store.apply(invert(changes))
    back = store.load()
    assert back == sample
    assert [m.tech_item_ids for m in back.metrics.values()] == [m.tech_item_ids for m in sample.metrics.values()]  # order too


def test_deleting_the_target_of_links_removes_them_and_undo_restores_the_file_exactly(store, sample):
    """Links are found from either end: "Launch in Germany" is only ever a target (five supports links, a
    metric, a risk); "Customer data platform" is the target of two dependencies."""
    germany, cdp = ItemId(7), ItemId(32)
    into = {l.id for l in sample.links.values() if l.target_id in (germany, cdp)}
    assert len(into) == 7 and not any(l.source_id == germany for l in sample.links.values())
    assert {sample.links[l].kind for l in into} == {LinkKind.SUPPORTS, LinkKind.DEPENDS}
    before = store.dump()

    changes = e.DeleteItems((germany, cdp)).changes(sample)
    store.apply(changes)
    gone = store.load()
    assert germany not in gone.items and cdp not in gone.items
    assert not into & set(gone.links) and not gone.links_of(germany) and not gone.links_of(cdp)
    assert gone == apply_changes(sample, changes)

    store.apply(invert(changes))
    assert store.dump() == before  # every row of every table, in order
    assert store.load() == sample


def test_delete_items_clears_a_business_item_from_its_metrics(store, sample):
    goal = ItemId(1)
    changes = e.DeleteItems((goal,)).changes(sample)
    store.apply(changes)
    assert all(m.business_item_id != goal for m in store.load().metrics.values())
    store.apply(invert(changes))
    assert store.load() == sample


def test_delete_lane_with_items_is_refused(store, sample):
    before = store.dump()
    with pytest.raises(ValidationError) as info:
        e.DeleteLane(LaneId(5)).changes(sample)
    assert info.value.field == "lane"
    assert str(info.value) == "lane 'Infrastructure' still holds 4 item(s); move or delete them first"
    assert store.dump() == before


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (e.UpdateItem(Item(ItemId(404), Band.TECH, LaneId(5), "Ghost", date(2026, 1, 1), date(2026, 2, 1))), "item"),
        (e.MoveItems((ItemId(21),), days=0, lane_id=LaneId(1)), "lane"),  # a tech item into a business lane
        (e.MoveItems((ItemId(4),), days=365 * 200), "start"),  # past 2200
        (e.AddLink(LinkKind.DEPENDS, ItemId(32), ItemId(21)), "link"),  # 21 -> 32 exists: a cycle
        (e.ReorderLanes(Band.TECH, (LaneId(5), LaneId(6))), "lanes"),
        (e.RenameLane(LaneId(1), "  "), "lane name"),
        (e.AddMeasurement(MetricId(1), date(2026, 1, 1), float("nan")), "value"),
        (e.UpdateRoadmapInfo(RoadmapInfo(title="x" * 501, horizon_start=date(2026, 1, 1))), "title"),
        (e.UpdateRoadmapInfo(RoadmapInfo(title="x", horizon_start=date(2026, 1, 1), currency="XYZ")), "currency"),
        (e.AddReview(date(2026, 1, 1), decisions=(ReviewDecision(ItemId(404), "Ghost", Decision.STOP),)), "item"),
    ],
    ids=lambda x: type(x).__name__ if not isinstance(x, str) else x,
)
def test_invalid_edits_are_refused_before_reaching_the_file(sample, edit, field):
    with pytest.raises(ValidationError) as info:
        edit.changes(sample)
    assert info.value.field == field


def test_update_item_cannot_change_band(sample):
    item = dataclasses.replace(_item(sample, 21), band=Band.BUSINESS, lane_id=LaneId(1))
    with pytest.raises(ValidationError, match="between the business and tech bands"):
        e.UpdateItem(item).changes(sample)


def test_unchanged_update_makes_no_changes(sample):
    assert e.UpdateItem(_item(sample, 21)).changes(sample) == ()
    assert e.UpdateRoadmapInfo(sample.info).changes(sample) == ()
    assert e.MoveItems((ItemId(21),), days=0).changes(sample) == ()


def test_add_review_with_two_decisions_for_one_item_is_a_validation_error(store, sample):
    d = ReviewDecision(ItemId(21), "Cloud migration (phase 1)", Decision.CONTINUE)
    edit = e.AddReview(date(2026, 12, 31), decisions=(d, dataclasses.replace(d, decision=Decision.STOP)))
    with pytest.raises(ValidationError):
        store.apply(edit.changes(sample))


# --- random edit sequences --------------------------------------------------------


def small_roadmap() -> Roadmap:
    info = RoadmapInfo(title="Small", horizon_start=date(2026, 1, 1))
    lanes = {
        LaneId(1): Lane(LaneId(1), Band.BUSINESS, "Growth", "#112233", 0),
        LaneId(2): Lane(LaneId(2), Band.TECH, "Apps", "#445566", 0),
        LaneId(3): Lane(LaneId(3), Band.TECH, "Data", "#778899", 1),
    }
    items = {
        ItemId(1): Item(ItemId(1), Band.BUSINESS, LaneId(1), "Goal", date(2026, 1, 1), date(2027, 12, 31)),
        ItemId(2): Item(ItemId(2), Band.TECH, LaneId(2), "Build", date(2026, 3, 1), date(2026, 9, 30)),
        ItemId(3): Item(ItemId(3), Band.TECH, LaneId(3), "Analyse", date(2026, 10, 1), date(2027, 3, 31)),
        ItemId(4): Item(ItemId(4), Band.BUSINESS, LaneId(1), "Launch", date(2027, 4, 1), date(2027, 4, 1)),
    }
    links = {
        LinkId(1): Link(LinkId(1), LinkKind.SUPPORTS, ItemId(2), ItemId(1)),
        LinkId(2): Link(LinkId(2), LinkKind.DEPENDS, ItemId(2), ItemId(3)),
    }
    risks = {RiskId(1): Risk(RiskId(1), ItemId(3), RiskCategory.BREACH, 2, 4)}
    return Roadmap(info, lanes, items, links, risks=risks)


@st.composite
def an_edit(draw, roadmap: Roadmap):
    ids = sorted(roadmap.items)
    kind = draw(st.sampled_from(["move", "update", "add", "delete", "parent", "duplicate"] if ids else ["add"]))
    if kind == "parent":  # often refused (cycles, bands): refusals must leave nothing behind
        return e.SetParent(draw(st.sampled_from(ids)), draw(st.none() | st.sampled_from(ids)))
    if kind == "duplicate":
        return e.DuplicateItems(tuple(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))))
    if kind == "move":
        chosen = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
        lane = draw(st.none() | st.sampled_from(sorted(roadmap.lanes)))
        return e.MoveItems(tuple(chosen), draw(st.integers(-400, 400)), lane)
    if kind == "update":
        item = roadmap.items[draw(st.sampled_from(ids))]
        return e.UpdateItem(dataclasses.replace(
            item,
            title=draw(st.text(min_size=1, max_size=20)),
            end=item.start + (item.end - item.start) * draw(st.integers(0, 3)),
            status=draw(st.sampled_from(list(Status))),
            budget=draw(st.none() | st.floats(0, 1e9)),
            row=draw(st.integers(0, 5)),
        ))
    if kind == "add":
        band = draw(st.sampled_from(list(Band)))
        lane = draw(st.sampled_from([l.id for l in roadmap.lanes_of(band)]))
        start = draw(st.dates(date(2025, 1, 1), date(2030, 12, 31)))
        return e.AddItem(Item(ItemId(0), band, lane, draw(st.text(min_size=1, max_size=20)), start, start + (start - date(2025, 1, 1)) // 10))
    return e.DeleteItems(tuple(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_edit_sequences_undo_to_the_original_file(data):
    start = small_roadmap()
    with tempfile.TemporaryDirectory() as folder, Store.create(Path(folder) / "small.roadmap", start) as store:
        original = store.dump()
        assert store.load() == start
        model, done = start, []
        for _ in range(data.draw(st.integers(1, 8), label="steps")):
            edit = data.draw(an_edit(model), label="edit")
            try:
                changes = edit.changes(model)
            except ValidationError:
                continue  # refused before the file: nothing to undo
            store.apply(changes)
            model = apply_changes(model, changes)
            done.append(changes)
        assert store.load() == model
        for changes in reversed(done):
            store.apply(invert(changes))
            model = apply_changes(model, invert(changes))
        assert model == start
        assert store.load() == start
        assert store.dump() == original
