"""A clean copy of a roadmap the store refuses for its schema: its rows in a new file the app writes itself.

The original is only read, never edited: through a read-only connection with
SQLite's defences on and (where Python allows) triggers and views switched
off. Its rows go table by table, column by name, into the schema the app's
own migrations build for the file's version, in memory, where our CHECK
constraints and foreign keys judge them; the ordinary migrations then bring
them up to date, and `Store.create` writes the new file. Nothing of the
original's schema is copied, so whatever it held besides our tables stays behind.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from planner import migrations
from planner.model import Roadmap
from planner.store import Store
from planner.store_files import StoreError, check_integrity, connect, inspect_file
from planner.store_rows import read_roadmap
from planner.store_schema import differences, expected_schema, harden, schema_of, without_triggers_or_views


@dataclass(frozen=True)
class Repaired:
    path: Path  # the clean file
    roadmap: Roadmap  # what it holds
    left_behind: tuple[str, ...]  # what the original held that we do not write ("holds a trigger 't' ...")


def clean_copy_name(path: Path) -> Path:
    """Where a clean copy of `path` goes unless the user says otherwise: beside it, '<stem> (clean).roadmap'.

    If that is taken, '<stem> (clean 2).roadmap' and so on: a copy never replaces a file.
    """
    suffix = path.suffix or ".roadmap"
    candidate, n = path.with_name(f"{path.stem} (clean){suffix}"), 1
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.stem} (clean {n}){suffix}")
    return candidate


def repair(source: Path | str, target: Path | str) -> Repaired:
    """Copy the roadmap data of `source` into a new file `target` with a fresh schema.

    Raises `StoreError`: naming `target` if it exists or cannot be written,
    naming `source` if it is not a roadmap, is damaged, or holds rows our
    schema does not accept (the message says which table).
    """
    source, target = Path(source), Path(target)
    version = inspect_file(source)
    if target.exists() or target.is_symlink():
        raise StoreError(target, "already exists; choose a new name for the clean copy")
    check_integrity(source, schema=False)
    try:
        src = without_triggers_or_views(connect(source, read_only=True))
        try:
            left_behind = differences(schema_of(src), version)
            roadmap = _rows_into_fresh_schema(src, source, version)
        finally:
            src.close()
    except sqlite3.Error as e:
        raise StoreError(source, f"cannot be repaired ({e}); the file was not changed") from e
    Store.create(target, roadmap).close()
    return Repaired(target, roadmap, tuple(left_behind))


def _rows_into_fresh_schema(src: sqlite3.Connection, source: Path, version: int) -> Roadmap:
    theirs = {o.name: o for o in schema_of(src)}
    fresh = harden(sqlite3.connect(":memory:", isolation_level=None))
    try:
        migrations.migrate(fresh, upto=version)
        fresh.execute("PRAGMA foreign_keys = OFF")  # rows come in any order: keys are checked once, below
        fresh.execute("BEGIN")
        for table in (o.name for o in expected_schema(version) if o.type == "table"):
            found = theirs.get(table)
            if found is None:
                continue  # a table the file lacks has no rows to copy
            kind = "virtual table" if (found.sql or "").upper().startswith("CREATE VIRTUAL") else found.type
            if kind != "table":
                raise _cannot(source, f"its '{table}' is a {kind}, not the table Roadmap Planner writes")
            _copy_table(src, fresh, source, table)
        broken = fresh.execute("PRAGMA foreign_key_check").fetchone()
        if broken:
            raise _cannot(source, f"a row of its table '{broken[0]}' refers to a row of '{broken[2]}' that does not exist")
        fresh.execute("COMMIT")
        fresh.execute("PRAGMA foreign_keys = ON")
        migrations.migrate(fresh)
        try:
            return read_roadmap(fresh)
        except (ValueError, TypeError) as e:
            raise _cannot(source, f"it holds values Roadmap Planner cannot read ({e})") from e
    finally:
        fresh.close()


def _copy_table(src: sqlite3.Connection, fresh: sqlite3.Connection, source: Path, table: str) -> None:
    columns = [row[1] for row in fresh.execute(f'PRAGMA table_info("{table}")')]
    present = {row[1] for row in src.execute(f'PRAGMA main.table_info("{table}")')}
    lacking = [c for c in columns if c not in present]
    if lacking:
        raise _cannot(source, f"its table '{table}' has no column '{lacking[0]}'")
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    try:
        fresh.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', src.execute(f'SELECT {names} FROM main."{table}"'))
    except sqlite3.IntegrityError as e:
        raise _cannot(source, f"a row of its table '{table}' breaks a rule of the roadmap format ({e})") from e


def _cannot(source: Path, why: str) -> StoreError:
    return StoreError(source, f"cannot be repaired: {why}; the file was not changed")
