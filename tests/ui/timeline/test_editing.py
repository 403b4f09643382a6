"""Editing on the timeline with real mouse and keyboard events, checked in the SQLite file.

Each gesture: performed at positions from `item_rect`, then the file is read
afresh; undo must restore the file exactly and redo must re-apply.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from planner.model import Band, LinkKind
from planner.store import Store
from tests.ui.mouse import LEFT, MOVE_INTERVAL_MS, NO_MODS, NONE, _send, click, double_click, drag, hover


@pytest.fixture
def win(make_window, sample_file, qtbot):
    window = make_window(sample_file)
    window.resize(1500, 950)
    qtbot.wait(30)
    window.timeline.fit_all()
    qtbot.wait(20)
    return window


def _item(window, title):
    return next(i for i in window.document.roadmap.items.values() if i.title == title)


def _from_file(path):
    with Store.open(path, read_only=True) as store:
        return store.load()


def _undo_redo_exact(window, dump_file, before_dump, after_dump):
    path = window.document.path
    assert dump_file(path) == after_dump
    window.document.undo_stack.undo()
    assert dump_file(path) == before_dump
    window.document.undo_stack.redo()
    assert dump_file(path) == after_dump


def test_move_a_bar_saves_the_snapped_dates(win, dump_file):
    tl, path = win.timeline, win.document.path
    crm = _item(win, "CRM rebuild")
    before = dump_file(path)
    rect = tl.item_rect(crm.id)
    drag(tl.viewport(), QPointF(rect.center()), QPointF(rect.center()) + QPointF(100, 0))
    saved = _from_file(path).items[crm.id]
    assert saved.start > crm.start and saved.start.weekday() == 0  # snapped to a Monday at this zoom
    assert saved.end - saved.start == crm.end - crm.start
    assert win.document.undo_stack.undoText() == "Move 'CRM rebuild'"
    _undo_redo_exact(win, dump_file, before, dump_file(path))


def test_drag_after_zooming_lands_on_the_date_under_the_pointer(win, qtbot):
    tl, path = win.timeline, win.document.path
    crm = _item(win, "CRM rebuild")
    for factor in (4.0, 0.5):  # zoom in, then partly out again
        tl.zoom(factor)
    tl.go_today()
    qtbot.wait(10)
    rect = tl.item_rect(crm.id).intersected(tl.viewport().rect())
    start = QPointF(rect.center())
    target = date(2026, 12, 14)
    dx = tl.x_for_date(Band.TECH, target) - tl.x_for_date(Band.TECH, crm.start)
    end = start + QPointF(dx, 0)
    drag(tl.viewport(), start, end, mods=Qt.KeyboardModifier.ShiftModifier)  # Shift: no snapping
    assert _from_file(path).items[crm.id].start == target


def test_resize_the_end_of_a_bar(win, dump_file):
    tl, path = win.timeline, win.document.path
    crm = _item(win, "CRM rebuild")
    before = dump_file(path)
    rect = tl.item_rect(crm.id)
    drag(tl.viewport(), QPointF(rect.right() - 1, rect.center().y()), QPointF(rect.right() + 70, rect.center().y()))
    saved = _from_file(path).items[crm.id]
    assert saved.start == crm.start and saved.end > crm.end
    assert win.document.undo_stack.undoText() == "Resize 'CRM rebuild'"
    _undo_redo_exact(win, dump_file, before, dump_file(path))


def test_the_end_of_a_bar_touching_the_next_one_resizes_that_bar(win, dump_file):
    """Issue 10: Checkout rebuild ends the day before Marketplace platform starts, in the same row."""
    tl, path = win.timeline, win.document.path
    checkout, marketplace = _item(win, "Checkout rebuild"), _item(win, "Marketplace platform")
    a, b = tl.item_rect(checkout.id), tl.item_rect(marketplace.id)
    assert abs(a.center().y() - b.center().y()) <= 1 and abs(a.right() - b.left()) <= 2
    y = a.center().y()
    drag(tl.viewport(), QPointF(a.right() - 2, y), QPointF(a.right() - 60, y))
    saved = _from_file(path).items
    assert saved[checkout.id].start == checkout.start and saved[checkout.id].end < checkout.end
    assert (saved[marketplace.id].start, saved[marketplace.id].end) == (marketplace.start, marketplace.end)
    assert win.document.undo_stack.undoText() == "Resize 'Checkout rebuild'"


def test_resizing_never_shrinks_below_one_snap_unit(win):
    tl, path = win.timeline, win.document.path
    crm = _item(win, "CRM rebuild")
    rect = tl.item_rect(crm.id)
    drag(tl.viewport(), QPointF(rect.right() - 1, rect.center().y()), QPointF(rect.left() - 200, rect.center().y()))
    saved = _from_file(path).items[crm.id]
    assert saved.start == crm.start and (saved.end - saved.start).days >= 6


def test_drag_into_another_lane_of_the_same_band(win, dump_file):
    tl, path = win.timeline, win.document.path
    crm = _item(win, "CRM rebuild")
    data = next(l for l in win.document.roadmap.lanes.values() if l.name == "Data")
    before = dump_file(path)
    box = next(b for b in tl.tech.layout.lanes if b.lane.id == data.id)
    rect = tl.item_rect(crm.id)
    y = tl.mapFromScene(tl.tech.view_box.mapViewToScene(QPointF(0, box.bottom - 0.3))).y()
    drag(tl.viewport(), QPointF(rect.center()), QPointF(rect.center().x(), y))
    saved = _from_file(path).items[crm.id]
    assert saved.lane_id == data.id and saved.start == crm.start
    _undo_redo_exact(win, dump_file, before, dump_file(path))


def test_link_by_dragging_the_handle_onto_a_business_item(win, dump_file):
    tl, path = win.timeline, win.document.path
    pilot = _item(win, "Blockchain supply-chain pilot")
    goal = _item(win, "Same-day delivery in London")
    before = dump_file(path)
    click(tl.viewport(), QPointF(tl.item_rect(pilot.id).center()))
    rect = tl.item_rect(pilot.id)
    drag(tl.viewport(), QPointF(rect.center().x(), rect.top() - 5), QPointF(tl.item_rect(goal.id).center()), steps=12)
    links = _from_file(path).links.values()
    assert any(l.kind == LinkKind.SUPPORTS and (l.source_id, l.target_id) == (pilot.id, goal.id) for l in links)
    _undo_redo_exact(win, dump_file, before, dump_file(path))


def test_dropping_a_link_on_nothing_changes_nothing_and_says_why(win, dump_file):
    tl, path = win.timeline, win.document.path
    pilot = _item(win, "Blockchain supply-chain pilot")
    before = dump_file(path)
    rect = tl.item_rect(pilot.id)
    drag(tl.viewport(), QPointF(rect.center()), QPointF(rect.center().x(), 70), mods=Qt.KeyboardModifier.AltModifier)
    assert dump_file(path) == before
    assert "No link made" in win.statusBar().currentMessage()


def test_multi_selection_moves_together_as_one_step(win, dump_file):
    tl, path = win.timeline, win.document.path
    crm, cloud = _item(win, "CRM rebuild"), _item(win, "Cloud migration (phase 1)")
    before = dump_file(path)
    click(tl.viewport(), QPointF(tl.item_rect(crm.id).center()))
    click(tl.viewport(), QPointF(tl.item_rect(cloud.id).center()), Qt.KeyboardModifier.ControlModifier)
    rect = tl.item_rect(cloud.id)
    drag(tl.viewport(), QPointF(rect.center()), QPointF(rect.center()) + QPointF(-80, 0))
    saved = _from_file(path).items
    shift = saved[cloud.id].start - cloud.start
    assert shift.days < 0 and saved[crm.id].start - crm.start == shift
    assert win.document.undo_stack.undoText() == "Move 2 items"
    _undo_redo_exact(win, dump_file, before, dump_file(path))


def test_escape_mid_drag_leaves_the_file_unchanged(win, dump_file):
    tl, path = win.timeline, win.document.path
    crm = _item(win, "CRM rebuild")
    before = dump_file(path)
    start = QPointF(tl.item_rect(crm.id).center())
    hover(tl.viewport(), start)
    QTest.qWait(MOVE_INTERVAL_MS)
    _send(tl.viewport(), QEvent.Type.MouseButtonPress, start, LEFT, LEFT, NO_MODS)
    for n in range(1, 5):
        QTest.qWait(MOVE_INTERVAL_MS)
        _send(tl.viewport(), QEvent.Type.MouseMove, start + QPointF(40 * n, 0), NONE, LEFT, NO_MODS)
    QTest.keyClick(tl, Qt.Key.Key_Escape)
    QTest.qWait(MOVE_INTERVAL_MS)
    _send(tl.viewport(), QEvent.Type.MouseMove, start + QPointF(220, 0), NONE, LEFT, NO_MODS)
    _send(tl.viewport(), QEvent.Type.MouseButtonRelease, start + QPointF(220, 0), LEFT, NONE, NO_MODS)
    assert dump_file(path) == before
    assert win.document.undo_stack.count() == 0


def test_nudges_merge_into_one_undo_step(win, dump_file):
    tl, path = win.timeline, win.document.path
    crm = _item(win, "CRM rebuild")
    before = dump_file(path)
    click(tl.viewport(), QPointF(tl.item_rect(crm.id).center()))
    for _ in range(3):
        QTest.keyClick(tl, Qt.Key.Key_Right)
    assert _from_file(path).items[crm.id].start == crm.start + timedelta(days=21)  # three weeks at this zoom
    assert win.document.undo_stack.count() == 1
    win.document.undo_stack.undo()
    assert dump_file(path) == before


def test_double_click_empty_lane_creates_an_item_and_edits_its_title(win, qtbot):
    tl, path = win.timeline, win.document.path
    lane = next(b for b in tl.business.layout.lanes if b.lane.name == "Resource allocation")
    x = tl.x_for_date(Band.BUSINESS, date(2029, 6, 10))
    y = tl.mapFromScene(tl.business.view_box.mapViewToScene(QPointF(0, lane.bottom - 0.2))).y()
    count = len(_from_file(path).items)
    double_click(tl.viewport(), QPointF(x, y))
    editor = tl.viewport().findChild(QLineEdit, "InlineTitleEditor")
    assert editor is not None and editor.hasFocus()
    QTest.keyClicks(editor, "Open Lisbon office")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    items = _from_file(path).items.values()
    assert len(items) == count + 1
    made = next(i for i in items if i.title == "Open Lisbon office")
    assert made.lane_id == lane.lane.id and made.band == Band.BUSINESS
    assert date(2029, 3, 1) <= made.start <= date(2029, 9, 1)


def test_delete_key_and_duplicate(win, dump_file):
    tl, path = win.timeline, win.document.path
    crm = _item(win, "CRM rebuild")
    before = dump_file(path)
    click(tl.viewport(), QPointF(tl.item_rect(crm.id).center()))
    QTest.keyClick(tl, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert sum(i.title == "CRM rebuild (copy)" for i in _from_file(path).items.values()) == 1
    assert win.document.undo_stack.undoText() == "Duplicate 'CRM rebuild'"
    QTest.keyClick(tl, Qt.Key.Key_Delete)  # the copy is selected now
    assert all(i.title != "CRM rebuild (copy)" for i in _from_file(path).items.values())
    click(tl.viewport(), QPointF(tl.item_rect(crm.id).center()))
    QTest.keyClick(tl, Qt.Key.Key_Delete)
    assert crm.id not in _from_file(path).items
    for _ in range(3):
        win.document.undo_stack.undo()
    assert dump_file(path) == before


def test_duplicating_a_parent_copies_what_is_under_it(win, dump_file):
    from planner.edits import SetParent

    tl, path = win.timeline, win.document.path
    crm, go_live = _item(win, "CRM rebuild"), _item(win, "CRM go-live")
    win.document.push(SetParent(go_live.id, crm.id))
    before = dump_file(path)
    click(tl.viewport(), QPointF(tl.item_rect(crm.id).center()))
    QTest.keyClick(tl, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    items = _from_file(path).items.values()
    (copy,) = [i for i in items if i.title == "CRM rebuild (copy)"]
    assert [(i.title, i.start) for i in items if i.parent_id == copy.id] == [("CRM go-live", go_live.start)]
    assert win.document.undo_stack.undoText() == "Duplicate 'CRM rebuild'"
    win.document.undo_stack.undo()
    assert dump_file(path) == before


def test_f2_renames_in_place(win):
    tl, path = win.timeline, win.document.path
    crm = _item(win, "CRM rebuild")
    click(tl.viewport(), QPointF(tl.item_rect(crm.id).center()))
    QTest.keyClick(tl, Qt.Key.Key_F2)
    editor = tl.viewport().findChild(QLineEdit, "InlineTitleEditor")
    editor.selectAll()
    QTest.keyClicks(editor, "CRM replatform")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert _from_file(path).items[crm.id].title == "CRM replatform"


def test_read_only_roadmap_cannot_be_dragged(make_window, sample_file, qtbot, dump_file):
    window = make_window(sample_file, read_only=True)
    window.resize(1500, 950)
    qtbot.wait(30)
    tl = window.timeline
    crm = _item(window, "CRM rebuild")
    before = dump_file(sample_file)
    rect = tl.item_rect(crm.id)
    drag(tl.viewport(), QPointF(rect.center()), QPointF(rect.center()) + QPointF(100, 0))
    assert dump_file(sample_file) == before
    assert not window.add_goal_action.isEnabled()


def test_a_business_bar_inside_the_tech_window_moves_and_the_window_stays(win):
    tl, path = win.timeline, win.document.path
    goal = _item(win, "Same-day delivery in London")
    region = tl.tech_window.getRegion()
    rect = tl.item_rect(goal.id)
    assert tl.x_for_date(Band.BUSINESS, win.document.roadmap.info.tech_window_start) < rect.center().x()
    drag(tl.viewport(), QPointF(rect.center()), QPointF(rect.center()) + QPointF(60, 0))
    assert _from_file(path).items[goal.id].start > goal.start
    assert tl.tech_window.getRegion() == pytest.approx(region)


@pytest.mark.parametrize("months, expected_days", [(24, (89, 93)), (6, (28, 31)), (60, (364, 366))])
def test_a_created_item_follows_the_zoom_is_selected_and_shows_its_title(win, qtbot, months, expected_days):
    tl, path = win.timeline, win.document.path
    band = Band.BUSINESS if months > 24 else Band.TECH
    tl.show_span(months)
    qtbot.wait(20)
    plot = tl.band(band)
    lane = plot.layout.lanes[-1]
    x0, x1 = plot.x_range()
    x = tl.x_for_date(band, date.fromordinal(int((x0 + (x1 - x0) * 0.3) / 86400) + date(1970, 1, 1).toordinal()))
    y = tl.mapFromScene(plot.view_box.mapViewToScene(QPointF(0, lane.bottom - 0.05))).y()
    double_click(tl.viewport(), QPointF(x, y))
    editor = tl.viewport().findChild(QLineEdit, "InlineTitleEditor")
    QTest.keyClicks(editor, "Pilot the new thing")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    made = next(i for i in _from_file(path).items.values() if i.title == "Pilot the new thing")
    assert expected_days[0] <= (made.end - made.start).days + 1 <= expected_days[1]
    assert tl.selection.ids == {made.id}
    qtbot.wait(20)
    tl.viewport().repaint()
    (label,) = [l for l in tl.painted_labels() if l.kind == "title" and l.item_id == made.id]
    assert label.text == "Pilot the new thing"  # shown whole, not elided
