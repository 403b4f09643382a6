"""A repaint with nothing new reuses the links' routes and clip, and draws the same pixels as a fresh view.

The links item keeps a frame's routes, clear rects, clip region and paths
while nothing they come from changes; each test makes one such change with
real mouse and key events (an edit, a pan, a zoom, a hover) and checks the
next frame against one worked out from scratch.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from planner.model import LinkKind
from planner.store import Store
from tests.ui.days import TODAY
from tests.ui.mouse import MOVE_INTERVAL_MS, drag, hover, wheel
from ui.timeline.paint_links import LinkMode
from ui.timeline.view import TimelineView

pytestmark = pytest.mark.gui


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


def _settle(view, qtbot):
    qtbot.wait(MOVE_INTERVAL_MS + 10)
    view.viewport().repaint()


def _rest_pointer(view, qtbot):
    """The pointer over the header, where nothing is emphasised."""
    hover(view.viewport(), QPointF(view.viewport().width() / 2, 3))
    _settle(view, qtbot)


def _frame(view):
    links = view.links
    return list(links.painted), list(links.clip_out), set(links.painted_strong), list(links.painted_counts)


def _from_scratch(view):
    """The links of one frame worked out afresh (the cache emptied first)."""
    view.links._frame_key = None
    view.viewport().repaint()
    return _frame(view)


def _pixels(view) -> QImage:
    return view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def _fresh_grab(view, qtbot):
    """A new view of the same roadmap, the same size and range, nothing selected or hovered."""
    fresh = TimelineView(today=TODAY)
    qtbot.addWidget(fresh)
    fresh.resize(view.size())
    fresh.set_roadmap(view.roadmap)
    fresh.set_report(view.report)
    fresh.show()
    qtbot.waitExposed(fresh)
    qtbot.wait(20)
    for mine, theirs in ((view.business, fresh.business), (view.tech, fresh.tech)):
        theirs.view_box.setRange(xRange=mine.view_box.viewRange()[0], yRange=mine.view_box.viewRange()[1], padding=0)
    _settle(fresh, qtbot)
    assert fresh.tech.view_box.viewRange() == view.tech.view_box.viewRange()
    image = _pixels(fresh)
    fresh.close()
    return image


def test_a_repaint_with_nothing_new_reuses_the_frame_and_draws_the_same_pixels(win, qtbot):
    tl = win.timeline
    _rest_pointer(tl, qtbot)
    first = _pixels(tl)
    kept = tl.links._frame
    again = _pixels(tl)
    assert tl.links._frame is kept  # the second frame was a cache hit
    assert tl.links.painted  # and it drew links
    assert again == first
    tl.links._frame_key = None
    assert _pixels(tl) == first  # a frame worked out afresh draws exactly that
    assert tl.links._frame is not kept
    assert _fresh_grab(tl, qtbot) == first


def test_after_an_edit_the_links_and_pixels_are_a_fresh_views(win, qtbot):
    tl, path = win.timeline, win.document.path
    crm = _item(win, "CRM rebuild")
    _rest_pointer(tl, qtbot)
    before = _frame(tl)
    rect = tl.item_rect(crm.id)
    drag(tl.viewport(), QPointF(rect.center()), QPointF(rect.center()) + QPointF(120, 0))
    with Store.open(path, read_only=True) as store:
        assert store.load().items[crm.id].start > crm.start  # the edit landed in the file
    win.selection.clear()
    _rest_pointer(tl, qtbot)
    after = _frame(tl)
    assert after != before  # the moved bar's links were routed again
    assert after == _from_scratch(tl)
    assert _pixels(tl) == _fresh_grab(tl, qtbot)


def test_a_pan_by_arrow_key_routes_the_links_again(win, qtbot):
    tl = win.timeline
    _rest_pointer(tl, qtbot)
    before = _frame(tl)
    tl.setFocus()
    for _ in range(2):
        QTest.keyClick(tl, Qt.Key.Key_Right)
    _settle(tl, qtbot)
    after = _frame(tl)
    assert after[0] != before[0]
    assert after == _from_scratch(tl)


def test_a_zoom_by_wheel_routes_the_links_again(win, qtbot):
    tl = win.timeline
    _rest_pointer(tl, qtbot)
    span = tl.tech.view_box.viewRange()[0]
    before = _frame(tl)
    centre = tl.mapFromScene(tl.tech.view_box.sceneBoundingRect().center())
    wheel(tl.viewport(), QPointF(centre), 240)
    _settle(tl, qtbot)
    assert tl.tech.view_box.viewRange()[0] != span
    after = _frame(tl)
    assert after[0] != before[0]
    assert after == _from_scratch(tl)


def test_hovering_an_item_draws_its_links_strong_and_leaving_it_plain(win, qtbot):
    tl = win.timeline
    crm = _item(win, "CRM rebuild")
    supports = {l.id for l in win.document.roadmap.links.values()
                if l.kind == LinkKind.SUPPORTS and crm.id in (l.source_id, l.target_id)}
    assert supports
    _rest_pointer(tl, qtbot)
    assert not _frame(tl)[2]
    hover(tl.viewport(), QPointF(tl.item_rect(crm.id).center()))
    _settle(tl, qtbot)
    hovered = _frame(tl)
    assert hovered[2] == supports
    assert hovered == _from_scratch(tl)
    _rest_pointer(tl, qtbot)
    assert not _frame(tl)[2]


def test_with_links_hidden_a_hover_keeps_the_titles_placed(win, qtbot):
    """The business band's count badges are asked for again on every hover; the same counts place nothing anew."""
    tl = win.timeline
    tl.set_link_mode(LinkMode.NONE)
    _rest_pointer(tl, qtbot)
    bars = tl.business.bars
    frame, generation = bars.screen_frame, bars.generation
    assert any(t.placement == "count" for t in bars.painted)  # the badges are drawn
    crm = _item(win, "CRM rebuild")
    hover(tl.viewport(), QPointF(tl.item_rect(crm.id).center()))
    _settle(tl, qtbot)
    assert bars.is_dimmed(next(iter(set(bars._index) - {crm.id} - _linked(win, crm.id))))  # the hover took effect
    assert bars.generation == generation
    assert bars.screen_frame is frame  # the titles were not placed again


def _linked(window, item_id):
    return {l.target_id if l.source_id == item_id else l.source_id for l in window.document.roadmap.links.values()
            if item_id in (l.source_id, l.target_id)}
