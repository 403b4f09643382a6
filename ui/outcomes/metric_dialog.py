"""Adding and editing a shared outcome metric: one dialog, one undo step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


from planner import clock
from planner.dates import MAX_DATE, MIN_DATE
from planner.edits import AddMetric, UpdateMetric
from planner.model import Band, ItemId, Metric, MetricId
from planner.store import StoreError
from planner.validation import ValidationError
from ui.document.document import RoadmapDocument

ItemIndex = QModelIndex | QPersistentModelIndex

from ui.common.colours import ERROR_COLOUR
from ui.common.formatting import DATE_FORMAT, to_qdate
from ui.outcomes.models import edit_text, parse_value


class MetricDialog(QDialog):
    """Add or edit a shared outcome metric; OK pushes one `AddMetric` or `UpdateMetric`.

    A change the roadmap rules refuse is shown in the dialog, which stays open.
    `saved(metric_id)` follows a successful push.
    """

    saved = Signal(int)

    def __init__(self, document: RoadmapDocument, metric: Metric | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.original = metric  # not `metric`: that would shadow QPaintDevice.metric()
        roadmap = document.roadmap
        self.setWindowTitle("Edit Metric" if metric else "Add Metric")
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("e.g. Online sales conversion")
        self.unit_edit = QLineEdit()
        self.unit_edit.setPlaceholderText("e.g. %, £m, days")
        self.baseline_edit = QLineEdit()
        self.target_edit = QLineEdit()
        self.target_date_check = QCheckBox("Target date")
        self.target_date_edit = QDateEdit()
        self.target_date_edit.setCalendarPopup(True)
        self.target_date_edit.setDisplayFormat(DATE_FORMAT)
        self.target_date_edit.setDateRange(to_qdate(MIN_DATE), to_qdate(MAX_DATE))
        self.target_date_check.toggled.connect(self.target_date_edit.setEnabled)
        self.goal_combo = QComboBox()
        self.goal_combo.addItem("— none —", None)
        for item in sorted(roadmap.items_of(Band.BUSINESS), key=lambda i: i.title.lower()):
            self.goal_combo.addItem(item.title, item.id)
        self.tech_list = QListWidget()
        self.tech_list.setMinimumHeight(120)
        for item in sorted(roadmap.items_of(Band.TECH), key=lambda i: i.title.lower()):
            entry = QListWidgetItem(item.title)
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.tech_list.addItem(entry)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.notes_edit.fontMetrics().lineSpacing() * 3 + 12)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR}")
        self.error_label.hide()

        target_date_row = QHBoxLayout()
        target_date_row.addWidget(self.target_date_check)
        target_date_row.addWidget(self.target_date_edit, 1)
        form = QFormLayout()
        form.addRow("&Name", self.name_edit)
        form.addRow("&Unit", self.unit_edit)
        form.addRow("&Baseline", self.baseline_edit)
        form.addRow("&Target", self.target_edit)
        form.addRow("", target_date_row)
        form.addRow("&Measures goal", self.goal_combo)
        form.addRow("Moved by tech &work", self.tech_list)
        form.addRow("N&otes", self.notes_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save" if metric else "Add Metric")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._show(metric)
        self.resize(460, self.sizeHint().height())

    def _show(self, metric: Metric | None) -> None:
        target_date = metric.target_date if metric else None
        self.target_date_check.setChecked(target_date is not None)
        self.target_date_edit.setEnabled(target_date is not None)
        self.target_date_edit.setDate(to_qdate(target_date or date(clock.today().year + 2, 12, 31)))
        if metric is None:
            return
        self.name_edit.setText(metric.name)
        self.unit_edit.setText(metric.unit)
        self.baseline_edit.setText(edit_text(metric.baseline))
        self.target_edit.setText(edit_text(metric.target))
        row = self.goal_combo.findData(metric.business_item_id)
        self.goal_combo.setCurrentIndex(max(row, 0))
        chosen = set(metric.tech_item_ids)
        for n in range(self.tech_list.count()):
            entry = self.tech_list.item(n)
            if entry.data(Qt.ItemDataRole.UserRole) in chosen:
                entry.setCheckState(Qt.CheckState.Checked)
        self.notes_edit.setPlainText(metric.notes)

    def edited_metric(self) -> Metric:
        """The metric the fields describe; raises ValidationError for a value that is not a number."""
        unit = self.unit_edit.text().strip()
        before = {t: n for n, t in enumerate(self.original.tech_item_ids)} if self.original else {}
        checked = [
            self.tech_list.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(self.tech_list.count())
            if self.tech_list.item(n).checkState() == Qt.CheckState.Checked
        ]
        # Keep the stored order of tech items already listed, so an untouched list is no change.
        order = {t: n for n, t in enumerate(checked)}
        checked.sort(key=lambda t: (before.get(t, len(before)), order[t]))
        return Metric(
            id=self.original.id if self.original else MetricId(0),
            name=self.name_edit.text().strip(),
            unit=unit,
            baseline=parse_value(self.baseline_edit.text(), "baseline", unit=unit, required=False),
            target=parse_value(self.target_edit.text(), "target", unit=unit, required=False),
            target_date=self.target_date_edit.date().toPython() if self.target_date_check.isChecked() else None,
            business_item_id=self.goal_combo.currentData(),
            tech_item_ids=tuple(ItemId(t) for t in checked),
            notes=self.notes_edit.toPlainText().strip(),
        )

    def accept(self) -> None:
        try:
            metric = self.edited_metric()
            if self.original is None:
                changes = self.document.push(AddMetric(metric), self)
                metric_id = changes[0].entity.id
            else:
                self.document.push(UpdateMetric(metric), self)
                metric_id = metric.id
        except (ValidationError, StoreError) as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            return
        self.saved.emit(metric_id)
        super().accept()


# --- the panel -----------------------------------------------------------------------------------

