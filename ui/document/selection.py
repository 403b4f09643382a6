"""The one selection of items that the timeline, tables and inspector share."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from planner.model import ItemId


class SelectionModel(QObject):
    """A set of selected item ids; `changed` carries the new set."""

    changed = Signal(frozenset)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._ids: frozenset[ItemId] = frozenset()

    @property
    def ids(self) -> frozenset[ItemId]:
        return self._ids

    def set(self, ids: Iterable[ItemId]) -> None:
        ids = frozenset(ids)
        if ids != self._ids:
            self._ids = ids
            self.changed.emit(ids)

    def toggle(self, item_id: ItemId) -> None:
        self.set(self._ids ^ {item_id})

    def clear(self) -> None:
        self.set(())

    def retain(self, existing: Iterable[ItemId]) -> None:
        """Drop ids that no longer exist (after a delete or an undo)."""
        self.set(self._ids & frozenset(existing))
