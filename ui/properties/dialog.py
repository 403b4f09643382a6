"""File > Roadmap Properties: the roadmap's title, purpose, horizons, fiscal year and currency.

OK pushes one `UpdateRoadmapInfo` (one undo step); a value the rules refuse is
shown in the dialog, with its field marked, and the dialog stays open.
"""

from __future__ import annotations

import calendar
import dataclasses

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.edits import UpdateRoadmapInfo
from planner.model import RoadmapInfo
from planner.money import SYMBOLS
from planner.store import StoreError
from planner.validation import ValidationError
from ui.common.colours import ERROR_COLOUR
from ui.common.date_field import DateField, parse_date
from ui.common.widgets import mark_invalid
from ui.document.document import RoadmapDocument


class RoadmapPropertiesDialog(QDialog):
    """Edit the open roadmap's `RoadmapInfo` as one step."""

    def __init__(self, document: RoadmapDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Roadmap Properties")
        self.document = document
        info = document.roadmap.info
        self.title_edit = QLineEdit(info.title)
        self.organisation_edit = QLineEdit(info.organisation)
        for edit in (self.title_edit, self.organisation_edit):
            edit.setCursorPosition(0)  # show the start of a long title, not its end
        self.vision_edit = _text(info.vision)
        self.mission_edit = _text(info.mission)
        self.horizon_edit = DateField("horizon start")
        self.horizon_edit.setDate(info.horizon_start)
        self.years_spin = QSpinBox()
        self.years_spin.setRange(3, 5)
        self.years_spin.setSuffix(" years")
        self.years_spin.setValue(info.business_years)
        self.tech_start_edit = DateField("tech start")
        self.tech_start_edit.setPlaceholderText("the horizon start")
        if info.tech_start is not None:
            self.tech_start_edit.setDate(info.tech_start)
        self.months_spin = QSpinBox()
        self.months_spin.setRange(12, 24)
        self.months_spin.setSuffix(" months")
        self.months_spin.setValue(info.tech_months)
        self.fiscal_combo = QComboBox()
        for month in range(1, 13):
            self.fiscal_combo.addItem(calendar.month_name[month], month)
        self.fiscal_combo.setCurrentIndex(info.fiscal_year_start_month - 1)
        self.currency_combo = QComboBox()
        for code, sign in SYMBOLS.items():
            self.currency_combo.addItem(f"{code} ({sign.strip()})", code)
        self.currency_combo.setCurrentIndex(max(self.currency_combo.findData(info.currency), 0))
        self.currency_combo.setToolTip("Every budget and amount of this roadmap is in this currency")

        form = QFormLayout()
        form.addRow("&Title", self.title_edit)
        form.addRow("&Organisation", self.organisation_edit)
        form.addRow("&Vision", self.vision_edit)
        form.addRow("&Mission", self.mission_edit)
        form.addRow("&Business horizon starts", self.horizon_edit)
        form.addRow("Business horizon &length", self.years_spin)
        form.addRow("Tech &cycle starts", self.tech_start_edit)
        form.addRow("Tech cycle l&ength", self.months_spin)
        form.addRow("&Fiscal year starts in", self.fiscal_combo)
        form.addRow("C&urrency", self.currency_combo)
        self.fields = {
            "title": self.title_edit, "organisation": self.organisation_edit, "vision": self.vision_edit,
            "mission": self.mission_edit, "horizon start": self.horizon_edit, "business years": self.years_spin,
            "tech start": self.tech_start_edit, "tech months": self.months_spin,
            "fiscal year start": self.fiscal_combo, "currency": self.currency_combo,
        }
        self.error_label = QLabel()
        self.error_label.setObjectName("PropertiesError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(document.canEdit)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 90)  # room for a long title
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def info(self) -> RoadmapInfo:
        """The roadmap info as the dialog shows it; raises `ValidationError` for a date that is not one."""
        tech_text = self.tech_start_edit.text().strip()
        return dataclasses.replace(
            self.document.roadmap.info,
            title=self.title_edit.text(), organisation=self.organisation_edit.text(),
            vision=self.vision_edit.toPlainText(), mission=self.mission_edit.toPlainText(),
            horizon_start=parse_date(self.horizon_edit.text(), "horizon start"),
            business_years=self.years_spin.value(),
            tech_start=parse_date(tech_text, "tech start") if tech_text else None,
            tech_months=self.months_spin.value(), fiscal_year_start_month=self.fiscal_combo.currentData(),
            currency=self.currency_combo.currentData(),
        )

    def accept(self) -> None:
        for widget in self.fields.values():
            mark_invalid(widget, False)
        try:
            self.document.push(UpdateRoadmapInfo(self.info()), self)
        except ValidationError as error:
            if error.field in self.fields:
                mark_invalid(self.fields[error.field], True)
            self._refuse(error.message)
            return
        except StoreError as error:
            self._refuse(str(error))
            return
        super().accept()

    def _refuse(self, message: str) -> None:
        self.error_label.setText(f"{message[:1].upper()}{message[1:]}. Not applied.")
        self.error_label.show()


def _text(value: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(value)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
    return edit
