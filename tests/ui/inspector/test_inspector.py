"""The inspector panel, driven by keyboard and mouse and checked against the file on disk."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from planner.edits import MoveItems, UpdateItem
from planner.model import Band, LinkKind, Status
from planner.store import Store
from ui.document.document import RoadmapDocument
from ui.common.formatting import format_budget, parse_budget
from ui.inspector.panel import InspectorPanel
from ui.document.selection import SelectionModel
from tests.ui.inspector.inspector_input import LOYALTY, focus, reload, retype


def test_shows_every_field_of_the_selected_item(panel, document):
    item = document.roadmap.items[LOYALTY]
    assert panel.stack.currentWidget() is panel.form_page
    assert panel.title_edit.text() == item.title
    assert panel.description_edit.toPlainText() == item.description
    assert panel.lane_combo.currentText() == document.roadmap.lanes[item.lane_id].name
    assert panel.start_edit.date() == item.start
    assert panel.end_edit.date() == item.end
    assert panel.start_edit.calendarPopup() and panel.end_edit.calendarPopup()
    assert panel.owner_edit.text() == item.owner
    assert panel.status_combo.currentText() == item.status.label
    assert panel.budget_edit.text() == "1,400,000"
    assert panel.metric_notes_edit.toPlainText() == item.metric_notes
    # Only the business band's lanes are offered to a business goal.
    offered = [panel.lane_combo.itemText(n) for n in range(panel.lane_combo.count())]
    assert offered == [lane.name for lane in document.roadmap.lanes_of(Band.BUSINESS)]
    links = document.roadmap.links_of(LOYALTY)
    assert len(panel.link_rows) == len(links) == 2
    assert all(label.startswith("Enabled by '") for label in _link_texts(panel))


def _link_texts(panel) -> list[str]:
    return [row.findChild(QLabel).text() for _, row, _ in panel.link_rows]


def test_title_typed_and_returned_is_one_step_in_the_file_and_undoes_exactly(panel, document, sample_file, dump_file, qtbot):
    original = dump_file(sample_file)

    retype(qtbot, panel.title_edit, "Membership app relaunch")

    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Edit 'Membership app relaunch'"
    assert reload(sample_file).items[LOYALTY].title == "Membership app relaunch"
    after = dump_file(sample_file)

    document.undo_stack.undo()
    assert dump_file(sample_file) == original
    assert panel.title_edit.text() == "Loyalty programme relaunch"  # the field shows the restored value

    document.undo_stack.redo()
    assert dump_file(sample_file) == after
    assert panel.title_edit.text() == "Membership app relaunch"


def test_owner_commits_when_tab_leaves_the_field(panel, document, sample_file, dump_file, qtbot):
    original = dump_file(sample_file)
    retype(qtbot, panel.owner_edit, "Chief Customer Officer", finish=Qt.Key.Key_Tab)
    assert reload(sample_file).items[LOYALTY].owner == "Chief Customer Officer"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert dump_file(sample_file) == original
    assert panel.owner_edit.text() == "CMO"


def test_empty_title_is_refused(panel, document, sample_file, dump_file, qtbot):
    original = dump_file(sample_file)
    retype(qtbot, panel.title_edit, "")
    assert dump_file(sample_file) == original
    assert panel.error_text.startswith("Title must not be empty")
    assert panel.marked_fields() == ["title"]
    # Fixing it clears the message and applies.
    retype(qtbot, panel.title_edit, "Loyalty 2.0")
    assert panel.error_text == ""
    assert reload(sample_file).items[LOYALTY].title == "Loyalty 2.0"


def test_status_and_lane_combos_commit_on_choice(panel, document, sample_file, dump_file, qtbot):
    original = dump_file(sample_file)
    focus(qtbot, panel.status_combo)
    QTest.keyClick(panel.status_combo, Qt.Key.Key_Down)  # At risk -> Off track
    assert reload(sample_file).items[LOYALTY].status == Status.OFF_TRACK
    focus(qtbot, panel.lane_combo)
    QTest.keyClick(panel.lane_combo, Qt.Key.Key_Up)  # Market positioning -> Growth objectives
    assert reload(sample_file).items[LOYALTY].lane_id == 1
    assert document.undo_stack.count() == 2
    assert panel.lane_combo.currentText() == "Growth objectives"
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert dump_file(sample_file) == original
    assert panel.status_combo.currentText() == "At risk"
    assert panel.lane_combo.currentText() == "Market positioning"


def test_budget_accepts_blank_and_shorthand_and_refuses_nonsense(panel, document, sample_file, dump_file, qtbot):
    retype(qtbot, panel.budget_edit, "2.5m")
    assert reload(sample_file).items[LOYALTY].budget == 2_500_000
    assert panel.budget_edit.text() == "2,500,000"
    retype(qtbot, panel.budget_edit, "")
    assert reload(sample_file).items[LOYALTY].budget is None
    before = dump_file(sample_file)
    retype(qtbot, panel.budget_edit, "lots")
    assert dump_file(sample_file) == before
    assert "budget must be a number" in panel.error_text.lower()
    retype(qtbot, panel.budget_edit, "-5")
    assert dump_file(sample_file) == before
    assert "must not be below 0" in panel.error_text
    assert panel.marked_fields() == ["budget"]
    assert document.undo_stack.count() == 2


def test_description_commits_when_focus_leaves(panel, document, sample_file, qtbot):
    focus(qtbot, panel.description_edit)
    QTest.keyClick(panel.description_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(panel.description_edit, " Board approved.")
    assert document.undo_stack.count() == 0
    QTest.keyClick(panel.description_edit, Qt.Key.Key_Tab)  # Tab moves on rather than typing a tab
    assert reload(sample_file).items[LOYALTY].description.endswith("relies on the delayed CRM go-live. Board approved.")
    assert document.undo_stack.count() == 1


def test_remove_link_button_removes_that_link_as_one_step(panel, document, sample_file, dump_file, qtbot):
    original = dump_file(sample_file)
    link, _, button = panel.link_rows[0]
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert link.id not in reload(sample_file).links
    assert len(panel.link_rows) == 1
    assert document.undo_stack.undoText() == "Remove link"
    document.undo_stack.undo()
    assert dump_file(sample_file) == original
    assert [l.id for l, _, _ in panel.link_rows] == [l.id for l in document.roadmap.links_of(LOYALTY)]
    assert any(l.kind == LinkKind.SUPPORTS for l, _, _ in panel.link_rows)


def test_follows_edits_made_elsewhere_and_their_undo(panel, document):
    document.push(MoveItems((LOYALTY,), 30))
    assert panel.start_edit.date() == QDate(2026, 10, 1)
    document.undo_stack.undo()
    assert panel.start_edit.date() == QDate(2026, 9, 1)


def test_a_pending_edit_survives_a_change_to_another_field(panel, document, qtbot):
    focus(qtbot, panel.owner_edit)
    QTest.keyClick(panel.owner_edit, Qt.Key.Key_End)
    QTest.keyClicks(panel.owner_edit, " and CFO")
    renamed = UpdateItem(dataclasses.replace(document.roadmap.items[LOYALTY], title="Renamed elsewhere"))
    document.push(renamed)
    assert panel.title_edit.text() == "Renamed elsewhere"
    assert panel.owner_edit.text() == "CMO and CFO"


def test_an_edit_elsewhere_leaves_a_field_it_did_not_change_as_it_is(panel, document, qtbot):
    """Only fields whose value moved are written again: the title's cursor stays where the user put it."""
    focus(qtbot, panel.title_edit)
    QTest.keyClick(panel.title_edit, Qt.Key.Key_End)
    end = len(panel.title_edit.text())
    assert end > 0 and panel.title_edit.cursorPosition() == end
    document.push(MoveItems((LOYALTY,), 30))
    assert panel.start_edit.date() == QDate(2026, 10, 1)  # the moved field follows
    assert panel.title_edit.cursorPosition() == end
    document.undo_stack.undo()
    assert panel.start_edit.date() == QDate(2026, 9, 1)
    assert panel.title_edit.cursorPosition() == end


def test_hint_for_none_or_several_and_nothing_open(panel, selection, qtbot):
    selection.set({1, 2})
    assert panel.stack.currentWidget() is panel.hint
    assert "2 items are selected" in panel.hint.text()
    selection.clear()
    assert "Select an item" in panel.hint.text()
    selection.set({LOYALTY})
    assert panel.stack.currentWidget() is panel.form_page
    panel.set_document(None)
    assert panel.stack.currentWidget() is panel.hint
    assert "No roadmap" in panel.hint.text()


def test_switching_items_shows_the_other_band_lanes(panel, document, selection):
    tech = next(i for i in document.roadmap.items.values() if i.band == Band.TECH)
    selection.set({tech.id})
    offered = [panel.lane_combo.itemText(n) for n in range(panel.lane_combo.count())]
    assert offered == [lane.name for lane in document.roadmap.lanes_of(Band.TECH)]
    assert panel.title_edit.text() == tech.title


def test_read_only_document_disables_editing(qtbot, app, sample_file, dump_file):
    original = dump_file(sample_file)
    doc = RoadmapDocument.open(sample_file, read_only=True)
    selection = SelectionModel()
    try:
        panel = InspectorPanel(doc, selection)
        qtbot.addWidget(panel)
        panel.show()
        selection.set({LOYALTY})
        # Every field says it cannot be changed: text fields read-only and drawn so, the rest disabled.
        for name, field in panel.fields.items():
            widget = field.widget
            assert (widget.isReadOnly() and widget.property("readOnlyLook")) if hasattr(widget, "isReadOnly") else not widget.isEnabled(), name
        assert not panel.start_edit.popup_action.isEnabled() and not panel.status_combo.isEnabled()
        assert panel.read_only_label.isVisible()
        assert not any(button.isEnabled() for _, _, button in panel.link_rows)
        focus(qtbot, panel.title_edit)
        QTest.keyClicks(panel.title_edit, "x")
        QTest.keyClick(panel.title_edit, Qt.Key.Key_Return)
        assert doc.undo_stack.count() == 0
    finally:
        doc.close()
    assert dump_file(sample_file) == original


def test_a_new_document_replaces_the_old(panel, app, tmp_path, sample, selection):
    other_path = tmp_path / "other.roadmap"
    Store.create(other_path, sample).close()
    other = RoadmapDocument.open(other_path)
    try:
        old = panel.document
        panel.set_document(other)
        old.push(MoveItems((LOYALTY,), 30))  # the old document no longer reaches the panel
        assert panel.start_edit.date() == QDate(2026, 9, 1)
        other.push(MoveItems((LOYALTY,), 7))
        assert panel.start_edit.date() == QDate(2026, 9, 8)
    finally:
        panel.set_document(None)
        other.close()


@pytest.mark.parametrize(
    "text, value",
    [("", None), ("  ", None), ("1,200,000", 1_200_000.0), ("£850k", 850_000.0), ("2.1m", 2_100_000.0), ("1bn", 1e9), ("12.5", 12.5)],
)
def test_parse_budget(text, value):
    assert parse_budget(text) == value


@pytest.mark.parametrize("value", [None, 0.0, 1_200_000.0, 1234.5678, 1e20])
def test_format_budget_reads_back_exactly(value):
    assert parse_budget(format_budget(value)) == value


def test_set_document_after_the_old_one_was_deleted(qtbot, app, sample_file, selection):
    from PySide6.QtCore import QCoreApplication, QEvent

    old = RoadmapDocument.open(sample_file)
    widget = InspectorPanel(old, selection)
    qtbot.addWidget(widget)
    selection.set({LOYALTY})
    old.close()
    old.deleteLater()  # as the main window drops a replaced document
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    widget.set_document(None)
    assert "No roadmap" in widget.hint.text()


def test_ctrl_z_in_a_committed_field_undoes_the_document_step(panel, document, sample_file, dump_file, qtbot):
    from PySide6.QtGui import QAction, QKeySequence

    # The main window's Edit > Undo, in miniature.
    undo = QAction("Undo", panel)
    undo.setShortcut(QKeySequence("Ctrl+Z"))
    undo.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    undo.triggered.connect(document.undo_stack.undo)
    panel.addAction(undo)
    original = dump_file(sample_file)
    retype(qtbot, panel.title_edit, "Membership relaunch")
    assert document.undo_stack.count() == 1

    QTest.keyClick(panel.title_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert dump_file(sample_file) == original
    assert panel.title_edit.text() == "Loyalty programme relaunch"
    # While typing, Ctrl+Z still undoes the typing in the field, not the document.
    QTest.keyClick(panel.title_edit, Qt.Key.Key_End)
    QTest.keyClicks(panel.title_edit, "!")
    QTest.keyClick(panel.title_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.title_edit.text() == "Loyalty programme relaunch"
    assert document.undo_stack.index() == 0 and document.undo_stack.count() == 1


def test_a_long_title_opens_at_its_first_character(panel, selection, document, qtbot):
    """Issue 10.7: the Title field opened scrolled to its end, its first characters cut."""
    panel.resize(260, 640)
    long_titles = [i for i in document.roadmap.items.values() if len(i.title) > 28]
    selection.set({long_titles[0].id})
    assert panel.title_edit.cursorPosition() == 0
