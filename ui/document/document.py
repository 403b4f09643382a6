"""The open roadmap as the UI sees it: store, current snapshot and undo stack.

Every change goes through `RoadmapDocument`: it validates an edit against the
current roadmap, writes the resulting `ChangeSet` through the store in one
transaction, moves the in-memory snapshot in step and emits one `changed`
notice saying what was inserted, updated or removed and who started it.
Opening a file makes a new document, so it is never an undoable step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtGui import QUndoStack

from planner import clock
from planner.edits import Edit
from planner.model import ChangeSet, Delete, Entity, Insert, Roadmap, RoadmapInfo, Update, apply_changes
from planner.store import ReadOnlyError, Store
from ui.document.commands import EditCommand
from ui.document.report import AlignmentReportModel


@dataclass(frozen=True)
class ChangeNotice:
    """What one applied change set did, for views to refresh exactly that.

    `source` is whoever asked for the change (the object passed to `push` or
    `apply`); for an undo or a later redo it is the `EditCommand` replaying it.
    `updated` holds the new values; a settings change appears there as a
    `RoadmapInfo`.
    """

    changes: ChangeSet
    inserted: tuple[Entity, ...]
    updated: tuple[Entity | RoadmapInfo, ...]
    removed: tuple[Entity, ...]
    source: object | None = None

    @classmethod
    def of(cls, changes: ChangeSet, source: object | None = None) -> ChangeNotice:
        return cls(
            changes=changes,
            inserted=tuple(c.entity for c in changes if isinstance(c, Insert)),
            updated=tuple(c.after for c in changes if isinstance(c, Update)),
            removed=tuple(c.entity for c in changes if isinstance(c, Delete)),
            source=source,
        )


class RoadmapDocument(QObject):
    """One open roadmap file with its undo history."""

    changed = Signal(object)  # ChangeNotice
    failed = Signal(str)  # an undo/redo could not be written; the message says why

    def __init__(self, store: Store, parent: QObject | None = None, *, today: Callable[[], date] = clock.today):
        super().__init__(parent)
        self.store = store
        self.roadmap: Roadmap = store.load()
        self.today = today  # the one clock every view of this document asks
        self.undo_stack = QUndoStack(self)
        self.alignment = AlignmentReportModel(lambda: self.roadmap, today, self)
        self._failure: Exception | None = None

    @classmethod
    def open(
        cls, path: Path | str, *, read_only: bool = False, parent: QObject | None = None, today: Callable[[], date] = clock.today
    ) -> RoadmapDocument:
        """Open the file at `path`; raises `planner.store.StoreError` if it cannot be used."""
        store = Store.open(path, read_only=read_only)
        try:
            return cls(store, parent, today=today)
        except BaseException:
            store.close()
            raise

    @property
    def path(self) -> Path:
        return self.store.path

    def _can_edit(self) -> bool:
        return not self.store.read_only

    canEdit = Property(bool, _can_edit, constant=True)

    def close(self) -> None:
        self.undo_stack.clear()
        self.store.close()

    # --- changing the roadmap ----------------------------------------------

    def apply(self, edit: Edit, source: object | None = None) -> ChangeSet:
        """Validate and apply `edit` without an undo step; return the changes made.

        Raises `ValidationError` (nothing written) or `StoreError`.
        """
        self._check_editable()
        changes = edit.changes(self.roadmap)
        self.apply_changes(changes, source)
        return changes

    def apply_changes(self, changes: ChangeSet, source: object | None = None) -> None:
        """Write an already-validated change set, update the snapshot and notify."""
        if not changes:
            return
        self._check_editable()
        self.store.apply(changes)
        self.roadmap = apply_changes(self.roadmap, changes)
        self.changed.emit(ChangeNotice.of(changes, source))
        self.alignment.follow(changes)

    def push(self, edit: Edit, source: object | None = None, *, label: str | None = None, merge_key: object = None) -> ChangeSet:
        """Apply `edit` as one undoable step; return the changes made.

        The edit is validated before anything reaches the stack, so a
        `ValidationError` leaves the stack and the file as they were. An edit
        that changes nothing adds no step. `label` overrides the step's name;
        consecutive steps with the same `merge_key` (keyboard nudges) merge
        into one.
        """
        self._check_editable()
        changes = edit.changes(self.roadmap)
        if not changes:
            return changes
        self._failure = None
        # push() runs the command's first redo(); a failure there marks the
        # command obsolete, so Qt drops it instead of stacking it.
        self.undo_stack.push(
            EditCommand(edit, changes, self.apply_changes, self._command_failed, source, label=label, merge_key=merge_key)
        )
        failure, self._failure = self._failure, None
        if failure is not None:
            raise failure
        return changes

    def _check_editable(self) -> None:
        if self.store.read_only:
            raise ReadOnlyError(self.path, "is open read-only; the change was not made")

    def _command_failed(self, error: Exception) -> None:
        """Called by a command whose redo/undo could not be written."""
        self._failure = error
        self.failed.emit(str(error))
