"""Numbered schema migrations, applied in order on open. Only ever append.

`PRAGMA user_version` holds how many have been applied. Each migration runs in
the same transaction as the version bump, so a failure leaves the file as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

# 'RMAP': marks a file as a Roadmap Planner file, so another application's
# SQLite database is recognised and refused before anything is written.
APPLICATION_ID = 0x524D4150

V1_SCHEMA = """
CREATE TABLE roadmap (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    title TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    vision TEXT NOT NULL DEFAULT '',
    mission TEXT NOT NULL DEFAULT '',
    horizon_start TEXT NOT NULL,
    business_years INTEGER NOT NULL CHECK (business_years BETWEEN 3 AND 5),
    tech_start TEXT,
    tech_months INTEGER NOT NULL CHECK (tech_months BETWEEN 12 AND 24),
    fiscal_year_start_month INTEGER NOT NULL DEFAULT 1 CHECK (fiscal_year_start_month BETWEEN 1 AND 12)
);
CREATE TABLE lane (
    id INTEGER PRIMARY KEY,
    band TEXT NOT NULL CHECK (band IN ('business', 'tech')),
    name TEXT NOT NULL,
    colour TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE TABLE item (
    id INTEGER PRIMARY KEY,
    band TEXT NOT NULL CHECK (band IN ('business', 'tech')),
    lane_id INTEGER NOT NULL REFERENCES lane(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    start TEXT NOT NULL,
    "end" TEXT NOT NULL CHECK ("end" >= start),
    owner TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'on_track', 'at_risk', 'off_track', 'done')),
    budget REAL,
    metric_notes TEXT NOT NULL DEFAULT '',
    "row" INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX item_lane ON item(lane_id);
CREATE TABLE link (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('supports', 'depends')),
    source_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
    target_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
    rationale TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, source_id, target_id),
    CHECK (source_id != target_id)
);
CREATE INDEX link_target ON link(target_id);
CREATE TABLE metric (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    baseline REAL,
    target REAL,
    target_date TEXT,
    business_item_id INTEGER REFERENCES item(id) ON DELETE SET NULL,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE metric_tech_item (
    metric_id INTEGER NOT NULL REFERENCES metric(id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (metric_id, item_id)
) WITHOUT ROWID;
CREATE TABLE measurement (
    id INTEGER PRIMARY KEY,
    metric_id INTEGER NOT NULL REFERENCES metric(id) ON DELETE CASCADE,
    measured_on TEXT NOT NULL,
    value REAL NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX measurement_metric ON measurement(metric_id);
CREATE TABLE risk (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    description TEXT NOT NULL DEFAULT '',
    mitigation TEXT NOT NULL DEFAULT ''
);
CREATE TABLE review (
    id INTEGER PRIMARY KEY,
    held_on TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    links_recorded INTEGER NOT NULL DEFAULT 0  -- 1 when review_link_baseline holds its links
);
-- Child rows are WITHOUT ROWID: their identity is their key, so undoing an
-- edit that rewrote them restores the table exactly.
-- Decisions and baselines keep item ids and titles without a foreign key:
-- they must outlive a deleted item so drift can report it as removed.
CREATE TABLE review_decision (
    review_id INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL,
    item_title TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('continue', 're-scope', 're-date', 'stop')),
    note TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    PRIMARY KEY (review_id, item_id)
) WITHOUT ROWID;
CREATE TABLE review_link_baseline (
    review_id INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('supports', 'depends')),
    source_id INTEGER NOT NULL,
    target_id INTEGER NOT NULL,
    source_title TEXT NOT NULL,
    target_title TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (review_id, kind, source_id, target_id)
) WITHOUT ROWID;
CREATE TABLE setting (
    id TEXT PRIMARY KEY,  -- the setting's name, e.g. 'late_enabler_lead_days'
    value REAL NOT NULL
);
CREATE TABLE review_baseline (
    review_id INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    start TEXT NOT NULL,
    "end" TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (review_id, item_id)
) WITHOUT ROWID;
"""


def _v1(conn: sqlite3.Connection) -> None:
    for statement in V1_SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v2(conn: sqlite3.Connection) -> None:
    """Item hierarchy and typed dependencies (issue 13).

    `parent_id` has no ON DELETE action: the DeleteItems edit decides what happens
    to children (it deletes the subtree), and the key refuses a file change that
    would orphan one. It is checked at commit (DEFERRABLE), so a change set may
    write a child before its parent, as undo and JSON import do.
    """
    conn.execute(
        "ALTER TABLE item ADD COLUMN parent_id INTEGER REFERENCES item(id) DEFERRABLE INITIALLY DEFERRED"
        " CHECK (parent_id != id)"
    )
    conn.execute("CREATE INDEX item_parent ON item(parent_id)")
    conn.execute(
        "ALTER TABLE link ADD COLUMN dep_type TEXT NOT NULL DEFAULT 'FS' CHECK (dep_type IN ('FS', 'SS', 'FF', 'SF'))"
    )
    conn.execute("ALTER TABLE link ADD COLUMN lag_days INTEGER NOT NULL DEFAULT 0")


def _v3(conn: sqlite3.Connection) -> None:
    """The roadmap's currency (ISO 4217), which every budget and amount is written in."""
    conn.execute("ALTER TABLE roadmap ADD COLUMN currency TEXT NOT NULL DEFAULT 'GBP' CHECK (length(currency) = 3)")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3]
LATEST = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, upto: int = LATEST) -> int:
    """Bring the schema to version `upto`; returns the version found before.

    `conn` must be in autocommit mode (isolation_level None): each step runs
    in its own explicit transaction.
    """
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    for version in range(found, upto):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return found
