"""Undo commands: each wraps one planner edit and replays its recorded changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from planner.edits import Edit
from planner.model import ChangeSet, invert

if TYPE_CHECKING:
    from ui.document.document import RoadmapDocument


class EditCommand(QUndoCommand):
    """One undoable step: `edit`'s change set, applied through the document.

    The changes are computed once (by `RoadmapDocument.push`, so validation
    happens before the command exists, or on the first redo if none were
    given); undo applies their exact inverse and later redos replay them, so
    a step never re-runs the edit's rules against a different roadmap.
    """

    MERGE_ID = 1  # all mergeable steps share one id; merge_key decides

    def __init__(
        self, document: RoadmapDocument, edit: Edit, changes: ChangeSet | None = None, source: object | None = None,
        *, label: str | None = None, merge_key: object = None,
    ):
        super().__init__(label or edit.label)
        self.merge_key = merge_key
        self.document = document
        self.edit = edit
        self.changes = changes
        self._source = source
        self._done = False

    def id(self) -> int:
        return self.MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        """Fold a following step with the same merge key into this one (its changes already applied)."""
        if not isinstance(other, EditCommand) or other.merge_key != self.merge_key or not other._done:
            return False
        self.changes = (*(self.changes or ()), *(other.changes or ()))
        return True

    def redo(self) -> None:
        try:
            if self.changes is None:
                self.changes = self.edit.changes(self.document.roadmap)
            self.document.apply_changes(self.changes, self if self._done else self._source)
            self._done = True
        except Exception as error:  # exceptions cannot cross back into QUndoStack
            self._fail(error)

    def undo(self) -> None:
        try:
            self.document.apply_changes(invert(self.changes or ()), self)
        except Exception as error:
            self._fail(error)

    def _fail(self, error: Exception) -> None:
        # Store.apply is one transaction, so the file is unchanged; an obsolete
        # command is deleted by the stack rather than left to fail again.
        self.setObsolete(True)
        self.document._command_failed(error)
