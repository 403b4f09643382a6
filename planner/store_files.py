"""A file before it becomes a `Store`: the errors, and the checks that recognise a roadmap.

The header, version, integrity and schema are checked before anything is
written, so a foreign, damaged, newer or tampered-with file is refused with
its bytes unchanged. Every connection is opened with SQLite's defences on
(planner/store_schema.py). Used only by the store modules.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from planner import migrations, store_schema

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 5.0


class StoreError(Exception):
    """A roadmap file could not be used; the message names the file and why."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


class NotARoadmapError(StoreError):
    pass


class NewerVersionError(StoreError):
    pass


class ReadOnlyError(StoreError):
    pass


class ForeignSchemaError(StoreError):
    """The file holds schema objects (triggers, views, tables, indexes) other than the ones we write."""

    def __init__(self, path: Path | str, problems: list[str]):
        super().__init__(path, f"{store_schema.summary(problems)}; the file was not changed")
        self.problems = tuple(problems)


class StaleChangeError(StoreError):
    """A change expected a row the file does not have (the file changed under us)."""


class AlreadyOpenError(StoreError):
    """Another process has the roadmap open for writing; it can still be opened read-only."""

    REASON = "is already open in another window or program; open it read-only to look at it"

    def __init__(self, path: Path | str):
        super().__init__(path, self.REASON)


def inspect_file(path: Path) -> int:
    """Check that `path` looks like a roadmap we can read; return its schema version.

    Reads only the 100-byte SQLite header, so nothing is opened or written
    for a file we will refuse.
    """
    if not path.exists():
        raise StoreError(path, "no such file")
    if path.is_dir():
        raise StoreError(path, "is a folder, not a roadmap file")
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as e:
        raise StoreError(path, f"cannot be read ({e.strerror or e})") from e
    if not header:
        raise NotARoadmapError(path, "is empty, not a roadmap file")
    if not header.startswith(SQLITE_MAGIC):
        raise NotARoadmapError(path, "is not a roadmap file (it is not an SQLite database)")
    if len(header) < 100:
        raise NotARoadmapError(path, "is damaged: the file is truncated")
    if path.stat().st_size < _expected_size(header) and not _has_wal(path):
        # With a WAL beside it the file may be shorter than its header says:
        # a crash during a checkpoint writes page 1 before the pages that grow
        # the file, and SQLite completes it from the WAL on the next open.
        # The integrity check then decides.
        raise NotARoadmapError(path, "is damaged: the file is truncated")
    user_version = int.from_bytes(header[60:64], "big")
    application_id = int.from_bytes(header[68:72], "big")
    if application_id != migrations.APPLICATION_ID:
        raise NotARoadmapError(path, "is an SQLite database of another application, not a roadmap")
    if user_version > migrations.LATEST:
        raise NewerVersionError(
            path,
            f"was made by a newer version of Roadmap Planner (file format {user_version}; "
            f"this version reads up to {migrations.LATEST}). Update the app to open it; "
            "the file was not changed",
        )
    return user_version


def _wal_of(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _has_wal(path: Path) -> bool:
    try:
        return _wal_of(path).stat().st_size > 0
    except OSError:
        return False


def _expected_size(header: bytes) -> int:
    """Bytes the main file must hold, by its header (0 when the header cannot say)."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    count_valid = header[24:28] == header[92:96]  # the page count is trusted only then
    return page_size * pages if count_valid else 0


def connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if not read_only:
        query = "?mode=rw"
    elif _wal_of(path).exists():
        query = "?mode=ro"  # another connection may be writing: read through its WAL
    else:
        # WORKAROUND: a plain read-only open of a WAL database creates -wal and
        # -shm files beside it; with no WAL present the file is complete and
        # can be read as immutable, leaving the folder exactly as it was.
        query = "?mode=ro&immutable=1"
    uri = path.resolve().as_uri() + query
    return store_schema.harden(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False))


def check_integrity(path: Path, *, schema: bool = True) -> int:
    """Refuse a damaged file, and (with `schema`) one whose schema is not exactly what we write.

    Returns the file's schema cookie as checked (SQLite changes it with any change to the schema).
    """
    try:
        conn = connect(path, read_only=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchall()
            if result == [("ok",)] and schema:
                check_schema(conn, path)
            cookie = schema_cookie(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise NotARoadmapError(path, f"is damaged and cannot be opened ({e})") from e
    if result != [("ok",)]:
        first = " ".join(str(result[0][0]).split())  # quick_check's rows span lines
        raise NotARoadmapError(path, f"is damaged ({first[:200]})")
    return cookie


def schema_cookie(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA schema_version").fetchone()[0]


def check_schema(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse `path` unless its schema is exactly what this app writes for the file's version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    problems = store_schema.differences(store_schema.schema_of(conn), version)
    if problems:
        raise ForeignSchemaError(path, problems)
