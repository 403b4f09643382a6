"""The app's one notion of today: the real date, or a fixed one for tests and demos.

Every "as of today" (alignment, the board pack's today column, a new roadmap's
horizon) asks `today()`. Setting ROADMAP_PLANNER_TODAY=YYYY-MM-DD runs the app,
or the whole test suite, as if it were that day, so a test that silently
depends on the calendar fails now rather than on some New Year's Day.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone

ENV = "ROADMAP_PLANNER_TODAY"


class ClockError(ValueError):
    """ROADMAP_PLANNER_TODAY is set but is not a date: refused, never ignored."""


def today() -> date:
    fixed = os.environ.get(ENV, "").strip()
    if not fixed:
        return date.today()
    try:
        return date.fromisoformat(fixed)
    except ValueError:
        raise ClockError(f"{ENV}={fixed!r} is not a date like 2027-01-01") from None


def utc_now() -> datetime:
    """Now in UTC without a time zone or microseconds (as workbook properties want), on `today()`'s date."""
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    return datetime.combine(today(), now.time()) if os.environ.get(ENV, "").strip() else now
