"""The bad files and bad inputs the reliability tests try (and the benchmark counts).

Each bad-file maker writes a file (or none) at `path` given a real roadmap's
bytes; `reason` is what the one-line message must say besides the file name.
"""

from __future__ import annotations

import json
import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from foreign_objects import OTHER_CASES, TRIGGER_CASES  # tests/foreign_objects.py

from planner import migrations


@dataclass(frozen=True)
class BadFile:
    name: str
    make: Callable[[Path, bytes], None]
    reason: str  # in the message; "" for files that open (read-only)
    read_only: bool = False  # the file or its folder is marked read-only: it opens read-only


def _missing(path: Path, good: bytes) -> None:
    pass


def _folder(path: Path, good: bytes) -> None:
    path.mkdir()


def _empty(path: Path, good: bytes) -> None:
    path.write_bytes(b"")


def _random(path: Path, good: bytes) -> None:
    path.write_bytes(random.Random(7).randbytes(8192))


def _json(path: Path, good: bytes) -> None:
    path.write_text(json.dumps({"format": "roadmap-planner", "version": 1, "roadmap": {"title": "x"}}))


def _other_app(path: Path, good: bytes) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.commit()
    conn.close()


def _newer(path: Path, good: bytes) -> None:
    path.write_bytes(good)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.commit()
    conn.close()


def _truncated(n: int | str) -> Callable[[Path, bytes], None]:
    def make(path: Path, good: bytes) -> None:
        path.write_bytes(good[: len(good) // 2 if n == "half" else n])

    return make


def _foreign(name: str) -> BadFile:
    """A roadmap another SQLite client gave an object of its own (tests/foreign_objects.py)."""
    case = next(c for c in TRIGGER_CASES + OTHER_CASES if c.name == name)

    def make(path: Path, good: bytes) -> None:
        path.write_bytes(good)
        case.make(path)

    return BadFile(f"foreign schema: {name}", make, case.reason)


def _read_only_file(path: Path, good: bytes) -> None:
    path.write_bytes(good)
    path.chmod(0o444)


def _in_read_only_folder(path: Path, good: bytes) -> None:
    path.write_bytes(good)
    path.parent.chmod(0o555)


BAD_FILES = [
    BadFile("missing", _missing, "no such file"),
    BadFile("folder", _folder, "is a folder, not a roadmap file"),
    BadFile("empty", _empty, "is empty, not a roadmap file"),
    BadFile("truncated at 50 bytes", _truncated(50), "is damaged: the file is truncated"),
    BadFile("truncated at 1,024 bytes", _truncated(1024), "is damaged"),
    BadFile("truncated at 4,096 bytes", _truncated(4096), "is damaged"),
    BadFile("truncated at half", _truncated("half"), "is damaged"),
    BadFile("random bytes", _random, "is not a roadmap file (it is not an SQLite database)"),
    BadFile("JSON renamed .roadmap", _json, "is not a roadmap file (it is not an SQLite database)"),
    BadFile("another app's SQLite db", _other_app, "is an SQLite database of another application, not a roadmap"),
    BadFile("newer schema version", _newer, "was made by a newer version of Roadmap Planner"),
    _foreign("trigger on item that deletes"),
    _foreign("a view"),
    _foreign("a CHECK loosened by a table rebuild"),
    BadFile("read-only file", _read_only_file, "", read_only=True),
    BadFile("file in a read-only folder", _in_read_only_folder, "", read_only=True),
]


def restore_permissions(path: Path) -> None:
    """Undo what the read-only makers did, so the folder can be cleaned up."""
    path.parent.chmod(0o755)
    if path.is_file():
        path.chmod(0o644)


# --- bad input ------------------------------------------------------------------------
#
# Each builds an edit from the sample roadmap. `answer` is the refusal's message
# (ValidationError), or None when the value is kept exactly (store and JSON).

@dataclass(frozen=True)
class BadInput:
    name: str
    build: Callable
    answer: str | None


def _item_edit(**fields):
    def build(r):
        import dataclasses

        from planner.edits import UpdateItem
        from planner.model import ItemId

        return UpdateItem(dataclasses.replace(r.items[ItemId(21)], **fields))

    return build


def _move(days: int):
    def build(r):
        from planner.edits import MoveItems
        from planner.model import ItemId

        return MoveItems((ItemId(21),), days)

    return build


def _measure(value):
    def build(r):
        from datetime import date

        from planner.edits import AddMeasurement
        from planner.model import MetricId

        return AddMeasurement(MetricId(1), date(2026, 9, 30), value)

    return build


def _metric(**fields):
    def build(r):
        import dataclasses

        from planner.edits import UpdateMetric
        from planner.model import MetricId

        return UpdateMetric(dataclasses.replace(r.metrics[MetricId(1)], **fields))

    return build


def _d(text: str):
    from datetime import date

    return date.fromisoformat(text)


BAD_INPUTS = [
    BadInput("title of 10,000 characters", _item_edit(title="x" * 10_000), "title is 10,000 characters; the limit is 500"),
    BadInput("blank title", _item_edit(title="   "), "title must not be empty"),
    BadInput("title that is not text", _item_edit(title=42), "title must be text, not 42"),
    BadInput("emoji title", _item_edit(title="🚀 Launch 👩🏽‍💻 🇪🇺"), None),
    BadInput("right-to-left title", _item_edit(title="خطة التحول الرقمي 2027"), None),
    BadInput("mixed direction with overrides", _item_edit(title="עברית \u202eevil\u202c and English"), None),
    BadInput("control characters (kept)", _item_edit(title="bell\x07 nul\x00 esc\x1b", description="tab\there\r\nnext"), None),
    BadInput("formula-like text (kept as text)", _item_edit(title='=HYPERLINK("http://x","y")', owner="+1-555", description="@SUM(A1)"), None),
    BadInput("unpaired surrogate in a description", _item_edit(description="bad \ud800 text"),
             "description contains a character that cannot be stored (an unpaired surrogate)"),
    BadInput("unpaired surrogate in an owner", _item_edit(owner="\udfff"), "owner contains a character that cannot be stored (an unpaired surrogate)"),
    BadInput("start in 1066", _item_edit(start=_d("1066-10-14")), "start 1066-10-14 is outside 1900-2200"),
    BadInput("end in 9999", _item_edit(end=_d("9999-12-31")), "end 9999-12-31 is outside 1900-2200"),
    BadInput("start after end", _item_edit(start=_d("2027-06-01"), end=_d("2027-01-01")), "end 2027-01-01 is before start 2027-06-01"),
    BadInput("moved a million days", _move(10**6), "is outside 1900-2200"),
    BadInput("moved beyond any date", _move(10**9), "moving 'Cloud migration (phase 1)' by 1,000,000,000 days is beyond any date"),
    BadInput("negative budget", _item_edit(budget=-1.0), "budget must not be below 0"),
    BadInput("NaN budget", _item_edit(budget=float("nan")), "budget must be a finite number, not nan"),
    BadInput("infinite budget", _item_edit(budget=float("inf")), "budget must be a finite number, not inf"),
    BadInput("budget 10**400", _item_edit(budget=10**400), "budget must be a finite number, not 1000000000000000000000000000000000000..."),
    BadInput("budget as text", _item_edit(budget="1,000"), "budget must be a finite number, not '1,000'"),
    BadInput("whole-number budget 2**53 + 1", _item_edit(budget=2**53 + 1),
             "budget 9,007,199,254,740,993 is too large; the limit is 9,007,199,254,740,992"),
    BadInput("whole-number budget 2**70", _item_edit(budget=2**70), "budget 1,180,591,620,717,411,303,424 is too large"),
    BadInput("huge but real budget (a trillion)", _item_edit(budget=1e12), None),
    BadInput("measurement '12%'", _measure("12%"), "value must be a finite number, not '12%'"),
    BadInput("measurement None", _measure(None), "a measurement needs a value"),
    BadInput("measurement NaN", _measure(float("nan")), "value must be a finite number, not nan"),
    BadInput("metric baseline 'n/a'", _metric(baseline="n/a"), "baseline must be a finite number, not 'n/a'"),
    BadInput("metric unit with a surrogate", _metric(unit="\ud83d"), "unit contains a character that cannot be stored (an unpaired surrogate)"),
]

# JSON imports: (name, spoil(data), message). The message names the JSON path.
BAD_JSON = [
    ("unknown (newer) version", lambda d: d.update(version=99), "$.version: 99 is newer than this app reads (2); update the app"),
    ("version 0", lambda d: d.update(version=0), "$.version: 0 is not a known version"),
    ("version as text", lambda d: d.update(version="1"), "$.version: must be a whole number, not text"),
    ("not our format", lambda d: d.pop("format"), "$.format: must be 'roadmap-planner': this is not a Roadmap Planner JSON file"),
    ("roadmap missing", lambda d: d.pop("roadmap"), "$.roadmap: is missing or not an object"),
    ("title a number", lambda d: d["items"][0].update(title=5), "$.items[0].title: must be text, not a number"),
    ("start missing", lambda d: d["items"][0].pop("start"), "$.items[0].start: is missing"),
    ("start as a number", lambda d: d["items"][0].update(start=20260101), "$.items[0].start: must be a date like 2026-04-01, not a number"),
    ("start not a date", lambda d: d["items"][0].update(start="2026-02-30"), "$.items[0].start: '2026-02-30' is not a date like 2026-04-01"),
    ("budget as text", lambda d: d["items"][0].update(budget="lots"), "$.items[0].budget: must be a number, not text"),
    ("items an object", lambda d: d.update(items={}), "$.items: must be a list, not an object"),
    ("measurement value text", lambda d: d["measurements"][0].update(value="12%"), "$.measurements[0].value: must be a number, not text"),
    ("link to a missing item", lambda d: d["links"][0].update(target=999), "$.links[0].target: 999 is not the id of any item"),
    ("title of 10,000 characters", lambda d: d["items"][0].update(title="x" * 10_000), "$.items[0].title: title is 10,000 characters; the limit is 500"),
    ("end before start", lambda d: d["items"][0].update(start="2030-01-01", end="2029-01-01"), "$.items[0].end: end 2029-01-01 is before start 2030-01-01"),
]
