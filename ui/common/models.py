"""Qt model plumbing the panels share: a table over a list of rows, and exact row updates."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from difflib import SequenceMatcher
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

ItemIndex = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    """A table whose rows are `self._rows` and whose columns are named by `HEADERS`."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    def rowCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None


# --- keyed row diffs -----------------------------------------------------------------------


def row_diff(old: Sequence[Hashable], new: Sequence[Hashable]) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes turning `old` keys into `new` ones.

    The common head and tail are matched directly, so an edit touching a few
    rows among thousands costs a scan, not a full SequenceMatcher run.
    """
    n_old, n_new = len(old), len(new)
    head = 0
    while head < n_old and head < n_new and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < n_old - head and tail < n_new - head and old[n_old - 1 - tail] == new[n_new - 1 - tail]:
        tail += 1
    ops: list[tuple[str, int, int, int, int]] = []
    if head:
        ops.append(("equal", 0, head, 0, head))
    mid_old, mid_new = old[head:n_old - tail], new[head:n_new - tail]
    if mid_old or mid_new:
        matcher = SequenceMatcher(None, mid_old, mid_new, autojunk=False)
        ops += [(tag, i1 + head, i2 + head, j1 + head, j2 + head) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
    if tail:
        ops.append(("equal", n_old - tail, n_old, n_new - tail, n_new))
    return ops


def sync_rows(
    model: QAbstractItemModel,
    rows: list,
    new_rows: Sequence,
    key: Callable[[Any], Hashable],
    parent: QModelIndex = QModelIndex(),
) -> None:
    """Make `rows` (the model's own list, edited in place) equal `new_rows` with exact row signals.

    Rows are matched by `key`; unmatched rows are removed or inserted, and a
    matched row whose value changed gets a dataChanged over all its columns.
    """
    ops = row_diff([key(r) for r in rows], [key(r) for r in new_rows])
    changed: list[int] = []
    # Back to front, so the old row numbers of the ops still to come stay valid.
    for tag, i1, i2, j1, j2 in reversed(ops):
        if tag == "equal":
            for k in range(i2 - i1):
                if rows[i1 + k] != new_rows[j1 + k]:
                    rows[i1 + k] = new_rows[j1 + k]
                    changed.append(j1 + k)  # rows end up equal to new_rows, so j is the final row
            continue
        if i2 > i1:
            model.beginRemoveRows(parent, i1, i2 - 1)
            del rows[i1:i2]
            model.endRemoveRows()
        if j2 > j1:
            model.beginInsertRows(parent, i1, i1 + j2 - j1 - 1)
            rows[i1:i1] = new_rows[j1:j2]
            model.endInsertRows()
    # QAbstractListModel makes columnCount private: a list has one column.
    last_column = 0 if isinstance(model, QAbstractListModel) else max(model.columnCount(parent) - 1, 0)
    for row in sorted(changed):
        model.dataChanged.emit(model.index(row, 0, parent), model.index(row, last_column, parent))
