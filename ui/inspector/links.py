"""The inspector's list of the selected item's links, each with a Remove button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from planner.connections import links_at
from planner.model import Band, Item, Link, Roadmap
from ui.common.formatting import link_description


class LinkList(QWidget):
    """One row per link of an item; `remove_requested(link_id)` when its button is clicked."""

    remove_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel("<b>Links</b>"))
        self.no_links_label = QLabel()
        self.no_links_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.no_links_label.setWordWrap(True)
        column.addWidget(self.no_links_label)
        self.links_box = QVBoxLayout()
        self.links_box.setContentsMargins(0, 0, 0, 0)
        self.links_box.setSpacing(2)
        column.addLayout(self.links_box)
        self._shown: tuple | None = None  # what the rows say now
        self.rows: list[tuple[Link, QWidget, QToolButton]] = []

    def fill(self, roadmap: Roadmap, item: Item, editable: bool) -> None:
        links = links_at(roadmap, item.id)
        shown = (item.id, item.band, editable, tuple((link, link_description(roadmap, link, item.id)) for link in links))
        if shown == self._shown:
            return  # an edit elsewhere (or of this item's dates): the same rows say the same things
        self._shown = shown
        for _, row, _ in self.rows:
            self.links_box.removeWidget(row)
            row.deleteLater()
        self.rows = []
        if item.band == Band.TECH:
            none = "No links. A tech initiative should support a business goal: drag its link handle onto one."
        else:
            none = "No links. No tech initiative supports this goal yet."
        self.no_links_label.setText(none)
        self.no_links_label.setVisible(not links)
        for link in links:
            row = QWidget()
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            label = QLabel(link_description(roadmap, link, item.id))
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            if link.rationale:
                label.setToolTip(link.rationale)
            remove = QToolButton()
            remove.setText("Remove")
            remove.setToolTip("Remove this link (undoable)")
            remove.setEnabled(editable)
            remove.clicked.connect(lambda checked=False, link_id=link.id: self.remove_requested.emit(link_id))
            layout.addWidget(label, 1)
            layout.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
            self.links_box.addWidget(row)
            self.rows.append((link, row, remove))
