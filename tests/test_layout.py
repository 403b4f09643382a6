"""Time scale and lane packing (Qt-free geometry for the timeline)."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from planner.layout import DAY, from_x, item_span, nearest_day, pack_rows, row_count, to_x
from planner.model import Band, Item, ItemId, LaneId

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
