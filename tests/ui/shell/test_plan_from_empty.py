"""End to end: plan a roadmap from an empty file by keyboard and mouse alone, then reopen it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from planner.model import Band, LinkKind
from planner.store import Store
from planner.templates import empty_roadmap
from tests.ui.mouse import drag


def _type_title(window, title):
    editors = [e for e in window.timeline.viewport().findChildren(QLineEdit, "InlineTitleEditor") if e.isVisible()]
    assert len(editors) == 1 and editors[0].hasFocus()
    editor = editors[0]
    editor.selectAll()
    QTest.keyClicks(editor, title)
    QTest.keyClick(editor, Qt.Key.Key_Return)


def test_plan_from_an_empty_file_and_reopen(make_window, tmp_path, qtbot, dump_file):
    path = tmp_path / "acme.roadmap"
    Store.create(path, empty_roadmap("Acme plan", date(2026, 11, 28))).close()
    window = make_window(path)
    window.resize(1400, 900)
    qtbot.wait(30)
    tl = window.timeline

    QTest.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    _type_title(window, "Win the Nordics")
    QTest.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    _type_title(window, "Nordic e-commerce site")
    roadmap = window.document.roadmap
    goal = next(i for i in roadmap.items.values() if i.title == "Win the Nordics")
    site = next(i for i in roadmap.items.values() if i.title == "Nordic e-commerce site")
    assert goal.band == Band.BUSINESS and site.band == Band.TECH

    # stretch the goal to the right, then link the site to it with Alt+drag
    rect = tl.item_rect(goal.id)
    drag(tl.viewport(), QPointF(rect.right() - 1, rect.center().y()), QPointF(rect.right() + 150, rect.center().y()))
    qtbot.wait(10)
    site_rect, goal_rect = tl.item_rect(site.id), tl.item_rect(goal.id)
    drag(tl.viewport(), QPointF(site_rect.center()), QPointF(goal_rect.center()), mods=Qt.KeyboardModifier.AltModifier)
    # add + rename, add + rename, resize, link: each its own step
    stack = window.document.undo_stack
    assert [stack.text(n).split(" ")[0] for n in range(stack.count())] == ["Add", "Rename", "Add", "Rename", "Resize", "Link"]
    expected = dump_file(path)
    window.close()

    again = make_window(path)
    saved = again.document.roadmap
    assert dump_file(path) == expected
    goal2 = next(i for i in saved.items.values() if i.title == "Win the Nordics")
    assert goal2.end > goal.end
    assert any(l.kind == LinkKind.SUPPORTS and (l.source_id, l.target_id) == (site.id, goal.id) for l in saved.links.values())
    assert again.document.undo_stack.count() == 0  # opening is never an undoable step
