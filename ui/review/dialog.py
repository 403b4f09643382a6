"""Review > Start quarterly review: record the review's date, notes and a decision per open item.

The dialog lists every open item with what the review needs to judge it by
(its lane, dates, status, alignment findings and how it moved since the last
review) and a decision (continue, re-scope, re-date, stop) with a note. OK
pushes one `AddReview`, which also snapshots every item's dates as the
baseline the next review's drift is measured against.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.alignment import analyse
from planner.dates import MAX_DATE, MIN_DATE
from planner.edits import AddReview
from planner.model import Decision, ItemId, Review
from planner.store import StoreError
from planner.validation import ValidationError
from ui.document.document import RoadmapDocument
from ui.common.colours import ERROR_COLOUR
from ui.common.formatting import DATE_FORMAT

ItemIndex = QModelIndex | QPersistentModelIndex
from ui.review.items import AttentionFilter, DecisionDelegate, ReviewItemsModel



class QuarterlyReviewDialog(QDialog):
    """Record a quarterly review of `document`: date, notes and decisions per open item.

    OK ("Record Review") pushes one `AddReview` and emits `review_recorded(review)`;
    a refusal is shown in the dialog, which stays open.
    """

    review_recorded = Signal(object)  # Review

    def __init__(
        self, document: RoadmapDocument, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self.setWindowTitle("Quarterly Review")
        self.document = document
        roadmap = document.roadmap
        clock_today = document.today()
        today = today or clock_today
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("ReviewDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setDateRange(QDate(MIN_DATE.year, 1, 1), QDate(MAX_DATE.year, 12, 31))
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        self.date_edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setObjectName("ReviewNotes")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setPlaceholderText("What the review found and agreed, for the board pack")
        self.notes_edit.setFixedHeight(self.notes_edit.fontMetrics().lineSpacing() * 4 + 12)

        # The document's own report, unless the review is held as of another day.
        report = document.alignment.report if today == clock_today else analyse(roadmap, today)
        self.model = ReviewItemsModel(roadmap, report, self)
        self.proxy = AttentionFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setObjectName("ReviewItemsView")
        self.view.setModel(self.proxy)
        self.decision_delegate = DecisionDelegate(self.view)
        self.view.setItemDelegateForColumn(ReviewItemsModel.DECISION, self.decision_delegate)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.clicked.connect(self._on_view_clicked)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(QComboBox().sizeHint().height() + 4)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        for column in range(self.model.columnCount()):
            mode = QHeaderView.ResizeMode.ResizeToContents
            if column == ReviewItemsModel.NOTE:
                mode = QHeaderView.ResizeMode.Stretch
            elif column == ReviewItemsModel.ITEM:
                mode = QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(column, mode)
        metrics = self.view.fontMetrics()
        widest = max((metrics.horizontalAdvance(i.title) for i in self.model.items), default=100)
        header.resizeSection(ReviewItemsModel.ITEM, min(widest + 16, 250))
        header.setSectionResizeMode(ReviewItemsModel.DECISION, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(ReviewItemsModel.DECISION, 120)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter items…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.attention_check = QCheckBox("Only items with findings, drift or trouble")
        self.attention_check.toggled.connect(self.proxy.set_attention_only)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.attention_check)

        n = len(roadmap.items)
        self.baseline_label = QLabel(
            f"Recording the review also takes a baseline of the dates of all {n} item{'s' if n != 1 else ''}, "
            "so the next review can show what slipped or was pulled in since."
        )
        self.baseline_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("ReviewError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR}")
        self.error_label.hide()

        form = QFormLayout()
        form.addRow("Review &date", self.date_edit)
        form.addRow("&Notes", self.notes_edit)
        decisions_title = QLabel(f"<b>Decisions</b> — {len(self.model.items)} open items; "
                                 "leave “—” where the review decided nothing")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Record Review")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        if not document.canEdit:
            self.ok_button.setEnabled(False)
            self.error_label.setText("The roadmap is open read-only, so a review cannot be recorded.")
            self.error_label.show()

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(decisions_title)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.baseline_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(1100, 680)

    def _on_view_clicked(self, index: QModelIndex) -> None:
        """One click opens the decision list, as a combo box would."""
        if index.column() == ReviewItemsModel.DECISION and self.view.state() != QAbstractItemView.State.EditingState:
            self.decision_delegate.open_list = True
            self.view.edit(index)

    def decision_index(self, item_id: ItemId, column: int = ReviewItemsModel.DECISION) -> QModelIndex:
        """The view's index of `item_id`'s cell in `column`, or an invalid index if filtered out."""
        row = self.model.row_of(item_id)
        if row is None:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index(row, column))

    def set_decision(self, item_id: ItemId, decision: Decision | None, note: str = "") -> None:
        row = self.model.row_of(item_id)
        if row is None:
            raise KeyError(item_id)
        self.model.setData(self.model.index(row, ReviewItemsModel.DECISION), decision)
        self.model.setData(self.model.index(row, ReviewItemsModel.NOTE), note)

    def held_on(self) -> date:
        return self.date_edit.date().toPython()

    def accept(self) -> None:
        orphans = self.model.notes_without_decision()
        if orphans:
            titles = ", ".join(f"“{i.title}”" for i in orphans[:3]) + (" …" if len(orphans) > 3 else "")
            self._fail(f"Choose a decision for {titles}, or clear the note: a note is kept with its decision.")
            return
        held_on = self.held_on()
        edit = AddReview(held_on, self.notes_edit.toPlainText().strip(), self.model.review_decisions())
        try:
            changes = self.document.push(edit, self, label=f"Record quarterly review of {held_on.day} {held_on:%b %Y}")
        except (ValidationError, StoreError) as error:
            self._fail(str(error))
            return
        review = next((c.entity for c in changes if isinstance(getattr(c, "entity", None), Review)), None)
        self.review_recorded.emit(review)
        super().accept()

    def _fail(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

