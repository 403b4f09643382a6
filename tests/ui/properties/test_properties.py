"""File > Roadmap Properties: every field lands in the file as one undo step; refusals keep the dialog open."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from planner.store import Store
from ui.properties.dialog import RoadmapPropertiesDialog


def reload(path):
    with Store.open(path, read_only=True) as store:
        return store.load()


def retype(edit, text: str) -> None:
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(edit, text)


def test_properties_change_title_fiscal_year_and_currency_in_one_undoable_step(window, qtbot, sample_file, dump_file):
    original = dump_file(sample_file)
    window.properties_action.trigger()
    dialog = window.findChild(RoadmapPropertiesDialog)
    qtbot.waitExposed(dialog)
    retype(dialog.title_edit, "Northwind 2027-2031")
    dialog.fiscal_combo.setCurrentIndex(6)  # July
    dialog.currency_combo.setCurrentIndex(dialog.currency_combo.findData("EUR"))
    retype(dialog.tech_start_edit, "2027-01-01")
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    info = reload(sample_file).info
    assert (info.title, info.fiscal_year_start_month, info.currency, info.tech_start) == (
        "Northwind 2027-2031", 7, "EUR", date(2027, 1, 1))
    assert window.document.undo_stack.count() == 1
    assert "Northwind 2027-2031" in window.windowTitle()
    window.undo_action.trigger()
    assert dump_file(sample_file) == original


def test_a_refused_value_is_marked_and_the_dialog_stays_open(window, qtbot, sample_file, dump_file):
    original = dump_file(sample_file)
    dialog = RoadmapPropertiesDialog(window.document, window)
    dialog.show()
    qtbot.waitExposed(dialog)
    retype(dialog.horizon_edit, "2026-02-30")
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "is not a date" in dialog.error_label.text()
    assert dialog.horizon_edit.property("invalid")
    retype(dialog.horizon_edit, "2026-01-01")
    retype(dialog.title_edit, " ")
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.title_edit.property("invalid")
    assert dump_file(sample_file) == original
