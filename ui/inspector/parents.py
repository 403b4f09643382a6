"""The inspector's 'Part of' field: the item an item is under, and what it may be put under.

The full list (planner.hierarchy.possible_parents: the band's items in outline
order, less the item and its subtree) is made only when the user opens or
focuses the combo; after an edit it holds just "None" and the current parent,
so a 10,000-item roadmap does not rebuild 5,000 entries on every change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from planner.hierarchy import ancestors, possible_parents
from planner.model import Item, ItemId, Roadmap
from ui.common.widgets import LazyComboBox

TOP_LEVEL = "None (top level)"


class ParentCombo(LazyComboBox):
    """Data of each entry: the parent's id (0 for top level)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.setToolTip("Put this item under another: it moves into that item's lane, and moves with it")
        self._shown: tuple | None = None  # (item id, the roadmap's items) the entries were made for
        self._roadmap: Roadmap | None = None
        self._item_id: ItemId | None = None
        self.needs_entries.connect(self._list_all)

    def show_item(self, roadmap: Roadmap, item: Item) -> bool:
        """Entries for `item` (its parent, until the full list is wanted); True if they were rebuilt."""
        if self._shown == (item.id, roadmap.items):
            return False
        self._shown, self._roadmap, self._item_id = (item.id, roadmap.items), roadmap, item.id
        self.blockSignals(True)
        self.clear()
        self.addItem(TOP_LEVEL, 0)
        parent = roadmap.items.get(item.parent_id) if item.parent_id is not None else None
        if parent is not None:
            self._add(roadmap, parent, sum(1 for _ in ancestors(roadmap, parent.id)) + 1)
        self.complete = False
        self.blockSignals(False)
        if self.hasFocus() or self.view().isVisible():
            self._complete()  # the user is in it already
        return True

    def _list_all(self) -> None:
        roadmap, item_id = self._roadmap, self._item_id
        if roadmap is None or item_id not in roadmap.items:
            return
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem(TOP_LEVEL, 0)
        for row in possible_parents(roadmap, item_id):
            self._add(roadmap, row.item, row.level)
        self.setCurrentIndex(max(self.findData(current), 0))
        self.blockSignals(False)

    def _add(self, roadmap: Roadmap, parent: Item, level: int) -> None:
        lane = roadmap.lanes.get(parent.lane_id)
        self.addItem("    " * (level - 1) + parent.title, parent.id)
        self.setItemData(self.count() - 1, f"In {lane.name if lane else 'no lane'}", Qt.ItemDataRole.ToolTipRole)
