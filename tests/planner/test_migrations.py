"""Opening an older roadmap upgrades it to the latest schema, keeping a backup."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from planner import migrations
from planner.store import StoreError, NotARoadmapError, Store


def build_at_version(path: Path, version: int) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        migrations.migrate(conn, upto=version)
    finally:
        conn.close()


def header_int(path: Path, offset: int) -> int:
    return int.from_bytes(path.read_bytes()[offset : offset + 4], "big")


def user_version(path: Path) -> int:
    return header_int(path, 60)


def test_migrations_are_numbered_from_one():
    assert migrations.LATEST == len(migrations.MIGRATIONS) >= 1


@pytest.mark.parametrize("version", range(0, migrations.LATEST))
def test_older_file_is_upgraded_on_open(tmp_path, version):
    path = tmp_path / "old.roadmap"
    build_at_version(path, version)
    if version == 0:
        # A "version 0 file of ours" is a database no migration has touched: the
        # application id is written by the first migration, so it has none (and
        # no tables; sqlite3 has not even written a header, the file is 0 bytes).
        # It cannot be told apart from an empty or foreign SQLite file, and the
        # app never leaves one behind (Store.create migrates under a temporary
        # name and renames only when complete). So it is refused like any file
        # that is not a roadmap: unchanged, with no backup and nothing beside it.
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        with pytest.raises(NotARoadmapError) as info:
            Store.open(path)
        assert str(path) in str(info.value)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
        assert os.listdir(tmp_path) == ["old.roadmap"]
        return

    assert header_int(path, 68) == migrations.APPLICATION_ID
    with Store.open(path) as store:
        assert store.migrated_from == version
        assert store.backup_path == tmp_path / f"old.roadmap.bak-v{version}"
        assert store.dump()["user_version"] == [(migrations.LATEST,)]
    assert user_version(store.backup_path) == version
    with Store.open(path) as again:  # upgraded once: no second backup
        assert again.migrated_from is None


def test_latest_file_is_not_migrated_or_backed_up(sample_path):
    with Store.open(sample_path) as store:
        assert store.migrated_from is None and store.backup_path is None
    assert sorted(os.listdir(sample_path.parent)) == [sample_path.name]


def _v_next(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE tag (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")


def _v_broken(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE tag (id INTEGER PRIMARY KEY)")
    conn.execute("INSERT INTO no_such_table VALUES (1)")


def _pretend_latest(monkeypatch, extra) -> int:
    """Append a migration, as the next release will, so today's file is the older one.

    Only the registry is changed; Store.open, migrate and the backup run for real.
    """
    latest = migrations.LATEST + 1
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, extra])
    monkeypatch.setattr(migrations, "LATEST", latest)
    monkeypatch.setattr(migrations.migrate, "__defaults__", (latest,))
    return latest


def test_upgrade_from_the_current_version_keeps_data_and_a_backup(tmp_path, sample_path, sample, monkeypatch):
    old = migrations.LATEST
    with Store.open(sample_path) as store:
        old_dump = store.dump()
    latest = _pretend_latest(monkeypatch, _v_next)

    with Store.open(sample_path) as store:
        assert store.migrated_from == old
        assert store.backup_path == sample_path.with_name(f"{sample_path.name}.bak-v{old}")
        assert store.load() == sample
        dump = store.dump()
    assert dump.pop("tag") == [] and dump.pop("user_version") == [(latest,)]
    assert dump == {k: v for k, v in old_dump.items() if k != "user_version"}
    assert user_version(sample_path.with_name(f"{sample_path.name}.bak-v{old}")) == old

    monkeypatch.undo()  # the backup is the old file, readable by the old app
    with Store.open(sample_path.with_name(f"{sample_path.name}.bak-v{old}"), read_only=True) as backup:
        assert backup.dump() == old_dump


def test_failed_migration_leaves_the_file_at_its_old_version(sample_path, sample, monkeypatch):
    old = migrations.LATEST
    _pretend_latest(monkeypatch, _v_broken)
    with pytest.raises(StoreError, match="could not be upgraded.*no_such_table.*left as it was"):
        Store.open(sample_path)
    monkeypatch.undo()
    assert user_version(sample_path) == old
    with Store.open(sample_path) as store:
        assert "tag" not in store.db.table_names()
        assert store.load() == sample


# --- version 2: item hierarchy and typed dependencies --------------------------------

# The sample written by the app at schema version 1 (commit 3f203f6, `Store.create`),
# kept as the previous release wrote it.
V1_SAMPLE = Path(__file__).parent / "data" / "northwind-v1.roadmap"


def schema_sql(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    finally:
        conn.close()


def test_a_version_1_file_opens_with_no_parents_and_finish_to_start_links(tmp_path, sample):
    path = tmp_path / "old.roadmap"
    path.write_bytes(V1_SAMPLE.read_bytes())
    assert user_version(path) == 1
    with Store.open(path) as store:
        assert store.migrated_from == 1
        loaded = store.load()
        rows = store.dump()
    assert loaded == sample  # every item top-level, every link FS with no lag: the model's defaults
    assert all(i.parent_id is None for i in loaded.items.values())
    assert {(l.dep_type, l.lag_days) for l in loaded.links.values()} == {("FS", 0)}
    assert rows["user_version"] == [(migrations.LATEST,)]
    assert user_version(tmp_path / "old.roadmap.bak-v1") == 1


def test_a_migrated_file_has_exactly_the_schema_of_a_new_one(tmp_path, sample_path):
    old = tmp_path / "old.roadmap"
    old.write_bytes(V1_SAMPLE.read_bytes())
    Store.open(old).close()
    assert schema_sql(old) == schema_sql(sample_path)


def test_the_file_refuses_an_orphaned_child_and_an_unknown_dependency_type(sample_path, sample):
    from planner import edits
    from planner.model import ItemId

    with Store.open(sample_path) as store:
        store.apply(edits.SetParent(ItemId(27), ItemId(26)).changes(sample))
        before = store.dump()
        # Deleting CRM rebuild as planned on the sample, where it had no children,
        # would leave CRM go-live pointing at nothing: the foreign key refuses it whole.
        orphaning = edits.DeleteItems((ItemId(26),)).changes(sample)
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            store.apply(orphaning)
        assert store.dump() == before
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            store.conn.execute("UPDATE link SET dep_type = 'XX' WHERE id = 36")
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            store.conn.execute("UPDATE item SET parent_id = id WHERE id = 26")
        assert store.dump() == before
