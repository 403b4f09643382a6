"""What a roadmap file may hold: exactly the schema objects this app writes for its version.

A file from elsewhere can carry objects of its own, and SQLite runs them
inside our statements: a trigger on `item` that deletes every link fires on
the next bar move. So every table, index, trigger and view in a file is
compared, with its SQL, to what the app's own migrations build for the
file's schema version (run in memory once per version, so a new migration
needs no change here). Used only by the store modules (planner/store*.py).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache

from planner import migrations


@dataclass(frozen=True)
class SchemaObject:
    type: str  # table, index, trigger or view
    name: str
    table: str  # the table an index or trigger belongs to (its own name for tables and views)
    sql: str | None  # None for the indexes SQLite makes for UNIQUE and PRIMARY KEY constraints

    def describe(self) -> str:
        on = f" on table '{self.table}'" if self.type in ("index", "trigger") else ""
        return f"{self.type} '{self.name}'{on}"


def harden(conn: sqlite3.Connection) -> sqlite3.Connection:
    """Turn on foreign keys and SQLite's defences against a hostile schema, for any connection we open.

    `trusted_schema = OFF` keeps functions with side effects out of what the
    schema runs (CHECK, DEFAULT, generated columns, views, triggers).
    Defensive mode (Python 3.12+ only) also forbids `writable_schema` and
    other ways SQL could damage the file on purpose.
    """
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA trusted_schema = OFF")
    if hasattr(conn, "setconfig"):
        conn.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)
    return conn


def without_triggers_or_views(conn: sqlite3.Connection) -> sqlite3.Connection:
    """Where the Python build allows it (3.12+), let nothing in the file's schema run: for reading a refused file."""
    if hasattr(conn, "setconfig"):
        conn.setconfig(sqlite3.SQLITE_DBCONFIG_ENABLE_TRIGGER, False)
        conn.setconfig(sqlite3.SQLITE_DBCONFIG_ENABLE_VIEW, False)
    return conn


def schema_of(conn: sqlite3.Connection) -> tuple[SchemaObject, ...]:
    """Every object in the main database, in the order it was created."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM main.sqlite_master ORDER BY rowid")
    return tuple(SchemaObject(*row) for row in rows)


def expected_schema(version: int) -> tuple[SchemaObject, ...]:
    """What the app writes for schema `version`: its migrations up to it, run in memory."""
    return _built(tuple(migrations.MIGRATIONS[:version]))


@lru_cache(maxsize=8)
def _built(steps: tuple) -> tuple[SchemaObject, ...]:
    # Keyed by the migration functions themselves, so a test that appends one gets its own schema.
    conn = harden(sqlite3.connect(":memory:", isolation_level=None))
    try:
        migrations.migrate(conn, upto=len(steps))  # exactly as a file is created or upgraded
        return schema_of(conn)
    finally:
        conn.close()


def differences(found: tuple[SchemaObject, ...], version: int) -> list[str]:
    """What in `found` is not what the app writes for `version`, most dangerous first; [] when identical.

    SQL is compared token by token, so whitespace, line breaks and comments
    may differ but nothing else (not a constraint, a quote or a letter's case).
    """
    expected = expected_schema(version)
    if found == expected:  # the file we wrote, as we wrote it: the fast path
        return []
    ours = {o.name: o for o in expected}
    theirs = {o.name: o for o in found}
    ranked: list[tuple[int, str]] = []  # what could do the most harm first: code that runs, then shapes
    for o in found:
        mine = ours.get(o.name)
        if mine is None:
            rank = {"trigger": 0, "view": 1, "table": 2}.get(o.type, 3)
            ranked.append((rank, f"holds {_a(o.type)} {o.describe()} that Roadmap Planner did not write"))
        elif mine.type != o.type:
            ranked.append((1, f"holds {_a(o.type)} {o.type} '{o.name}' where Roadmap Planner writes {_a(mine.type)} {mine.type}"))
        elif mine.table != o.table or _tokens(mine.sql) != _tokens(o.sql):
            ranked.append((4, f"has {_a(o.type)} {o.describe()} defined differently from the one Roadmap Planner writes{_where(mine.sql, o.sql)}"))
    ranked += [(5, f"lacks the {o.describe()} that Roadmap Planner writes") for o in expected if o.name not in theirs]
    return [message for _, message in sorted(ranked, key=lambda r: r[0])]


def _a(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def summary(problems: list[str]) -> str:
    """The first problem, and how many more: one line for a message."""
    more = len(problems) - 1
    return problems[0] + (f" (and {more} more difference{'s' if more > 1 else ''})" if more else "")


# Strings and quoted names are single tokens (their insides count exactly);
# comments and whitespace separate tokens and are dropped.
_TOKEN = re.compile(
    r"""('(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]"""
    r"""|--[^\n]*|/\*.*?(?:\*/|$)|\s+"""
    r"""|->>|->|<<|>>|<=|>=|<>|!=|==|\|\||[\w$]+|.)""",
    re.DOTALL,
)


def _tokens(sql: str | None) -> tuple[str, ...]:
    if sql is None:
        return ()
    return tuple(t for t in _TOKEN.findall(sql) if not (t.isspace() or t.startswith(("--", "/*"))))


def _where(ours: str | None, theirs: str | None) -> str:
    """A few of the file's tokens where its SQL first departs from ours, to say what changed."""
    a, b = _tokens(ours), _tokens(theirs)
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    snippet = " ".join(b[max(0, at - 3) : at + 5])
    return f' (it differs at "{snippet[:80]}")' if snippet else ""
