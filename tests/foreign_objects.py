"""Roadmap files carrying schema objects Roadmap Planner did not write, as another SQLite client leaves them.

Each case changes a closed roadmap file in place with plain sqlite3 (what
`sqlite3 plan.roadmap "create trigger ..."` does) and says what the refusal
must read after "<path>: ". Shared by the store, CLI and GUI tests.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planner import migrations
from planner.store_schema import expected_schema

TABLES = [o.name for o in expected_schema(migrations.LATEST) if o.type == "table"]

# A trigger body for each kind of harm, and the event it hangs on.
TRIGGER_ACTIONS = {
    "deletes": "AFTER UPDATE ON {table} BEGIN DELETE FROM link; END",
    "updates": "AFTER INSERT ON {table} BEGIN UPDATE item SET title = 'overwritten'; END",
    "inserts": "BEFORE DELETE ON {table} BEGIN INSERT OR REPLACE INTO setting (id, value) VALUES ('planted', 1); END",
}


@dataclass(frozen=True)
class Foreign:
    name: str
    make: Callable[[Path], None]
    reason: str  # what the message says after "<path>: "


def run_sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def sql_of(path: Path, name: str) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
    finally:
        conn.close()


def trigger(table: str, action: str) -> Foreign:
    body = TRIGGER_ACTIONS[action].format(table=table)
    return Foreign(
        f"trigger on {table} that {action}",
        lambda path: run_sql(path, f"CREATE TRIGGER evil {body}"),
        f"holds a trigger 'evil' on table '{table}' that Roadmap Planner did not write",
    )


def _rebuilt_with(table: str, old: str, new: str) -> Callable[[Path], None]:
    """Rebuild `table` with `old` replaced by `new` in its definition, the way schema tools do (copy, drop, rename)."""

    def make(path: Path) -> None:
        sql = sql_of(path, table)
        assert old in sql
        changed = sql.replace(f"CREATE TABLE {table}", f"CREATE TABLE {table}_new", 1).replace(old, new)
        run_sql(
            path, "PRAGMA foreign_keys = OFF", "BEGIN", changed, f"INSERT INTO {table}_new SELECT * FROM {table}",
            f"DROP TABLE {table}", f"ALTER TABLE {table}_new RENAME TO {table}", "COMMIT",
        )

    return make


def edited_in_place(name: str, old: str, new: str) -> Callable[[Path], None]:
    """Change an object's SQL text directly in sqlite_master (writable_schema), leaving its data as it is."""

    def make(path: Path) -> None:
        sql = sql_of(path, name)
        assert old in sql
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute("PRAGMA writable_schema = ON")
            conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?", (sql.replace(old, new), name))
        finally:
            conn.close()

    return make


OTHER_CASES = [
    Foreign("a view", lambda p: run_sql(p, "CREATE VIEW open_items AS SELECT * FROM item WHERE status != 'done'"),
            "holds a view 'open_items' that Roadmap Planner did not write"),
    Foreign("an extra table", lambda p: run_sql(p, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", "INSERT INTO notes VALUES (1, 'x')"),
            "holds a table 'notes' that Roadmap Planner did not write"),
    Foreign("a virtual table", lambda p: run_sql(p, "CREATE VIRTUAL TABLE search USING fts5(title)"),
            "holds a table 'search' that Roadmap Planner did not write"),
    Foreign("SQLite's statistics (ANALYZE)", lambda p: run_sql(p, "ANALYZE"),
            "holds a table 'sqlite_stat1' that Roadmap Planner did not write"),
    Foreign("a generated column", lambda p: run_sql(p, "ALTER TABLE risk ADD COLUMN score INTEGER GENERATED ALWAYS AS (likelihood * impact)"),
            "has a table 'risk' defined differently from the one Roadmap Planner writes (it differs at \""),
    Foreign("an extra index", lambda p: run_sql(p, "CREATE INDEX item_title ON item(title)"),
            "holds an index 'item_title' on table 'item' that Roadmap Planner did not write"),
    Foreign("an index on more columns", lambda p: run_sql(p, "DROP INDEX item_lane", "CREATE INDEX item_lane ON item(lane_id, title)"),
            "has an index 'item_lane' on table 'item' defined differently from the one Roadmap Planner writes"),
    Foreign("a partial index", lambda p: run_sql(p, "DROP INDEX link_target", "CREATE INDEX link_target ON link(target_id) WHERE kind = 'supports'"),
            "has an index 'link_target' on table 'link' defined differently from the one Roadmap Planner writes"),
    Foreign("a missing index", lambda p: run_sql(p, "DROP INDEX measurement_metric"),
            "lacks the index 'measurement_metric' on table 'measurement' that Roadmap Planner writes"),
    Foreign("a CHECK loosened by a table rebuild", _rebuilt_with("roadmap", "BETWEEN 3 AND 5", "BETWEEN 3 AND 9"),
            "has a table 'roadmap' defined differently from the one Roadmap Planner writes (it differs at \""),
    Foreign("a CHECK edited in place", edited_in_place("lane", "IN ('business', 'tech')", "IN ('business', 'tech', 'ops')"),
            "has a table 'lane' defined differently from the one Roadmap Planner writes"),
    Foreign("an added column", lambda p: run_sql(p, "ALTER TABLE item ADD COLUMN colour TEXT"),
            "has a table 'item' defined differently from the one Roadmap Planner writes"),
    Foreign("a table replaced by a view", lambda p: run_sql(p, "ALTER TABLE setting RENAME TO setting_data", "CREATE VIEW setting AS SELECT * FROM setting_data"),
            "holds a view 'setting' where Roadmap Planner writes a table (and 3 more differences)"),
]

TRIGGER_CASES = [trigger(table, action) for table in TABLES for action in TRIGGER_ACTIONS]
CASES = TRIGGER_CASES + OTHER_CASES


def whitespace_and_comments_only(path: Path) -> None:
    """Reformat an index's SQL (line breaks, spaces, a comment): nothing SQLite would read differently."""
    edited_in_place("item_lane", "CREATE INDEX item_lane ON item(lane_id)", "CREATE INDEX item_lane\n    ON item ( lane_id )  -- by hand")(path)
