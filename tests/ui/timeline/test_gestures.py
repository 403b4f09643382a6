"""Drag gestures as plain values: snapping, minimum lengths, what each gesture finishes into."""

from datetime import date

import pytest

from planner import edits
from planner.interchange import load_sample
from planner.layout import DAY, to_x
from planner.model import Band, Item, ItemId, LaneId
from ui.timeline.gestures import LinkGesture, MoveGesture, Pointer, ResizeGesture, SnapUnit, snap, snap_unit_for, step

ITEM = Item(ItemId(7), Band.TECH, LaneId(5), "CRM rebuild", date(2026, 7, 1), date(2027, 4, 30))


@pytest.mark.parametrize(
    ("px_per_day", "unit"), [(20, SnapUnit.DAY), (2, SnapUnit.WEEK), (0.5, SnapUnit.MONTH), (0.12, SnapUnit.QUARTER), (0.01, SnapUnit.QUARTER)]
)
def test_snap_unit_follows_zoom(px_per_day, unit):
    assert snap_unit_for(px_per_day) is unit


def test_snap_to_each_unit():
    d = date(2026, 8, 20)  # a Thursday
    assert snap(d, SnapUnit.DAY) == d
    assert snap(d, SnapUnit.WEEK) == date(2026, 8, 17)  # Thursday: 3 days past Monday
    assert snap(date(2026, 8, 21), SnapUnit.WEEK) == date(2026, 8, 24)  # Friday: the next Monday
    assert snap(d, SnapUnit.MONTH) == date(2026, 9, 1)
    assert snap(date(2026, 8, 10), SnapUnit.MONTH) == date(2026, 8, 1)
    assert snap(d, SnapUnit.QUARTER) == date(2026, 10, 1)  # 42 days to October, 50 back to July
    assert snap(date(2026, 8, 10), SnapUnit.QUARTER, fy_month=4) == date(2026, 7, 1)
    assert snap(date(2026, 5, 20), SnapUnit.QUARTER, fy_month=2) == date(2026, 5, 1)


def _pointer(d: date, unit=SnapUnit.MONTH, snapping=True, lane=None, frac=0.0):
    return Pointer(to_x(d) + frac * DAY, lane, unit, snapping)


def test_move_snaps_the_lead_start_and_shifts_everyone_alike():
    other = Item(ItemId(8), Band.TECH, LaneId(6), "Checkout", date(2026, 9, 1), date(2027, 3, 31))
    g = MoveGesture((ITEM, other), anchor_x=to_x(date(2026, 10, 1)))
    g.update(_pointer(date(2026, 11, 12)))  # +42 days -> lead start 2026-08-12 snaps to 2026-08-01
    assert g.delta_days == (date(2026, 8, 1) - ITEM.start).days
    moved = g.preview()
    assert [i.start for i in moved] == [date(2026, 8, 1), date(2026, 10, 2)]
    assert [i.lane_id for i in moved] == [LaneId(5), LaneId(6)]  # a multi-item drag never changes lanes
    assert g.finish() == edits.MoveItems((ItemId(7), ItemId(8)), 31, None)


def test_move_without_snapping_is_exact_to_the_day():
    g = MoveGesture((ITEM,), anchor_x=to_x(date(2026, 10, 1)))
    g.update(_pointer(date(2026, 10, 4), snapping=False, frac=0.3))
    assert g.delta_days == 3


def test_move_into_another_lane_and_back_to_nothing():
    g = MoveGesture((ITEM,), anchor_x=to_x(ITEM.start))
    g.update(_pointer(ITEM.start, lane=LaneId(9)))
    assert g.finish() == edits.MoveItems((ITEM.id,), 0, LaneId(9))
    g.update(_pointer(ITEM.start, lane=LaneId(5)))
    assert g.finish() is None


def test_resize_end_snaps_and_never_shrinks_below_one_unit():
    g = ResizeGesture(ITEM, "end")
    g.update(_pointer(date(2027, 6, 10)))  # boundary snaps to 1 Jun -> end 31 May
    assert g.end == date(2027, 5, 31)
    g.update(_pointer(date(2026, 5, 1)))  # far before the start
    assert g.end == date(2026, 7, 31)  # one month long at least
    assert g.finish() == edits.UpdateItem(Item(**{**ITEM.__dict__, "end": date(2026, 7, 31)}))


def test_resize_start_and_unchanged_resize():
    g = ResizeGesture(ITEM, "start")
    g.update(_pointer(date(2026, 5, 28)))
    assert g.start == date(2026, 6, 1)
    g.update(_pointer(date(2028, 1, 1)))
    assert g.start == date(2027, 4, 1)  # one month before the end at most
    g.update(_pointer(ITEM.start))
    assert g.finish() is None


def test_link_gesture_accepts_only_new_business_targets():
    roadmap = load_sample()
    tech = next(i for i in roadmap.items.values() if i.title.startswith("Blockchain"))
    goal = next(i for i in roadmap.items.values() if i.title.startswith("Same-day"))
    crm = next(i for i in roadmap.items.values() if i.title == "CRM rebuild")
    linked = next(l.target_id for l in roadmap.links.values() if l.source_id == crm.id and l.kind == "supports")
    g = LinkGesture(tech, roadmap)
    g.update(None)
    assert g.finish() is None and "Drop" in g.reason
    g.update(crm.id)
    assert g.finish() is None and "business" in g.reason
    g.update(goal.id)
    assert g.finish() == edits.AddLink("supports", tech.id, goal.id)
    g2 = LinkGesture(crm, roadmap)
    g2.update(linked)
    assert g2.finish() is None and "already supports" in g2.reason


def test_step_moves_by_calendar_units():
    assert step(date(2026, 1, 31), SnapUnit.MONTH) == date(2026, 2, 28)
    assert step(date(2026, 1, 1), SnapUnit.QUARTER, -1) == date(2025, 10, 1)
    assert step(date(2026, 1, 1), SnapUnit.WEEK, 2) == date(2026, 1, 15)
