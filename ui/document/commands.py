"""Undo commands: each wraps one planner edit and replays its recorded changes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from planner.edits import Edit
from planner.model import ChangeSet, invert

# Writes a change set (file and snapshot) and tells the views; the document's `apply_changes`.
ApplyChanges = Callable[[ChangeSet, object], None]


class EditCommand(QUndoCommand):
    """One undoable step: `edit`'s change set, written through `apply`.

    The changes are computed before the command exists (so validation happens
    before anything reaches the stack); undo applies their exact inverse and
    later redos replay them, so a step never re-runs the edit's rules against
    a different roadmap. The command is handed the function that applies
    changes and the one that hears of a failure, so it needs no document.
    """

    MERGE_ID = 1  # all mergeable steps share one id; merge_key decides

    def __init__(
        self, edit: Edit, changes: ChangeSet, apply: ApplyChanges, failed: Callable[[Exception], None],
        source: object | None = None, *, label: str | None = None, merge_key: object = None,
    ):
        super().__init__(label or edit.label)
        self.merge_key = merge_key
        self.edit = edit
        self.changes = changes
        self._apply = apply
        self._failed = failed
        self._source = source
        self._done = False

    def id(self) -> int:
        return self.MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        """Fold a following step with the same merge key into this one (its changes already applied)."""
        if not isinstance(other, EditCommand) or other.merge_key != self.merge_key or not other._done:
            return False
        self.changes = (*self.changes, *other.changes)
        return True

    def redo(self) -> None:
        try:
            self._apply(self.changes, self if self._done else self._source)
            self._done = True
        except Exception as error:  # exceptions cannot cross back into QUndoStack
            self._fail(error)

    def undo(self) -> None:
        try:
            self._apply(invert(self.changes), self)
        except Exception as error:
            self._fail(error)

    def _fail(self, error: Exception) -> None:
        # Store.apply is one transaction, so the file is unchanged; an obsolete
        # command is deleted by the stack rather than left to fail again.
        self.setObsolete(True)
        self._failed(error)
