"""The lanes dialog: each action one undoable step in the file, refusals explained."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QTreeWidget

from planner.edits import RenameLane
from planner.model import Band
from planner.store import Store
from ui.document.document import RoadmapDocument
from ui.lanes.dialog import LANE_ID_ROLE, LanesDialog

BUSINESS_LANES = ["Growth objectives", "Market positioning", "Revenue model", "Resource allocation"]


def reload(path):
    with Store.open(path, read_only=True) as store:
        return store.load()


def lane_names(roadmap, band=Band.BUSINESS) -> list[str]:
    return [lane.name for lane in roadmap.lanes_of(band)]


@pytest.fixture
def dialog(qtbot, document):
    widget = LanesDialog(document)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(20)
    return widget


def shown_names(tree: QTreeWidget) -> list[str]:
    return [tree.topLevelItem(r).text(0) for r in range(tree.topLevelItemCount())]


def click_row(tree: QTreeWidget, row: int) -> None:
    rect = tree.visualItemRect(tree.topLevelItem(row))
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 40, rect.center().y()))


def test_lists_each_band_with_item_counts(dialog, document):
    page = dialog.page(Band.BUSINESS)
    assert shown_names(page.list) == BUSINESS_LANES
    assert [page.list.topLevelItem(r).text(1) for r in range(4)] == ["4", "5", "6", "5"]
    assert shown_names(dialog.page(Band.TECH).list) == lane_names(document.roadmap, Band.TECH)


def test_add_by_typing_a_name_and_return(dialog, document, sample_file, dump_file, qtbot):
    original = dump_file(sample_file)
    page = dialog.page(Band.BUSINESS)
    page.name_edit.setFocus()
    QTest.keyClicks(page.name_edit, "Partnerships")
    QTest.keyClick(page.name_edit, Qt.Key.Key_Return)

    assert lane_names(reload(sample_file)) == [*BUSINESS_LANES, "Partnerships"]
    assert document.undo_stack.undoText() == "Add lane 'Partnerships'"
    assert shown_names(page.list)[-1] == "Partnerships"
    assert page.list.currentItem().text(0) == "Partnerships"
    assert page.name_edit.text() == ""
    assert dialog.isVisible()
    after = dump_file(sample_file)
    document.undo_stack.undo()
    assert dump_file(sample_file) == original
    assert shown_names(page.list) == BUSINESS_LANES
    document.undo_stack.redo()
    assert dump_file(sample_file) == after


def test_rename_in_place_with_f2(dialog, document, sample_file, dump_file, qtbot):
    original = dump_file(sample_file)
    page = dialog.page(Band.BUSINESS)
    click_row(page.list, 2)
    QTest.keyClick(page.list, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: page.list.state() == QTreeWidget.State.EditingState)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, "Pricing & revenue")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.list.state() != QTreeWidget.State.EditingState)
    assert dialog.isVisible()  # Return ended the rename, not the dialog

    assert lane_names(reload(sample_file))[2] == "Pricing & revenue"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert dump_file(sample_file) == original
    assert shown_names(page.list)[2] == "Revenue model"


def test_renaming_to_nothing_is_refused_and_the_name_restored(dialog, document, sample_file, dump_file, qtbot):
    original = dump_file(sample_file)
    page = dialog.page(Band.BUSINESS)
    click_row(page.list, 0)
    QTest.mouseClick(page.rename_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.list.state() == QTreeWidget.State.EditingState)
    editor = QApplication.focusWidget()
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.list.state() != QTreeWidget.State.EditingState)
    assert dump_file(sample_file) == original
    assert "must not be empty" in dialog.message
    assert shown_names(page.list)[0] == "Growth objectives"


def test_reorder_with_move_buttons(dialog, document, sample_file, dump_file, qtbot):
    original = dump_file(sample_file)
    page = dialog.page(Band.BUSINESS)
    click_row(page.list, 0)
    assert not page.up_button.isEnabled()
    QTest.mouseClick(page.down_button, Qt.MouseButton.LeftButton)
    QTest.mouseClick(page.down_button, Qt.MouseButton.LeftButton)
    expected = ["Market positioning", "Revenue model", "Growth objectives", "Resource allocation"]
    assert lane_names(reload(sample_file)) == expected
    assert shown_names(page.list) == expected
    assert page.list.currentItem().text(0) == "Growth objectives"  # the moved lane stays selected
    assert document.undo_stack.count() == 2 and document.undo_stack.undoText() == "Reorder lanes"
    QTest.keyClick(page.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert lane_names(reload(sample_file))[1] == "Growth objectives"
    for _ in range(3):
        document.undo_stack.undo()
    assert dump_file(sample_file) == original
    assert shown_names(page.list) == BUSINESS_LANES


def test_deleting_a_lane_that_holds_items_is_refused_with_a_message(dialog, document, sample_file, dump_file):
    original = dump_file(sample_file)
    page = dialog.page(Band.BUSINESS)
    click_row(page.list, 1)
    QTest.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert dump_file(sample_file) == original
    assert document.undo_stack.count() == 0
    assert dialog.message == "Lane 'Market positioning' still holds 5 item(s); move or delete them first."
    assert dialog.message_label.isVisible()


def test_deleting_an_empty_lane_is_one_step(dialog, document, sample_file, dump_file):
    page = dialog.page(Band.TECH)
    dialog.tabs.setCurrentWidget(page)
    page.name_edit.setFocus()
    QTest.keyClicks(page.name_edit, "Quantum")
    QTest.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    with_lane = dump_file(sample_file)
    assert "Quantum" in lane_names(reload(sample_file), Band.TECH)
    assert page.list.currentItem().text(0) == "Quantum"
    page.list.setFocus()
    QTest.keyClick(page.list, Qt.Key.Key_Delete)
    assert "Quantum" not in lane_names(reload(sample_file), Band.TECH)
    assert dialog.message == ""
    document.undo_stack.undo()
    assert dump_file(sample_file) == with_lane


@pytest.mark.qt_log_ignore(
    r"This plugin does not support propagateSizeHints\(\)",
    r"This plugin does not support raise\(\)",
    r"This plugin does not support grabbing the keyboard",
)
def test_recolour_through_the_colour_dialog(dialog, document, sample_file, dump_file, qtbot):
    original = dump_file(sample_file)
    page = dialog.page(Band.BUSINESS)
    click_row(page.list, 3)
    QTest.mouseClick(page.colour_button, Qt.MouseButton.LeftButton)
    chooser = dialog.colour_dialog
    qtbot.waitUntil(chooser.isVisible)
    assert chooser.currentColor().name() == "#8f8a3a"
    html = next(e for e in chooser.findChildren(QLineEdit) if e.text().startswith("#"))
    html.setFocus()
    QTest.keyClick(html, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(html, "#2e7d32")
    QTest.keyClick(html, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not chooser.isVisible())
    lane_id = page.list.topLevelItem(3).data(0, LANE_ID_ROLE)
    assert reload(sample_file).lanes[lane_id].colour == "#2e7d32"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert dump_file(sample_file) == original


def test_follows_lane_changes_made_elsewhere(dialog, document):
    page = dialog.page(Band.BUSINESS)
    click_row(page.list, 2)
    document.push(RenameLane(page.list.topLevelItem(0).data(0, LANE_ID_ROLE), "Growth"))
    assert shown_names(page.list)[0] == "Growth"
    assert page.list.currentItem().text(0) == "Revenue model"  # the selection stayed put
    document.undo_stack.undo()
    assert shown_names(page.list) == BUSINESS_LANES


def test_read_only_and_no_document_disable_every_action(qtbot, app, sample_file):
    doc = RoadmapDocument.open(sample_file, read_only=True)
    try:
        widget = LanesDialog(doc)
        qtbot.addWidget(widget)
        page = widget.page(Band.BUSINESS)
        assert shown_names(page.list) == BUSINESS_LANES
        buttons = (page.add_button, page.rename_button, page.colour_button, page.up_button, page.down_button, page.delete_button)
        assert not any(b.isEnabled() for b in buttons)
        assert not page.name_edit.isEnabled()
        widget.set_document(None)
        assert page.list.topLevelItemCount() == 0
        assert not any(b.isEnabled() for b in buttons)
    finally:
        doc.close()
