"""The shared outcomes dock: metric list, plotted history, and measurement and metric edits reaching the file."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from planner.layout import to_x
from planner.model import ItemId, MetricId
from planner.store import Store
from ui.document.document import RoadmapDocument
from ui.outcomes.models import ID_ROLE, VALUE_ROLE, MeasurementTableModel, MetricListModel, format_value, parse_value
from ui.outcomes.panel import OutcomesPanel
from ui.document.selection import SelectionModel
from tests.ui.days import TODAY

CONVERSION = MetricId(1)  # 'Online sales conversion': 2.1% -> 3.2% by 2027-12-31, four measurements
AVAILABILITY = MetricId(3)  # 'Checkout availability'


def reload(path):
    with Store.open(path, read_only=True) as store:
        return store.load()


@pytest.fixture
def panel(qtbot, document):
    widget = OutcomesPanel(SelectionModel(), today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.set_document(document)
    widget.resize(480, 820)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(20)
    return widget


def focus(qtbot, widget: QWidget) -> None:
    """Give `widget` keyboard focus the way Tab would (which also selects a date's first section)."""
    widget.window().activateWindow()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def type_into(qtbot, widget: QWidget, text: str) -> None:
    focus(qtbot, widget)
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(widget, text)


def type_date(qtbot, date_edit, day: date) -> None:
    """Over the whole field, as a user retypes a date."""
    focus(qtbot, date_edit)
    QTest.keyClick(date_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(date_edit, day.isoformat())
    assert date_edit.date() == day


def click_row(qtbot, view, row: int) -> None:
    index = view.model().index(row, 0)
    view.scrollTo(index)
    qtbot.wait(10)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def measurement_rows(panel: OutcomesPanel) -> list[tuple]:
    model = panel.measurements_model
    return [tuple(model.index(r, c).data(VALUE_ROLE) for c in range(3)) for r in range(model.rowCount())]


def test_models_keep_their_contract_through_edits(qtmodeltester, panel, document):
    qtmodeltester.check(panel.metrics_model)
    qtmodeltester.check(panel.measurements_model)
    panel.value_edit.setText("2.6")
    panel.add_measurement()
    panel.select_metric(AVAILABILITY)
    document.undo_stack.undo()
    panel.delete_metric()
    document.undo_stack.undo()


def test_the_first_metric_is_plotted_with_its_baseline_target_and_date(panel, document):
    roadmap = document.roadmap
    assert panel.metric_id == CONVERSION
    ms = sorted((m for m in roadmap.measurements.values() if m.metric_id == CONVERSION), key=lambda m: m.measured_on)
    assert panel.plotted_points() == [(float(to_x(m.measured_on)), m.value) for m in ms]
    assert len(ms) == 4
    assert panel.plot.baseline_line.value() == 2.1 and panel.plot.baseline_line.isVisible()
    assert panel.plot.target_line.value() == 3.2
    assert panel.plot.target_date_line.value() == to_x(date(2027, 12, 31))
    assert panel.plot.getAxis("bottom").utcOffset == 0
    # The linked business goal and tech work are named.
    text = panel.header.text()
    for title in ("Online sales 30% of revenue", "CRM rebuild", "Checkout rebuild"):
        assert title in text
    assert measurement_rows(panel)[-1] == (date(2026, 9, 30), 2.5, "Click-and-collect fully live")


def test_choosing_another_metric_replots(qtbot, panel, document):
    click_row(qtbot, panel.metrics_view, panel.metrics_model.row_of(AVAILABILITY))
    assert panel.metric_id == AVAILABILITY
    values = [y for _, y in panel.plotted_points()]
    assert values == [99.52, 99.71, 99.64, 99.83]
    assert panel.plot.target_line.value() == 99.95
    assert "Launch in Germany" in panel.header.text()
    # Issue 10.7: the values were clipped ("99…") after switching metrics; each shows in full.
    view, model = panel.measurements_view, panel.measurements_model
    for row in range(model.rowCount()):
        text = model.index(row, MeasurementTableModel.VALUE).data()
        assert view.fontMetrics().horizontalAdvance(text) < view.columnWidth(MeasurementTableModel.VALUE) - 4, text


def test_metric_list_shows_latest_value_target_and_progress(panel):
    model = panel.metrics_model
    row = model.row_of(CONVERSION)
    assert model.index(row, MetricListModel.LATEST).data() == "2.5%"
    assert model.index(row, MetricListModel.TARGET).data() == "3.2%"
    assert model.index(row, MetricListModel.PROGRESS).data() == "36%"


def test_a_measurement_typed_into_the_form_lands_in_the_file_and_undoes_exactly(qtbot, panel, document, sample_file, dump_file):
    before = dump_file(sample_file)
    type_date(qtbot, panel.date_edit, date(2026, 11, 15))
    type_into(qtbot, panel.value_edit, "2.7")
    type_into(qtbot, panel.note_edit, "Black Friday")
    QTest.keyClick(panel.note_edit, Qt.Key.Key_Return)

    stored = [m for m in reload(sample_file).measurements.values() if m.metric_id == CONVERSION]
    added = max(stored, key=lambda m: m.id)
    assert (added.measured_on, added.value, added.note) == (date(2026, 11, 15), 2.7, "Black Friday")
    assert len(stored) == 5
    assert measurement_rows(panel)[-1] == (date(2026, 11, 15), 2.7, "Black Friday")
    assert panel.plotted_points()[-1] == (float(to_x(date(2026, 11, 15))), 2.7)
    assert panel.value_edit.text() == "" and not panel.form_error.isVisible()
    assert document.undo_stack.undoText() == "Add measurement to 'Online sales conversion'"

    document.undo_stack.undo()
    assert dump_file(sample_file) == before
    assert len(panel.plotted_points()) == 4


def test_a_value_that_is_not_a_number_is_refused_and_nothing_is_written(qtbot, panel, sample_file, dump_file):
    before = dump_file(sample_file)
    type_into(qtbot, panel.value_edit, "about three")
    QTest.keyClick(panel.value_edit, Qt.Key.Key_Return)
    assert panel.form_error.isVisible() and "number" in panel.form_error.text()
    assert dump_file(sample_file) == before


def test_a_selected_measurement_is_edited_and_deleted_as_single_steps(qtbot, panel, document, sample_file, dump_file):
    before = dump_file(sample_file)
    click_row(qtbot, panel.measurements_view, 2)  # 2026-06-30, 2.2, 'Site slowdown in May'
    assert panel.value_edit.text() == "2.2"
    assert panel.save_button.isEnabled() and panel.delete_button.isEnabled()
    type_into(qtbot, panel.value_edit, "2.25")
    QTest.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    changed = reload(sample_file).measurements[3]
    assert (changed.value, changed.note) == (2.25, "Site slowdown in May")

    click_row(qtbot, panel.measurements_view, 2)
    QTest.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert 3 not in reload(sample_file).measurements
    assert panel.measurements_model.rowCount() == 3

    document.undo_stack.undo()
    document.undo_stack.undo()
    assert dump_file(sample_file) == before
    assert [v for _, v, _ in measurement_rows(panel)] == [2.1, 2.3, 2.2, 2.5]


def test_a_metric_added_through_its_dialog_lands_in_the_file(qtbot, panel, document, sample_file, dump_file):
    before = dump_file(sample_file)
    dialog = panel.add_metric()
    qtbot.waitExposed(dialog)
    type_into(qtbot, dialog.name_edit, "Loyalty members active")
    type_into(qtbot, dialog.unit_edit, "k")
    type_into(qtbot, dialog.baseline_edit, "410")
    type_into(qtbot, dialog.target_edit, "600")
    dialog.target_date_check.setChecked(True)
    dialog.goal_combo.setCurrentIndex(dialog.goal_combo.findData(ItemId(6)))  # Loyalty programme relaunch
    for n in range(dialog.tech_list.count()):
        if dialog.tech_list.item(n).data(Qt.ItemDataRole.UserRole) == 26:  # CRM rebuild
            dialog.tech_list.item(n).setCheckState(Qt.CheckState.Checked)
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    stored = reload(sample_file).metrics
    metric = stored[MetricId(4)]
    assert (metric.name, metric.unit, metric.baseline, metric.target) == ("Loyalty members active", "k", 410.0, 600.0)
    assert (metric.business_item_id, metric.tech_item_ids) == (6, (26,))
    assert panel.metric_id == 4  # the new metric is shown
    assert panel.metrics_model.index(panel.metrics_model.row_of(MetricId(4)), 0).data(ID_ROLE) == 4
    document.undo_stack.undo()
    assert dump_file(sample_file) == before
    assert panel.metric_id != 4


def test_a_metric_without_a_name_keeps_the_dialog_open(qtbot, panel, sample_file, dump_file):
    before = dump_file(sample_file)
    dialog = panel.add_metric()
    qtbot.waitExposed(dialog)
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert dump_file(sample_file) == before
    dialog.reject()


def test_deleting_a_metric_takes_its_measurements_in_one_undoable_step(panel, document, sample_file, dump_file):
    before = dump_file(sample_file)
    panel.delete_metric()
    roadmap = reload(sample_file)
    assert CONVERSION not in roadmap.metrics
    assert not [m for m in roadmap.measurements.values() if m.metric_id == CONVERSION]
    assert panel.metric_id is not None and panel.metric_id != CONVERSION
    document.undo_stack.undo()
    assert dump_file(sample_file) == before
    assert panel.metrics_model.rowCount() == 3


def test_a_read_only_roadmap_cannot_be_edited_here(qtbot, app, sample_file):
    document = RoadmapDocument.open(sample_file, read_only=True)
    try:
        widget = OutcomesPanel(SelectionModel(), today=lambda: TODAY)
        qtbot.addWidget(widget)
        widget.set_document(document)
        assert widget.metric_id == CONVERSION and len(widget.plotted_points()) == 4
        for button in (widget.add_metric_button, widget.edit_metric_button, widget.delete_metric_button, widget.add_button):
            assert not button.isEnabled()
        assert not widget.form.isEnabled()
        assert widget.add_metric() is None
    finally:
        document.close()


def test_values_read_and_print_as_people_write_them():
    assert parse_value("1,200") == 1200.0
    assert parse_value(" 99.9% ") == 99.9
    assert parse_value("12 days", unit="days") == 12.0
    assert parse_value("", required=False) is None
    with pytest.raises(ValueError):
        parse_value("nan")
    assert format_value(2.5, "%") == "2.5%"
    assert format_value(1200.0, "orders") == "1,200 orders"
    assert MeasurementTableModel.HEADERS == ("Date", "Value", "Note")
