"""The drift dock: how the plan has moved since a chosen quarterly review.

`DriftPanel` lets the user pick a review (the latest by default) and lists
the items added, removed, slipped, pulled in or re-started since its
baseline (`planner.drift.drift_since`), with the decision that review took
on each. Toggling "Show baseline on timeline" emits `baseline_requested`
with the chosen review (or None) so the window can draw ghost bars.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.drift import Drift, DriftEntry, DriftKind, drift_since
from planner.model import ItemId, Review, ReviewDecision, ReviewId, Roadmap
from ui.document.document import ChangeNotice, RoadmapDocument
from ui.common.models import RowTableModel, sync_rows
from ui.common.widgets import disconnect_quietly
from ui.review.items import DECISION_COLOURS, DECISION_LABELS, item_dates
from ui.document.selection import SelectionModel

ItemIndex = QModelIndex | QPersistentModelIndex

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2  # the raw value: DriftKind, dates, signed days

KIND_LABELS = {
    DriftKind.ADDED: "Added",
    DriftKind.REMOVED: "Removed",
    DriftKind.SLIPPED: "Slipped",
    DriftKind.PULLED_IN: "Pulled in",
    DriftKind.START_MOVED: "Start moved",
}
KIND_COLOURS = {DriftKind.SLIPPED: "#c62828", DriftKind.PULLED_IN: "#2e7d32", DriftKind.ADDED: "#1e6fc0", DriftKind.REMOVED: "#777777"}


def _day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def review_title(review: Review) -> str:
    """'30 Sep 2026 — Q2 FY2026/27 review. Click-and-col…'."""
    first = review.notes.strip().splitlines()[0] if review.notes.strip() else ""
    if len(first) > 48:
        first = first[:47] + "…"
    return f"{_day(review.held_on)} — {first}" if first else _day(review.held_on)


def shift_days(entry: DriftEntry) -> int | None:
    """The days that matter for the change: the end's shift, or the start's when only the start moved."""
    return entry.start_days if entry.kind == DriftKind.START_MOVED else entry.end_days


class DriftTableModel(RowTableModel):
    """One drift entry per row (kind order, then item id), with the review's decision on it."""

    # Days sit next to the change, so a narrow dock still shows how far each item moved.
    HEADERS = ("Item", "Change", "Days", "At review", "Now", "Decision")
    ITEM, CHANGE, DAYS, BASELINE, NOW, DECISION = range(6)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[tuple[DriftEntry, ReviewDecision | None]] = []

    def set_drift(self, drift: Drift | None) -> None:
        """Follow `drift` with exact row inserts, removes and updates."""
        rows: list[tuple[DriftEntry, ReviewDecision | None]] = []
        if drift is not None:
            decisions = {d.item_id: d for d in drift.review.decisions}
            rows = [(e, decisions.get(e.item_id)) for e in drift.entries]
        sync_rows(self, self._rows, rows, key=lambda r: r[0].item_id)

    def entry_at(self, row: int) -> DriftEntry:
        return self._rows[row][0]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section == self.DAYS:
            return "Days the end moved (the start, if only the start moved); later is positive"
        return super().headerData(section, orientation, role)

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry, decision = self._rows[index.row()]
        column = index.column()
        if role == ITEM_ID_ROLE:
            return entry.item_id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.ITEM:
                return entry.title
            if column == self.CHANGE:
                return KIND_LABELS[entry.kind]
            if column == self.BASELINE:
                return item_dates(entry.baseline_start, entry.baseline_end) if entry.baseline_start else "—"
            if column == self.NOW:
                return item_dates(entry.start, entry.end) if entry.start else "—"
            if column == self.DAYS:
                days = shift_days(entry)
                return "" if days is None else f"{days:+d}".replace("-", "−")
            return DECISION_LABELS[decision.decision] if decision else ""
        if role == VALUE_ROLE:
            return (
                entry.title, entry.kind, shift_days(entry), (entry.baseline_start, entry.baseline_end),
                (entry.start, entry.end), decision.decision if decision else None,
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            if column in (self.CHANGE, self.DAYS) and entry.kind in KIND_COLOURS:
                return QColor(KIND_COLOURS[entry.kind])
            if column == self.DECISION and decision is not None:
                return QColor(DECISION_COLOURS[decision.decision])
            if entry.kind == DriftKind.REMOVED:
                return QColor(KIND_COLOURS[DriftKind.REMOVED])
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.DAYS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.DECISION and decision is not None and decision.note:
                return f"{DECISION_LABELS[decision.decision]}: {decision.note}"
            if column in (self.BASELINE, self.NOW):
                start, end = (entry.baseline_start, entry.baseline_end) if column == self.BASELINE else (entry.start, entry.end)
                return f"{start.isoformat()} to {end.isoformat()}" if start else None
            if column == self.DAYS and entry.kind in (DriftKind.SLIPPED, DriftKind.PULLED_IN) and entry.start_days:
                return f"The start moved {entry.start_days:+d} days too"
        return None


class DriftPanel(QWidget):
    """Drift since a chosen review, and the switch for its baseline on the timeline.

    `baseline_requested(review or None)` is emitted whenever the baseline the
    timeline should show changes: on toggling, on choosing another review
    while it is on, and when the chosen review disappears (an undone review).
    `reveal_requested(item_ids)` follows a click on a row whose item exists.
    """

    baseline_requested = Signal(object)  # Review | None
    reveal_requested = Signal(object)  # tuple[ItemId, ...]

    def __init__(self, selection: SelectionModel | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("DriftPanel")
        self.selection = selection
        self.document: RoadmapDocument | None = None
        self.drift: Drift | None = None
        self._reviews_shown: tuple[tuple[ReviewId, date, str], ...] = ()
        self._baseline_sent: ReviewId | None = None

        self.review_combo = QComboBox()
        self.review_combo.setObjectName("ReviewChooser")
        self.review_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.review_combo.setMinimumContentsLength(16)
        self.review_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.review_combo.currentIndexChanged.connect(self._on_review_chosen)
        self.baseline_check = QCheckBox("Show baseline on timeline")
        self.baseline_check.setToolTip("Draw the chosen review's item dates as ghost bars behind the current plan")
        self.baseline_check.toggled.connect(self._send_baseline)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel("Since review"))
        chooser.addWidget(self.review_combo, 1)
        chooser.addWidget(self.baseline_check)

        self.summary = QLabel()
        self.summary.setObjectName("DriftSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("ReviewNotesView")
        self.notes.setReadOnly(True)
        self.notes.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.notes.viewport().setAutoFillBackground(False)
        self.notes.setMaximumHeight(self.notes.fontMetrics().lineSpacing() * 4 + 10)

        self.model = DriftTableModel(self)
        self.view = QTableView()
        self.view.setObjectName("DriftView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.setWordWrap(False)
        self.view.clicked.connect(self._on_row_clicked)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(40)
        # Titles get the room they need (within reason); a narrow dock scrolls sideways rather than eliding them.
        for column in range(self.model.columnCount()):
            mode = QHeaderView.ResizeMode.Interactive if column == DriftTableModel.ITEM else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)
        header.setStretchLastSection(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(chooser)
        layout.addWidget(self.summary)
        layout.addWidget(self.notes)
        layout.addWidget(self.view, 1)
        self._refresh()

    # --- the document -----------------------------------------------------------------------

    def set_document(self, document: RoadmapDocument | None) -> None:
        """Show drift in `document` (None shows nothing) since its latest review."""
        if self.document is not None:
            disconnect_quietly(self.document.changed, self._on_document_changed)
        self.document = document
        self._reviews_shown = ()
        if document is not None:
            document.changed.connect(self._on_document_changed)
        self._refresh(choose_latest=True)

    def _on_document_changed(self, notice: ChangeNotice) -> None:
        # A review just recorded becomes the one shown: it is what the user will compare against next.
        added = any(isinstance(e, Review) for e in notice.inserted)
        self._refresh(choose_latest=added)

    @property
    def current_review(self) -> Review | None:
        roadmap = self._roadmap()
        review_id = self.review_combo.currentData()
        return roadmap.reviews.get(review_id) if roadmap is not None and review_id is not None else None

    def choose_review(self, review_id: ReviewId) -> None:
        row = self.review_combo.findData(review_id)
        if row >= 0:
            self.review_combo.setCurrentIndex(row)

    def _roadmap(self) -> Roadmap | None:
        return self.document.roadmap if self.document is not None else None

    # --- refreshing --------------------------------------------------------------------------

    def _refresh(self, choose_latest: bool = False) -> None:
        roadmap = self._roadmap()
        reviews = sorted(roadmap.reviews.values(), key=lambda r: (r.held_on, r.id), reverse=True) if roadmap else []
        shown = tuple((r.id, r.held_on, r.notes) for r in reviews)
        if shown != self._reviews_shown:
            keep = None if choose_latest else self.review_combo.currentData()
            with QSignalBlocker(self.review_combo):
                self.review_combo.clear()
                for n, review in enumerate(reviews):
                    self.review_combo.addItem(review_title(review) + (" (latest)" if n == 0 and len(reviews) > 1 else ""), review.id)
                    self.review_combo.setItemData(n, review.notes or None, Qt.ItemDataRole.ToolTipRole)
                row = self.review_combo.findData(keep) if keep is not None else -1
                self.review_combo.setCurrentIndex(row if row >= 0 else (0 if reviews else -1))
            self._reviews_shown = shown
        self.review_combo.setEnabled(bool(reviews))
        self.baseline_check.setEnabled(bool(reviews))
        self._show_drift()
        self._send_baseline()

    def _on_review_chosen(self, row: int) -> None:
        self._show_drift()
        self._send_baseline()

    def _show_drift(self) -> None:
        roadmap, review = self._roadmap(), self.current_review
        self.drift = drift_since(roadmap, review) if roadmap is not None and review is not None else None
        self.model.set_drift(self.drift)
        metrics = self.view.fontMetrics()
        widest = max((metrics.horizontalAdvance(e.title) for e in self.drift.entries), default=0) if self.drift else 0
        self.view.horizontalHeader().resizeSection(DriftTableModel.ITEM, min(max(widest + 16, 120), 260))
        self.notes.setPlainText(review.notes if review else "")
        self.notes.setVisible(bool(review and review.notes))
        self.summary.setText(self._summary_html(roadmap, review))

    def _summary_html(self, roadmap: Roadmap | None, review: Review | None) -> str:
        if roadmap is None:
            return "No roadmap is open."
        if review is None:
            return ("No quarterly review recorded yet. <i>Review › Start quarterly review</i> takes the first "
                    "baseline, so later changes to the plan show here.")
        drift = self.drift
        since = f"Since the review on {_day(review.held_on)}"
        return self._items_html(drift, since) + self._links_html(drift)

    @staticmethod
    def _links_html(drift) -> str:
        if not drift.links_compared:
            return "<br><i>This review did not record its links, so link changes are not shown.</i>"
        if not drift.link_changes:
            return "<br>No links added or removed."
        lines = [html.escape(c.describe()) for c in drift.link_changes[:8]]
        more = len(drift.link_changes) - len(lines)
        return "<br>Links: " + "; ".join(lines) + (f"; and {more} more" if more > 0 else "") + "."

    @staticmethod
    def _items_html(drift, since: str) -> str:
        if not drift:
            return f"{since} nothing has moved."
        parts = []
        for kind in DriftKind:
            entries = drift.of_kind(kind)
            if not entries:
                continue
            text = f"{len(entries)} {KIND_LABELS[kind].lower()}"
            if kind in (DriftKind.SLIPPED, DriftKind.PULLED_IN):
                worst = max(abs(e.end_days or 0) for e in entries)
                text += f" (up to {worst} days)"
            colour = KIND_COLOURS.get(kind)
            parts.append(f"<span style='color:{colour}'>{html.escape(text)}</span>" if colour else html.escape(text))
        return f"{since}: " + ", ".join(parts) + "."

    def _send_baseline(self, *args) -> None:
        review = self.current_review if self.baseline_check.isChecked() else None
        review_id = review.id if review is not None else None
        if review_id != self._baseline_sent:
            self._baseline_sent = review_id
            self.baseline_requested.emit(review)

    def _on_row_clicked(self, index: QModelIndex) -> None:
        roadmap = self._roadmap()
        item_id: ItemId | None = index.data(ITEM_ID_ROLE)
        if roadmap is None or item_id is None or item_id not in roadmap.items or self.selection is None:
            return
        self.selection.set({item_id})
        self.reveal_requested.emit((item_id,))
