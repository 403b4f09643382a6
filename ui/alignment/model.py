"""The findings tree model: severity, rule, finding; follows the report with exact row signals.

Leaves are keyed by the analysis' `FindingKey` (the entity's id and a number),
kept sorted in each rule group, so a finding's row is a binary search away.
`apply(delta)` moves just the rows a `ReportDelta` names, which is what keeps
an edit cheap with 13,000 findings shown; `set_report` matches a whole report
against the rows by key (opening a document, or when a delta was missed).
"""

from __future__ import annotations

import bisect
import html
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont

from planner.alignment import RULES, AlignmentReport, Finding, ReportDelta, Severity
from ui.common.models import ItemIndex, row_diff
from ui.common.severity import HEADINGS, severity_icon


# Roles beyond Qt's: the Finding of a leaf row, and the item ids a row stands for.
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_IDS_ROLE = Qt.ItemDataRole.UserRole + 2
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 3
_RULE_RANK = {rule: n for n, rule in enumerate(RULES)}

# --- the findings model ----------------------------------------------------------------


class _Node:
    """One row of the tree: a severity heading, a rule group, or a finding.

    A group's `keys` are its children's keys in row order; a leaf finds its row there.
    """

    __slots__ = ("parent", "key", "children", "keys", "finding", "row", "label")

    def __init__(self, parent: _Node | None, key: Hashable, finding: Finding | None = None):
        self.parent = parent
        self.key = key
        self.children: list[_Node] = []
        self.keys: list = []
        self.finding = finding
        self.row = 0  # groups only: a leaf's row is looked up in its parent's keys
        self.label = ""

    def leaves(self) -> list[Finding]:
        if self.finding is not None:
            return [self.finding]
        return [f for child in self.children for f in child.leaves()]

    def count(self) -> int:
        if self.parent is not None and self.parent.parent is None:  # a severity heading
            return sum(len(r.children) for r in self.children)
        return len(self.children)

    @property
    def severity(self) -> Severity:
        node = self
        while node.parent is not None and node.parent.parent is not None:
            node = node.parent
        return node.key


def _grouped(report: AlignmentReport) -> list[tuple[Severity, list[tuple[str, list[tuple[Hashable, Finding]]]]]]:
    """(key, finding) by severity, then by rule, in the report's order (errors first, rules in RULES order)."""
    keys = report.keys or [(n, 0) for n in range(len(report.findings))]  # a report made without keys
    out: list = []
    for key, f in zip(keys, report.findings):
        if not out or out[-1][0] != f.severity:
            out.append((f.severity, []))
        rules = out[-1][1]
        if not rules or rules[-1][0] != f.rule:
            rules.append((f.rule, []))
        rules[-1][1].append((key, f))
    return out


class FindingsModel(QAbstractItemModel):
    """A report's findings as a three-level tree: severity, rule, finding; one column."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._root = _Node(None, None)
        self._retired: list[_Node] = []  # removed nodes, kept alive until the next report
        self.version: int | None = None  # the report version shown (planner.alignment.ReportDelta)

    # --- following reports ---------------------------------------------------------------

    def set_report(self, report: AlignmentReport | None, version: int | None = None) -> None:
        """Show `report`'s findings, changing only the rows whose keys differ from those shown."""
        self._retired = []
        self.version = version
        groups = _grouped(report) if report is not None else []
        self._sync(self._root, groups, self._sync_severity)

    def apply(self, delta: ReportDelta) -> bool:
        """Move the rows `delta` names; False (nothing done) if it does not follow the report shown."""
        if self.version is None or delta.base != self.version:
            return False
        self._retired = []
        touched: set[int] = set()
        for severity, rule, key, finding in delta.changes:
            self._apply_one(severity, rule, key, finding, touched)
        for node in [n for s in self._root.children for n in (s, *s.children) if id(n) in touched]:
            self._relabel(node)
        self.version = delta.version
        return True

    def _apply_one(self, severity: Severity, rule: str, key: Hashable, finding: Finding | None, touched: set) -> None:
        heading = _child(self._root, severity)
        group = _child(heading, rule)
        at = bisect.bisect_left(group.keys, key) if group else 0
        there = group is not None and at < len(group.keys) and group.keys[at] == key
        if finding is None:
            if not there:
                return
            if len(group.children) > 1:
                self._remove(group, at, at + 1)
            elif len(heading.children) > 1:
                self._remove(heading, group.row, group.row + 1)
            else:
                self._remove(self._root, heading.row, heading.row + 1)
        elif there:
            leaf = group.children[at]
            if leaf.finding != finding:
                leaf.finding = finding
                index = self.createIndex(at, 0, leaf)
                self.dataChanged.emit(index, index)
        elif group is not None:
            self._insert(group, at, [self._build(group, key, finding)])
        elif heading is not None:
            row = _row_for(heading, rule, lambda r: _RULE_RANK.get(r, len(_RULE_RANK)))
            self._insert(heading, row, [self._build(heading, rule, [(key, finding)])])
        else:
            row = _row_for(self._root, severity, lambda s: s.rank)
            self._insert(self._root, row, [self._build(self._root, severity, [(rule, [(key, finding)])])])
        touched.update(id(n) for n in (heading, group) if n is not None)

    def _remove(self, node: _Node, first: int, last: int) -> None:
        self.beginRemoveRows(self._index_of(node), first, last - 1)
        self._retired.extend(node.children[first:last])
        del node.children[first:last]
        del node.keys[first:last]
        _renumber(node, first)
        self.endRemoveRows()

    def _insert(self, node: _Node, row: int, fresh: list[_Node]) -> None:
        self.beginInsertRows(self._index_of(node), row, row + len(fresh) - 1)
        node.children[row:row] = fresh
        node.keys[row:row] = [n.key for n in fresh]
        _renumber(node, row)
        self.endInsertRows()

    def _relabel(self, node: _Node) -> None:
        label = self._label(node)
        if label != node.label:
            node.label = label
            index = self._index_of(node)
            self.dataChanged.emit(index, index)

    def _sync_severity(self, node: _Node, rules: list) -> None:
        self._sync(node, rules, self._sync_rule)

    def _sync_rule(self, node: _Node, findings: list[tuple[Hashable, Finding]]) -> None:
        self._sync(node, findings, self._sync_leaf)

    def _sync_leaf(self, node: _Node, finding: Finding) -> None:
        if node.finding != finding:
            node.finding = finding
            index = self._index_of(node)
            self.dataChanged.emit(index, index)

    def _sync(self, node: _Node, specs: list[tuple[Hashable, Any]], update: Callable[[_Node, Any], None]) -> None:
        """Make `node`'s children match `specs` [(key, payload)]: exact removes and inserts, then updates."""
        built: set[int] = set()
        ops = row_diff(node.keys, [k for k, _ in specs])
        for tag, i1, i2, j1, j2 in reversed(ops):
            if tag == "equal":
                continue
            if i2 > i1:
                self._remove(node, i1, i2)
            if j2 > j1:
                fresh = [self._build(node, k, payload) for k, payload in specs[j1:j2]]
                built.update(id(n) for n in fresh)
                self._insert(node, i1, fresh)
        for child, (_, payload) in zip(node.children, specs):
            if id(child) not in built:
                update(child, payload)
        if node is not self._root:
            self._relabel(node)

    def _build(self, parent: _Node, key: Hashable, payload: Any) -> _Node:
        """A new subtree, complete before its row is announced."""
        if isinstance(payload, Finding):
            return _Node(parent, key, payload)
        node = _Node(parent, key)
        node.children = [self._build(node, k, p) for k, p in payload]
        node.keys = [k for k, _ in payload]
        _renumber(node, 0)
        node.label = self._label(node)
        return node

    @staticmethod
    def _label(node: _Node) -> str:
        count = node.count()
        if node.parent is not None and node.parent.parent is None:
            return f"{HEADINGS[node.key]} ({count})"
        return f"{RULES.get(node.key, node.key)} ({count})"

    def _index_of(self, node: _Node) -> QModelIndex:
        if node is self._root:
            return QModelIndex()
        if node.finding is not None:
            return self.createIndex(bisect.bisect_left(node.parent.keys, node.key), 0, node)
        return self.createIndex(node.row, 0, node)

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
    """Rows of group children (a leaf's row is found by its key instead: a group may hold thousands)."""
    children = node.children
    if children and children[0].finding is not None:
        return
    for n in range(start, len(children)):
        children[n].row = n


def _child(node: _Node | None, key: Hashable) -> _Node | None:
    """The group child of `node` keyed `key`, if there is one."""
    if node is None:
        return None
    for child in node.children:
        if child.key == key:
            return child
    return None


def _row_for(node: _Node, key: Hashable, rank: Callable[[Any], int]) -> int:
    """Where a new group keyed `key` goes among `node`'s children, which are in `rank` order."""
    return next((c.row for c in node.children if rank(c.key) > rank(key)), len(node.children))
