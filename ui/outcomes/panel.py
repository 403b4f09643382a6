"""The shared outcomes dock: metrics, the selected one's measurements plotted, and their editing.

A shared outcome metric is a business result that named tech work should
move ("did the new CRM raise online conversion?"). `OutcomesPanel` lists the
metrics with their latest value and progress, plots the selected metric's
measurements against its baseline, target and target date, names the
business goal it measures and the tech work expected to move it, and edits
measurements (a small form) and metrics (`MetricDialog`), each change one
undoable step through the document.

The plot itself is `MetricPlot` (ui/outcomes/plot.py).
"""

import dataclasses
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)


from planner import clock
from planner.edits import AddMeasurement, DeleteMeasurement, DeleteMetric, UpdateMeasurement
from planner.model import Measurement, Metric, MetricId, Roadmap
from planner.store import StoreError
from planner.validation import ValidationError
from ui.document.document import ChangeNotice, RoadmapDocument
from ui.common.widgets import disconnect_quietly
from ui.document.selection import SelectionModel

from ui.common.colours import ERROR_COLOUR
from ui.common.date_field import DateField, parse_date
from ui.common.tables import list_table
from ui.outcomes.plot import MetricPlot
from ui.outcomes.metric_dialog import MetricDialog
from ui.outcomes.models import (
    MeasurementTableModel,
    MetricListModel,
    _short,
    edit_text,
    measurements_of,
    metric_header_html,
    parse_value,
)


ItemIndex = QModelIndex | QPersistentModelIndex


class OutcomesPanel(QWidget):
    """Shared outcome metrics: list, plot of the selected metric, and its measurements.

    `metric_selected(metric_id or None)` follows the list's current row.
    """

    metric_selected = Signal(object)

    def __init__(
        self, selection: SelectionModel | None = None, parent: QWidget | None = None, *, today: Callable[[], date] = clock.today
    ):
        super().__init__(parent)
        self.setObjectName("OutcomesPanel")
        self.selection = selection
        self.today = today
        self.document: RoadmapDocument | None = None
        self.metric_id: MetricId | None = None
        self.metric_dialog: MetricDialog | None = None
        self._fitted = False  # the splitter has been shared out at a real size

        # metrics
        self.metrics_model = MetricListModel(self)
        self.metrics_view = list_table(self.metrics_model, stretch=MetricListModel.NAME)
        self.metrics_view.setObjectName("MetricsView")
        self.metrics_view.selectionModel().currentRowChanged.connect(self._on_metric_row_changed)
        self.metrics_view.doubleClicked.connect(lambda index: self.edit_metric())
        self.add_metric_button = QPushButton("Add…")
        self.add_metric_button.setToolTip("Add a shared outcome metric")
        self.add_metric_button.clicked.connect(self.add_metric)
        self.edit_metric_button = QPushButton("Edit…")
        self.edit_metric_button.setToolTip("Edit the selected metric")
        self.edit_metric_button.clicked.connect(self.edit_metric)
        self.delete_metric_button = QPushButton("Delete")
        self.delete_metric_button.setToolTip("Delete the selected metric and its measurements (undoable)")
        self.delete_metric_button.clicked.connect(self.delete_metric)
        metric_buttons = QHBoxLayout()
        for b in (self.add_metric_button, self.edit_metric_button, self.delete_metric_button):
            metric_buttons.addWidget(b)
        metric_buttons.addStretch(1)
        metrics_box = QWidget()
        box = QVBoxLayout(metrics_box)
        box.setContentsMargins(0, 0, 0, 0)
        title = QLabel("<b>Shared outcome metrics</b>")
        box.addWidget(title)
        box.addWidget(self.metrics_view, 1)
        box.addLayout(metric_buttons)

        # the selected metric
        self.header = QLabel()
        self.header.setObjectName("MetricHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.plot = MetricPlot()
        self.plot.measurement_clicked.connect(self._on_point_clicked)

        # measurements
        self.measurements_model = MeasurementTableModel(self)
        self.measurements_view = list_table(self.measurements_model, stretch=MeasurementTableModel.NOTE)
        self.measurements_view.setObjectName("MeasurementsView")
        self.measurements_view.selectionModel().selectionChanged.connect(self._on_measurement_selection_changed)
        self.date_edit = DateField("date")
        self.date_edit.setObjectName("MeasurementDate")
        self.date_edit.setMaximumWidth(130)
        self.date_edit.setDate(today())
        self.value_edit = QLineEdit()
        self.value_edit.setObjectName("MeasurementValue")
        self.value_edit.setPlaceholderText("Value")
        self.value_edit.setMaximumWidth(110)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("MeasurementNote")
        self.note_edit.setPlaceholderText("Note (optional)")
        for edit in (self.value_edit, self.note_edit):
            edit.returnPressed.connect(self._on_form_return)
        self.add_button = QPushButton("Add")
        self.add_button.setToolTip("Record a new measurement with this date, value and note")
        self.add_button.clicked.connect(self.add_measurement)
        self.save_button = QPushButton("Save")
        self.save_button.setToolTip("Change the selected measurement to this date, value and note")
        self.save_button.clicked.connect(self.save_measurement)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete the selected measurement (undoable)")
        self.delete_button.clicked.connect(self.delete_measurement)
        self.form_error = QLabel()
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet(f"color: {ERROR_COLOUR}")
        self.form_error.hide()
        fields = QHBoxLayout()
        fields.addWidget(self.date_edit)
        fields.addWidget(self.value_edit)
        fields.addWidget(self.note_edit, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.add_button, self.save_button, self.delete_button):
            buttons.addWidget(b)
        self.form = QWidget()
        form_layout = QVBoxLayout(self.form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.setSpacing(4)
        form_layout.addLayout(fields)
        form_layout.addLayout(buttons)
        form_layout.addWidget(self.form_error)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.header)
        detail_layout.addWidget(self.plot, 3)
        detail_layout.addWidget(self.measurements_view, 2)
        detail_layout.addWidget(self.form)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(metrics_box)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)
        self._apply_colours()
        self._show_metric()

    # --- the document ---------------------------------------------------------------------

    def set_document(self, document: RoadmapDocument | None) -> None:
        """Show `document`'s metrics (None shows nothing), selecting the first."""
        if self.document is not None:
            disconnect_quietly(self.document.changed, self._on_document_changed)
        self.document = document
        self.metric_id = None
        if document is not None:
            document.changed.connect(self._on_document_changed)
        self.metrics_model.set_roadmap(document.roadmap if document else None)
        self.select_metric(self.metrics_model.metric_at(0).id if self.metrics_model.rowCount() else None)
        self._update_enabled()
        self._fit_splitter()

    def _on_document_changed(self, notice: ChangeNotice) -> None:
        self.metrics_model.set_roadmap(self.document.roadmap)
        if self.metric_id is not None and self.metric_id not in self.document.roadmap.metrics:
            # The metric went (deleted, or its adding undone): show its neighbour.
            row = self.metrics_view.currentIndex().row()
            self.select_metric(self.metrics_model.metric_at(max(row, 0)).id if self.metrics_model.rowCount() else None)
        else:
            self._show_metric()

    @property
    def roadmap(self) -> Roadmap | None:
        return self.document.roadmap if self.document is not None else None

    @property
    def current_metric(self) -> Metric | None:
        roadmap = self.roadmap
        return roadmap.metrics.get(self.metric_id) if roadmap is not None and self.metric_id is not None else None

    def select_metric(self, metric_id: MetricId | None) -> None:
        """Make `metric_id` the metric shown (None: none)."""
        row = self.metrics_model.row_of(metric_id) if metric_id is not None else None
        with QSignalBlocker(self.metrics_view.selectionModel()):
            if row is None:
                self.metrics_view.selectionModel().clearCurrentIndex()
                self.metrics_view.clearSelection()
            else:
                self.metrics_view.selectRow(row)
        self._set_metric(metric_id if row is not None else None)

    def _on_metric_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._set_metric(self.metrics_model.metric_at(current.row()).id if current.isValid() else None)

    def _set_metric(self, metric_id: MetricId | None) -> None:
        changed = metric_id != self.metric_id
        self.metric_id = metric_id
        if changed:
            self.measurements_view.clearSelection()
            self.value_edit.clear()
            self.note_edit.clear()
            self.form_error.hide()
        self._show_metric(refit=changed)
        if changed:
            self.metric_selected.emit(metric_id)

    # --- showing the metric -------------------------------------------------------------

    def _show_metric(self, refit: bool = True) -> None:
        roadmap, metric = self.roadmap, self.current_metric
        self.measurements_model.show(roadmap, self.metric_id if metric else None)
        # WORKAROUND: a ResizeToContents column does not widen when rows change their text
        # (another metric's values, a unit of its own), so "99.83%" showed as "99…".
        self.measurements_view.resizeColumnToContents(MeasurementTableModel.VALUE)
        self.header.setText(metric_header_html(roadmap, metric))
        self.header.setToolTip(metric.notes if metric else "")
        self._plot(metric, refit)
        self._update_enabled()

    def _plot(self, metric: Metric | None, refit: bool) -> None:
        roadmap = self.roadmap
        ms = measurements_of(roadmap, metric.id) if roadmap is not None and metric is not None else []
        self.plot.show_metric(metric, ms, self.today())
        self._show_highlight()

    def plotted_points(self) -> list[tuple[float, float]]:
        """(x, value) of each plotted measurement, oldest first."""
        return self.plot.plotted_points()

    def _on_point_clicked(self, measurement_id) -> None:
        row = self.measurements_model.row_of(measurement_id)
        if row is not None:
            self.measurements_view.selectRow(row)

    def _show_highlight(self) -> None:
        self.plot.highlight_measurement(self.selected_measurement())

    # --- measurements --------------------------------------------------------------------

    def selected_measurement(self) -> Measurement | None:
        rows = self.measurements_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.measurements_model.measurement_at(rows[0].row())

    def _on_measurement_selection_changed(self, *args) -> None:
        m = self.selected_measurement()
        if m is not None:
            self.date_edit.setDate(m.measured_on)
            self.value_edit.setText(edit_text(m.value))
            self.note_edit.setText(m.note)
        self.form_error.hide()
        self._show_highlight()
        self._update_enabled()

    def _on_form_return(self) -> None:
        if self.selected_measurement() is not None:
            self.save_measurement()
        else:
            self.add_measurement()

    def _form_values(self) -> tuple[date, float, str]:
        unit = self.current_metric.unit if self.current_metric else ""
        value = parse_value(self.value_edit.text(), unit=unit)
        return parse_date(self.date_edit.text(), "date"), value, self.note_edit.text().strip()

    def add_measurement(self) -> None:
        """Record the form's date, value and note as a new measurement of the shown metric."""
        metric = self.current_metric
        if metric is None or not self._editable():
            return

        def push() -> None:
            day, value, note = self._form_values()
            self.document.push(AddMeasurement(metric.id, day, value, note), self,
                               label=f"Add measurement to '{_short(metric.name)}'")

        if self._attempt(push):
            self.measurements_view.clearSelection()
            self.value_edit.clear()
            self.note_edit.clear()
            self.value_edit.setFocus()

    def save_measurement(self) -> None:
        """Change the selected measurement to the form's date, value and note."""
        m, metric = self.selected_measurement(), self.current_metric
        if m is None or metric is None or not self._editable():
            return

        def push() -> None:
            day, value, note = self._form_values()
            after = dataclasses.replace(m, measured_on=day, value=value, note=note)
            if after != m:
                self.document.push(UpdateMeasurement(after), self, label=f"Edit measurement of '{_short(metric.name)}'")

        self._attempt(push)

    def delete_measurement(self) -> None:
        m, metric = self.selected_measurement(), self.current_metric
        if m is None or metric is None or not self._editable():
            return
        if self._attempt(lambda: self.document.push(DeleteMeasurement(m.id), self,
                                                    label=f"Delete measurement of '{_short(metric.name)}'")):
            self.measurements_view.clearSelection()
            self.value_edit.clear()
            self.note_edit.clear()

    def _attempt(self, push: Callable[[], object]) -> bool:
        """Run `push`; show a refusal under the form instead of raising it."""
        try:
            push()
        except (ValidationError, StoreError) as error:
            self.form_error.setText(str(error))
            self.form_error.show()
            return False
        self.form_error.hide()
        return True

    # --- metrics -------------------------------------------------------------------------

    def add_metric(self) -> MetricDialog | None:
        """Open the dialog for a new metric (non-modal to the event loop); returns it."""
        if not self._editable():
            return None
        return self._open_dialog(None)

    def edit_metric(self) -> MetricDialog | None:
        metric = self.current_metric
        if metric is None or not self._editable():
            return None
        return self._open_dialog(metric)

    def _open_dialog(self, metric: Metric | None) -> MetricDialog:
        dialog = MetricDialog(self.document, metric, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.select_metric)
        dialog.destroyed.connect(lambda *_: setattr(self, "metric_dialog", None))
        self.metric_dialog = dialog
        dialog.open()
        return dialog

    def delete_metric(self) -> None:
        """Delete the shown metric with its measurements, as one undoable step."""
        metric = self.current_metric
        if metric is None or not self._editable():
            return
        try:
            self.document.push(DeleteMetric(metric.id), self, label=f"Delete metric '{_short(metric.name)}'")
        except (ValidationError, StoreError) as error:
            self.form_error.setText(str(error))
            self.form_error.show()

    # --- state ------------------------------------------------------------------------------

    def _editable(self) -> bool:
        return self.document is not None and self.document.canEdit

    def _update_enabled(self) -> None:
        editable = self._editable()
        has_metric = self.current_metric is not None
        has_measurement = has_metric and self.selected_measurement() is not None
        self.add_metric_button.setEnabled(editable)
        self.edit_metric_button.setEnabled(editable and has_metric)
        self.delete_metric_button.setEnabled(editable and has_metric)
        self.form.setEnabled(editable and has_metric)
        self.add_button.setEnabled(editable and has_metric)
        self.save_button.setEnabled(editable and has_measurement)
        self.delete_button.setEnabled(editable and has_measurement)
        tip = "" if editable or self.document is None else "The roadmap is open read-only."
        self.form.setToolTip(tip)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_colours()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        # Side by side in a wide (bottom) dock, stacked in a tall (side) one.
        wide = self.width() > 1.3 * self.height()
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if orientation != self.splitter.orientation() or not self._fitted:
            self.splitter.setOrientation(orientation)
            self._fit_splitter()
            self._fitted = True

    def _fit_splitter(self) -> None:
        """Share the space: metrics list 40% beside the detail, or just tall enough above it."""
        if self.splitter.orientation() == Qt.Orientation.Horizontal:
            total = self.splitter.width()
            self.splitter.setSizes([round(total * 0.4), total - round(total * 0.4)])
            return
        view = self.metrics_view
        rows = min(max(self.metrics_model.rowCount(), 3), 6)
        list_height = view.horizontalHeader().height() + rows * view.verticalHeader().defaultSectionSize() + 2 * view.frameWidth()
        box_height = list_height + self.add_metric_button.sizeHint().height() + view.fontMetrics().height() + 16
        total = self.splitter.height()
        self.splitter.setSizes([box_height, max(total - box_height, 0)])

    def _apply_colours(self) -> None:
        self.plot.apply_palette(self.palette())
