"""The findings tree model: severity, rule, finding; follows the report with exact row signals.

The rows live in a QStandardItemModel (C++): a QTreeView lays out every
expanded row again after each insert or remove, and asking a Python model for
13,000 rows' indexes, flags and children took a third of a second; asked of
C++ items it takes a few milliseconds. Python keeps only each group's keys:
leaves are keyed by the analysis' `FindingKey` (the entity's id and a
number), kept sorted in each rule group, so a finding's row is a binary
search away. `apply(delta)` moves just the rows a `ReportDelta` names;
`set_report` matches a whole report against the rows by key (opening a
document, or when a delta was missed).
"""

from __future__ import annotations

import bisect
import html
from collections.abc import Hashable

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from planner.alignment_report import RULES, AlignmentReport, Finding, ReportDelta, Severity
from ui.common.models import row_diff
from ui.common.severity import HEADINGS, severity_icon

# Roles beyond Qt's: the Finding of a leaf row and the severity a row belongs to.
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 3
_RULE_RANK = {rule: n for n, rule in enumerate(RULES)}
_SEVERITY_RANK = {s: s.rank for s in Severity}


class _Group:
    """A heading (its rule groups by rule) or a rule group; `keys` are its rows' keys in row order."""

    __slots__ = ("item", "keys", "groups")

    def __init__(self, item: QStandardItem) -> None:
        self.item = item
        self.keys: list = []
        self.groups: dict[str, _Group] = {}


class _Root(_Group):
    """The invisible root, whose QStandardItem Qt made: asked for each time, never kept.

    Shiboken cannot tell when a C++-made item dies. A kept wrapper outlives the model (a window's
    objects can live on in a cycle, frozen by gc.freeze) and is handed out again for whatever Qt
    next allocates at that address: a QObject arrived in an eventFilter as this QStandardItem, and
    widget constructors crashed, late in a full test run.
    """

    __slots__ = ("_model",)

    def __init__(self, model: QStandardItemModel) -> None:  # noqa: D107 (no super: `item` is computed)
        self._model = model
        self.keys: list = []
        self.groups: dict[str, _Group] = {}

    @property
    def item(self) -> QStandardItem:  # type: ignore[override]
        return self._model.invisibleRootItem()


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


def _leaf(finding: Finding) -> QStandardItem:
    item = QStandardItem(finding.message)
    item.setData(severity_icon(finding.severity), Qt.ItemDataRole.DecorationRole)
    item.setData(_tooltip(finding), Qt.ItemDataRole.ToolTipRole)
    item.setData(finding, FINDING_ROLE)
    item.setData(finding.severity, SEVERITY_ROLE)
    item.setEditable(False)
    return item


def _tooltip(f: Finding) -> str:
    return f"<p>{html.escape(f.message)}</p><p><i>Suggested action:</i> {html.escape(f.action)}</p>"


class FindingsModel(QStandardItemModel):
    """A report's findings as a three-level tree: severity, rule, finding; one column."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._root = _Root(self)  # its keys: the severities shown, in row order
        self.version: int | None = None  # the report version shown (planner.alignment.ReportDelta)

    # --- following reports ---------------------------------------------------------------

    def set_report(self, report: AlignmentReport | None, version: int | None = None) -> None:
        """Show `report`'s findings, changing only the rows whose keys differ from those shown."""
        self.version = version
        groups = _grouped(report) if report is not None else []
        self._sync(self._root, [(s, rules) for s, rules in groups], self._sync_heading)

    def apply(self, delta: ReportDelta) -> bool:
        """Move the rows `delta` names; False (nothing done) if it does not follow the report shown."""
        if self.version is None or delta.base != self.version:
            return False
        touched: set[tuple[Severity, str]] = set()  # groups whose counts may have moved
        for severity, rule, key, finding in delta.changes:
            self._apply_one(severity, rule, key, finding)
            touched.add((severity, rule))
        for severity, rule in touched:  # those still shown (a later change may have emptied one)
            heading = self._root.groups.get(severity)
            if heading is not None:
                self._relabel(heading, severity)
                if rule in heading.groups:
                    self._relabel(heading.groups[rule], rule)
        self.version = delta.version
        return True

    def _apply_one(self, severity: Severity, rule: str, key: Hashable, finding: Finding | None) -> None:
        heading = self._root.groups.get(severity)
        group = heading.groups.get(rule) if heading is not None else None
        at = bisect.bisect_left(group.keys, key) if group is not None else 0
        there = group is not None and at < len(group.keys) and group.keys[at] == key
        if finding is None:
            if not there:
                return
            if len(group.keys) > 1:
                self._remove(group, at)
            elif len(heading.keys) > 1:
                self._remove(heading, heading.keys.index(rule))
            else:
                self._remove(self._root, self._root.keys.index(severity))
        elif there:
            leaf = group.item.child(at)
            if leaf.data(FINDING_ROLE) != finding:
                self.setItemData(leaf.index(), {Qt.ItemDataRole.DisplayRole: finding.message,
                                                Qt.ItemDataRole.ToolTipRole: _tooltip(finding), FINDING_ROLE: finding})
        elif group is not None:
            self._insert(group, at, key, _leaf(finding))
        elif heading is not None:
            row = bisect.bisect_left([_RULE_RANK.get(r, len(_RULE_RANK)) for r in heading.keys], _RULE_RANK.get(rule, len(_RULE_RANK)))
            self._insert(heading, row, rule, self._build_rule(heading, severity, rule, [(key, finding)]))
        else:
            row = bisect.bisect_left([s.rank for s in self._root.keys], severity.rank)
            self._insert(self._root, row, severity, self._build_heading(severity, [(rule, [(key, finding)])]))

    def _remove(self, group: _Group, row: int) -> None:
        key = group.keys.pop(row)
        group.groups.pop(key, None)
        group.item.removeRow(row)

    def _insert(self, group: _Group, row: int, key: Hashable, item: QStandardItem) -> None:
        """Insert a complete row (a group comes with every row under it, so a view opens it whole)."""
        group.keys.insert(row, key)
        # WORKAROUND: PySide6's QStandardItem.insertRow(row, item) put an empty row there, not `item`.
        group.item.insertRows(row, [item])

    def _build_heading(self, severity: Severity, rules: list) -> QStandardItem:
        item = QStandardItem()
        font = QFont()
        font.setBold(True)
        item.setFont(font)
        item.setData(severity_icon(severity), Qt.ItemDataRole.DecorationRole)
        item.setData(severity, SEVERITY_ROLE)
        item.setEditable(False)
        heading = self._root.groups[severity] = _Group(item)
        for rule, findings in rules:
            heading.keys.append(rule)
            item.appendRow(self._build_rule(heading, severity, rule, findings))
        item.setText(self._label(heading, severity))
        return item

    def _build_rule(self, heading: _Group, severity: Severity, rule: str, findings: list) -> QStandardItem:
        item = QStandardItem()
        item.setData(severity, SEVERITY_ROLE)
        item.setEditable(False)
        group = heading.groups[rule] = _Group(item)
        group.keys = [k for k, _ in findings]
        if findings:
            item.appendRows([_leaf(f) for _, f in findings])
        item.setText(self._label(group, rule))
        return item

    def _sync(self, group: _Group, specs: list[tuple[Hashable, object]], update, key: Hashable = None) -> None:
        """Make `group`'s rows match `specs` [(key, payload)]: exact removes and inserts, then updates."""
        built: set[Hashable] = set()
        ops = row_diff(group.keys, [k for k, _ in specs])
        for tag, i1, i2, j1, j2 in reversed(ops):
            if tag == "equal":
                continue
            for row in range(i2 - 1, i1 - 1, -1):
                self._remove(group, row)
            for offset, (key, payload) in enumerate(specs[j1:j2]):
                self._insert(group, i1 + offset, key, self._build(group, key, payload))
                built.add(key)
        for row, (child, payload) in enumerate(specs):
            if child not in built:
                update(group, row, child, payload)
        if group is not self._root:
            self._relabel(group, key)

    def _build(self, group: _Group, key: Hashable, payload) -> QStandardItem:
        if group is self._root:
            return self._build_heading(key, payload)
        if isinstance(payload, Finding):
            return _leaf(payload)
        return self._build_rule(group, group.item.data(SEVERITY_ROLE), key, payload)

    def _sync_heading(self, root: _Group, row: int, severity: Severity, rules: list) -> None:
        self._sync(root.groups[severity], rules, self._sync_rule, severity)

    def _sync_rule(self, heading: _Group, row: int, rule: str, findings: list) -> None:
        self._sync(heading.groups[rule], findings, self._sync_leaf, rule)

    def _sync_leaf(self, group: _Group, row: int, key: Hashable, finding: Finding) -> None:
        leaf = group.item.child(row)
        if leaf.data(FINDING_ROLE) != finding:
            self.setItemData(leaf.index(), {Qt.ItemDataRole.DisplayRole: finding.message,
                                            Qt.ItemDataRole.ToolTipRole: _tooltip(finding), FINDING_ROLE: finding})

    def _relabel(self, group: _Group, key: Hashable) -> None:
        label = self._label(group, key)
        if group.item.text() != label:
            group.item.setText(label)

    def _label(self, group: _Group, key: Hashable) -> str:
        if isinstance(key, Severity):
            return f"{HEADINGS[key]} ({sum(len(g.keys) for g in group.groups.values())})"
        return f"{RULES.get(key, key)} ({len(group.keys)})"

    # --- reading -----------------------------------------------------------------------------

    def item_ids(self, index: QModelIndex) -> tuple:
        """The items a row stands for: a finding's, or every finding's under a group (in order, once each)."""
        if not index.isValid():
            return ()
        finding = index.data(FINDING_ROLE)
        if finding is not None:
            return tuple(finding.item_ids)
        item = self.itemFromIndex(index)
        out: dict = {}
        stack = [item]
        while stack:
            node = stack.pop()
            f = node.data(FINDING_ROLE)
            if f is not None:
                out.update(dict.fromkeys(f.item_ids))
            stack.extend(node.child(r) for r in range(node.rowCount() - 1, -1, -1))
        return tuple(out)

    def finding_index(self, finding: Finding) -> QModelIndex:
        """The row showing `finding`, or an invalid index."""
        heading = self._root.groups.get(finding.severity)
        group = heading.groups.get(finding.rule) if heading is not None else None
        if group is not None:
            for row in range(len(group.keys)):
                leaf = group.item.child(row)
                if leaf.data(FINDING_ROLE) == finding:
                    return leaf.index()
        return QModelIndex()
