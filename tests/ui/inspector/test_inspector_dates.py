"""Inspector dates: typed, stepped or picked, each one undo step in the file; what is not a date, or ends before it starts, stays in the field, marked, and is not applied."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableView, QToolButton

from tests.ui.inspector.inspector_input import CHECKOUT, LOYALTY, focus, reload, retype, type_date


def test_end_before_start_is_shown_inline_and_not_applied(panel, document, sample_file, dump_file, qtbot):
    original = dump_file(sample_file)

    type_date(qtbot, panel.end_edit, date(2026, 3, 31))

    assert dump_file(sample_file) == original
    assert document.undo_stack.count() == 0
    assert "before start 2026-09-01" in panel.error_text
    assert panel.error_label.isVisible()
    assert panel.marked_fields() == ["end"]
    # The rejected date stays for the user to correct.
    assert panel.end_edit.text() == "2026-03-31"

    # Moving the start earlier makes the form valid: both dates go in as one step.
    type_date(qtbot, panel.start_edit, date(2026, 1, 1))
    item = reload(sample_file).items[LOYALTY]
    assert (item.start, item.end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert document.undo_stack.count() == 1
    assert panel.error_text == "" and panel.marked_fields() == []
    document.undo_stack.undo()
    assert dump_file(sample_file) == original
    assert panel.end_edit.date() == date(2027, 6, 30)


def test_dates_stepped_with_arrow_keys_are_one_step(panel, document, sample_file, dump_file, qtbot):
    original = dump_file(sample_file)
    focus(qtbot, panel.end_edit)
    QTest.keyClick(panel.end_edit, Qt.Key.Key_Home)  # the year section
    for _ in range(2):
        QTest.keyClick(panel.end_edit, Qt.Key.Key_Up)
    assert document.undo_stack.count() == 0  # nothing until the edit is finished
    QTest.keyClick(panel.end_edit, Qt.Key.Key_Return)
    assert reload(sample_file).items[LOYALTY].end == date(2029, 6, 30)
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert dump_file(sample_file) == original
    document.undo_stack.redo()
    assert reload(sample_file).items[LOYALTY].end == date(2029, 6, 30)


@pytest.mark.qt_log_ignore(
    r"This plugin does not support propagateSizeHints\(\)",
    r"This plugin does not support raise\(\)",
    r"This plugin does not support grabbing the keyboard",
)
def test_a_date_picked_in_the_calendar_popup_commits(panel, document, sample_file, qtbot):
    edit = panel.start_edit
    focus(qtbot, edit)
    button = next(b for b in edit.findChildren(QToolButton) if edit.popup_action in b.actions() or b.defaultAction() is edit.popup_action)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    calendar = edit.calendarWidget()
    qtbot.waitUntil(lambda: calendar.window().isVisible())
    table = calendar.findChild(QTableView)
    model = table.model()
    # The cell showing 15 September 2026 on the September page.
    cell = next(
        model.index(r, c)
        for r in range(1, model.rowCount())
        for c in range(1, model.columnCount())
        if model.index(r, c).data() == 15
    )
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(cell).center())
    qtbot.waitUntil(lambda: not calendar.window().isVisible())
    assert reload(sample_file).items[LOYALTY].start == date(2026, 9, 15)
    assert document.undo_stack.count() == 1


def test_a_date_typed_over_the_whole_field_is_what_is_applied(panel, selection, sample_file, dump_file, qtbot):
    """Issue 10.1: QDateEdit turned 2026-01-01 into 2027-01-01 and applied it; typed text now stays."""
    selection.set({CHECKOUT})
    original = dump_file(sample_file)
    retype(qtbot, panel.end_edit, "2026-01-01")  # before the start: refused, kept as typed
    assert dump_file(sample_file) == original
    assert panel.end_edit.text() == "2026-01-01" and panel.marked_fields() == ["end"]
    assert "before start 2026-09-01" in panel.error_text
    retype(qtbot, panel.end_edit, "2027-01-01")
    assert reload(sample_file).items[CHECKOUT].end == date(2027, 1, 1)


@pytest.mark.parametrize("typed, reason", [
    ("2027-02-30", "is not a date"), ("31/03/2027", "type it as YYYY-MM-DD"), ("", "is required"), ("1850-01-01", "outside"),
])
def test_a_date_that_is_not_one_stays_marked_with_the_reason(panel, selection, sample_file, dump_file, qtbot, typed, reason):
    selection.set({CHECKOUT})
    original = dump_file(sample_file)
    retype(qtbot, panel.end_edit, typed)
    assert dump_file(sample_file) == original
    assert panel.end_edit.text() == typed and panel.marked_fields() == ["end"]
    assert reason in panel.error_text and panel.error_text.endswith("Not applied.")
