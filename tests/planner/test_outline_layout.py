"""Lane packing with the outline kept together (planner.outline_layout), with plain values and Hypothesis."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.hierarchy import descendants
from planner.layout import BandLayout, _pack_lane, item_span, pack_rows
from planner.model import Band, Item, ItemId, Lane, LaneId, Roadmap, RoadmapInfo
from planner.outline_layout import _Block, first_fit, pack_lane

D0 = date(2027, 1, 1)


def _item(n: int, start: int, days: int, parent: int | None = None, lane: int = 1) -> Item:
    s = D0 + timedelta(days=start)
    return Item(ItemId(n), Band.TECH, LaneId(lane), f"item {n}", s, s + timedelta(days=days),
                parent_id=ItemId(parent) if parent else None)


def _pack(items, collapsed=(), reach=None, optional=None):
    return pack_lane(items, reach or {}, optional or {}, frozenset(collapsed), _pack_lane)


def test_a_lane_without_parents_is_packed_flat_and_has_no_outline():
    items = [_item(1, 0, 30), _item(2, 10, 30), _item(3, 50, 5)]
    rows, outline = _pack(items)
    assert outline is None
    assert rows == pack_rows(items)


def test_children_go_beneath_their_parent_and_share_rows_where_they_do_not_overlap():
    crm = _item(1, 0, 300)
    phase1, phase2 = _item(2, 0, 120, parent=1), _item(3, 121, 179, parent=1)
    live = _item(4, 300, 0, parent=1)  # a milestone at the end
    other = _item(5, 10, 40)  # overlaps the whole subtree's days: goes below it
    later = _item(6, 400, 30)  # after the subtree: row 0
    rows, outline = _pack([other, live, phase2, crm, later, phase1])
    assert rows == {1: 0, 2: 1, 3: 1, 4: 2, 5: 3, 6: 0}
    assert outline.parents[1].row == 0 and outline.parents[1].child_rows == (1, 2)
    assert not outline.parents[1].collapsed and outline.hidden == {}


def test_a_collapsed_parent_is_one_row_standing_for_its_subtree():
    crm = _item(1, 0, 300)
    phase1, phase2, live = _item(2, 0, 120, parent=1), _item(3, 121, 179, parent=1), _item(4, 300, 0, parent=1)
    task = _item(7, 10, 20, parent=2)  # a grandchild
    other = _item(5, 10, 40)
    rows, outline = _pack([crm, phase1, phase2, live, task, other], collapsed={1})
    assert rows == {1: 0, 5: 1}
    assert outline.hidden == {2: 1, 3: 1, 4: 1, 7: 1}
    assert [i.id for i in outline.parents[1].inside] == [2, 7, 3, 4]  # outline order: a parent before its children
    assert outline.parents[1].collapsed and outline.parents[1].child_rows == ()


def test_a_collapsed_child_keeps_its_own_row_under_an_expanded_parent():
    rows, outline = _pack([_item(1, 0, 300), _item(2, 0, 100, parent=1), _item(3, 10, 20, parent=2)], collapsed={2})
    assert rows == {1: 0, 2: 1}
    assert outline.hidden == {3: 2}
    assert outline.parents[1].child_rows == (1,) and outline.parents[2].collapsed


def test_an_unrelated_item_never_sits_inside_a_subtree_rectangle():
    # Row 1 is free where `short` would fit beside the parent's children, but inside the subtree's days.
    parent, child = _item(1, 0, 100), _item(2, 0, 30, parent=1)
    short = _item(3, 50, 10)
    rows, _ = _pack([parent, child, short])
    assert rows[3] == 2


def test_a_parent_cycle_from_a_damaged_file_still_shows_every_item():
    a = _item(1, 0, 30, parent=2)
    b = _item(2, 5, 30, parent=1)
    rows, outline = _pack([a, b])
    assert set(rows) == {1, 2}
    assert rows[2] == rows[1] + 1  # the earlier one became the root


def test_optional_reach_is_granted_only_where_it_adds_no_row():
    parent, child = _item(1, 0, 100), _item(2, 0, 10, parent=1)
    neighbour = _item(3, 12, 20, parent=1)
    # The child's title would need 30 days beside it: granting that would push the neighbour down a row.
    rows, _ = _pack([parent, child, neighbour], optional={2: (0.0, 30.0)})
    assert rows == {1: 0, 2: 1, 3: 1}
    rows, _ = _pack([parent, child, neighbour], reach={2: (0.0, 30.0)})
    assert rows == {1: 0, 2: 1, 3: 2}


def test_first_fit_blocks_take_the_lowest_rows_free_over_their_whole_height():
    blocks = [_Block(0, 10, 1, (0, 1)), _Block(5, 20, 1, (0, 2)), _Block(12, 30, 2, (0, 3))]
    offsets, used = first_fit(blocks)
    assert offsets == [0, 1, 2] and used == 4  # rows 0 and 1 are not both free at 12 until 20
    offsets, used = first_fit([_Block(0, 10, 1, (0, 1)), _Block(10, 30, 3, (0, 2))])
    assert offsets == [0, 0] and used == 3


def test_band_layout_leaves_out_collapsed_children_and_keeps_their_parent_for_them():
    lanes = [Lane(LaneId(1), Band.TECH, "Apps", "#123456", 0), Lane(LaneId(2), Band.TECH, "Data", "#654321", 1)]
    items = [_item(1, 0, 300), _item(2, 0, 100, parent=1), _item(3, 150, 0, parent=1), _item(4, 0, 40, lane=2)]
    expanded = BandLayout.build(lanes, items)
    assert set(expanded.bars) == {1, 2, 3, 4}
    p = expanded.outline.parents[ItemId(1)]
    assert p.spine == (expanded.bars[2].top,) and p.child_tops == (expanded.bars[2].top,)
    assert expanded.lanes[0].rows == 2
    folded = BandLayout.build(lanes, items, collapsed=frozenset({ItemId(1)}))
    assert set(folded.bars) == {1, 4}
    assert folded.outline.shown_for(ItemId(3)) == 1 and folded.outline.shown_for(ItemId(4)) == 4
    assert [m.id for m in folded.outline.parents[ItemId(1)].milestones] == [3]
    assert folded.lanes[0].rows == 1 and folded.bars[4].top == pytest.approx(expanded.bars[4].top - 1)  # the next lane moves up one row
    assert folded.hit(folded.bars[1].x0 + 5 * 86400, folded.bars[1].top + 0.1, 1.0, 1.0).item_id == 1


# --- properties -----------------------------------------------------------------------

@st.composite
def lanes_with_outlines(draw):
    """Up to 30 items, each perhaps under an earlier one (so no cycles), and a collapsed subset of them."""
    n = draw(st.integers(1, 30))
    items = []
    for k in range(1, n + 1):
        start, days = draw(st.integers(0, 500)), draw(st.integers(0, 150))
        parent = draw(st.one_of(st.none(), st.integers(1, k - 1))) if k > 1 else None
        items.append(_item(k, start, days, parent))
    collapsed = draw(st.sets(st.integers(1, n)))
    reach = {ItemId(k): (draw(st.floats(0, 20)), draw(st.floats(0, 60))) for k in draw(st.sets(st.integers(1, n)))}
    return items, collapsed, reach


def _roadmap(items) -> Roadmap:
    info = RoadmapInfo(title="t", horizon_start=D0)
    return Roadmap(info, {LaneId(1): Lane(LaneId(1), Band.TECH, "L", "#000000", 0)}, {i.id: i for i in items}, {})


def _extent(item, reach):
    before, after = reach.get(item.id, (0.0, 0.0))
    x0, x1 = item_span(item)
    return x0 - before * 86400, x1 + after * 86400


@settings(max_examples=300, deadline=None)
@given(lanes_with_outlines())
def test_outline_packing_keeps_every_rule(case):
    items, collapsed, reach = case
    rows, outline = _pack(items, collapsed, reach)
    roadmap = _roadmap(items)
    by_id = {i.id: i for i in items}
    hidden = set()
    for c in collapsed:
        if c in by_id and not _under_collapsed(by_id, c, collapsed):
            hidden |= {d.id for d in descendants(roadmap, ItemId(c))}
    # collapsed subtrees are absent; everything else has a row
    assert set(rows) == set(by_id) - hidden
    if outline is not None:
        assert set(outline.hidden) == hidden
        for item_id, shown in outline.hidden.items():
            assert shown in rows and item_id in {d.id for d in descendants(roadmap, shown)}
    # no two items of a row overlap (their reach included)
    by_row: dict[int, list] = {}
    for item_id, row in rows.items():
        by_row.setdefault(row, []).append(_extent(by_id[item_id], reach))
    for spans in by_row.values():
        spans.sort()
        assert all(a[1] <= b[0] + 1e-6 for a, b in zip(spans, spans[1:]))
    # every shown child is below its parent, inside the rows and days of its parent's subtree
    for item_id, row in rows.items():
        parent = by_id[item_id].parent_id
        if parent is not None:
            assert rows[parent] < row
    for item_id in rows:
        members = {item_id} | {d.id for d in descendants(roadmap, item_id)}
        members &= set(rows)
        if len(members) == 1:
            continue
        top, bottom = min(rows[m] for m in members), max(rows[m] for m in members)
        assert top == rows[item_id]
        x0 = min(_extent(by_id[m], reach)[0] for m in members)
        x1 = max(_extent(by_id[m], reach)[1] for m in members)
        for other, row in rows.items():  # nothing from outside inside the subtree's rectangle
            if other not in members and top <= row <= bottom:
                a, b = _extent(by_id[other], reach)
                assert b <= x0 + 1e-6 or a >= x1 - 1e-6, (item_id, other)


def _under_collapsed(by_id, item_id, collapsed) -> bool:
    parent = by_id[item_id].parent_id
    while parent is not None:
        if parent in collapsed:
            return True
        parent = by_id[parent].parent_id
    return False


@settings(max_examples=100, deadline=None)
@given(lanes_with_outlines(), st.randoms(use_true_random=False))
def test_outline_packing_does_not_depend_on_the_order_items_arrive_in(case, rnd: random.Random):
    items, collapsed, reach = case
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert _pack(items, collapsed, reach)[0] == _pack(shuffled, collapsed, reach)[0]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 400), st.integers(0, 120)), max_size=40))
def test_first_fit_of_one_row_blocks_is_the_flat_packing(specs):
    items = [_item(n + 1, s, d) for n, (s, d) in enumerate(specs)]
    blocks = [_Block(i.start.toordinal(), i.end.toordinal() + 1, 1, (i.end.toordinal(), i.id)) for i in items]
    offsets, _ = first_fit(blocks)
    assert dict(zip((i.id for i in items), offsets)) == pack_rows(items)


def _first_fit_by_scanning(blocks):
    """The plain definition: each block, in start order, at the lowest rows free over its whole height."""
    placed: list[tuple[int, _Block]] = []
    offsets = [0] * len(blocks)
    for k in sorted(range(len(blocks)), key=lambda k: (blocks[k].x0, blocks[k].x1, blocks[k].key)):
        b, first = blocks[k], 0
        while any(o < first + b.height and first < o + p.height and p.x1 > b.x0 for o, p in placed):
            first += 1
        placed.append((first, b))
        offsets[k] = first
    return offsets, max((o + p.height for o, p in placed), default=0)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 300), st.integers(1, 80), st.integers(1, 4)), max_size=30))
def test_first_fit_places_blocks_of_any_height_as_the_plain_definition_does(specs):
    blocks = [_Block(float(s), float(s + d), h, (s + d, n)) for n, (s, d, h) in enumerate(specs)]
    assert first_fit(blocks) == _first_fit_by_scanning(blocks)
