"""The review's table: every open item with its drift, findings, status and the decision taken."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QWidget,
)

from planner.alignment import AlignmentReport, Finding
from planner.drift import DriftEntry, DriftKind, drift_since, latest_review
from planner.model import Band, Decision, Item, ItemId, ReviewDecision, Roadmap, Status
from ui.common.colours import SEVERITY_COLOURS, STATUS_COLOURS
from ui.common.severity import severity_icon

ItemIndex = QModelIndex | QPersistentModelIndex


ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ATTENTION_ROLE = Qt.ItemDataRole.UserRole + 2  # True for items with findings, drift or trouble

DECISION_LABELS: dict[Decision | None, str] = {
    None: "—",
    Decision.CONTINUE: "Continue",
    Decision.RESCOPE: "Re-scope",
    Decision.REDATE: "Re-date",
    Decision.STOP: "Stop",
}
DECISION_COLOURS = {Decision.CONTINUE: "#2e7d32", Decision.RESCOPE: "#b07800", Decision.REDATE: "#b07800", Decision.STOP: "#c62828"}
DRIFT_COLOURS = {DriftKind.SLIPPED: "#c62828", DriftKind.PULLED_IN: "#2e7d32", DriftKind.ADDED: "#1e6fc0"}


def _month(d: date) -> str:
    return f"{d:%b %Y}"


def item_dates(start: date, end: date) -> str:
    """'Jan 2026 – Mar 2027', or one day for a milestone."""
    if start == end:
        return f"{start.day} {start:%b %Y}"
    return f"{_month(start)} – {_month(end)}"


def drift_text(entry: DriftEntry | None) -> str:
    """'slipped 30 days', 'pulled in 107 days', 'new'; '' for an item that has not moved."""
    if entry is None:
        return ""
    if entry.kind == DriftKind.ADDED:
        return "new since"
    days = entry.start_days if entry.kind == DriftKind.START_MOVED else entry.end_days
    n = abs(days or 0)
    return f"{entry.kind.value} {n} day{'s' if n != 1 else ''}"


class ReviewItemsModel(QAbstractTableModel):
    """Open items as rows (business lanes, then tech lanes, each by start), with a decision and note each."""

    HEADERS = ("Item", "Lane", "Dates", "Status", "Findings", "Since last review", "Decision", "Note")
    ITEM, LANE, DATES, STATUS, FINDINGS, DRIFT, DECISION, NOTE = range(8)

    def __init__(self, roadmap: Roadmap, report: AlignmentReport, parent: QObject | None = None):
        super().__init__(parent)
        lane_rank = {lane.id: (0 if lane.band == Band.BUSINESS else 1, lane.position) for lane in roadmap.lanes.values()}
        review = latest_review(roadmap)
        drift = {e.item_id: e for e in drift_since(roadmap, review).entries} if review is not None else {}
        self.items: list[Item] = sorted(
            (i for i in roadmap.items.values() if i.status != Status.DONE),
            key=lambda i: (lane_rank.get(i.lane_id, (0 if i.band == Band.BUSINESS else 1, 1 << 30)), i.start, i.title),
        )
        self.lanes = {lane.id: lane.name for lane in roadmap.lanes.values()}
        self.findings: dict[ItemId, tuple[Finding, ...]] = {i.id: report.by_item.get(i.id, ()) for i in self.items}
        self.drift: dict[ItemId, DriftEntry] = drift
        self.decisions: list[Decision | None] = [None] * len(self.items)
        self.notes: list[str] = [""] * len(self.items)

    def row_of(self, item_id: ItemId) -> int | None:
        for n, item in enumerate(self.items):
            if item.id == item_id:
                return n
        return None

    def review_decisions(self) -> tuple[ReviewDecision, ...]:
        """A ReviewDecision for each item given a decision, in row order."""
        return tuple(
            ReviewDecision(item.id, item.title, decision, note.strip())
            for item, decision, note in zip(self.items, self.decisions, self.notes)
            if decision is not None
        )

    def notes_without_decision(self) -> list[Item]:
        return [item for item, decision, note in zip(self.items, self.decisions, self.notes) if decision is None and note.strip()]

    def needs_attention(self, row: int) -> bool:
        item = self.items[row]
        return bool(self.findings[item.id]) or item.id in self.drift or item.status in STATUS_COLOURS

    # --- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def flags(self, index: ItemIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (self.DECISION, self.NOTE):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        row, column = index.row(), index.column()
        item = self.items[row]
        findings = self.findings[item.id]
        entry = self.drift.get(item.id)
        decision = self.decisions[row]
        if role == ITEM_ID_ROLE:
            return item.id
        if role == ATTENTION_ROLE:
            return self.needs_attention(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.ITEM:
                return item.title
            if column == self.LANE:
                return self.lanes.get(item.lane_id, "?")
            if column == self.DATES:
                return item_dates(item.start, item.end)
            if column == self.STATUS:
                return item.status.label
            if column == self.FINDINGS:
                return str(len(findings)) if findings else ""
            if column == self.DRIFT:
                return drift_text(entry)
            if column == self.DECISION:
                return decision if role == Qt.ItemDataRole.EditRole else DECISION_LABELS[decision]
            return self.notes[row]
        if role == Qt.ItemDataRole.DecorationRole and column == self.FINDINGS and findings:
            return severity_icon(findings[0].severity)
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = None
            if column == self.STATUS:
                colour = STATUS_COLOURS.get(item.status)
            elif column == self.DRIFT and entry is not None:
                colour = DRIFT_COLOURS.get(entry.kind)
            elif column == self.DECISION and decision is not None:
                colour = DECISION_COLOURS[decision]
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.FINDINGS and findings:
                return "".join(
                    f"<p><span style='color:{SEVERITY_COLOURS[f.severity]}'>{f.severity.label}:</span> {html.escape(f.message)}</p>"
                    for f in findings
                )
            if column == self.DRIFT and entry is not None and entry.baseline_start is not None:
                return f"At the last review: {item_dates(entry.baseline_start, entry.baseline_end)}"
            if column == self.ITEM:
                return item.description or item.title
            if column == self.LANE:
                return "Business strategy" if item.band == Band.BUSINESS else "Technology strategy"
        return None

    def setData(self, index: ItemIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, column = index.row(), index.column()
        if column == self.DECISION:
            decision = _as_decision(value)
            if decision is False:
                return False
            self.decisions[row] = decision
        elif column == self.NOTE:
            self.notes[row] = str(value or "")
        else:
            return False
        self.dataChanged.emit(index, index)
        return True


def _as_decision(value: Any) -> Decision | None | bool:
    """A Decision from a Decision, its value or its label; None for none; False if not a decision."""
    if value is None or isinstance(value, Decision):
        return value
    text = str(value).strip().lower()
    if text in ("", "—"):
        return None
    for decision, label in DECISION_LABELS.items():
        if decision is not None and text in (label.lower(), decision.value):
            return decision
    return False


class AttentionFilter(QSortFilterProxyModel):
    """Text filter over every column, optionally only the items that need attention."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.attention_only = False
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def set_attention_only(self, on: bool) -> None:
        self.beginFilterChange()
        self.attention_only = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ItemIndex) -> bool:  # noqa: N802
        if self.attention_only and not self.sourceModel().index(source_row, 0, source_parent).data(ATTENTION_ROLE):
            return False
        return super().filterAcceptsRow(source_row, source_parent)


class DecisionDelegate(QStyledItemDelegate):
    """Shows the decision cell as a drop-down and edits it with a combo that commits on choice."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        combo = QStyleOptionComboBox()
        if widget is not None:
            combo.initFrom(widget)
        combo.rect = option.rect.adjusted(3, 2, -3, -2)
        combo.state = QStyle.StateFlag.State_Enabled | (option.state & QStyle.StateFlag.State_MouseOver)
        combo.currentText = index.data() or ""
        combo.frame = True
        style.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, combo, painter, widget)
        colour = index.data(Qt.ItemDataRole.ForegroundRole)
        if colour is not None:
            palette = QPalette(combo.palette)
            palette.setColor(QPalette.ColorRole.ButtonText, colour)
            combo.palette = palette
        style.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, combo, painter, widget)

    _combo_hint: QSize | None = None

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        if self._combo_hint is None:
            self._combo_hint = QComboBox().sizeHint()
        return QSize(max(self._combo_hint.width(), 110), self._combo_hint.height() + 4)

    open_list = False  # set by a click: the editor opens with its list down, as a combo box would

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        for decision, label in DECISION_LABELS.items():
            combo.addItem(label, decision)
        # activated, not currentIndexChanged: only the user's choice commits, not setEditorData's.
        combo.activated.connect(lambda _=0, e=combo: self._commit(e))
        if self.open_list:
            self.open_list = False
            QTimer.singleShot(0, combo.showPopup)  # once the editor has its geometry
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: N802
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # noqa: N802
        editor.setGeometry(option.rect)

    def _commit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
