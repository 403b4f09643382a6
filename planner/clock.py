"""The app's one notion of today.

Everything that needs today's date asks `today()` (or is handed a callable
like it), so tests can fix the date and the whole suite can be run as if it
were another day: set ROADMAP_PLANNER_TODAY=YYYY-MM-DD.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone

ENV = "ROADMAP_PLANNER_TODAY"


def today() -> date:
    """Today's date, or the date ROADMAP_PLANNER_TODAY names."""
    fixed = os.environ.get(ENV)
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise SystemExit(f"{ENV}={fixed!r} is not a date (YYYY-MM-DD)") from None
    return date.today()


def fixed(day: date):
    """A clock that always says `day` (for tests and pictures of a given date)."""
    return lambda: day


def utc_now() -> datetime:
    """Now in UTC without a time zone or microseconds (as workbook properties want), on `today()`'s date."""
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    return datetime.combine(today(), now.time()) if os.environ.get(ENV) else now
