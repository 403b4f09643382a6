"""A roadmap file holds only what Roadmap Planner writes: anything else in its schema is refused, bytes untouched.

The cases (tests/foreign_objects.py) are what another SQLite client leaves in
a file: a trigger on each table that deletes, updates or inserts, a view, an
extra or virtual table, an index defined differently, a changed CHECK.
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import date

import pytest
from foreign_objects import CASES, TRIGGER_CASES, edited_in_place, run_sql, whitespace_and_comments_only

from planner import migrations
from planner.backups import rolling_backup
from planner.edits import MoveItems
from planner.interchange import export_json, read_json
from planner.model import ItemId
from planner.store import ForeignSchemaError, Store, StoreError, copy_roadmap
from planner.store_schema import expected_schema, schema_of
from test_bad_files import snapshot as folder_snapshot



def schema(path):
    conn = sqlite3.connect(path)
    try:
        return schema_of(conn)
    finally:
        conn.close()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_file_with_a_foreign_object_is_refused_untouched(sample_path, file_hash, case):
    case.make(sample_path)
    digest, before = file_hash(sample_path), folder_snapshot(sample_path.parent)

    for read_only in (False, True):
        with pytest.raises(ForeignSchemaError) as info:
            Store.open(sample_path, read_only=read_only)
        message = str(info.value)
        assert message.startswith(f"{sample_path}: {case.reason}"), message
        assert message.endswith("; the file was not changed") and "\n" not in message
        assert info.value.problems[0] in message

    assert file_hash(sample_path) == digest
    assert folder_snapshot(sample_path.parent) == before  # no -wal, -shm, lock or backup beside it


def test_the_trigger_from_the_issue_cannot_reach_a_single_edit(sample_path, sample):
    """The issue's file: opened, the first bar move deleted all 39 links. Now it does not open at all."""
    run_sql(sample_path, "create trigger t after update on item begin delete from link; end;")
    with pytest.raises(ForeignSchemaError, match="holds a trigger 't' on table 'item' that Roadmap Planner did not write"):
        Store.open(sample_path)
    conn = sqlite3.connect(sample_path)
    assert conn.execute("SELECT count(*) FROM link").fetchone()[0] == len(sample.links) == 39
    conn.close()


def test_whitespace_and_comments_in_the_sql_are_not_differences(sample_path, sample):
    whitespace_and_comments_only(sample_path)
    assert "-- by hand" in next(o.sql for o in schema(sample_path) if o.name == "item_lane")
    with Store.open(sample_path) as store:
        assert store.load() == sample


@pytest.mark.parametrize("change", [
    pytest.param(("item_lane", "(lane_id)", "(LANE_ID)"), id="letter case"),
    pytest.param(("lane", "'tech'", "'tech '"), id="a space inside a string"),
    pytest.param(("lane", "'tech'", '"tech"'), id="string quoted as a name"),
    pytest.param(("item", "DEFAULT 'planned'", "DEFAULT 'done'"), id="a default"),
])
def test_any_other_change_to_the_sql_text_is_a_difference(sample_path, file_hash, change):
    edited_in_place(*change)(sample_path)
    digest = file_hash(sample_path)
    with pytest.raises(ForeignSchemaError, match="defined differently"):
        Store.open(sample_path, read_only=True)
    assert file_hash(sample_path) == digest


def test_every_connection_has_the_defences_on(sample_path):
    for read_only in (False, True):
        with Store.open(sample_path, read_only=read_only) as store:
            assert store.conn.execute("PRAGMA trusted_schema").fetchone() == (0,)
            assert store.conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
            if sys.version_info >= (3, 12):
                assert store.conn.getconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE)


@pytest.mark.skipif(sys.version_info < (3, 12), reason="Connection.setconfig and SQLITE_DBCONFIG_DEFENSIVE arrived in Python 3.12")
def test_defensive_mode_forbids_writing_the_schema_by_hand(sample_path):
    with Store.open(sample_path) as store:
        store.conn.execute("PRAGMA writable_schema = ON")  # ignored in defensive mode
        with pytest.raises(sqlite3.OperationalError):
            store.conn.execute("UPDATE sqlite_master SET sql = 'x' WHERE name = 'item_lane'")


# --- the same rule for copies: Save As, backups, migration ---------------------------


def test_save_as_refuses_a_file_given_a_trigger_after_it_was_opened(sample_path, tmp_path):
    target = tmp_path / "copy.roadmap"
    with Store.open(sample_path, read_only=True) as store:
        TRIGGER_CASES[0].make(sample_path)
        with pytest.raises(ForeignSchemaError, match=f"^{sample_path}: holds a trigger 'evil'"):
            store.save_as(target)
    assert not target.exists()


def test_backups_refuse_a_file_with_a_foreign_object(sample_path, tmp_path):
    TRIGGER_CASES[0].make(sample_path)
    with pytest.raises(ForeignSchemaError):
        copy_roadmap(sample_path, tmp_path / "copy.roadmap")
    with pytest.raises(StoreError, match="today's backup could not be written \\(holds a trigger 'evil'"):
        rolling_backup(sample_path, tmp_path / "backups", date(2026, 5, 1))
    assert list((tmp_path / "backups").iterdir()) == []
    assert not (tmp_path / "copy.roadmap").exists()


def _v_next(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE tag (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    conn.execute("ALTER TABLE item ADD COLUMN tag_id INTEGER REFERENCES tag(id)")


def pretend_latest(monkeypatch) -> int:
    """Append a migration, as the next release will, so today's files are the previous version."""
    latest = migrations.LATEST + 1
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, _v_next])
    monkeypatch.setattr(migrations, "LATEST", latest)
    monkeypatch.setattr(migrations.migrate, "__defaults__", (latest,))
    return latest


def test_a_new_migration_needs_no_change_to_the_checker(sample_path, sample, monkeypatch):
    previous = migrations.LATEST
    latest = pretend_latest(monkeypatch)
    with Store.open(sample_path) as store:  # the previous version's exact schema: upgraded
        assert store.migrated_from == previous and store.load() == sample
    assert schema(sample_path) == expected_schema(latest)
    assert any(o.name == "tag" for o in expected_schema(latest)) and not any(o.name == "tag" for o in expected_schema(previous))
    with Store.open(sample_path) as store:  # and the upgraded file is accepted as the new version's
        assert store.migrated_from is None


def test_migration_refuses_a_previous_version_file_with_a_foreign_object(sample_path, monkeypatch):
    TRIGGER_CASES[0].make(sample_path)
    before = folder_snapshot(sample_path.parent)
    pretend_latest(monkeypatch)
    with pytest.raises(ForeignSchemaError, match="holds a trigger 'evil' on table 'roadmap'"):
        Store.open(sample_path)
    assert folder_snapshot(sample_path.parent) == before  # not upgraded, and no backup written


def test_a_file_holding_the_next_versions_table_at_the_previous_version_is_refused(sample_path, monkeypatch):
    """Only the exact previous schema is migrated: a file that already has what the migration adds is not ours."""
    run_sql(sample_path, "CREATE TABLE tag (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    pretend_latest(monkeypatch)
    with pytest.raises(ForeignSchemaError, match="holds a table 'tag' that Roadmap Planner did not write"):
        Store.open(sample_path)


# --- imports make fresh files -----------------------------------------------------


def test_a_json_import_writes_exactly_our_schema(sample_path, tmp_path):
    with Store.open(sample_path, read_only=True) as store:
        export_json(store.load(), tmp_path / "plan.json")
    target = tmp_path / "imported.roadmap"
    Store.create(target, read_json(tmp_path / "plan.json")).close()
    assert schema(target) == expected_schema(migrations.LATEST)


def test_the_expected_schema_is_what_store_create_writes(sample_path):
    assert schema(sample_path) == expected_schema(migrations.LATEST)
    assert {o.type for o in expected_schema(migrations.LATEST)} == {"table", "index"}  # no triggers or views of ours


def test_the_edit_on_a_clean_file_keeps_links(sample_path, sample):
    """The control for the trigger case: the same move on our own file leaves the links alone."""
    with Store.open(sample_path) as store:
        roadmap = store.load()
        store.apply(MoveItems((ItemId(21),), 7).changes(roadmap))
        assert len(store.load().links) == len(sample.links)


def test_an_edit_is_refused_if_another_program_adds_a_trigger_while_the_file_is_open(sample_path, sample):
    with Store.open(sample_path) as store:
        roadmap = store.load()
        store.apply(MoveItems((ItemId(21),), 1).changes(roadmap))  # the schema as checked: one PRAGMA, then the edit
        roadmap = store.load()
        run_sql(sample_path, "CREATE TRIGGER t AFTER UPDATE ON item BEGIN DELETE FROM link; END")
        with pytest.raises(ForeignSchemaError, match="holds a trigger 't' on table 'item'"):
            store.apply(MoveItems((ItemId(21),), 1).changes(roadmap))
        assert store.load() == roadmap and len(roadmap.links) == len(sample.links)  # nothing written, the trigger never ran
