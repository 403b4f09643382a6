"""The alignment findings dock: the score and its parts, then findings grouped by severity and rule.

`FindingsPanel` shows the document's report (ui/document/report.py, one
analysis per document, updated change by change for edits, undo and redo
alike) and announces each one through `report_changed`. `FindingsModel`
applies each change's `ReportDelta` as exact row inserts, removes and
dataChanged, so an edit among 13,000 findings moves a few rows, and expanded
groups and the current finding survive it. Clicking a finding (or a group)
selects its items and asks the window to reveal them.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from planner.alignment import RULES, AlignmentReport, Finding, ReportDelta, ScorePart, Severity
from ui.document.document import RoadmapDocument
from ui.common.colours import SEVERITY_COLOURS, score_colour
from ui.common.severity import WORDS, severity_icon
from ui.common.widgets import disconnect_quietly
from ui.common.wrapping import WrappingDelegate
from ui.document.selection import SelectionModel
from ui.alignment.model import FINDING_ROLE, FindingsModel

# --- the panel ---------------------------------------------------------------------------------


class _Meter(QWidget):
    """A thin horizontal bar showing a 0-100 score."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.score = 0
        self.setFixedHeight(8)
        self.setMinimumWidth(40)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_score(self, score: int) -> None:
        if score != self.score:
            self.score = score
            self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        r = QRectF(self.rect())
        track = QColor(self.palette().color(QPalette.ColorRole.Text))
        track.setAlphaF(0.12)
        painter.setBrush(track)
        painter.drawRoundedRect(r, 3, 3)
        if self.score > 0:
            painter.setBrush(score_colour(self.score))
            painter.drawRoundedRect(QRectF(r.x(), r.y(), r.width() * self.score / 100, r.height()), 3, 3)
        painter.end()


class _ScoreHeader(QWidget):
    """The alignment score, the counts by severity and each part of the score."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.score_label = QLabel("–")
        font = self.score_label.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.score_label.setFont(font)
        self.caption = QLabel("Alignment score")
        self.caption.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.counts: dict[Severity, QLabel] = {}
        counts_row = QHBoxLayout()
        counts_row.setSpacing(4)
        for s in sorted(Severity, key=lambda s: s.rank):
            icon = QLabel()
            icon.setPixmap(severity_icon(s).pixmap(QSize(14, 14)))
            text = QLabel()
            self.counts[s] = text
            counts_row.addWidget(icon)
            counts_row.addWidget(text)
            counts_row.addSpacing(6)
        counts_row.addStretch(1)
        # The counts get their own line: beside the score they made the dock wider than its place.
        top = QHBoxLayout()
        top.addWidget(self.score_label)
        top.addSpacing(6)
        top.addWidget(self.caption, 1)

        self.parts_grid = QGridLayout()
        self.parts_grid.setHorizontalSpacing(8)
        self.parts_grid.setVerticalSpacing(3)
        self.parts_grid.setColumnStretch(1, 1)
        self._part_rows: list[tuple[QLabel, _Meter, QLabel]] = []
        self._shown: tuple | None = None  # what the labels say now: (score, reason, parts, counts)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addLayout(counts_row)
        layout.addLayout(self.parts_grid)

    def show_report(self, report: AlignmentReport | None) -> None:
        shown = None if report is None else (report.score, report.score_reason, report.parts, report.counts_by_severity)
        if shown is not None and shown == self._shown:
            return  # most edits leave the score alone: no restyled label, no tooltips set again, no new layout
        self._shown = shown
        if report is None:
            self.score_label.setText("–")
            self.score_label.setStyleSheet("")
            self.score_label.setToolTip("")
            for label in self.counts.values():
                label.setText("")
            self._show_parts(())
            return
        if report.score is None:  # nothing to judge yet: a dash and the reason, never a number
            self.score_label.setText("—")
            self.score_label.setStyleSheet("")
            self.caption.setText(report.score_reason)
            self.caption.setWordWrap(True)
            self.score_label.setToolTip(report.score_reason)
        else:
            self.score_label.setText(str(report.score))
            self.score_label.setStyleSheet(f"color: {score_colour(report.score).name()}")
            self.caption.setText("Alignment score (of 100)")
            self.score_label.setToolTip(
                "How well technology plans and business plans line up: a weighted blend of the parts below."
            )
        counts = report.counts_by_severity
        for s, label in self.counts.items():
            n = counts[s]
            label.setText(f"{n} {WORDS[s][0] if n == 1 else WORDS[s][1]}")
        self._show_parts(report.parts)

    def _show_parts(self, parts: Sequence[ScorePart]) -> None:
        while len(self._part_rows) < len(parts):
            row = len(self._part_rows)
            name, meter, score = QLabel(), _Meter(), QLabel()
            score.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            score.setMinimumWidth(score.fontMetrics().horizontalAdvance("100") + 2)
            self.parts_grid.addWidget(name, row, 0)
            self.parts_grid.addWidget(meter, row, 1)
            self.parts_grid.addWidget(score, row, 2)
            self._part_rows.append((name, meter, score))
        for n, (name, meter, score) in enumerate(self._part_rows):
            visible = n < len(parts)
            for w in (name, meter, score):
                w.setVisible(visible)
            if not visible:
                continue
            part = parts[n]
            tip = f"{part.name}: {part.score}/100, weight {part.weight}%. {part.detail[:1].upper()}{part.detail[1:]}."
            name.setText(part.name)
            meter.set_score(part.score)
            score.setText(str(part.score))
            for w in (name, meter, score):
                w.setToolTip(tip)


class FindingsPanel(QWidget):
    """The open document's alignment report (`document.alignment`), shown after every change.

    The panel analyses nothing itself. `report_changed(report)` says it now
    shows a new `AlignmentReport` (None when no document is shown);
    `reveal_requested(item_ids)` asks the window to bring the clicked
    finding's items into view after they were selected.
    """

    report_changed = Signal(object)  # AlignmentReport | None
    reveal_requested = Signal(object)  # tuple[ItemId, ...]

    def __init__(self, selection: SelectionModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("FindingsPanel")
        self.selection = selection
        self.document: RoadmapDocument | None = None
        self.report: AlignmentReport | None = None

        self.header = _ScoreHeader()
        self.model = FindingsModel(self)
        self.view = QTreeView()
        self.view.setObjectName("FindingsView")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        # Findings are sentences: wrap them to the dock's width instead of cutting them off.
        self.view.setItemDelegate(WrappingDelegate(self.view))
        self.view.setIndentation(14)  # three levels deep: leave the messages room
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.clicked.connect(self._on_view_clicked)
        self.view.activated.connect(self._on_view_clicked)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.model.rowsInserted.connect(self._on_rows_inserted)

        self.detail = QLabel()
        self.detail.setObjectName("FindingDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMargin(6)
        self.detail.setMinimumHeight(self.detail.fontMetrics().lineSpacing() * 4 + 12)
        self.detail.setFrameShape(QFrame.Shape.StyledPanel)
        self.detail.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addWidget(rule)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        self._show_detail(None)

    # --- the document ---------------------------------------------------------------------

    def set_document(self, document: RoadmapDocument | None) -> None:
        """Follow `document`'s report (None shows nothing)."""
        if self.document is not None:
            disconnect_quietly(self.document.alignment.changed, self._on_report_changed)
        self.document = document
        if document is not None:
            document.alignment.changed.connect(self._on_report_changed)
        self._on_report_changed(None)
        self.view.expandAll()

    def _on_report_changed(self, delta: ReportDelta | None = None) -> None:
        """Move only the rows the delta names; without one (or after a missed one), match the whole report."""
        if self.document is None:
            self.refresh(None)
            return
        alignment = self.document.alignment
        report = alignment.report
        if delta is None or not self.model.apply(delta):
            self.model.set_report(report, alignment.version)
        self._show(report)

    def refresh(self, report: AlignmentReport | None) -> None:
        """Show `report` (from `analyse`) and announce it through `report_changed`."""
        self.model.set_report(report)
        self._show(report)

    def _show(self, report: AlignmentReport | None) -> None:
        self.report = report
        self.header.show_report(report)
        self._show_detail(self.view.currentIndex())
        self.report_changed.emit(report)

    # --- reacting -----------------------------------------------------------------------------

    def _on_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        """New groups open expanded, as the first ones did."""
        for row in range(first, last + 1):
            index = self.model.index(row, 0, parent)
            if self.model.hasChildren(index):
                self.view.expandRecursively(index)

    def _on_view_clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        ids = self.model.item_ids(index)
        self.selection.set(ids)
        if ids:
            self.reveal_requested.emit(tuple(ids))

    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._show_detail(current)

    def _show_detail(self, index: QModelIndex | None) -> None:
        finding: Finding | None = index.data(FINDING_ROLE) if index is not None and index.isValid() else None
        if finding is not None:
            colour = SEVERITY_COLOURS[finding.severity]
            self.detail.setText(
                f"<b>{html.escape(RULES.get(finding.rule, finding.rule))}</b> "
                f"<span style='color:{colour}'>· {finding.severity.label}</span><br>"
                f"{html.escape(finding.message)}<br><i>Suggested action:</i> {html.escape(finding.action)}"
            )
        elif self.report is None:
            self.detail.setText("No roadmap is open.")
        elif not self.report.findings:
            self.detail.setText("No findings: the technology plan and the business plan line up.")
        else:
            self.detail.setText("Click a finding to select its items on the timeline and read what to do about it.")
