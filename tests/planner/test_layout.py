"""Time scale and lane packing (Qt-free geometry for the timeline)."""

import dataclasses
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule, run_state_machine_as_test

from planner import edits as e
from planner.interchange import load_sample
from planner.layout import DAY, BandLayout, from_x, item_span, nearest_day, pack_rows, row_count, to_x
from planner.model import Band, Item, ItemId, Lane, LaneId, Update, apply_changes
from tests.planner.edit_machine import RoadmapEdits

DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


def _item(n: int, start: date, days: int) -> Item:
    return Item(ItemId(n), Band.TECH, LaneId(1), f"item {n}", start, start + timedelta(days=days))


def test_to_x_is_unix_seconds_at_utc_midnight():
    assert to_x(date(1970, 1, 2)) == DAY
    assert to_x(date(2026, 1, 1)) == 1767225600


@given(DATES)
def test_date_round_trips_through_x(d):
    assert from_x(to_x(d)) == d
    assert from_x(to_x(d) + DAY - 1) == d
    assert nearest_day(to_x(d) + DAY * 0.49) == d


def test_milestone_spans_its_day():
    m = _item(1, date(2026, 4, 1), 0)
    assert item_span(m) == (to_x(date(2026, 4, 1)), to_x(date(2026, 4, 2)))


def test_pack_rows_puts_overlaps_on_separate_rows_and_reuses_the_lowest():
    a = _item(1, date(2026, 1, 1), 30)
    b = _item(2, date(2026, 1, 15), 30)  # overlaps a
    c = _item(3, date(2026, 3, 1), 10)  # after both: back to row 0
    rows = pack_rows([c, b, a])
    assert rows == {1: 0, 2: 1, 3: 0}
    assert row_count(rows) == 2


def test_adjacent_items_share_a_row_but_a_gap_separates_them():
    a = _item(1, date(2026, 1, 1), 9)  # Jan 1-10
    b = _item(2, date(2026, 1, 11), 5)
    assert pack_rows([a, b]) == {1: 0, 2: 0}
    assert pack_rows([a, b], min_gap_days=3) == {1: 0, 2: 1}


@given(st.lists(st.tuples(st.integers(0, 400), st.integers(0, 120)), max_size=40))
def test_packing_never_overlaps_and_is_optimal(specs):
    items = [_item(n + 1, date(2026, 1, 1) + timedelta(days=s), d) for n, (s, d) in enumerate(specs)]
    rows = pack_rows(items)
    by_row: dict[int, list[Item]] = {}
    for it in items:
        by_row.setdefault(rows[it.id], []).append(it)
    for members in by_row.values():
        spans = sorted(item_span(i) for i in members)
        assert all(prev[1] <= nxt[0] for prev, nxt in zip(spans, spans[1:]))
    # optimal: as many rows as the most items alive at one instant
    events = sorted([(s, 1) for s, _ in map(item_span, items)] + [(e, -1) for _, e in map(item_span, items)])
    live = peak = 0
    for _, delta in events:
        live += delta
        peak = max(peak, live)
    assert row_count(rows) == peak


def _band(items):
    from planner.layout import BandLayout
    from planner.model import Lane

    lanes = [Lane(LaneId(1), Band.TECH, "Infra", "#336699", 0), Lane(LaneId(2), Band.TECH, "Apps", "#339966", 1)]
    return BandLayout.build(lanes, items)


def test_band_layout_stacks_lanes_and_rows():
    from planner.layout import BAR_FILL, LANE_GAP

    a = _item(1, date(2026, 1, 1), 30)
    b = _item(2, date(2026, 1, 15), 30)
    c = Item(ItemId(3), Band.TECH, LaneId(2), "c", date(2026, 1, 1), date(2026, 2, 1))
    layout = _band([a, b, c])
    infra, apps = layout.lanes
    assert (infra.top, infra.bottom, infra.rows) == (0, 2, 2)
    assert apps.top == 2 + LANE_GAP and apps.rows == 1
    assert layout.bars[2].top > layout.bars[1].top
    assert layout.bars[3].top >= apps.top and layout.bars[3].bottom <= apps.bottom
    assert layout.bars[1].bottom - layout.bars[1].top == BAR_FILL
    assert layout.lane_at(apps.top + 0.1).name == "Apps"
    assert layout.lane_at(infra.bottom + LANE_GAP / 2) is None


def test_before_in_row_names_the_left_neighbour_in_the_same_row_only():
    """What limits a parent's disclosure triangle: the item just before it in its row (planner side of issue 13/17)."""
    a = _item(1, date(2026, 1, 1), 10)
    b = _item(2, date(2026, 1, 5), 30)  # overlaps a: the next row
    c = _item(3, date(2026, 2, 1), 10)  # after a, in a's row
    d = dataclasses.replace(_item(4, date(2026, 3, 1), 0), end=date(2026, 3, 1))  # a milestone, after c
    other = Item(ItemId(5), Band.TECH, LaneId(2), "other lane", date(2025, 1, 1), date(2025, 2, 1))
    layout = _band([a, b, c, d, other])
    assert layout.bars[3].top == layout.bars[1].top != layout.bars[2].top
    assert [layout.before_in_row(ItemId(n)) for n in (1, 2, 3, 4, 5)] == [None, None, 1, 3, None]
    assert layout.before_in_row(ItemId(99)) is None  # not shown


def test_hit_finds_body_edges_and_milestones():
    from planner.layout import Part

    bar_item = _item(1, date(2026, 1, 1), 30)
    milestone = _item(2, date(2026, 3, 1), 0)
    layout = _band([bar_item, milestone])
    bar = layout.bars[1]
    y = bar.centre_y
    edge = 2 * DAY
    assert layout.hit((bar.x0 + bar.x1) / 2, y, edge, DAY).part == Part.BODY
    assert layout.hit(bar.x0 + DAY, y, edge, DAY) == layout.hit(bar.x0 - DAY, y, edge, DAY)
    assert layout.hit(bar.x0, y, edge, DAY).part == Part.START
    assert layout.hit(bar.x1 + DAY, y, edge, DAY).part == Part.END
    assert layout.hit(bar.x1 + 3 * DAY, y, edge, DAY) is None
    assert layout.hit((bar.x0 + bar.x1) / 2, bar.bottom + 0.01, edge, DAY) is None
    m = layout.bars[2]
    assert layout.hit((m.x0 + m.x1) / 2, m.centre_y, edge, DAY).item_id == 2
    assert layout.hit(m.x1 + 2 * DAY, m.centre_y, edge, DAY) is None


@given(st.lists(st.tuples(st.integers(0, 400), st.integers(1, 120)), min_size=1, max_size=30), st.data())
def test_hit_inside_any_bar_body_returns_that_bar(specs, data):
    items = [_item(n + 1, date(2026, 1, 1) + timedelta(days=s), d) for n, (s, d) in enumerate(specs)]
    layout = _band(items)
    bar = data.draw(st.sampled_from(list(layout.bars.values())))
    x = data.draw(st.floats(bar.x0, bar.x1))
    hit = layout.hit(x, bar.centre_y, edge=0.0, milestone_half=0.0)
    assert hit is not None and hit.item_id == bar.item.id


def test_where_two_bars_meet_the_bar_under_the_pointer_wins_its_own_edge():
    """Issue 10: 'Checkout rebuild' ends the day before 'Marketplace platform' starts, in one row."""
    from planner.layout import Part

    checkout = _item(1, date(2026, 9, 15), (date(2027, 3, 31) - date(2026, 9, 15)).days)
    marketplace = _item(2, date(2027, 4, 1), 200)
    layout = _band([checkout, marketplace])
    a, b = layout.bars[1], layout.bars[2]
    assert a.top == b.top and a.x1 == b.x0  # same row, touching
    edge = 5 * DAY
    y = a.centre_y
    assert layout.hit(a.x1 - 2 * DAY, y, edge, DAY) == layout.hit(a.x1 - 0.1 * DAY, y, edge, DAY)
    hit = layout.hit(a.x1 - 2 * DAY, y, edge, DAY)
    assert (hit.item_id, hit.part) == (1, Part.END)
    hit = layout.hit(b.x0 + 2 * DAY, y, edge, DAY)
    assert (hit.item_id, hit.part) == (2, Part.START)


@given(st.lists(st.tuples(st.integers(0, 400), st.integers(1, 120)), min_size=1, max_size=30), st.data())
def test_a_grip_always_belongs_to_the_bar_under_the_pointer(specs, data):
    items = [_item(n + 1, date(2026, 1, 1) + timedelta(days=s), d) for n, (s, d) in enumerate(specs)]
    layout = _band(items)
    bar = data.draw(st.sampled_from(list(layout.bars.values())))
    x = data.draw(st.floats(bar.x0, bar.x1, exclude_max=True))
    hit = layout.hit(x, bar.centre_y, edge=5 * DAY, milestone_half=DAY)
    assert hit is not None and hit.item_id == bar.item.id


def test_reach_keeps_a_milestone_title_clear_of_the_next_item_in_its_row():
    milestone = _item(1, date(2026, 3, 1), 0)
    after = _item(2, date(2026, 3, 10), 30)  # starts where the milestone's title would run
    assert pack_rows([milestone, after]) == {1: 0, 2: 0}
    rows = pack_rows([milestone, after], reach={1: (2.0, 20.0)})
    assert rows[1] != rows[2]
    assert pack_rows([milestone, after], reach={1: (2.0, 5.0)}) == {1: 0, 2: 0}  # a short title fits


def test_optional_reach_is_granted_only_where_it_adds_no_row():
    from planner.layout import BandLayout
    from planner.model import Lane

    lane = Lane(LaneId(1), Band.TECH, "Infra", "#336699", 0)
    short = _item(1, date(2026, 1, 1), 10)  # its title needs 30 days beside it
    next_one = _item(2, date(2026, 1, 20), 30)  # starts inside that room
    above = _item(3, date(2026, 1, 5), 10)  # a second row exists anyway, free from mid-January
    wanted = {1: (0.0, 30.0)}
    layout = BandLayout.build([lane], [short, next_one, above], optional=wanted)
    assert layout.lanes[0].rows == 2 and layout.bars[1].top != layout.bars[2].top  # room found on another row
    alone = BandLayout.build([lane], [short, next_one], optional=wanted)
    assert alone.lanes[0].rows == 1  # no free row: the title will be elided instead


# --- following edits: a layout built from the previous one equals one built afresh ------------------


def _reaches(items, days_per_char=1 / 3):
    """Qt-free stand-ins for the view's reach: a milestone keeps room for its title, a short bar asks for it
    (how many days a title takes depends on the zoom, as in the view)."""
    tight = {i.id: (0.5, 3 + len(i.title) / 4) for i in items if i.is_milestone}
    beside = {i.id: (0.0, len(i.title) * days_per_char) for i in items if not i.is_milestone and (i.end - i.start).days < 240}
    return tight, beside


class LayoutFollowingEdits(RoadmapEdits):
    """Every kind of edit, undo and redo (tests/planner/edit_machine.py); each band's layout follows from the last."""

    @initialize()
    def start(self):
        self.days_per_char = 0.05
        self.collapsed = frozenset()
        self.layouts = {band: self._build(band, None) for band in Band}

    def _build(self, band, previous, changed=None):
        items = self.model.items_of(band)
        tight, beside = _reaches(items, self.days_per_char)
        return BandLayout.build(self.model.lanes_of(band), items, tight, beside, self.collapsed, previous=previous, changed=changed)

    @rule(data=st.data())
    def fold(self, data):
        """Fold or unfold a parent (view state: the view lays the band out again, naming no items)."""
        parents = sorted({i.parent_id for i in self.model.items.values() if i.parent_id in self.model.items})
        if parents:
            self.collapsed = self.collapsed ^ {data.draw(st.sampled_from(parents))}
            self.layouts = {band: self._build(band, self.layouts[band]) for band in Band}

    @rule(days_per_char=st.sampled_from([0.05, 8.0]))
    def zoom(self, days_per_char):
        """The view's width changes: titles need another number of days beside their bars (every reach may move)."""
        self.days_per_char = days_per_char
        self.layouts = {band: self._build(band, self.layouts[band]) for band in Band}

    def follow(self, changes) -> None:
        """As the view does: a change to lanes lays the band out afresh; else only the items changed are named."""
        entities = [c.after if isinstance(c, Update) else c.entity for c in changes]
        lanes = any(isinstance(x, Lane) for x in entities)
        items = {x.id for x in entities if isinstance(x, Item)}
        self.layouts = {band: self._build(band, self.layouts[band], None if lanes else items) for band in Band}

    @invariant()
    def equals_a_layout_built_afresh(self):
        for band, layout in self.layouts.items():
            assert layout == self._build(band, None)
            lanes = {l.id for l in self.model.lanes_of(band)}
            shown = [i.id for i in self.model.items_of(band) if i.lane_id in lanes and i.id not in layout.outline.hidden]
            assert list(layout.bars) == shown
            assert all(x0s == sorted(x0s) for x0s, _ in layout._rows)  # hit testing bisects each row


def test_a_layout_following_edits_equals_one_built_afresh():
    run_state_machine_as_test(
        LayoutFollowingEdits,
        settings=settings(max_examples=60, stateful_step_count=30, deadline=None,
                          suppress_health_check=list(HealthCheck), database=None),
    )


def test_an_edit_repacks_its_own_lane_and_moves_the_lanes_below():
    model = load_sample()
    lanes, items = model.lanes_of(Band.TECH), model.items_of(Band.TECH)
    before = BandLayout.build(lanes, items)
    moved = next(i for i in items if i.lane_id == lanes[0].id)
    changes = e.MoveItems((moved.id,), 3).changes(model)
    model = apply_changes(model, changes)
    after = BandLayout.build(lanes, model.items_of(Band.TECH), previous=before)
    assert after._packs[lanes[0].id] is not before._packs[lanes[0].id]  # re-packed
    assert all(after._packs[l.id] is before._packs[l.id] for l in lanes[1:])  # the same rows, the same bars
    # A new item that needs a row of its own in the first lane moves every lane below down by a row.
    crowd = [dataclasses.replace(moved, id=ItemId(900 + n), title=f"Crowd {n}") for n in range(4)]
    grown = BandLayout.build(lanes, [*model.items_of(Band.TECH), *crowd], previous=after)
    assert grown.lanes[1].top > after.lanes[1].top
    assert all(grown._packs[l.id].rows is after._packs[l.id].rows for l in lanes[1:])  # moved, not re-packed
    assert grown == BandLayout.build(lanes, [*model.items_of(Band.TECH), *crowd])


def _pack_lane_by_trials(members, reach, optional):
    """The definition of optional reach: try each wanted item's in start order, packing the whole lane again."""
    rows = pack_rows(members, reach=reach)
    limit, granted = row_count(rows), dict(reach)
    for item in sorted(members, key=lambda i: (i.start, i.id)):
        if item.id in optional:
            packed = pack_rows(members, reach={**granted, item.id: optional[item.id]})
            if row_count(packed) <= limit:
                granted, rows = {**granted, item.id: optional[item.id]}, packed
    return rows


@given(st.lists(st.tuples(st.integers(0, 120), st.sampled_from([0, 0, 1, 3, 10, 30, 60]),
                          st.sampled_from([None, (0.0, 3.0), (0.5, 10.0)]), st.sampled_from([None, (0.0, 1.0), (0.0, 20.0), (1.0, 40.0)])),
                max_size=30))
def test_optional_reach_is_granted_exactly_where_packing_again_would_grant_it(specs):
    from planner.layout import _pack_lane

    members = [_item(n, date(2026, 1, 1) + timedelta(days=start), days) for n, (start, days, _, _) in enumerate(specs, 1)]
    reach = {ItemId(n): r for n, (_, _, r, _) in enumerate(specs, 1) if r is not None}
    optional = {ItemId(n): o for n, (_, _, _, o) in enumerate(specs, 1) if o is not None}
    expected = _pack_lane_by_trials(members, reach, optional)
    assert list(_pack_lane(members, reach, optional).items()) == list(expected.items())
