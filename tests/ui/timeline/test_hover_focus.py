"""Following links without clicking: hover, focus, link visibility, tooltips (real mouse and keys)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from planner.model import Band, LinkKind
from tests.ui.mouse import LEFT, MOVE_INTERVAL_MS, NO_MODS, NONE, _send, click, hover
from ui.timeline.paint_links import LinkMode
from ui.timeline.view import TimelineView

pytestmark = pytest.mark.gui
TODAY = date(2026, 11, 28)


@pytest.fixture
def view(qtbot, app, sample):
    widget = TimelineView(today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1366, 720)
    widget.set_roadmap(sample)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(20)
    widget.fit_all()
    return settle(widget, qtbot)


def settle(view, qtbot):
    qtbot.wait(MOVE_INTERVAL_MS + 10)
    view.viewport().repaint()
    return view


def _item(roadmap, title):
    return next(i for i in roadmap.items.values() if i.title == title)


def _supports(roadmap, item_id):
    return {l.id for l in roadmap.links.values() if l.kind == LinkKind.SUPPORTS and item_id in (l.source_id, l.target_id)}


def _other_ends(roadmap, item_id):
    return {l.target_id if l.source_id == item_id else l.source_id for l in roadmap.links.values()
            if l.kind == LinkKind.SUPPORTS and item_id in (l.source_id, l.target_id)}


def _bars(view, item_id):
    return view.band(view.roadmap.items[item_id].band).bars


def _strong_links(view):
    return {spec.link_id for spec, _, strong in view.painted_link_paths() if strong}


def test_hovering_a_bar_lights_its_links_and_far_ends_and_fades_the_rest_without_a_click(view, qtbot, sample):
    crm = _item(sample, "CRM rebuild")
    assert _strong_links(view) == set()
    hover(view.viewport(), QPointF(view.item_rect(crm.id).center()))
    settle(view, qtbot)
    assert view.selection.ids == set()  # nothing was clicked
    assert _strong_links(view) == _supports(sample, crm.id)
    for goal in _other_ends(sample, crm.id):
        assert _bars(view, goal).is_highlighted(goal) and not _bars(view, goal).is_dimmed(goal)
    assert not _bars(view, crm.id).is_dimmed(crm.id)
    unrelated = _item(sample, "Zero-trust network access")
    assert _bars(view, unrelated.id).is_dimmed(unrelated.id)
    hover(view.viewport(), QPointF(5, 5))  # away: everything back
    settle(view, qtbot)
    assert _strong_links(view) == set() and not _bars(view, unrelated.id).is_dimmed(unrelated.id)


def test_hovering_a_link_shows_its_rationale_and_both_titles(view, qtbot, sample):
    spec, points, _ = next((s, p, st) for s, p, st in view.painted_link_paths()
                           if sample.links[s.link_id].rationale and abs(p[0].x() - p[-1].x()) > 30)
    # a point on the link's straight run down to the tech bar, clear of any bar: in the gap row
    gap_y = (points[1].y() + points[-2].y()) / 2 if len(points) > 3 else points[0].y()
    spot = min(points[1:-1], key=lambda p: abs(p.y() - gap_y))
    hover(view.viewport(), spot)
    settle(view, qtbot)
    link = sample.links[spec.link_id]
    assert view.links.link_at(view.mapToScene(spot.toPoint())) is not None
    assert _strong_links(view) == {link.id}
    assert not _bars(view, link.target_id).is_dimmed(link.target_id)
    event = QHelpEvent(QEvent.Type.ToolTip, spot.toPoint(), view.viewport().mapToGlobal(spot.toPoint()))
    QApplication.sendEvent(view.viewport(), event)
    text = QToolTip.text()
    assert sample.items[link.source_id].title in text and sample.items[link.target_id].title in text
    assert link.rationale[:30] in text


def test_focus_fades_everything_unconnected_in_both_bands_through_depends_links(view, qtbot, sample):
    goal = _item(sample, "Customer NPS of +45")
    click(view.viewport(), QPointF(view.item_rect(goal.id).center()))
    QTest.keyClick(view, Qt.Key.Key_F)
    settle(view, qtbot)
    assert view.focused and view.focus_action.isChecked()
    enablers = {l.source_id for l in sample.links.values() if l.target_id == goal.id}
    prerequisites = {l.source_id for l in sample.links.values() if l.kind == LinkKind.DEPENDS and l.target_id in enablers}
    assert prerequisites  # the sample's CDP needs Cloud migration and the warehouse first
    for item_id in {goal.id} | enablers | prerequisites:
        assert not _bars(view, item_id).is_dimmed(item_id), sample.items[item_id].title
    faded = [i for i in sample.items.values() if _bars(view, i.id).is_dimmed(i.id)]
    assert {i.band for i in faded} == {Band.BUSINESS, Band.TECH}
    assert _item(sample, "Group revenue £1bn").id in {i.id for i in faded}
    strong = _strong_links(view)
    assert strong and all(sample.links[l].source_id in enablers | prerequisites for l in strong)
    view.focus_action.trigger()  # the toolbar toggle clears it
    hover(view.viewport(), QPointF(5, 5))  # and the pointer is not resting on an item
    settle(view, qtbot)
    assert not view.focused and not any(_bars(view, i).is_dimmed(i) for i in sample.items)


def test_focus_needs_a_selection(view, qtbot):
    said = []
    view.message.connect(said.append)
    QTest.keyClick(view, Qt.Key.Key_F)
    assert not view.focused and not view.focus_action.isChecked() and said


def test_links_of_the_selection_only_or_none_and_business_items_count_their_enablers(view, qtbot, sample):
    from tests.ui.timeline.test_readability import assert_reads_cleanly

    view.link_mode_actions[LinkMode.SELECTION].trigger()
    settle(view, qtbot)
    assert view.painted_link_paths() == []
    assert_reads_cleanly(view)  # the enabler counts take their room: nothing overlaps
    counts = {l.item_id: l.text for l in view.painted_labels() if l.kind == "count"}
    goal = _item(sample, "Customer NPS of +45")
    assert counts[goal.id] == str(len(_other_ends(sample, goal.id)))
    click(view.viewport(), QPointF(view.item_rect(goal.id).center()))
    settle(view, qtbot)
    assert {s.link_id for s, _, _ in view.painted_link_paths()} == _supports(sample, goal.id)
    view.link_mode_actions[LinkMode.NONE].trigger()
    settle(view, qtbot)
    assert view.painted_link_paths() == [] and any(l.kind == "count" for l in view.painted_labels())
    view.link_mode_actions[LinkMode.ALL].trigger()
    settle(view, qtbot)
    assert len(view.painted_link_paths()) >= 30
    assert not any(l.kind == "count" and l.item_id == goal.id and l.rect.intersects(view.item_rect(goal.id)) for l in view.painted_labels())


def test_a_tooltip_rests_on_its_item_with_the_item_rectangle(view, qtbot, sample):
    crm = _item(sample, "CRM rebuild")
    centre = view.item_rect(crm.id).center()
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, centre, view.viewport().mapToGlobal(centre)))
    assert QToolTip.isVisible() and crm.title in QToolTip.text()
    away = QPoint(centre.x(), view.item_rect(crm.id).bottom() + 40)
    hover(view.viewport(), QPointF(away))  # the pointer leaves the item's rectangle: Qt hides the tip
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)


def test_no_tooltip_during_a_drag(view, qtbot, sample):
    from ui.timeline.editing import TimelineEditor

    class Doc:
        canEdit = True
        roadmap = sample

    editor = TimelineEditor(view)
    editor.set_document(Doc())
    crm = _item(sample, "CRM rebuild")
    start = QPointF(view.item_rect(crm.id).center())
    centre = view.item_rect(crm.id).center()
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, centre, view.viewport().mapToGlobal(centre)))
    assert QToolTip.isVisible()
    hover(view.viewport(), start)
    QTest.qWait(MOVE_INTERVAL_MS)
    _send(view.viewport(), QEvent.Type.MouseButtonPress, start, LEFT, LEFT, NO_MODS)
    try:
        assert not QToolTip.isVisible()  # pressing hides it
        for n in range(1, 4):
            QTest.qWait(MOVE_INTERVAL_MS)
            _send(view.viewport(), QEvent.Type.MouseMove, start + QPointF(15 * n, 0), NONE, LEFT, NO_MODS)
        assert editor.gesture is not None
        here = (start + QPointF(45, 0)).toPoint()
        QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, here, view.viewport().mapToGlobal(here)))
        assert not QToolTip.isVisible()  # mid-drag: nothing covers the drop target
    finally:
        editor.cancel()
        _send(view.viewport(), QEvent.Type.MouseButtonRelease, start, LEFT, NONE, NO_MODS)
