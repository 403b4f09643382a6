"""The undo history as a list: every step since the file was opened, clickable to go back to."""

from __future__ import annotations

from PySide6.QtWidgets import QUndoView, QVBoxLayout, QWidget

from ui.document.document import RoadmapDocument

OPENED_LABEL = "Opened"


class HistoryPanel(QWidget):
    """A `QUndoView` on the open document's undo stack; its first entry is the file as opened.

    Clicking an entry undoes or redoes to it, each step written to the file
    as it goes, exactly as Edit > Undo/Redo would.
    """

    def __init__(self, document: RoadmapDocument | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("HistoryPanel")
        self.document: RoadmapDocument | None = None
        self.view = QUndoView()
        self.view.setObjectName("HistoryView")
        self.view.setEmptyLabel(OPENED_LABEL)
        self.view.setToolTip("Click a step to undo or redo back to it")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.set_document(document)

    def set_document(self, document: RoadmapDocument | None) -> None:
        """Show `document`'s history (None: an empty, disabled list)."""
        self.document = document
        self.view.setStack(document.undo_stack if document is not None else None)
        # A read-only document has nothing to undo; the list only shows it was opened.
        self.view.setEnabled(document is not None and document.canEdit)
