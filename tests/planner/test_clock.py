"""One clock: `planner.clock.today()` honours ROADMAP_PLANNER_TODAY, and nothing else reads the calendar."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from planner import clock

ROOT = Path(__file__).resolve().parents[2]
# Where the app's code lives (a new top-level package belongs here too).
CHECKED = ("planner", "exports", "imports", "ui", "desktop", "packaging", "benchmarks", "main.py")
# A call or a reference passed on (`today=date.today`) both read the real calendar.
CALENDAR_READS = re.compile(r"\b(?:date\.today|datetime\.(?:now|today|utcnow)|QDate\.currentDate|QDateTime\.currentDateTime)\b")


def calendar_reads(roots, base: Path = ROOT) -> list[str]:
    found = []
    for name in roots:
        root = base / name
        files = [root] if root.is_file() else sorted(root.rglob("*.py"))
        for path in files:
            if path == base / "planner" / "clock.py":
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if CALENDAR_READS.search(line):
                    found.append(f"{path.relative_to(base)}:{n}: {line.strip()}")
    return found


def test_only_the_clock_reads_the_calendar():
    assert calendar_reads(CHECKED) == []


def test_the_check_sees_a_calendar_read(tmp_path):
    (tmp_path / "planner").mkdir()
    (tmp_path / "planner" / "x.py").write_text("when = date.today()\nok = clock.today()\nstamp = datetime.now(timezone.utc)\nf(today=date.today)\n")
    assert calendar_reads(["planner"], tmp_path) == [
        "planner/x.py:1: when = date.today()",
        "planner/x.py:3: stamp = datetime.now(timezone.utc)",
        "planner/x.py:4: f(today=date.today)",
    ]


def test_today_is_the_real_date_unless_fixed(monkeypatch):
    monkeypatch.delenv(clock.ENV, raising=False)
    assert clock.today() == date.today()  # (can only differ across midnight)
    monkeypatch.setenv(clock.ENV, "2028-06-30")
    assert clock.today() == date(2028, 6, 30)
    assert clock.utc_now().date() == date(2028, 6, 30)


def test_a_malformed_fixed_date_is_refused(monkeypatch):
    monkeypatch.setenv(clock.ENV, "30/06/2028")
    with pytest.raises(SystemExit, match="ROADMAP_PLANNER_TODAY='30/06/2028' is not a date"):
        clock.today()


def test_every_package_is_checked():
    packages = {p.name for p in ROOT.iterdir() if (p / "__init__.py").is_file() and p.name not in ("tests", "resources")}
    assert packages <= set(CHECKED), packages - set(CHECKED)
