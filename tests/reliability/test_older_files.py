"""Older files: the upgrade backs the file up first, and a failed or killed upgrade leaves it intact.

tests/planner/test_migrations.py covers the upgrade and a migration that
raises; these add byte-for-byte checks, a backup that cannot be written, an
earlier backup that must not be overwritten, and a SIGKILL mid-upgrade.
"""

from __future__ import annotations

import errno
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from reliability_helpers import HERE, sha256

from planner import migrations
from planner import store as store_module
from planner.store import Store, StoreError


def _v_next(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE tag (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")


def _v_broken(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE tag (id INTEGER PRIMARY KEY)")
    conn.execute("INSERT INTO no_such_table VALUES (1)")


def pretend_latest(monkeypatch, extra=_v_next) -> int:
    """Append a migration, as the next release will, so today's files are the older ones."""
    latest = migrations.LATEST + 1
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, extra])
    monkeypatch.setattr(migrations, "LATEST", latest)
    monkeypatch.setattr(migrations.migrate, "__defaults__", (latest,))
    return latest


def names(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_failed_migration_leaves_the_file_byte_for_byte(sample_path, sample, monkeypatch):
    old = migrations.LATEST
    digest = sha256(sample_path)
    pretend_latest(monkeypatch, _v_broken)
    with pytest.raises(StoreError, match="could not be upgraded"):
        Store.open(sample_path)
    assert sha256(sample_path) == digest
    backup = sample_path.with_name(f"{sample_path.name}.bak-v{old}")
    assert names(sample_path.parent) == [sample_path.name, backup.name]  # no lock, WAL or temp file left
    monkeypatch.undo()
    with Store.open(backup, read_only=True) as copy:
        assert copy.load() == sample
    with Store.open(sample_path) as store:  # and the lock was released
        assert store.load() == sample


def test_a_backup_that_cannot_be_written_stops_the_upgrade(sample_path, monkeypatch):
    digest = sha256(sample_path)
    pretend_latest(monkeypatch)

    def disk_full(source, target):
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(store_module, "copy_roadmap", disk_full)
    with pytest.raises(StoreError) as info:
        Store.open(sample_path)
    message = str(info.value)
    assert message.startswith(f"{sample_path}: could not be upgraded: the backup northwind.roadmap.bak-v")
    assert "No space left on device" in message and message.endswith("the file was not changed")
    assert sha256(sample_path) == digest
    assert names(sample_path.parent) == [sample_path.name]
    assert migrations.LATEST - 1 == int.from_bytes(sample_path.read_bytes()[60:64], "big")


def test_an_earlier_backup_is_never_overwritten(sample_path, monkeypatch):
    old = migrations.LATEST
    earlier = sample_path.with_name(f"{sample_path.name}.bak-v{old}")
    earlier.write_bytes(b"last year's backup, restored by hand")
    pretend_latest(monkeypatch)
    with Store.open(sample_path) as store:
        assert store.migrated_from == old
        assert store.backup_path == sample_path.with_name(f"{sample_path.name}.bak-v{old}-2")
    assert earlier.read_bytes() == b"last year's backup, restored by hand"
    assert int.from_bytes(store.backup_path.read_bytes()[60:64], "big") == old


CHILD = """
import sys, time
sys.path.insert(0, {here!r})
from test_older_files import slow_migration_child
slow_migration_child(sys.argv[1])
"""


def slow_migration_child(path: str) -> None:
    """Open `path` with a slow next migration (many rows), for a parent to kill mid-way."""
    def slow(conn):
        conn.execute("CREATE TABLE tag (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        print("migrating", flush=True)
        for n in range(100):
            conn.executemany("INSERT INTO tag (name) VALUES (?)", [(f"tag {n}-{k}",) for k in range(100)])
            time.sleep(0.003)  # about 0.3 s in all, for the kill to land in
        conn.execute("UPDATE item SET title = title || ' (migrated)'")

    latest = migrations.LATEST + 1
    migrations.MIGRATIONS.append(slow)
    migrations.LATEST = latest
    migrations.migrate.__defaults__ = (latest,)
    Store.open(path).close()
    print("done", flush=True)


@pytest.mark.slow
def test_an_upgrade_killed_midway_leaves_the_old_file_or_the_new_one(tmp_path, sample_path, sample, monkeypatch):
    rng = random.Random(5)
    old = migrations.LATEST
    outcomes = []
    for trial in range(8):
        path = tmp_path / f"trial{trial}.roadmap"
        path.write_bytes(sample_path.read_bytes())
        child = subprocess.Popen([sys.executable, "-c", CHILD.format(here=str(HERE)), str(path)], stdout=subprocess.PIPE)
        assert child.stdout.readline() == b"migrating\n"
        time.sleep(rng.uniform(0, 0.5))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        finished = b"done" in child.stdout.read()
        conn = sqlite3.connect(path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        titles = [r[0] for r in conn.execute("SELECT title FROM item")]
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.close()
        if version == old:  # rolled back whole: the old file, and a complete backup beside it
            assert "tag" not in tables and not any(t.endswith("(migrated)") for t in titles)
            with Store.open(path) as store:
                assert store.load() == sample
        else:
            assert version == old + 1 and "tag" in tables and all(t.endswith("(migrated)") for t in titles)
        backup = path.with_name(f"{path.name}.bak-v{old}")
        with Store.open(backup, read_only=True) as copy:
            assert copy.load() == sample
        outcomes.append("old" if version == old else ("new" if not finished else "new, finished"))
    print(f"\nupgrade kills: {outcomes}")
    assert "old" in outcomes  # at least one kill landed inside the migration
