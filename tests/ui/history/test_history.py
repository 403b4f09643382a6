"""The history panel: a QUndoView on the document's stack, starting from "Opened"."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from planner.edits import MoveItems, UpdateItem
from planner.store import Store
from ui.document.document import RoadmapDocument
from ui.history.panel import HistoryPanel


@pytest.fixture
def panel(qtbot, document):
    widget = HistoryPanel(document)
    qtbot.addWidget(widget)
    widget.resize(300, 240)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def rows(panel) -> list[str]:
    model = panel.view.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_lists_steps_after_opened(panel, document):
    assert rows(panel) == ["Opened"]
    item = document.roadmap.items[6]
    document.push(UpdateItem(dataclasses.replace(item, title="Membership relaunch")))
    document.push(MoveItems((6,), 30))
    assert rows(panel) == ["Opened", "Edit 'Membership relaunch'", "Move"]


def test_clicking_opened_undoes_everything_in_the_file(panel, document, sample_file, dump_file, qtbot):
    original = dump_file(sample_file)
    document.push(MoveItems((6,), 30))
    document.push(MoveItems((7,), -10))
    moved = dump_file(sample_file)
    view = panel.view
    rect = view.visualRect(view.model().index(0, 0))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert document.undo_stack.index() == 0
    assert dump_file(sample_file) == original
    rect = view.visualRect(view.model().index(2, 0))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dump_file(sample_file) == moved


def test_set_document_follows_the_new_stack_or_none(panel, app, tmp_path, sample):
    other_path = tmp_path / "other.roadmap"
    Store.create(other_path, sample).close()
    other = RoadmapDocument.open(other_path)
    try:
        panel.set_document(other)
        assert panel.view.stack() is other.undo_stack
        other.push(MoveItems((1,), 1))
        assert rows(panel) == ["Opened", "Move"]
        panel.set_document(None)
        assert panel.view.stack() is None
        assert not panel.view.isEnabled()
    finally:
        other.close()


def test_read_only_history_is_disabled(qtbot, app, sample_file):
    doc = RoadmapDocument.open(sample_file, read_only=True)
    try:
        widget = HistoryPanel(doc)
        qtbot.addWidget(widget)
        assert not widget.view.isEnabled()
        assert rows(widget) == ["Opened"]
    finally:
        doc.close()
