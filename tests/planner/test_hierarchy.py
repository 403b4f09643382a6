"""The item outline: what re-parenting, moving, deleting and duplicating do, and what is refused.

Round trips (apply, undo, exact rows) for these edits are in test_edits.py's CASES;
here the decisions themselves are pinned, checked in the file.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from planner import edits as e
from planner.hierarchy import ancestors, outline
from planner.model import Band, DependencyType, Item, ItemId, LaneId, Link, LinkId, LinkKind, Roadmap, apply_changes, invert
from planner.validation import ValidationError

CRM, GO_LIVE, CLOUD, CHECKOUT, DATA_WAREHOUSE = ItemId(26), ItemId(27), ItemId(21), ItemId(28), ItemId(31)
APPLICATIONS, DATA = LaneId(6), LaneId(7)


def step(store, roadmap: Roadmap, edit) -> Roadmap:
    changes = edit.changes(roadmap)
    store.apply(changes)
    after = apply_changes(roadmap, changes)
    assert store.load() == after
    return after


@pytest.fixture
def tree(store, sample):
    """CRM rebuild > (CRM go-live, Checkout rebuild > Data warehouse consolidation), all in Applications."""
    r = step(store, sample, e.SetParent(GO_LIVE, CRM))
    r = step(store, r, e.SetParent(CHECKOUT, CRM))
    return step(store, r, e.SetParent(DATA_WAREHOUSE, CHECKOUT))


def test_putting_an_item_under_a_parent_moves_it_into_the_parent_lane(store, tree):
    warehouse = store.load().items[DATA_WAREHOUSE]
    assert (warehouse.parent_id, warehouse.lane_id) == (CHECKOUT, APPLICATIONS)  # was in Data
    assert [a.id for a in ancestors(tree, DATA_WAREHOUSE)] == [CHECKOUT, CRM]


def test_outline_numbers_follow_lanes_then_start_dates(tree):
    rows = {r.item.id: r for r in outline(tree, Band.TECH)}
    assert [(rows[i].level, rows[i].number, rows[i].is_parent) for i in (CRM, GO_LIVE, CHECKOUT, DATA_WAREHOUSE)] == [
        (1, "6", True), (2, "6.2", False), (2, "6.1", True), (3, "6.1.1", False),
    ]  # Infrastructure's four items, then the stock service (same start, ends sooner); Checkout starts before go-live
    assert len(rows) == len(tree.items_of(Band.TECH))


def test_moving_a_parent_moves_its_subtree_and_lane(store, tree):
    r = step(store, tree, e.MoveItems((CRM,), days=31, lane_id=DATA))
    for i in (CRM, GO_LIVE, CHECKOUT, DATA_WAREHOUSE):
        assert (r.items[i].start - tree.items[i].start).days == 31
        assert r.items[i].lane_id == DATA


def test_selecting_a_parent_and_its_child_moves_the_child_once(store, tree):
    r = step(store, tree, e.MoveItems((CRM, GO_LIVE), days=10))
    assert r.items[GO_LIVE].start == date(2027, 5, 10)


def test_a_child_alone_cannot_leave_its_parent_lane(store, tree):
    before = store.dump()
    with pytest.raises(ValidationError) as info:
        e.MoveItems((GO_LIVE,), days=0, lane_id=DATA).changes(tree)
    assert info.value.field == "lane"
    assert info.value.message == (
        "'CRM go-live' is part of 'CRM rebuild' and stays in its lane 'Applications'; "
        "move 'CRM rebuild', or take 'CRM go-live' out of it first"
    )
    assert store.dump() == before


def test_editing_a_parent_lane_carries_its_subtree(store, tree):
    r = step(store, tree, e.UpdateItem(dataclasses.replace(tree.items[CRM], lane_id=DATA)))
    assert {r.items[i].lane_id for i in (CRM, GO_LIVE, CHECKOUT, DATA_WAREHOUSE)} == {DATA}


def test_resizing_a_parent_leaves_its_children_where_they_were(store, tree):
    r = step(store, tree, e.UpdateItem(dataclasses.replace(tree.items[CRM], end=date(2027, 1, 31))))
    assert r.items[GO_LIVE] == tree.items[GO_LIVE]  # now outside its parent: alignment reports it


def test_deleting_a_parent_deletes_its_subtree_and_undo_restores_every_row(store, tree):
    before = store.dump()
    changes = e.DeleteItems((CRM,)).changes(tree)
    store.apply(changes)
    gone = store.load()
    assert not {CRM, GO_LIVE, CHECKOUT, DATA_WAREHOUSE} & set(gone.items)
    assert not [l for l in gone.links.values() if {l.source_id, l.target_id} & {CHECKOUT, DATA_WAREHOUSE}]
    store.apply(invert(changes))
    assert store.dump() == before
    assert store.load() == tree


def test_duplicating_a_parent_copies_its_subtree_under_the_copy(store, tree):
    r = step(store, tree, e.DuplicateItems((CHECKOUT,)))
    (copy,) = [i for i in r.items.values() if i.title == "Checkout rebuild (copy)"]
    (child,) = [i for i in r.items.values() if i.parent_id == copy.id]
    assert copy.parent_id == CRM  # a sibling of the original
    assert child.title == "Data warehouse consolidation" and child.id not in tree.items
    assert (child.start, child.end, child.lane_id) == (tree.items[DATA_WAREHOUSE].start, tree.items[DATA_WAREHOUSE].end, APPLICATIONS)


def test_taking_an_item_out_keeps_its_lane_and_children(store, tree):
    r = step(store, tree, e.SetParent(CHECKOUT, None))
    assert r.items[CHECKOUT].parent_id is None and r.items[CHECKOUT].lane_id == APPLICATIONS
    assert r.items[DATA_WAREHOUSE].parent_id == CHECKOUT


@pytest.mark.parametrize(
    ("item", "parent", "message"),
    [
        (CRM, CRM, "'CRM rebuild' cannot be its own parent"),
        (CRM, ItemId(404), "the parent item 404 of 'CRM rebuild' does not exist"),
        (CRM, ItemId(1), "'Online sales 30% of revenue' is a business item and 'CRM rebuild' a tech item: a parent must be in the same band"),
        (CRM, DATA_WAREHOUSE, "'Data warehouse consolidation' is already part of 'CRM rebuild': this would make a cycle"),
        (CHECKOUT, CHECKOUT, "'Checkout rebuild' cannot be its own parent"),
    ],
)
def test_refused_parents_name_the_items_and_leave_the_file_alone(store, tree, item, parent, message):
    before = store.dump()
    with pytest.raises(ValidationError) as info:
        e.SetParent(item, parent).changes(tree)
    assert (info.value.field, info.value.message) == ("parent", message)
    with pytest.raises(ValidationError):  # the same through UpdateItem (the inspector's path)
        e.UpdateItem(dataclasses.replace(tree.items[item], parent_id=parent)).changes(tree)
    assert store.dump() == before


def test_a_dependency_cannot_join_an_item_and_its_parent(tree, sample):
    with pytest.raises(ValidationError, match="'CRM go-live' is part of 'CRM rebuild': a dependency cannot join"):
        e.AddLink(LinkKind.DEPENDS, GO_LIVE, CRM).changes(tree)
    with pytest.raises(ValidationError, match="'Data warehouse consolidation' is part of 'CRM rebuild'"):
        e.AddLink(LinkKind.DEPENDS, CRM, DATA_WAREHOUSE).changes(tree)
    # Cloud migration (21) already leads to the customer data platform (32): 32 cannot go under it.
    with pytest.raises(ValidationError, match="'Customer data platform' is part of 'Cloud migration"):
        e.SetParent(ItemId(32), CLOUD).changes(sample)


def test_a_supports_link_may_join_items_of_one_branch_and_siblings_may_depend(tree):
    assert e.AddLink(LinkKind.DEPENDS, GO_LIVE, CHECKOUT).changes(tree)  # siblings


@pytest.mark.parametrize(
    ("link", "field", "message"),
    [
        (dict(kind=LinkKind.SUPPORTS, dep_type=DependencyType.SS), "type", "only a dependency has a type and a lag; a supports link has neither"),
        (dict(kind=LinkKind.SUPPORTS, lag_days=3), "type", "only a dependency has a type and a lag; a supports link has neither"),
        (dict(lag_days=3651), "lag", "lag 3,651 days is beyond the limit of 3,650 days either way"),
        (dict(lag_days=-3651), "lag", "lag -3,651 days is beyond the limit of 3,650 days either way"),
        (dict(lag_days=True), "lag", "lag must be a whole number of days, not True"),
        (dict(lag_days=1.5), "lag", "lag must be a whole number of days, not 1.5"),
        (dict(dep_type="XS"), "type", "dependency type must be one of FS, SS, FF, SF, not 'XS'"),
    ],
)
def test_link_timing_is_checked(sample, link, field, message):
    fields = dict(kind=LinkKind.DEPENDS, dep_type=DependencyType.FS, lag_days=0) | link
    source, target = (ItemId(39), ItemId(19)) if fields["kind"] == LinkKind.SUPPORTS else (ItemId(22), ItemId(32))
    edit = e.AddLink(fields["kind"], source, target, "", fields["dep_type"], fields["lag_days"])
    with pytest.raises(ValidationError) as info:
        edit.changes(sample)
    assert (info.value.field, info.value.message) == (field, message)


def test_lag_at_the_limit_is_accepted_and_update_link_keeps_what_it_joins(store, sample):
    r = step(store, sample, e.AddLink(LinkKind.DEPENDS, ItemId(22), ItemId(32), "", DependencyType.FF, -3650))
    link = max(r.links.values(), key=lambda l: l.id)
    assert (link.dep_type, link.lag_days) == ("FF", -3650)
    r = step(store, r, e.UpdateLink(dataclasses.replace(link, dep_type=DependencyType.SF, lag_days=3650)))
    assert (r.links[link.id].dep_type, r.links[link.id].lag_days) == ("SF", 3650)
    with pytest.raises(ValidationError, match="keeps its kind and the items it joins"):
        e.UpdateLink(dataclasses.replace(link, target_id=ItemId(30))).changes(r)


def test_add_item_under_a_parent_must_share_its_lane(sample):
    child = Item(ItemId(0), Band.TECH, DATA, "Phase 2", date(2026, 9, 1), date(2026, 12, 31), parent_id=CRM)
    with pytest.raises(ValidationError, match="stays in its lane 'Applications'"):
        e.AddItem(child).changes(sample)
    (insert,) = e.AddItem(dataclasses.replace(child, lane_id=APPLICATIONS)).changes(sample)
    assert insert.entity.parent_id == CRM


def test_links_keep_their_defaults_when_not_given():
    assert (Link(LinkId(1), LinkKind.DEPENDS, ItemId(1), ItemId(2)).dep_type, Link(LinkId(1), LinkKind.DEPENDS, ItemId(1), ItemId(2)).lag_days) == ("FS", 0)
