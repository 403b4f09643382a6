"""File > Import…: pick a file, confirm how it maps, see what will be created, then import.

Reading and mapping are imports/ (no Qt); this dialog only gathers the
choices and shows `preview()`. "Import" pushes one `ImportPlan` edit through
the document, so the whole import is one undo step; "As New Roadmap…" writes a
new file with the same mapping and asks the window to open it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imports.columns import ROLES
from imports.detect import FORMATS, detect
from imports.mapping import ImportPlan, Placement, new_roadmap, preview
from imports.plan import ImportedPlan, ImportFileError
from imports.reading import ReadOptions, column_guess, read_plan
from planner.model import Band
from planner.store import Store, StoreError
from planner.validation import ValidationError

FILTER = "Plans (*.xml *.mpp *.mpx *.gan *.xlsx *.xls *.ods *.csv *.tsv *.txt *.ics);;All files (*)"
GROUP_LANES = "One lane per top-level group"
SPREADSHEETS = ("xlsx", "xls", "ods", "csv", "tsv")


class ImportDialog(QDialog):
    new_roadmap_written = Signal(Path)  # the window opens it

    def __init__(self, document, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import Plan")
        self.setMinimumWidth(640)
        self.document = document
        self.today = today
        self.plan: ImportedPlan | None = None
        self.overrides: dict[str, str] = {}
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("MS Project, GanttProject, spreadsheet, CSV or iCalendar file")
        self.path_edit.returnPressed.connect(self._on_path_entered)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._on_browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.format_label = QLabel("—")
        self.columns = QTableWidget(0, 2)
        self.columns.setHorizontalHeaderLabels(["Column in the file", "Becomes"])
        self.columns.horizontalHeader().setStretchLastSection(True)
        self.columns.verticalHeader().hide()
        self.columns.setVisible(False)
        self.dates = QComboBox()
        self.dates.addItem("As the file says", None)
        self.dates.addItem("Day first (31/12/2025)", "dmy")
        self.dates.addItem("Month first (12/31/2025)", "mdy")
        self.dates.currentIndexChanged.connect(self._reread)
        self.band = QComboBox()
        self.band.addItem("Tech band", Band.TECH)
        self.band.addItem("Business band", Band.BUSINESS)
        self.band.currentIndexChanged.connect(self._on_band_changed)
        self.lane = QComboBox()
        self.lane.setEditable(True)  # a name not in the band makes a new lane
        self.lane.currentTextChanged.connect(self._update_preview)
        form = QFormLayout()
        form.addRow("File", row)
        form.addRow("Format", self.format_label)
        form.addRow("Dates", self.dates)
        form.addRow("Into", self.band)
        form.addRow("Lane", self.lane)
        self.preview = QLabel("Choose a file to see what will be imported.")
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setObjectName("importPreview")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.new_button = self.buttons.addButton("As New Roadmap…", QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.clicked.connect(self._on_import)
        self.new_button.clicked.connect(self._on_new_roadmap)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.columns)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self._fill_lanes()
        self._set_ready(False)

    # --- choices ---

    def placement(self) -> Placement:
        text = self.lane.currentText().strip()
        return Placement(self.band.currentData(), None if text in ("", GROUP_LANES) else text)

    def options(self) -> ReadOptions:
        return ReadOptions(undated_start=date(self.today.year, self.today.month, 1), overrides=dict(self.overrides), dates=self.dates.currentData())

    def set_path(self, path: Path) -> None:
        self.path_edit.setText(str(path))
        self.overrides = {}
        self._load()

    def _fill_lanes(self) -> None:
        current = self.lane.currentText()
        self.lane.blockSignals(True)
        self.lane.clear()
        self.lane.addItem(GROUP_LANES)
        for lane in self.document.roadmap.lanes_of(self.band.currentData()):
            self.lane.addItem(lane.name)
        self.lane.setCurrentText(current or GROUP_LANES)
        self.lane.blockSignals(False)

    # --- reading ---

    def _on_browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import Plan", str(self.document.path.parent), FILTER)
        if name:
            self.set_path(Path(name))

    def _on_path_entered(self) -> None:
        self.overrides = {}
        self._load()

    def _load(self) -> None:
        path = Path(self.path_edit.text().strip())
        self.plan = None
        try:
            kind = detect(path)
            self.format_label.setText(FORMATS[kind])
            self._show_columns(path if kind in SPREADSHEETS else None)
        except ImportFileError as error:
            self.format_label.setText("—")
            self._show_columns(None)
            self._show_error(str(error))
            return
        self._reread()

    def _show_columns(self, path: Path | None) -> None:
        self.columns.setVisible(path is not None)
        self.dates.setEnabled(path is not None)
        self.columns.setRowCount(0)
        if path is None:
            return
        try:
            _, cols = column_guess(path, self.options())
        except ImportFileError:
            return  # _reread() shows the reason
        self.columns.setRowCount(len(cols))
        for row, col in enumerate(cols):
            header = QTableWidgetItem(col.header)
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.columns.setItem(row, 0, header)
            combo = QComboBox()
            combo.addItem("(not imported)", "ignore")
            for role in ROLES:
                combo.addItem(role, role)
            combo.setCurrentIndex(max(0, combo.findData(col.role or "ignore")))
            combo.currentIndexChanged.connect(lambda _=0, h=col.header, c=combo: self._on_role_changed(h, c.currentData()))
            self.columns.setCellWidget(row, 1, combo)
        self.columns.setMinimumHeight(min(260, 30 + 26 * len(cols)))

    def _on_role_changed(self, header: str, role: str) -> None:
        self.overrides[header] = role
        self._reread()

    def _reread(self) -> None:
        path = Path(self.path_edit.text().strip())
        if not self.path_edit.text().strip():
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # MPXJ's child process takes a second or two
        try:
            self.plan = read_plan(path, self.options())
        except ImportFileError as error:
            self.plan = None
            self._show_error(str(error))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._update_preview()

    def _on_band_changed(self) -> None:
        self._fill_lanes()
        self._update_preview()

    def _update_preview(self) -> None:
        if self.plan is None:
            return
        if not self.plan.tasks:
            self._show_error(f"{self.plan.source}: no tasks to import")
            return
        self.preview.setText(preview(self.plan, self.document.roadmap, self.placement()))
        self.preview.setStyleSheet("")
        self._set_ready(True)
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """A longer preview (or the column table appearing) makes the dialog taller, never cramped."""
        self.layout().activate()
        wanted = self.layout().totalHeightForWidth(self.width()) if self.layout().hasHeightForWidth() else self.sizeHint().height()
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def _show_error(self, message: str) -> None:
        self.preview.setText(message)
        self.preview.setStyleSheet("color: #b00020;")
        self._grow_to_fit()
        self._set_ready(False)

    def _set_ready(self, ready: bool) -> None:
        self.import_button.setEnabled(ready and self.document.canEdit)
        self.new_button.setEnabled(ready)

    # --- importing ---

    def keyPressEvent(self, event) -> None:  # noqa: N802
        # Return in the file field loads the file (returnPressed); QDialog would also press the
        # default button, importing a file the user has not seen previewed.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.path_edit.hasFocus():
            return
        super().keyPressEvent(event)

    def _on_import(self) -> None:
        if self.plan is None or not self.isVisible():
            return
        try:
            self.document.push(ImportPlan(self.plan, self.placement()))
        except (ValidationError, StoreError) as error:
            self._show_error(f"Nothing was imported: {error}")
            return
        self.accept()

    def _on_new_roadmap(self) -> None:
        if self.plan is None:
            return
        start = str(self.document.path.with_name(self.plan.source.stem + ".roadmap"))
        name, _ = QFileDialog.getSaveFileName(self, "Import as New Roadmap", start, "Roadmaps (*.roadmap)")
        if not name:
            return
        self.write_new_roadmap(Path(name))

    def write_new_roadmap(self, path: Path) -> bool:
        try:
            Store.create(path, new_roadmap(self.plan, self.placement(), self.today)).close()
        except (ValidationError, StoreError) as error:
            self._show_error(f"Nothing was written: {error}")
            return False
        self.new_roadmap_written.emit(path)
        self.accept()
        return True
