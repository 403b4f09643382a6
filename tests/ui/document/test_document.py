"""The document and its undo commands, checked against the file on disk."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import timedelta

import pytest

from planner.edits import MoveItems, UpdateItem
from planner.model import Update
from planner.store import ReadOnlyError, StaleChangeError, Store
from planner.validation import ValidationError
from ui.document.commands import EditCommand
from ui.document.document import ChangeNotice, RoadmapDocument


def first_item(doc):
    return next(iter(doc.roadmap.items.values()))


def test_push_writes_the_file_and_undo_redo_restore_it_exactly(document, sample_file, dump_file):
    original = dump_file(sample_file)
    item = first_item(document)

    changes = document.push(MoveItems((item.id,), 30))

    moved = dataclasses.replace(item, start=item.start + timedelta(30), end=item.end + timedelta(30))
    assert changes == (Update(item, moved),)
    with Store.open(sample_file, read_only=True) as reopened:
        assert reopened.load().items[item.id] == moved
        assert reopened.load() == document.roadmap
    after = dump_file(sample_file)
    assert after != original
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Move"

    document.undo_stack.undo()
    assert dump_file(sample_file) == original
    assert document.roadmap.items[item.id] == item

    document.undo_stack.redo()
    assert dump_file(sample_file) == after
    assert document.roadmap.items[item.id] == moved


def test_each_step_emits_one_notice_naming_its_source(document, qtbot):
    item = first_item(document)
    renamed = dataclasses.replace(item, title="Renamed goal")
    notices: list[ChangeNotice] = []
    document.changed.connect(notices.append)
    origin = object()

    document.push(UpdateItem(renamed), source=origin)
    document.undo_stack.undo()
    document.undo_stack.redo()

    assert len(notices) == 3
    assert notices[0].source is origin and notices[0].updated == (renamed,)
    assert notices[0].inserted == () and notices[0].removed == ()
    command = document.undo_stack.command(0)
    assert isinstance(command, EditCommand) and command.text() == "Edit 'Renamed goal'"
    assert notices[1].source is command and notices[1].updated == (item,)
    assert notices[2].source is command and notices[2].updated == (renamed,)
    with pytest.raises(dataclasses.FrozenInstanceError):
        notices[0].source = None


def test_an_invalid_edit_leaves_stack_and_file_alone(document, sample_file, dump_file):
    original = dump_file(sample_file)
    item = first_item(document)
    backwards = dataclasses.replace(item, end=item.start - timedelta(days=1))

    with pytest.raises(ValidationError, match="before start"):
        document.push(UpdateItem(backwards))

    assert document.undo_stack.count() == 0
    assert dump_file(sample_file) == original
    assert document.roadmap.items[item.id] == item


def test_an_edit_that_changes_nothing_adds_no_step(document):
    item = first_item(document)
    assert document.push(UpdateItem(item)) == ()
    assert document.undo_stack.count() == 0


def test_a_failed_write_drops_the_command_and_raises(document, sample_file, dump_file):
    item = first_item(document)
    # Another program deletes the item's rows under us: the write finds no row.
    other = sqlite3.connect(sample_file)
    other.execute("PRAGMA foreign_keys = ON")
    other.execute("DELETE FROM item WHERE id = ?", (item.id,))
    other.commit()
    other.close()
    before = dump_file(sample_file)

    with pytest.raises(StaleChangeError):
        document.push(UpdateItem(dataclasses.replace(item, title="Too late")))

    assert document.undo_stack.count() == 0
    assert dump_file(sample_file) == before


def test_apply_changes_the_file_without_an_undo_step(document, sample_file):
    item = first_item(document)
    document.apply(MoveItems((item.id,), 7))
    assert document.undo_stack.count() == 0
    with Store.open(sample_file, read_only=True) as reopened:
        assert reopened.load().items[item.id].start == item.start + timedelta(7)


def test_a_read_only_document_refuses_edits(app, sample_file, dump_file):
    original = dump_file(sample_file)
    doc = RoadmapDocument.open(sample_file, read_only=True)
    try:
        assert doc.canEdit is False
        item = first_item(doc)
        with pytest.raises(ReadOnlyError):
            doc.push(MoveItems((item.id,), 1))
        with pytest.raises(ReadOnlyError):
            doc.apply(MoveItems((item.id,), 1))
        assert doc.undo_stack.count() == 0
    finally:
        doc.close()
    assert dump_file(sample_file) == original


def test_a_writable_document_can_edit(document):
    assert document.canEdit is True
