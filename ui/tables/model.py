"""One band's items as a table model, its cell editors and the filter over it."""

from __future__ import annotations

import bisect
import dataclasses
from collections import Counter

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from planner.edits import UpdateItem
from planner.model import Band, Item, ItemId, Lane, Link, RoadmapInfo, Status
from planner.store import StoreError
from planner.validation import ValidationError
from ui.document.document import ChangeNotice, RoadmapDocument
from ui.common.colours import STATUS_COLOURS
from ui.common.models import ItemIndex
from planner.money import symbol
from ui.common.date_field import DateField, parse_date
from ui.common.formatting import format_budget, link_description, parse_budget, to_qdate
from ui.common.widgets import disconnect_quietly


# Roles beyond Qt's: the item id of a row, and a key that sorts the column properly.
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

# Trouble stands out in the Status column, in the timeline's outline colours.


OUTLINE_INDENT = "    "  # per level of the outline, before a child's title


class Column:
    TITLE, LANE, OWNER, START, END, STATUS, BUDGET, LINKS = range(8)
    HEADERS = ("Title", "Lane", "Owner", "Start", "End", "Status", "Budget", "Links")
    EDITABLE = frozenset({TITLE, LANE, OWNER, START, END, STATUS, BUDGET})


class ItemTableModel(QAbstractTableModel):
    """One band's items as rows (id order), one field per column."""

    edit_rejected = Signal(str)  # an in-place edit was refused; the message says why
    notice_applied = Signal()  # rows now match the document after a change notice

    def __init__(self, band: Band, document: RoadmapDocument | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.band = band
        self.document: RoadmapDocument | None = None
        self._ids: list[ItemId] = []
        self._items: dict[ItemId, Item] = {}
        self._links: dict = {}
        self._link_counts: Counter[ItemId] = Counter()
        self.updating = False  # True while rows move to follow a notice
        self.set_document(document)

    # --- following the document -------------------------------------------------------

    def set_document(self, document: RoadmapDocument | None) -> None:
        """Show `document`'s items of this band; the one place the model resets."""
        self.updating = True
        self.beginResetModel()
        if self.document is not None:
            disconnect_quietly(self.document.changed, self._on_document_changed)
        self.document = document
        self._items = {}
        self._links = {}
        if document is not None:
            roadmap = document.roadmap
            self._items = {i.id: i for i in roadmap.items_of(self.band)}
            self._links = dict(roadmap.links)
            document.changed.connect(self._on_document_changed)
        self._ids = sorted(self._items)
        self._link_counts = Counter()
        for link in self._links.values():
            self._count(link, +1)
        self.endResetModel()
        self.updating = False

    def _count(self, link: Link, step: int) -> None:
        for item_id in (link.source_id, link.target_id):
            self._link_counts[item_id] += step

    def _on_document_changed(self, notice: ChangeNotice) -> None:
        self.updating = True
        try:
            self._follow(notice)
        finally:
            self.updating = False
        self.notice_applied.emit()

    def _follow(self, notice: ChangeNotice) -> None:
        if any(isinstance(e, RoadmapInfo) for e in notice.updated):  # the currency may have changed
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, Column.BUDGET, Column.BUDGET)
        gone = [e for e in notice.removed if isinstance(e, Item) and e.id in self._items]
        # An update that took an item out of the band leaves like a removal.
        gone += [e for e in notice.updated if isinstance(e, Item) and e.band != self.band and e.id in self._items]
        for row in sorted((self._row_of(e.id) for e in gone), reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._items[self._ids.pop(row)]
            self.endRemoveRows()

        arriving = [e for e in (*notice.inserted, *notice.updated) if isinstance(e, Item) and e.band == self.band and e.id not in self._items]
        for item in sorted(arriving, key=lambda i: i.id):
            row = bisect.bisect_left(self._ids, item.id)
            self.beginInsertRows(QModelIndex(), row, row)
            self._ids.insert(row, item.id)
            self._items[item.id] = item
            self.endInsertRows()

        changed_rows: set[int] = set()
        for e in notice.updated:
            if isinstance(e, Item) and e.band == self.band and self._items.get(e.id) != e:
                self._items[e.id] = e
                changed_rows.add(self._row_of(e.id))
        for row in sorted(changed_rows):
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column.HEADERS) - 1))

        counted: set[ItemId] = set()
        for e in notice.removed:
            if isinstance(e, Link) and e.id in self._links:
                self._count(self._links.pop(e.id), -1)
                counted.update((e.source_id, e.target_id))
        for e in notice.inserted:
            if isinstance(e, Link) and e.id not in self._links:
                self._links[e.id] = e
                self._count(e, +1)
                counted.update((e.source_id, e.target_id))
        for e in notice.updated:
            if isinstance(e, Link):
                old = self._links.get(e.id)
                if old is not None:
                    self._count(old, -1)
                    counted.update((old.source_id, old.target_id))
                self._links[e.id] = e
                self._count(e, +1)
                counted.update((e.source_id, e.target_id))
        for item_id in sorted(counted):
            if item_id in self._items:
                row = self._row_of(item_id)
                self.dataChanged.emit(self.index(row, Column.LINKS), self.index(row, Column.LINKS))

        lanes = {e.id for e in notice.updated if isinstance(e, Lane) and e.band == self.band}
        if lanes and self._ids:
            rows = [r for r, i in enumerate(self._ids) if self._items[i].lane_id in lanes]
            if rows:
                self.dataChanged.emit(self.index(min(rows), Column.LANE), self.index(max(rows), Column.LANE))

    def _row_of(self, item_id: ItemId) -> int:
        return bisect.bisect_left(self._ids, item_id)

    # --- reading ------------------------------------------------------------------------

    def item_at(self, row: int) -> Item:
        return self._items[self._ids[row]]

    def row_of(self, item_id: ItemId) -> int | None:
        """The row showing `item_id`, or None if this band has no such item."""
        return self._row_of(item_id) if item_id in self._items else None

    def rowCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(Column.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                if section == Column.BUDGET and self.document is not None:  # amounts are in the roadmap's currency
                    return f"Budget ({symbol(self.document.roadmap.info.currency).strip()})"
                return Column.HEADERS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section in (Column.BUDGET, Column.LINKS):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _lane(self, item: Item) -> Lane | None:
        return self.document.roadmap.lanes.get(item.lane_id) if self.document is not None else None

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        item = self.item_at(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(item, column)
        if role == SORT_ROLE:
            return self._sort_key(item, column)
        if role == ITEM_ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.BUDGET, Column.LINKS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.STATUS and item.status in STATUS_COLOURS:
            return QColor(STATUS_COLOURS[item.status])
        if role == Qt.ItemDataRole.DecorationRole and column == Column.LANE:
            lane = self._lane(item)
            return QColor(lane.colour) if lane is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.TITLE:
            parent = self.document.roadmap.items.get(item.parent_id) if self.document and item.parent_id else None
            part_of = f"Part of: {parent.title}" if parent is not None else ""
            return "\n\n".join(t for t in (part_of, item.description) if t) or None
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.LINKS and self.document is not None:
            roadmap = self.document.roadmap
            lines = [link_description(roadmap, l, item.id) for l in roadmap.links_of(item.id)]
            return "\n".join(lines) or None
        return None

    def _chain(self, item: Item) -> list[Item]:
        """`item`'s parents from the top of its outline down to itself (a damaged cycle stops)."""
        items = self.document.roadmap.items if self.document is not None else {}
        chain, seen = [item], {item.id}
        while chain[-1].parent_id is not None and chain[-1].parent_id in items and chain[-1].parent_id not in seen:
            chain.append(items[chain[-1].parent_id])
            seen.add(chain[-1].id)
        return chain[::-1]

    def _display(self, item: Item, column: int):
        if column == Column.TITLE:
            # The outline shows as indentation: children under their parent, one step per level.
            depth = len(self._chain(item)) - 1 if item.parent_id is not None else 0
            return OUTLINE_INDENT * depth + item.title
        if column == Column.LANE:
            lane = self._lane(item)
            return lane.name if lane is not None else ""
        if column == Column.OWNER:
            return item.owner
        if column == Column.START:
            return item.start.isoformat()
        if column == Column.END:
            return item.end.isoformat()
        if column == Column.STATUS:
            return item.status.label
        if column == Column.BUDGET:
            return format_budget(item.budget)
        if column == Column.LINKS:
            return str(self._link_counts.get(item.id, 0))
        return None

    def _edit_value(self, item: Item, column: int):
        if column == Column.TITLE:
            return item.title
        if column == Column.LANE:
            return int(item.lane_id)
        if column == Column.START:
            return to_qdate(item.start)
        if column == Column.END:
            return to_qdate(item.end)
        if column == Column.STATUS:
            return item.status.value
        if column == Column.LINKS:
            return self._link_counts.get(item.id, 0)
        return self._display(item, column)

    def _sort_key(self, item: Item, column: int):
        if column == Column.TITLE:  # by the outline's path, so each child follows its parent
            # A string, not a tuple: the proxy compares QVariants, and lists do not compare by item.
            return "\x1f".join(i.title.casefold() for i in self._chain(item))
        if column == Column.OWNER:
            return self._display(item, column).casefold()
        if column == Column.LANE:
            lane = self._lane(item)
            return lane.position if lane is not None else -1
        if column == Column.START:
            return item.start.toordinal()
        if column == Column.END:
            return item.end.toordinal()
        if column == Column.STATUS:
            return list(Status).index(item.status)
        if column == Column.BUDGET:
            return -1.0 if item.budget is None else float(item.budget)
        if column == Column.LINKS:
            return self._link_counts.get(item.id, 0)
        return None

    def _valid(self, index: ItemIndex) -> bool:
        return index.isValid() and index.model() is self and 0 <= index.row() < len(self._ids) and 0 <= index.column() < len(Column.HEADERS)

    def flags(self, index: ItemIndex) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() in Column.EDITABLE and self.document is not None and self.document.canEdit:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # --- editing -------------------------------------------------------------------------

    def setData(self, index: ItemIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        doc = self.document
        item = doc.roadmap.items.get(self._ids[index.row()])
        if item is None:
            return False
        try:
            changed = dataclasses.replace(item, **self._field_value(index.column(), value))
            doc.push(UpdateItem(changed), source=self)
        except ValidationError as error:
            self.edit_rejected.emit(f"{item.title}: {error.message}")
            return False
        except StoreError as error:
            self.edit_rejected.emit(str(error))
            return False
        return True

    @staticmethod
    def _field_value(column: int, value) -> dict:
        if column == Column.TITLE:
            return {"title": str(value)}
        if column == Column.OWNER:
            return {"owner": str(value)}
        if column == Column.LANE:
            return {"lane_id": int(value)}
        if column in (Column.START, Column.END):
            name = "start" if column == Column.START else "end"
            return {name: value.toPython() if isinstance(value, QDate) else parse_date(str(value), name)}
        if column == Column.STATUS:
            try:
                return {"status": Status(value)}
            except ValueError:
                raise ValidationError("status", f"status must be one of {', '.join(s.label for s in Status)}") from None
        if column == Column.BUDGET:
            return {"budget": parse_budget(str(value)) if not isinstance(value, (int, float)) else float(value)}
        raise ValidationError("column", f"{Column.HEADERS[column]} cannot be edited here")


class ItemTableDelegate(QStyledItemDelegate):
    """Editors that fit each column: lane and status lists, calendar dates, free text."""

    def __init__(self, model: ItemTableModel, parent: QObject | None = None):
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ItemIndex) -> QWidget:  # noqa: N802
        column = index.column()
        if column in (Column.LANE, Column.STATUS):
            box = QComboBox(parent)
            if column == Column.LANE and self.model.document is not None:
                for lane in self.model.document.roadmap.lanes_of(self.model.band):
                    box.addItem(lane.name, int(lane.id))
            else:
                for status in Status:
                    box.addItem(status.label, status.value)
            # A choice from the list is the end of the edit; no extra Return needed.
            box.activated.connect(lambda _=0, b=box: self._finish(b))
            return box
        if column in (Column.START, Column.END):
            edit = DateField("start" if column == Column.START else "end", parent)
            edit.setFrame(False)
            edit.picked.connect(lambda e=edit: self._finish(e))
            return edit
        edit = QLineEdit(parent)
        edit.setFrame(False)
        if column == Column.BUDGET:
            edit.setPlaceholderText("None")
        return edit

    def _finish(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: ItemIndex) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, DateField):
            editor.setDate(value.toPython())
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: ItemIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            value = editor.currentData()
        elif isinstance(editor, QLineEdit):  # a DateField too: the text as typed, parsed by the model
            value = editor.text()
        else:
            return super().setModelData(editor, model, index)
        current = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(current, QDate):
            current = current.toPython().isoformat()
        if value != current:  # leaving a cell unchanged makes no step
            model.setData(index, value, Qt.ItemDataRole.EditRole)


class ItemFilterModel(QSortFilterProxyModel):
    """Sorts by each column's natural key and matches the filter text in any column."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
