"""Review > Start quarterly review: decisions chosen in the dialog land in the file with a baseline."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from planner.model import Decision, ItemId, Status
from planner.store import Store
from tests.ui.mouse import click, double_click
from ui.document.document import RoadmapDocument
from ui.review.dialog import QuarterlyReviewDialog
from ui.review.items import ReviewItemsModel

HELD_ON = date(2026, 12, 15)
CRM = ItemId(26)  # 'CRM rebuild', at risk, slipped 30 days since the sample's review
BLOCKCHAIN = ItemId(39)  # 'Blockchain supply-chain pilot', justified by no goal
LOYALTY = ItemId(6)


def reload(path):
    with Store.open(path, read_only=True) as store:
        return store.load()


@pytest.fixture
def dialog(qtbot, document):
    widget = QuarterlyReviewDialog(document, today=HELD_ON)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(20)
    return widget


def cell_centre(qtbot, dialog, item_id, column):
    index = dialog.decision_index(item_id, column)
    assert index.isValid()
    dialog.view.scrollTo(index)
    qtbot.wait(20)
    return dialog.view.visualRect(index).center()


def choose_decision(qtbot, dialog, item_id, label: str) -> None:
    """One click on the decision cell opens its list (issue 10.7: it took two); a second picks `label`."""
    click(dialog.view.viewport(), cell_centre(qtbot, dialog, item_id, ReviewItemsModel.DECISION))
    combo = None

    def list_is_down() -> bool:
        nonlocal combo
        combo = next((c for c in dialog.view.findChildren(QComboBox) if c.isVisible()), None)
        return combo is not None and combo.view().isVisible()

    qtbot.waitUntil(list_is_down)
    entries = combo.view()
    row = next(r for r in range(combo.count()) if combo.itemText(r) == label)
    click(entries.viewport(), entries.visualRect(entries.model().index(row, 0)).center())
    qtbot.waitUntil(lambda: dialog.view.state() != dialog.view.State.EditingState)


def type_note(qtbot, dialog, item_id, text: str) -> None:
    double_click(dialog.view.viewport(), cell_centre(qtbot, dialog, item_id, ReviewItemsModel.NOTE))
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    QTest.keyClicks(QApplication.focusWidget(), text)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def test_the_items_model_keeps_its_contract(qtmodeltester, dialog):
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog.proxy)
    dialog.set_decision(CRM, Decision.REDATE, "to May")
    dialog.attention_check.setChecked(True)
    dialog.filter_edit.setText("crm")


def test_lists_open_items_with_what_the_review_needs(dialog, document):
    model = dialog.model
    open_ids = {i.id for i in document.roadmap.items.values() if i.status != Status.DONE}
    assert {i.id for i in model.items} == open_ids
    row = model.row_of(CRM)
    assert model.index(row, ReviewItemsModel.DRIFT).data() == "slipped 30 days"
    assert model.index(row, ReviewItemsModel.STATUS).data() == "At risk"
    blockchain = model.row_of(BLOCKCHAIN)
    assert model.index(blockchain, ReviewItemsModel.FINDINGS).data() == "1"
    assert model.index(blockchain, ReviewItemsModel.DECISION).data() == "—"
    assert dialog.held_on() == HELD_ON


def test_a_review_recorded_through_the_dialog_lands_with_decisions_and_baseline(qtbot, dialog, document, sample_file, dump_file):
    before = dump_file(sample_file)
    dialog.notes_edit.setFocus()
    QTest.keyClicks(dialog.notes_edit, "Q3 review: CRM slips again; pilot stopped.")
    choose_decision(qtbot, dialog, CRM, "Re-scope")
    choose_decision(qtbot, dialog, CRM, "Re-date")  # changed mind: the last choice counts
    type_note(qtbot, dialog, CRM, "Go-live to end of May")
    choose_decision(qtbot, dialog, BLOCKCHAIN, "Stop")
    assert dialog.model.index(dialog.model.row_of(BLOCKCHAIN), ReviewItemsModel.DECISION).data() == "Stop"

    with qtbot.waitSignal(dialog.review_recorded) as recorded:
        QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    roadmap = reload(sample_file)
    assert len(roadmap.reviews) == 2
    review = roadmap.reviews[max(roadmap.reviews)]
    assert recorded.args == [review]
    assert review.held_on == HELD_ON
    assert review.notes == "Q3 review: CRM slips again; pilot stopped."
    assert [(d.item_id, d.item_title, d.decision, d.note) for d in review.decisions] == [
        (CRM, "CRM rebuild", Decision.REDATE, "Go-live to end of May"),
        (BLOCKCHAIN, "Blockchain supply-chain pilot", Decision.STOP, ""),
    ]
    assert {b.item_id: (b.start, b.end) for b in review.baseline} == {
        i.id: (i.start, i.end) for i in roadmap.items.values()
    }
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert dump_file(sample_file) == before


def test_a_note_without_a_decision_is_refused(qtbot, dialog, sample_file, dump_file):
    before = dump_file(sample_file)
    dialog.set_decision(LOYALTY, None, "needs a sponsor")
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "Loyalty programme relaunch" in dialog.error_label.text()
    assert dump_file(sample_file) == before


def test_filters_narrow_the_list(dialog):
    dialog.attention_check.setChecked(True)
    shown = {dialog.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) for r in range(dialog.proxy.rowCount())}
    assert CRM in shown and BLOCKCHAIN in shown
    assert ItemId(8) not in shown  # 'Open Netherlands market': no finding, no drift, planned
    dialog.filter_edit.setText("blockchain")
    assert dialog.proxy.rowCount() == 1


def test_a_read_only_roadmap_cannot_record_a_review(qtbot, app, sample_file):
    document = RoadmapDocument.open(sample_file, read_only=True)
    try:
        widget = QuarterlyReviewDialog(document, today=HELD_ON)
        qtbot.addWidget(widget)
        assert not widget.ok_button.isEnabled()
        assert "read-only" in widget.error_label.text()
    finally:
        document.close()
