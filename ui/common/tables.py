"""The read-mostly table views the panels share: whole rows selected, no grid, compact rows."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def list_table(model: QAbstractItemModel, *, stretch: int | None = None) -> QTableView:
    """A table of `model` whose rows are picked whole; column `stretch` takes the spare width and the
    others fit their contents (None leaves column sizing to the caller)."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setWordWrap(False)
    view.setShowGrid(False)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    if stretch is not None:
        for column in range(model.columnCount()):
            header.setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch if column == stretch else QHeaderView.ResizeMode.ResizeToContents
            )
    return view
