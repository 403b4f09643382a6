"""Calendar arithmetic for roadmaps: months, quarters and fiscal years."""

from __future__ import annotations

import calendar
from datetime import date

MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2200, 12, 31)


def add_months(d: date, months: int) -> date:
    """`d` moved by whole months, clamping the day to the target month's length."""
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    day = min(d.day, calendar.monthrange(year, month0 + 1)[1])
    return date(year, month0 + 1, day)


def months_between(a: date, b: date) -> int:
    """Whole calendar months from a's month to b's month (b later gives positive)."""
    return (b.year - a.year) * 12 + (b.month - a.month)


def month_start(d: date) -> date:
    return d.replace(day=1)


def fiscal_year(d: date, start_month: int = 1) -> int:
    """The fiscal year `d` falls in, named by the calendar year it ends in.

    With an April start, 2026-05-01 is in FY2027 (April 2026 - March 2027),
    the common UK/Japan convention; a January start gives the calendar year.
    """
    _check_month(start_month)
    if start_month == 1:
        return d.year
    return d.year + 1 if d.month >= start_month else d.year


def fiscal_quarter(d: date, start_month: int = 1) -> int:
    """1-4: the quarter of the fiscal year `d` falls in."""
    _check_month(start_month)
    return (d.month - start_month) % 12 // 3 + 1


def fiscal_year_start(year: int, start_month: int = 1) -> date:
    """First day of fiscal year `year` (named by the year it ends in)."""
    _check_month(start_month)
    return date(year if start_month == 1 else year - 1, start_month, 1)


def quarter_start(d: date, start_month: int = 1) -> date:
    """First day of the (fiscal) quarter containing `d`."""
    offset = (d.month - start_month) % 3
    return add_months(month_start(d), -offset)


def quarter_label(d: date, start_month: int = 1) -> str:
    """'Q2 2026' for calendar years, 'FY27 Q2' when the fiscal year starts later."""
    q = fiscal_quarter(d, start_month)
    if start_month == 1:
        return f"Q{q} {d.year}"
    return f"FY{fiscal_year(d, start_month) % 100:02d} Q{q}"


def year_label(year: int, start_month: int = 1) -> str:
    return str(year) if start_month == 1 else f"FY{year % 100:02d}"


def _check_month(m: int) -> None:
    if not 1 <= m <= 12:
        raise ValueError(f"fiscal year start month must be 1-12, not {m}")
