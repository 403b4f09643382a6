"""Calendar ticks for a date axis: years, quarters, months, weeks, days.

Qt-free so the choice of levels and the fiscal labels can be tested with
plain values. The axis asks for ticks over an x range (Unix seconds) drawn
across a number of pixels; we return at most two levels, coarse first, each
thinned so its labels never crowd each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from planner.dates import MAX_DATE, MIN_DATE, add_months, fiscal_quarter, fiscal_year, quarter_start, year_label
from planner.layout import DAY, from_x, to_x


class Level(Enum):
    # value: (approximate days per step, minimum pixels per step for a label)
    YEAR = (365.25, 44)
    QUARTER = (91.3, 52)
    MONTH = (30.44, 34)
    WEEK = (7.0, 44)
    DAY = (1.0, 22)

    @property
    def days(self) -> float:
        return self.value[0]

    @property
    def min_px(self) -> float:
        return self.value[1]


@dataclass(frozen=True)
class TickLevel:
    level: Level
    ticks: tuple[tuple[float, str], ...]  # (x, label)

    @property
    def spacing(self) -> float:
        return self.level.days * DAY


def _starts(level: Level, first: date, last: date, fy_month: int) -> list[date]:
    """Every boundary of `level` from the one at or before `first` through `last`."""
    if level is Level.YEAR:
        d = date(fiscal_year(first, fy_month) - (0 if fy_month == 1 else 1), fy_month, 1)
        step = 12
    elif level is Level.QUARTER:
        d, step = quarter_start(first, fy_month), 3
    elif level is Level.MONTH:
        d, step = first.replace(day=1), 1
    elif level is Level.WEEK:
        d = first - timedelta(days=first.weekday())  # Mondays
        out = []
        while d <= last:
            out.append(d)
            d += timedelta(days=7)
        return out
    else:
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]
    out = []
    while d <= last:
        out.append(d)
        d = add_months(d, step)
    return out


def _label(level: Level, d: date, fy_month: int, with_year: bool) -> str:
    if level is Level.YEAR:
        return year_label(fiscal_year(d, fy_month), fy_month)
    if level is Level.QUARTER:
        q = f"Q{fiscal_quarter(d, fy_month)}"
        if not with_year:
            return q
        return f"{q} {d.year}" if fy_month == 1 else f"FY{fiscal_year(d, fy_month) % 100:02d} {q}"
    if level is Level.MONTH:
        return d.strftime("%b %Y") if with_year else d.strftime("%b")
    if level is Level.WEEK:
        return f"{d.day} {d.strftime('%b')}"
    return str(d.day)


def calendar_ticks(x0: float, x1: float, pixels: float, fy_month: int = 1) -> list[TickLevel]:
    """Up to two levels of ticks for the range [x0, x1] shown across `pixels`.

    The fine level leaves out the places the coarse level already labels.
    """
    if x1 <= x0 or pixels <= 0:
        return []
    lo = max(from_x(x0), MIN_DATE)
    hi = min(from_x(x1), MAX_DATE)
    px_per_day = pixels / ((x1 - x0) / DAY)
    fitting = [lvl for lvl in Level if lvl.days * px_per_day >= lvl.min_px]
    if not fitting:  # decades on a tiny axis: thin years out
        fitting = [Level.YEAR]
    fine = fitting[-1]
    chosen = [fitting[-2], fine] if len(fitting) >= 2 else [fine]
    out = []
    for n, level in enumerate(chosen):
        # The coarse level carries the year; a lone fine level names it at each year's start.
        with_year = n == 0 and len(chosen) == 2 or (len(chosen) == 1 and level is not Level.YEAR)
        starts = _starts(level, lo, hi, fy_month)
        stride = max(1, int(level.min_px / (level.days * px_per_day) + 0.999))
        starts = [d for k, d in enumerate(starts) if k % stride == 0]
        taken = {x for coarse in out for x, _ in coarse.ticks}  # a coarse label already marks it
        ticks = tuple(
            (to_x(d), _label(level, d, fy_month, with_year)) for d in starts if x0 <= to_x(d) <= x1 and to_x(d) not in taken
        )
        out.append(TickLevel(level, ticks))
    return out
