"""Rolling backups: one per day on first open, the newest N kept, made safely from a live file."""

from __future__ import annotations

import dataclasses
import os
import time
from datetime import date, timedelta

import platformdirs
import pytest
from reliability_helpers import sha256

from planner import backups
from planner.backups import backup_name, backups_dir, backups_of, rolling_backup
from planner.edits import DeleteItems, UpdateItem
from planner.locations import APP_AUTHOR, APP_NAME
from planner.model import ItemId, apply_changes
from planner.store import Store, StoreError

DAY = date(2026, 11, 16)


def test_first_open_of_the_day_makes_one_backup(tmp_path, sample_path, sample):
    folder = tmp_path / "Backups"
    digest = sha256(sample_path)
    made = rolling_backup(sample_path, folder, DAY)
    assert made == folder / "northwind 2026-11-16.roadmap"
    assert rolling_backup(sample_path, folder, DAY) is None  # the second open that day
    assert [p.name for p in folder.iterdir()] == ["northwind 2026-11-16.roadmap"]
    with Store.open(made, read_only=True) as copy:
        assert copy.load() == sample
        assert copy.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert sha256(sample_path) == digest  # the roadmap is only read
    assert sorted(p.name for p in sample_path.parent.iterdir()) == ["Backups", sample_path.name]


def test_keeps_the_newest_n_by_the_date_in_the_name(tmp_path, sample_path):
    folder = tmp_path / "Backups"
    folder.mkdir()
    (folder / "other 2020-01-01.roadmap").write_bytes(b"another roadmap's backup")
    (folder / "notes.txt").write_text("mine")
    for n in range(15):
        rolling_backup(sample_path, folder, DAY + timedelta(days=n), keep=10)
    kept = [d for d, _ in backups_of(sample_path, folder)]
    assert kept == [DAY + timedelta(days=n) for n in range(5, 15)]
    assert (folder / "other 2020-01-01.roadmap").read_bytes() == b"another roadmap's backup"
    assert (folder / "notes.txt").read_text() == "mine"


def test_backup_of_a_file_open_for_writing_holds_every_saved_edit(tmp_path, sample_path, sample):
    """The edits are still in the WAL: a file copy would miss them, the backup API does not."""
    with Store.open(sample_path) as store:
        model = sample
        for edit in (DeleteItems((ItemId(28),)), UpdateItem(dataclasses.replace(sample.items[ItemId(21)], title="Renamed"))):
            changes = edit.changes(model)
            store.apply(changes)
            model = apply_changes(model, changes)
        assert sample_path.with_name(sample_path.name + "-wal").stat().st_size > 0
        made = rolling_backup(sample_path, tmp_path / "Backups", DAY)
        with Store.open(made, read_only=True) as copy:
            assert copy.load() == model
        store.apply(UpdateItem(dataclasses.replace(model.items[ItemId(21)], title="After the backup")).changes(model))


def test_a_bad_but_valid_edit_can_be_undone_from_yesterdays_backup(tmp_path, sample_path, sample):
    folder = tmp_path / "Backups"
    rolling_backup(sample_path, folder, DAY - timedelta(days=1))
    with Store.open(sample_path) as store:  # today: every item deleted, and saved at once
        store.apply(DeleteItems(tuple(sample.items)).changes(sample))
    rolling_backup(sample_path, folder, DAY)
    (yesterday, path), (today, _) = backups_of(sample_path, folder)
    with Store.open(path, read_only=True) as copy:
        assert yesterday == DAY - timedelta(days=1) and copy.load() == sample


def test_a_backup_that_cannot_be_written_is_reported(tmp_path, sample_path):
    folder = tmp_path / "Backups"
    folder.write_text("a file where the folder should be")
    digest = sha256(sample_path)
    with pytest.raises(StoreError) as info:
        rolling_backup(sample_path, folder, DAY)
    assert str(info.value).startswith(f"{folder / 'northwind 2026-11-16.roadmap'}: today's backup could not be written (")
    assert sha256(sample_path) == digest


def test_a_backup_opened_from_the_folder_is_not_backed_up_again(tmp_path, sample_path):
    folder = tmp_path / "Backups"
    made = rolling_backup(sample_path, folder, DAY)
    assert rolling_backup(made, folder, DAY + timedelta(days=1)) is None
    assert [p.name for p in folder.iterdir()] == [made.name]


def test_a_crash_mid_backup_leaves_only_a_temporary_file_which_is_cleared(tmp_path, sample_path):
    folder = tmp_path / "Backups"
    folder.mkdir()
    stale = folder / f".{backup_name(sample_path, DAY)}.x1y2z3.tmp"
    fresh = folder / f".{backup_name(sample_path, DAY)}.a1b2c3.tmp"  # perhaps another process's, right now
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    old = time.time() - 2 * backups._STALE_TEMP_S
    os.utime(stale, (old, old))
    rolling_backup(sample_path, folder, DAY + timedelta(days=1))
    assert not stale.exists() and fresh.exists()
    assert [d for d, _ in backups_of(sample_path, folder)] == [DAY + timedelta(days=1)]


def test_backups_folder_is_in_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert backups_dir() == tmp_path / "xdg" / APP_NAME / "Backups"
    assert backups_dir().parent == type(backups_dir())(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
