"""The roadmap file: one SQLite database. Only the store modules (planner/store*.py) speak SQL.

This one is the open file. Before a `Store` exists, planner/store_files.py
recognises the file (header, application id, schema version, integrity, and
a schema exactly as planner/store_schema.py says we write it), so a foreign,
damaged, newer or tampered-with file is refused with its bytes unchanged.
Every `apply` is one transaction; there is no unsaved state. The row layout
is planner/store_rows.py; the tables are documented in docs/file-format.md.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from planner import lock as roadmap_lock
from planner import migrations
from planner.atomic import atomic_path
from planner.store_files import (  # the errors are part of the store's API
    AlreadyOpenError,
    ForeignSchemaError,
    NewerVersionError,
    NotARoadmapError,
    ReadOnlyError,
    StaleChangeError,
    StoreError,
    check_integrity,
    check_schema,
    connect,
    inspect_file,
    schema_cookie,
)
from planner.store_schema import expected_schema, harden
from planner.store_rows import MissingRow, apply_one, read_roadmap, write_all
from planner.model import ChangeSet, Roadmap

SUFFIX = ".roadmap"


def _writable(p: Path) -> bool:
    # Write bits are checked too: root passes os.access, but a file or folder
    # marked read-only should still be treated as read-only.
    return os.access(p, os.W_OK) and bool(p.stat().st_mode & 0o222)


if TYPE_CHECKING:
    import sqlite_utils


def _database(conn: sqlite3.Connection) -> sqlite_utils.Database:
    import sqlite_utils  # deferred: see Store.db

    return sqlite_utils.Database(conn, execute_plugins=False)


@contextlib.contextmanager
def _autocommit(conn: sqlite3.Connection) -> Iterator[None]:
    """Driver-level autocommit for statements that cannot run in a transaction (journal mode, migrations)."""
    previous = conn.isolation_level
    conn.isolation_level = None
    try:
        yield
    finally:
        conn.isolation_level = previous


def _read_only_reason(path: Path) -> str | None:
    """Why the file cannot be opened for writing, in words for the user; None if it can.

    WAL needs to create -wal and -shm files beside the roadmap, so the folder counts too.
    """
    if not _writable(path):
        return "the file is marked read-only"
    if not _writable(path.parent):
        return f"its folder {path.parent} cannot be written to (Save As can make a copy elsewhere)"
    return None


def _lock(path: Path, *, replacing: bool = False) -> roadmap_lock.RoadmapLock | None:
    try:
        return roadmap_lock.acquire(path)
    except roadmap_lock.LockedError:
        if replacing:
            raise StoreError(path, "is open in another window or program; close it there or choose another name") from None
        raise AlreadyOpenError(path) from None


def _remove_stale_sidecars(path: Path) -> None:
    """Remove a -wal/-shm left beside `path` by a crashed writer, before `path` is replaced.

    SQLite cannot tell whose WAL it finds: left beside a new file it would be
    replayed into it. The caller holds `path`'s lock, so no live writer owns them.
    """
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


class Store:
    """An open roadmap file."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool):
        self.path = path
        self.read_only = read_only
        self.read_only_reason: str | None = None  # why a read-only store is, in words (see open)
        self.conn = conn
        self._db: sqlite_utils.Database | None = None
        self.migrated_from: int | None = None
        self.backup_path: Path | None = None
        self._lock: roadmap_lock.RoadmapLock | None = None
        self._checked_schema = -1  # the schema cookie check_schema last passed

    @property
    def db(self) -> sqlite_utils.Database:
        """The sqlite-utils view of the connection, made on first write.

        Importing sqlite-utils costs about 90 ms; reading needs only sqlite3,
        so opening a roadmap and painting it does not wait for it.
        """
        if self._db is None:
            self._db = _database(self.conn)
        return self._db

    @staticmethod
    def warm_up() -> None:
        """Import what the first write needs, so the first edit does not pause for it."""
        _database(sqlite3.connect(":memory:")).close()
        expected_schema(migrations.LATEST)

    # --- opening and creating ---------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False) -> Store:
        """Open the roadmap at `path`, upgrading an older one after backing it up.

        A writable open holds the roadmap's lock until `close()`: while another
        process holds it this raises `AlreadyOpenError` (read-only opens need no lock).
        """
        path = Path(path)
        version = inspect_file(path)
        checked = check_integrity(path)
        reason = "it was opened read-only" if read_only else _read_only_reason(path)
        read_only = reason is not None
        if read_only and version < migrations.LATEST:
            raise ReadOnlyError(path, "is an older roadmap that must be upgraded, but the file is read-only")
        lock = None if read_only else _lock(path)
        try:
            backup = None
            if version < migrations.LATEST:
                backup = _free_backup_name(path, version)
                try:
                    copy_roadmap(path, backup)
                except (OSError, StoreError) as e:
                    raise StoreError(
                        path, f"could not be upgraded: the backup {backup.name} could not be written ({_why(e)}); the file was not changed"
                    ) from e
            conn = connect(path, read_only=read_only)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        store = cls(path, conn, read_only=read_only)
        store.read_only_reason = reason
        store._lock, store._checked_schema = lock, checked
        try:
            if not read_only:
                with _autocommit(conn):
                    conn.execute("PRAGMA journal_mode = WAL")
                    if version < migrations.LATEST:
                        store.migrated_from = migrations.migrate(conn)
                        store._checked_schema = schema_cookie(conn)  # what our own migrations made
                        store.backup_path = backup
        except sqlite3.Error as e:
            store.close()
            raise StoreError(path, f"could not be upgraded to the current format ({e}); the file was left as it was") from e
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def create(cls, path: Path | str, roadmap: Roadmap) -> Store:
        """Write `roadmap` as a new file at `path` (which must not exist) and open it.

        The file is built under a temporary name in the same folder and
        renamed into place only when complete, so no half-written file exists.
        """
        path = Path(path)
        if path.exists():
            raise StoreError(path, "already exists")
        if not path.parent.is_dir():
            raise StoreError(path, "its folder does not exist")
        if not _writable(path.parent):
            raise StoreError(path, f"cannot write in the folder {path.parent} (it is read-only)")
        lock = _lock(path, replacing=True)
        try:
            return cls._create(path, roadmap)
        finally:
            if lock is not None:
                lock.release()

    @classmethod
    def _create(cls, path: Path, roadmap: Roadmap) -> Store:
        _remove_stale_sidecars(path)
        with atomic_path(path) as tmp:
            conn = harden(sqlite3.connect(tmp, isolation_level=None))
            try:
                migrations.migrate(conn)
                conn.isolation_level = ""  # sqlite-utils' transaction handling from here on
                write_all(_database(conn), roadmap)
                conn.isolation_level = None
                conn.execute("PRAGMA journal_mode = WAL")
            finally:
                conn.close()
        return cls.open(path)

    def close(self) -> None:
        try:
            self.conn.close()  # checkpoints the WAL while the lock is still held
        finally:
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- reading ------------------------------------------------------------

    def _refresh_reader(self) -> None:
        """Give a read-only store a fresh connection, so it reads the file as it is now.

        A read-only connection to a file at rest is opened `immutable`; if a
        writer changes the file later, that connection would read a mix of old
        cached pages and new ones ("database disk image is malformed").
        """
        if self.read_only:
            old = self.conn
            self.conn, self._db = connect(self.path, read_only=True), None
            old.close()

    def load(self) -> Roadmap:
        """The whole roadmap; a file whose tables or values are not what we wrote is refused."""
        try:
            self._refresh_reader()
            return read_roadmap(self.conn)
        except (sqlite3.Error, ValueError, TypeError) as e:
            raise NotARoadmapError(self.path, f"is damaged or incomplete and cannot be read ({e})") from e

    # --- writing ------------------------------------------------------------

    def apply(self, changes: ChangeSet) -> None:
        """Write `changes` in one transaction: all of them reach the file, or none."""
        if self.read_only:
            raise ReadOnlyError(self.path, "is open read-only; the change was not made")
        try:
            with self.db.atomic():
                self._refuse_a_changed_schema()
                for change in changes:
                    apply_one(self.db, change)
        except MissingRow as e:
            raise StaleChangeError(self.path, str(e)) from e

    def _refuse_a_changed_schema(self) -> None:
        """Another program may have added a trigger since the file was opened: check again before writing.

        Inside the write transaction, so the schema cannot change between the
        check and the change; costs one PRAGMA while the schema is as checked.
        """
        cookie = schema_cookie(self.conn)
        if cookie != self._checked_schema:
            check_schema(self.conn, self.path)
            self._checked_schema = cookie

    def save_as(self, target: Path | str) -> None:
        """Copy the roadmap to `target` with SQLite's backup API (a file copy would lose WAL data)."""
        target = Path(target)
        if target.resolve() == self.path.resolve():
            raise StoreError(target, "is the file already open")
        lock = _lock(target, replacing=True)  # never replace a file another process is writing
        try:
            self._refresh_reader()
            check_schema(self.conn, self.path)  # another program may have added to it since it was opened
            _remove_stale_sidecars(target)
            _copy(self.conn, target)
        finally:
            if lock is not None:
                lock.release()

    def dump(self) -> dict[str, list[tuple]]:
        """Every row of every table, and the header pragmas: for exact comparisons."""
        out: dict[str, list[tuple]] = {}
        self._refresh_reader()
        for name in sorted(self.db.table_names()):
            keys = ", ".join(f'"{c}"' for c in self.db[name].pks)
            out[name] = list(self.db.execute(f'SELECT * FROM "{name}" ORDER BY {keys}'))
        for pragma in ("user_version", "application_id"):
            out[pragma] = list(self.db.execute(f"PRAGMA {pragma}"))
        return out


def copy_roadmap(source: Path, target: Path) -> None:
    """Copy the roadmap file `source` to `target` with SQLite's backup API.

    Safe while `source` is open for writing elsewhere (a file copy of a WAL
    database is not). `target` appears only when complete, replacing any file
    there. Raises OSError, ForeignSchemaError naming `source` if its schema
    is not exactly ours, or StoreError naming `target` for an SQLite failure.
    """
    try:
        src = connect(source, read_only=True)
        try:
            check_schema(src, source)
            _copy(src, target)
        finally:
            src.close()
    except sqlite3.Error as e:
        raise StoreError(target, f"could not be written ({e})") from e


def _copy(src: sqlite3.Connection, target: Path) -> None:
    with atomic_path(target) as tmp:
        dest = harden(sqlite3.connect(tmp))
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode = WAL")
        finally:
            dest.close()


def _free_backup_name(path: Path, version: int) -> Path:
    """NAME.bak-v<version>, or NAME.bak-v<version>-2, -3 ...: an earlier backup is never overwritten."""
    candidate = path.with_name(f"{path.name}.bak-v{version}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.bak-v{version}-{n}")
    return candidate


def _why(e: Exception) -> str:
    if isinstance(e, StoreError):
        return e.reason
    return (e.strerror if isinstance(e, OSError) and e.strerror else str(e)) or type(e).__name__


@contextlib.contextmanager
def opened(path: Path | str, *, read_only: bool = False) -> Iterator[Store]:
    store = Store.open(path, read_only=read_only)
    try:
        yield store
    finally:
        store.close()
