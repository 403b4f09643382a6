"""Files that are not (usable) roadmaps are refused by name and reason, untouched."""

from __future__ import annotations

import json
import os
import random
import sqlite3
from pathlib import Path

import pytest

from planner import migrations
from planner.store import NewerVersionError, NotARoadmapError, Store, StoreError

# Each maker writes a bad file (or none) at `path`, given a real roadmap's bytes.


def missing(path: Path, good: bytes) -> None:
    pass


def folder(path: Path, good: bytes) -> None:
    path.mkdir()


def empty(path: Path, good: bytes) -> None:
    path.write_bytes(b"")


def random_bytes(path: Path, good: bytes) -> None:
    path.write_bytes(random.Random(20260401).randbytes(5000))


def json_text(path: Path, good: bytes) -> None:
    path.write_text(json.dumps({"format": "roadmap-planner", "version": 1, "roadmap": {"title": "x"}}))


def other_application(path: Path, good: bytes) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Ada', '0123')")
    conn.commit()
    conn.close()


def newer_version(path: Path, good: bytes) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {migrations.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 999")
    conn.execute("CREATE TABLE future (x)")
    conn.commit()
    conn.close()


def truncated(n: int | None):
    def make(path: Path, good: bytes) -> None:
        path.write_bytes(good[: len(good) // 2 if n is None else n])

    return make


# str(error) must contain these, besides the file name.
CASES = [
    pytest.param(missing, StoreError, "no such file", id="missing"),
    pytest.param(folder, StoreError, "is a folder", id="folder"),
    pytest.param(empty, NotARoadmapError, "is empty", id="empty"),
    pytest.param(random_bytes, NotARoadmapError, "not an SQLite database", id="random-bytes"),
    pytest.param(json_text, NotARoadmapError, "not an SQLite database", id="json-renamed"),
    pytest.param(other_application, NotARoadmapError, "another application", id="other-application"),
    pytest.param(newer_version, NewerVersionError, "newer version", id="newer-version"),
    pytest.param(truncated(50), NotARoadmapError, "truncated", id="truncated-50"),
    # Bug: the integrity check (store.py _check_integrity -> _connect(mode=ro)) opens the
    # damaged WAL-mode file with SQLite, which creates -wal and -shm files beside it and,
    # being read-only, leaves them there.
    pytest.param(
        truncated(1024), NotARoadmapError, "damaged", id="truncated-1024",
    ),
    pytest.param(
        truncated(None), NotARoadmapError, "damaged", id="truncated-half",
    ),
]


def snapshot(folder_path: Path) -> dict[str, bytes | None]:
    """Every entry of a folder with its bytes (None for sub-folders)."""
    out = {}
    for name in sorted(os.listdir(folder_path)):
        p = folder_path / name
        out[name] = None if p.is_dir() else p.read_bytes()
    return out


@pytest.mark.parametrize(("make", "error", "reason"), CASES)
def test_bad_file_is_refused_untouched(tmp_path, sample_path, make, error, reason):
    good = sample_path.read_bytes()
    sample_path.unlink()
    path = tmp_path / "bad.roadmap"
    make(path, good)
    before = snapshot(tmp_path)

    for read_only in (False, True):
        with pytest.raises(error) as info:
            Store.open(path, read_only=read_only)
        e = info.value
        assert type(e) is error  # not a broader or narrower kind
        assert str(e).startswith(f"{path}: ")
        assert reason in e.reason and reason in str(e)
        assert e.path == path
        assert "\n" not in str(e)

    assert snapshot(tmp_path) == before  # same bytes, and no -wal/-shm/-journal/backup beside it
    assert path.exists() == (make is not missing)


@pytest.mark.parametrize(
    "cut",
    [
        50, 99, 100, 1024, 4096, "half", -4096, -100, -1,
    ],
)
def test_truncated_roadmap_is_refused_as_a_store_error(tmp_path, sample_path, cut):
    """At every length: a one-line NotARoadmapError, never a raw sqlite3 error, never an open.
    """
    good = sample_path.read_bytes()
    n = len(good) // 2 if cut == "half" else cut if cut > 0 else len(good) + cut
    path = tmp_path / "cut.roadmap"
    path.write_bytes(good[:n])
    with pytest.raises(NotARoadmapError) as info:
        Store.open(path).close()
    assert str(info.value).startswith(f"{path}: is damaged")
    assert "\n" not in str(info.value)
    assert path.read_bytes() == good[:n]


def test_a_file_exactly_one_version_newer_is_refused_and_left_alone(tmp_path, sample_path):
    """The boundary: a real roadmap whose user_version is LATEST + 1 (and LATEST itself opens)."""
    conn = sqlite3.connect(sample_path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.close()
    good = sample_path.read_bytes()
    before = sorted(p.name for p in sample_path.parent.iterdir())
    for read_only in (False, True):
        with pytest.raises(NewerVersionError) as info:
            Store.open(sample_path, read_only=read_only)
        assert str(info.value) == (
            f"{sample_path}: was made by a newer version of Roadmap Planner (file format {migrations.LATEST + 1}; "
            f"this version reads up to {migrations.LATEST}). Update the app to open it; the file was not changed"
        )
    assert sample_path.read_bytes() == good
    assert sorted(p.name for p in sample_path.parent.iterdir()) == before  # no -wal, -shm, lock or backup

    conn = sqlite3.connect(sample_path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST}")
    conn.close()
    Store.open(sample_path).close()


def test_newer_version_message_says_what_to_do(tmp_path):
    path = tmp_path / "future.roadmap"
    newer_version(path, b"")
    with pytest.raises(NewerVersionError) as info:
        Store.open(path)
    assert "file format 999" in str(info.value)
    assert f"up to {migrations.LATEST}" in str(info.value)
    assert "Update the app" in str(info.value)
