"""The findings tree model: severity, rule, finding; follows each new report with exact row signals."""

from __future__ import annotations

import html
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont

from planner.alignment import RULES, AlignmentReport, Finding, Severity
from ui.common.models import ItemIndex, row_diff
from ui.common.severity import HEADINGS, severity_icon


# Roles beyond Qt's: the Finding of a leaf row, and the item ids a row stands for.
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_IDS_ROLE = Qt.ItemDataRole.UserRole + 2
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 3

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
            return f"{HEADINGS[node.key]} ({count})"
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
