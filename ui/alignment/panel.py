"""The alignment findings dock: the score and its parts, then findings grouped by severity and rule.

`FindingsPanel` re-runs `planner.alignment.analyse` after every change notice
(edits, undo and redo alike) and publishes the report through
`report_changed`, so the status bar and the timeline badges share one
computation. `FindingsModel` follows each new report with exact row inserts,
removes and dataChanged, so expanded groups and the current finding survive
an edit. Clicking a finding (or a group) selects its items and asks the
window to reveal them.

`sync_rows` (ui/models.py) keeps its tree's rows in step with exact row signals.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Hashable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPalette, QPixmap
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

from planner.alignment import RULES, AlignmentReport, Finding, ScorePart, Severity, analyse
from ui.document.document import ChangeNotice, RoadmapDocument
from ui.common.models import ItemIndex, disconnect_quietly, row_diff
from ui.document.selection import SelectionModel

# Roles beyond Qt's: the Finding of a leaf row, and the item ids a row stands for.
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_IDS_ROLE = Qt.ItemDataRole.UserRole + 2
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 3

SEVERITY_COLOURS = {Severity.ERROR: "#c62828", Severity.WARNING: "#e0a000", Severity.INFO: "#1e6fc0"}
_HEADINGS = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Information"}
_WORDS = {Severity.ERROR: ("error", "errors"), Severity.WARNING: ("warning", "warnings"), Severity.INFO: ("info", "info")}


def severity_colour(severity: Severity) -> QColor:
    return QColor(SEVERITY_COLOURS[severity])


def score_colour(score: int) -> QColor:
    """Green for a healthy score or part, amber for a middling one, red for a poor one."""
    return QColor("#2e7d32" if score >= 80 else "#c77700" if score >= 50 else "#c62828")


def status_text(report: AlignmentReport | None) -> str:
    """One line for the status bar: 'Alignment 82/100 · 1 error · 2 warnings · 10 info'."""
    if report is None:
        return ""
    counts = report.counts_by_severity
    parts = [f"{counts[s]} {_WORDS[s][0] if counts[s] == 1 else _WORDS[s][1]}" for s in sorted(Severity, key=lambda s: s.rank)]
    return " · ".join([f"Alignment {report.score}/100", *parts])


# --- icons -----------------------------------------------------------------------------


def _paint_severity(painter: QPainter, severity: Severity, size: float) -> None:
    """A red disc with '!', an amber triangle with '!', or a blue disc with 'i', drawn as shapes."""
    s = size
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(severity_colour(severity))
    if severity == Severity.WARNING:
        path = QPainterPath()
        path.moveTo(s * 0.5, s * 0.06)
        path.lineTo(s * 0.97, s * 0.92)
        path.lineTo(s * 0.03, s * 0.92)
        path.closeSubpath()
        painter.drawPath(path)
        mark = QColor("#1d1f21")
        bar, dot = QRectF(s * 0.445, s * 0.34, s * 0.11, s * 0.31), QPointF(s * 0.5, s * 0.77)
    else:
        painter.drawEllipse(QRectF(s * 0.04, s * 0.04, s * 0.92, s * 0.92))
        mark = QColor("#ffffff")
        if severity == Severity.ERROR:
            bar, dot = QRectF(s * 0.44, s * 0.2, s * 0.12, s * 0.4), QPointF(s * 0.5, s * 0.74)
        else:  # info: the dot above the bar
            bar, dot = QRectF(s * 0.44, s * 0.42, s * 0.12, s * 0.38), QPointF(s * 0.5, s * 0.27)
    painter.setBrush(mark)
    painter.drawRoundedRect(bar, s * 0.05, s * 0.05)
    painter.drawEllipse(dot, s * 0.075, s * 0.075)


@lru_cache(maxsize=None)
def severity_icon(severity: Severity) -> QIcon:
    """The severity's icon at 16 and 32 px (for high-DPI screens), painted, no image files."""
    icon = QIcon()
    for size in (16, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _paint_severity(painter, severity, size)
        painter.end()
        icon.addPixmap(pixmap)
    return icon



# --- the findings model ----------------------------------------------------------------


class _Node:
    """One row of the tree: a severity heading, a rule group, or a finding."""

    __slots__ = ("parent", "key", "children", "finding", "row", "label")

    def __init__(self, parent: _Node | None, key: Hashable, finding: Finding | None = None):
        self.parent = parent
        self.key = key
        self.children: list[_Node] = []
        self.finding = finding
        self.row = 0
        self.label = ""

    def leaves(self) -> list[Finding]:
        if self.finding is not None:
            return [self.finding]
        return [f for child in self.children for f in child.leaves()]

    @property
    def severity(self) -> Severity:
        node = self
        while node.parent is not None and node.parent.parent is not None:
            node = node.parent
        return node.key


def _grouped(findings: Sequence[Finding]) -> list[tuple[Severity, list[tuple[str, list[Finding]]]]]:
    """Findings by severity (most severe first), then by rule in RULES order."""
    out = []
    rule_rank = {rule: n for n, rule in enumerate(RULES)}
    for severity in sorted(Severity, key=lambda s: s.rank):
        by_rule: dict[str, list[Finding]] = {}
        for f in findings:
            if f.severity == severity:
                by_rule.setdefault(f.rule, []).append(f)
        if by_rule:
            out.append((severity, sorted(by_rule.items(), key=lambda kv: rule_rank.get(kv[0], len(rule_rank)))))
    return out


def _leaf_keys(findings: list[Finding]) -> list[tuple[Hashable, Finding]]:
    """(key, finding) with keys that survive a reworded message: the items, made unique by a count."""
    seen: dict[tuple, int] = {}
    out = []
    for f in findings:
        base = (f.rule, f.item_ids)
        n = seen[base] = seen.get(base, -1) + 1
        out.append(((*base, n), f))
    return out


class FindingsModel(QAbstractItemModel):
    """A report's findings as a three-level tree: severity, rule, finding; one column."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._root = _Node(None, None)
        self._retired: list[_Node] = []  # removed nodes, kept alive until the next report

    # --- following reports ---------------------------------------------------------------

    def set_report(self, report: AlignmentReport | None) -> None:
        """Show `report`'s findings, changing only the rows that differ from the last report."""
        self._retired = []
        groups = _grouped(report.findings) if report is not None else []
        self._sync(self._root, [(severity, rules) for severity, rules in groups], self._sync_severity)

    def _sync_severity(self, node: _Node, rules: list[tuple[str, list[Finding]]]) -> None:
        self._sync(node, rules, self._sync_rule)

    def _sync_rule(self, node: _Node, findings: list[Finding]) -> None:
        self._sync(node, _leaf_keys(findings), self._sync_leaf)

    def _sync_leaf(self, node: _Node, finding: Finding) -> None:
        if node.finding != finding:
            node.finding = finding
            index = self._index_of(node)
            self.dataChanged.emit(index, index)

    def _sync(self, node: _Node, specs: list[tuple[Hashable, Any]], update: Callable[[_Node, Any], None]) -> None:
        """Make `node`'s children match `specs` [(key, payload)]: exact removes and inserts, then updates."""
        parent_index = self._index_of(node)
        built: set[int] = set()
        ops = row_diff([c.key for c in node.children], [k for k, _ in specs])
        for tag, i1, i2, j1, j2 in reversed(ops):
            if tag == "equal":
                continue
            if i2 > i1:
                self.beginRemoveRows(parent_index, i1, i2 - 1)
                self._retired.extend(node.children[i1:i2])
                del node.children[i1:i2]
                _renumber(node, i1)
                self.endRemoveRows()
            if j2 > j1:
                fresh = [self._build(node, k, payload) for k, payload in specs[j1:j2]]
                built.update(id(n) for n in fresh)
                self.beginInsertRows(parent_index, i1, i1 + j2 - j1 - 1)
                node.children[i1:i1] = fresh
                _renumber(node, i1)
                self.endInsertRows()
        for child, (_, payload) in zip(node.children, specs):
            if id(child) not in built:
                update(child, payload)
        if node is not self._root:
            label = self._label(node)
            if label != node.label:
                node.label = label
                index = self._index_of(node)
                self.dataChanged.emit(index, index)

    def _build(self, parent: _Node, key: Hashable, payload: Any) -> _Node:
        """A new subtree, complete before its row is announced."""
        if isinstance(payload, Finding):
            return _Node(parent, key, payload)
        node = _Node(parent, key)
        children = _leaf_keys(payload) if parent.parent is not None else payload
        node.children = [self._build(node, k, p) for k, p in children]
        _renumber(node, 0)
        node.label = self._label(node)
        return node

    @staticmethod
    def _label(node: _Node) -> str:
        count = len(node.leaves())
        if node.parent is not None and node.parent.parent is None:
            return f"{_HEADINGS[node.key]} ({count})"
        return f"{RULES.get(node.key, node.key)} ({count})"

    def _index_of(self, node: _Node) -> QModelIndex:
        return QModelIndex() if node is self._root else self.createIndex(node.row, 0, node)

    def _node(self, index: ItemIndex) -> _Node:
        return index.internalPointer() if index.isValid() else self._root

    # --- reading -----------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: ItemIndex = QModelIndex()) -> QModelIndex:
        node = self._node(parent)
        if column != 0 or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: ItemIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = index.internalPointer().parent
        return self._index_of(up) if up is not None else QModelIndex()

    def rowCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: N802
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: N802
        return 1

    def hasChildren(self, parent: ItemIndex = QModelIndex()) -> bool:  # noqa: N802
        return self.rowCount(parent) > 0

    def flags(self, index: ItemIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node: _Node = index.internalPointer()
        f = node.finding
        if role == Qt.ItemDataRole.DisplayRole:
            return f.message if f is not None else node.label
        if role == Qt.ItemDataRole.DecorationRole:
            # The severity heading and each finding carry the icon; rule groups read as sub-headings.
            is_rule = f is None and node.parent is not self._root
            return None if is_rule else severity_icon(node.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            if f is not None:
                return f"<p>{html.escape(f.message)}</p><p><i>Suggested action:</i> {html.escape(f.action)}</p>"
            return None
        if role == Qt.ItemDataRole.FontRole and node.parent is self._root:
            font = QFont()
            font.setBold(True)
            return font
        if role == FINDING_ROLE:
            return f
        if role == ITEM_IDS_ROLE:
            return tuple(dict.fromkeys(i for leaf in node.leaves() for i in leaf.item_ids))
        if role == SEVERITY_ROLE:
            return node.severity
        return None

    def finding_index(self, finding: Finding) -> QModelIndex:
        """The row showing `finding`, or an invalid index."""
        for s in self._root.children:
            for r in s.children:
                for leaf in r.children:
                    if leaf.finding == finding:
                        return self._index_of(leaf)
        return QModelIndex()


def _renumber(node: _Node, start: int) -> None:
    for n in range(start, len(node.children)):
        node.children[n].row = n


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
            counts_row.addSpacing(8)
        counts_row.addStretch(1)
        side = QVBoxLayout()
        side.setSpacing(2)
        side.addWidget(self.caption)
        side.addLayout(counts_row)
        top = QHBoxLayout()
        top.addWidget(self.score_label)
        top.addSpacing(6)
        top.addLayout(side, 1)

        self.parts_grid = QGridLayout()
        self.parts_grid.setHorizontalSpacing(8)
        self.parts_grid.setVerticalSpacing(3)
        self.parts_grid.setColumnStretch(1, 1)
        self._part_rows: list[tuple[QLabel, _Meter, QLabel]] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addLayout(self.parts_grid)

    def show_report(self, report: AlignmentReport | None) -> None:
        if report is None:
            self.score_label.setText("–")
            self.score_label.setStyleSheet("")
            self.score_label.setToolTip("")
            for label in self.counts.values():
                label.setText("")
            self._show_parts(())
            return
        self.score_label.setText(str(report.score))
        self.score_label.setStyleSheet(f"color: {score_colour(report.score).name()}")
        self.caption.setText("Alignment score (of 100)")
        self.score_label.setToolTip(
            "How well technology plans and business plans line up: a weighted blend of the parts below."
        )
        counts = report.counts_by_severity
        for s, label in self.counts.items():
            n = counts[s]
            label.setText(f"{n} {_WORDS[s][0] if n == 1 else _WORDS[s][1]}")
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
    """Alignment findings for the open roadmap, recomputed after every change.

    `report_changed(report)` carries each new `AlignmentReport` (None when no
    document is shown); `reveal_requested(item_ids)` asks the window to bring
    the clicked finding's items into view after they were selected.
    """

    report_changed = Signal(object)  # AlignmentReport | None
    reveal_requested = Signal(object)  # tuple[ItemId, ...]

    def __init__(
        self, selection: SelectionModel, parent: QWidget | None = None, *, today: Callable[[], date] = date.today
    ):
        super().__init__(parent)
        self.setObjectName("FindingsPanel")
        self.selection = selection
        self.today = today
        self.document: RoadmapDocument | None = None
        self.report: AlignmentReport | None = None

        self.header = _ScoreHeader()
        self.model = FindingsModel(self)
        self.view = QTreeView()
        self.view.setObjectName("FindingsView")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setIndentation(14)  # three levels deep: leave the messages room
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
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
        """Follow `document` (None shows nothing) and analyse it now."""
        if self.document is not None:
            disconnect_quietly(self.document.changed, self._on_document_changed)
        self.document = document
        if document is not None:
            document.changed.connect(self._on_document_changed)
        self.recompute()
        self.view.expandAll()

    def _on_document_changed(self, notice: ChangeNotice) -> None:
        self.recompute()

    def recompute(self) -> None:
        """Analyse the document's roadmap as of today and show the result."""
        if self.document is None:
            self.refresh(None)
        else:
            self.refresh(analyse(self.document.roadmap, self.today()))

    def refresh(self, report: AlignmentReport | None) -> None:
        """Show `report` (from `analyse`) and announce it through `report_changed`."""
        self.report = report
        self.header.show_report(report)
        self.model.set_report(report)
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
        ids = index.data(ITEM_IDS_ROLE) or ()
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
