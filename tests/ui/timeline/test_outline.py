"""The outline on the timeline (issue 13), with real mouse and keyboard events on the real window.

The sample with a small hierarchy (tests/ui/timeline/outline_sample.py): 'CRM rebuild' over two phases and
its go-live milestone, 'Online sales 30% of revenue' over two sub-goals. What is drawn is read from
`painted_labels()`, `painted_outline()` and `painted_link_paths()`; edits are checked in the SQLite file.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtTest import QTest

from planner.model import Band
from planner.store import Store
from tests.ui.mouse import LEFT, MOVE_INTERVAL_MS, NO_MODS, NONE, _send, click, hover
from tests.ui.timeline.outline_sample import PHASES, SUB_GOALS, by_title, with_outline
from tests.ui.timeline.test_readability import settle

RIGHT_BUTTON = Qt.MouseButton.RightButton


@pytest.fixture
def outline_file(tmp_path, sample):
    path = tmp_path / "outline.roadmap"
    Store.create(path, with_outline(sample)).close()
    return path


def open_window(make_window, qtbot, path, size=(1500, 950)):
    window = make_window(path)
    window.resize(*size)
    qtbot.wait(30)
    window.timeline.fit_all()
    settle(window.timeline, qtbot)
    return window


@pytest.fixture
def win(make_window, qtbot, outline_file):
    return open_window(make_window, qtbot, outline_file)


def ids(window):
    r = window.document.roadmap
    crm, online = by_title(r, "CRM rebuild"), by_title(r, "Online sales 30% of revenue")
    phases = [by_title(r, t).id for t, _, _ in PHASES]
    subs = [by_title(r, t).id for t, _, _ in SUB_GOALS]
    return crm.id, phases, by_title(r, "CRM go-live").id, online.id, subs


def disclosure(view, item_id):
    found = [l for l in view.painted_labels() if l.kind == "disclosure" and l.item_id == item_id]
    assert len(found) == 1, found
    return found[0]


def rects(view):
    return {i: QRectF(view.item_rect(i)) for band in view.bands for i in band.layout.bars}


def test_children_are_drawn_beneath_their_parent_with_a_spine_into_their_rows(win):
    tl = win.timeline
    crm, phases, live, online, subs = ids(win)
    for parent, children in ((crm, [*phases, live]), (online, subs)):
        top = QRectF(tl.item_rect(parent))
        box = disclosure(tl, parent)
        assert box.text == "▼" and box.rect.right() < top.left()  # before the parent's bar, not on it
        assert abs(box.rect.center().y() - top.center().y()) < 1
        (spine,) = [lines for p, lines in tl.painted_outline().spines if p == parent]
        x = spine[0].x1()
        for child in children:
            rect = QRectF(tl.item_rect(child))
            assert rect.top() >= top.bottom() and x < rect.left()  # beneath the parent, right of its spine
            assert any(abs(line.y1() - rect.center().y()) < 1 and line.x2() < rect.left() for line in spine[1:])
    assert QRectF(tl.item_rect(phases[0])).top() == QRectF(tl.item_rect(phases[1])).top()  # phases share a row
    assert QRectF(tl.item_rect(subs[0])).top() < QRectF(tl.item_rect(subs[1])).top()  # overlapping sub-goals do not


def test_a_click_on_the_triangle_folds_and_unfolds_keeping_the_view_steady(win, qtbot, dump_file):
    tl, path = win.timeline, win.document.path
    crm, phases, live, online, subs = ids(win)
    before_file, before = dump_file(path), rects(tl)
    row_px = tl.tech.row_px
    apps = win.document.roadmap.items[crm].lane_id
    click(tl.viewport(), disclosure(tl, crm).rect.center())
    settle(tl, qtbot)
    assert crm in tl.collapsed and disclosure(tl, crm).text == "▶"
    assert all(tl.item_rect(i) is None for i in (*phases, live))
    after = rects(tl)
    for item_id, rect in after.items():
        item = win.document.roadmap.items[item_id]
        if item.band == Band.BUSINESS or before[item_id].bottom() <= before[crm].top():
            assert rect == before[item_id], item.title  # the other band, and lanes above: not a pixel
        elif item.lane_id != apps:
            assert rect.top() == pytest.approx(before[item_id].top() - 2 * row_px, abs=1), item.title  # below: two rows up
    assert tl.tech.row_px == row_px
    click(tl.viewport(), disclosure(tl, crm).rect.center())
    settle(tl, qtbot)
    assert crm not in tl.collapsed and rects(tl) == before  # unfolded: exactly as it was
    assert dump_file(path) == before_file and win.document.undo_stack.count() == 0  # view state, not an edit


def test_space_folds_the_selected_parent_and_on_a_child_folds_its_parent(win, qtbot):
    tl = win.timeline
    crm, phases, live, online, subs = ids(win)
    click(tl.viewport(), QRectF(tl.item_rect(online)).center())
    QTest.keyClick(tl, Qt.Key.Key_Space)
    assert tl.collapsed == {online}
    QTest.keyClick(tl, Qt.Key.Key_Space)
    assert tl.collapsed == frozenset()
    click(tl.viewport(), QRectF(tl.item_rect(phases[1])).center())
    QTest.keyClick(tl, Qt.Key.Key_Space)
    assert tl.collapsed == {crm} and win.selection.ids == {crm}  # the phase folded away: its parent is selected
    assert win.document.undo_stack.count() == 0


def test_the_item_menu_folds_a_parent(win, qtbot):
    tl = win.timeline
    crm, *_ = ids(win)
    at = QRectF(tl.item_rect(crm)).center()
    hover(tl.viewport(), at)
    _send(tl.viewport(), QEvent.Type.MouseButtonPress, at, RIGHT_BUTTON, RIGHT_BUTTON, NO_MODS)
    _send(tl.viewport(), QEvent.Type.MouseButtonRelease, at, RIGHT_BUTTON, NONE, NO_MODS)
    menu = win.editor.menu
    (fold,) = [a for a in menu.actions() if a.objectName() == "FoldAction"]
    assert fold.text() == "Collapse\tSpace"
    fold.trigger()
    menu.close()
    assert tl.collapsed == {crm}


def test_a_collapsed_parent_shows_its_milestones_on_its_bar_and_names_them(win, qtbot):
    tl = win.timeline
    crm, phases, live, online, subs = ids(win)
    tl.set_collapsed({crm})
    settle(tl, qtbot)
    bar = QRectF(tl.item_rect(crm))
    (diamond,) = tl.painted_outline().diamonds
    assert diamond[:2] == (crm, live)
    day = win.document.roadmap.items[live].start
    x = (tl.x_for_date(Band.TECH, day) + tl.x_for_date(Band.TECH, day + timedelta(days=1))) / 2
    assert diamond[2].x() == pytest.approx(x, abs=1) and diamond[2].y() == pytest.approx(bar.top(), abs=1)
    tip = tl.tooltip_for(crm)
    assert "Collapsed: 3 items inside" in tip and "CRM go-live · 30 Apr 2027" in tip
    assert "Part of: CRM rebuild" in tl.tooltip_for(live)


def test_links_of_hidden_children_are_drawn_to_their_collapsed_parents(win, qtbot):
    tl = win.timeline
    crm, phases, live, online, subs = ids(win)
    link = next(l for l in win.document.roadmap.links.values() if l.source_id == phases[1] and l.target_id == subs[1])
    (spec, points, _), = [p for p in tl.painted_link_paths() if p[0].link_id == link.id]
    assert (spec.tech_id, spec.business_id) == (phases[1], subs[1])
    tl.set_collapsed({crm, online})
    settle(tl, qtbot)
    (spec, points, _), = [p for p in tl.painted_link_paths() if p[0].link_id == link.id]
    assert (spec.tech_id, spec.business_id) == (crm, online)
    tech, business = QRectF(tl.item_rect(crm)), QRectF(tl.item_rect(online))
    assert tech.left() - 1 <= points[0].x() <= tech.right() + 1 and abs(points[0].y() - tech.top()) <= 2
    assert business.left() - 1 <= points[-1].x() <= business.right() + 1 and abs(points[-1].y() - business.bottom()) <= 2
    hover(tl.viewport(), QRectF(tl.item_rect(crm)).center())  # hovering the parent lights up its children's goals too
    settle(tl, qtbot)
    assert link.id in tl.links.painted_strong and not tl.business.bars.is_dimmed(online)


def test_choosing_a_hidden_child_elsewhere_unfolds_its_ancestors(win, qtbot):
    tl = win.timeline
    crm, phases, live, online, subs = ids(win)
    tl.set_collapsed({crm, online})
    assert tl.item_rect(phases[0]) is None
    tl.reveal((phases[0],))  # what the findings dock does for a finding's items
    assert tl.collapsed == {online} and tl.item_rect(phases[0]) is not None
    win.selection.set({subs[1]})  # what a click in the tables does
    assert tl.collapsed == frozenset() and tl.item_rect(subs[1]) is not None


def test_an_item_put_under_a_folded_parent_while_selected_stays_in_view(win, qtbot):
    from planner.edits import SetParent

    tl = win.timeline
    crm, *_ = ids(win)
    stock = by_title(win.document.roadmap, "Real-time store stock service").id
    tl.set_collapsed({crm})
    click(tl.viewport(), QRectF(tl.item_rect(stock)).center())
    win.document.push(SetParent(stock, crm))  # what the Inspector's Part of does
    assert crm not in tl.collapsed and tl.item_rect(stock) is not None
    win.document.undo_stack.undo()
    assert tl.item_rect(stock) is not None


def test_dragging_a_parent_moves_its_subtree_in_the_preview_and_the_file(win, qtbot, dump_file):
    tl, path = win.timeline, win.document.path
    crm, phases, live, online, subs = ids(win)
    before_file, before = dump_file(path), _items(path)
    start = QRectF(tl.item_rect(crm)).center()
    end = start + QPointF(120, 0)
    hover(tl.viewport(), start)
    QTest.qWait(MOVE_INTERVAL_MS)
    _send(tl.viewport(), QEvent.Type.MouseButtonPress, start, LEFT, LEFT, NO_MODS)
    try:
        for n in range(1, 7):
            QTest.qWait(MOVE_INTERVAL_MS)
            _send(tl.viewport(), QEvent.Type.MouseMove, start + (end - start) * (n / 6), NONE, LEFT, NO_MODS)
        preview = win.editor.previews[Band.TECH]
        assert len(preview._bars) == 4  # the parent, its two phases and its milestone move together
        shifts = {round(r.left() - tl.tech.layout.bars[i].x0) for (r, _, _), i in zip(preview._bars, (crm, *phases, live))}
        assert len(shifts) == 1 and shifts != {0}
    finally:
        _send(tl.viewport(), QEvent.Type.MouseButtonRelease, end, LEFT, NONE, NO_MODS)
    saved = _items(path)
    subtree = (crm, *phases, live)
    moved = {i: (saved[i].start - before[i].start).days for i in subtree}
    assert len(set(moved.values())) == 1 and moved[crm] > 0  # one shift for the whole subtree
    assert all(saved[i].end - saved[i].start == before[i].end - before[i].start for i in subtree)
    assert all(saved[i] == before[i] for i in before if i not in subtree)
    assert win.document.undo_stack.count() == 1
    win.document.undo_stack.undo()
    assert dump_file(path) == before_file


def _items(path):
    with Store.open(path, read_only=True) as store:
        return store.load().items


def test_folds_are_remembered_per_file_and_never_written_into_it(make_window, qtbot, outline_file, sample_file, dump_file):
    window = open_window(make_window, qtbot, outline_file)
    crm, *_ = ids(window)
    before = dump_file(outline_file)
    window.timeline.set_collapsed({crm})
    window.close()
    assert dump_file(outline_file) == before
    again = open_window(make_window, qtbot, outline_file)
    assert again.timeline.collapsed == {crm} and again.timeline.item_rect(crm) is not None
    assert disclosure(again.timeline, crm).text == "▶"
    again.load(sample_file)
    assert again.timeline.collapsed == frozenset()


def test_a_fitted_band_keeps_room_for_its_triangles_when_it_is_resized_and_a_panned_one_stays_put(win, qtbot):
    """The room Fit All keeps before parents is in pixels: a band still as fitted fits again at its new width
    (so a view fitted before it was laid out shows what the first frame showed); one the user moved is left alone."""
    from ui.timeline.chart_plan import fit_range

    view = win.timeline
    tech, business = view.tech, view.business
    before = tech.view_box.width()
    win.resize(1100, 950)
    qtbot.waitUntil(lambda: tech.view_box.width() < before - 200)
    settle(view, qtbot)
    spans = view._spans()
    for band in (tech, business):
        wanted = fit_range(band.layout, spans[band.band], band.view_box.width())
        assert band.x_range() == pytest.approx(wanted, abs=1.0)  # fitted for the new width, to the second
    crm = disclosure(view, ids(win)[0])
    assert crm.rect.left() >= tech.view_box.sceneBoundingRect().left()  # its triangle in view
    view.pan(0.1)
    panned = tech.x_range()
    narrow = tech.view_box.width()
    win.resize(1400, 950)
    qtbot.waitUntil(lambda: tech.view_box.width() > narrow + 200)
    assert tech.x_range() == panned
