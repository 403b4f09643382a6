"""Calendar axis labels on two tiers: where each label goes, in pixels, without Qt.

An axis shows a fine tier (days, weeks, months, quarters or years) next to the
plot and, outside it, a coarse tier naming the larger period (months over days
and weeks; quarters with their fiscal year over months; years over quarters).
Each tier is its own row, so labels of different levels never share a line.
Within a tier the caller's measured text widths decide the thinning: a tier
keeps every label only if none overlaps the next, else every 2nd, 5th... (at
stable phases, so labels do not hop while panning).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from planner.dates import MAX_DATE, MIN_DATE, add_months, fiscal_quarter, fiscal_year, quarter_label, quarter_start, year_label
from planner.layout import DAY, from_x, to_x

INSET = 3.0  # a label starts this far right of its period's boundary
GAP = 8.0  # at least this much space between two labels of a tier


class Level(Enum):
    YEAR = 365.25  # approximate days per period
    QUARTER = 91.3
    MONTH = 30.44
    WEEK = 7.0
    DAY = 1.0

    @property
    def days(self) -> float:
        return self.value


# Finest first: the first fine level whose labels fit wins.
_FINE = (Level.DAY, Level.WEEK, Level.MONTH, Level.QUARTER, Level.YEAR)
_STRIDES = {Level.DAY: (1, 2), Level.WEEK: (1,), Level.MONTH: (1,), Level.QUARTER: (1,),
            Level.YEAR: (1, 2, 5, 10, 20, 50, 100, 200, 500)}
_COARSE = {Level.DAY: (Level.MONTH,), Level.WEEK: (Level.MONTH,), Level.MONTH: (Level.QUARTER, Level.YEAR),
           Level.QUARTER: (Level.YEAR,), Level.YEAR: ()}
_COARSE_STRIDES = {Level.MONTH: (1, 2, 3, 6), Level.QUARTER: (1,), Level.YEAR: _STRIDES[Level.YEAR]}
_SAMPLE = {Level.DAY: "28", Level.WEEK: "28", Level.MONTH: "May", Level.QUARTER: "Q4", Level.YEAR: "2030"}


@dataclass(frozen=True)
class AxisLabel:
    tick: float  # x (Unix seconds) of the period the label names
    left: float  # pixels from the axis' left end
    width: float
    text: str

    @property
    def right(self) -> float:
        return self.left + self.width


@dataclass(frozen=True)
class Tier:
    level: Level
    labels: tuple[AxisLabel, ...]
    boundaries: tuple[float, ...]  # every period start in range (x), for grid lines

    @property
    def spacing(self) -> float:
        return self.level.days * DAY


def starts(level: Level, first: date, last: date, fy_month: int = 1) -> list[date]:
    """Every boundary of `level` from the one at or before `first` through `last`."""
    if level is Level.DAY:
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]
    if level is Level.WEEK:
        d, out = first - timedelta(days=first.weekday()), []  # Mondays
        while d <= last:
            out.append(d)
            d += timedelta(days=7)
        return out
    if level is Level.YEAR:
        d, step = date(fiscal_year(first, fy_month) - (0 if fy_month == 1 else 1), fy_month, 1), 12
    elif level is Level.QUARTER:
        d, step = quarter_start(first, fy_month), 3
    else:
        d, step = first.replace(day=1), 1
    out = []
    while d <= last:
        out.append(d)
        d = add_months(d, step)
    return out


def label(level: Level, d: date, fy_month: int, coarse: bool) -> str:
    """A period's name: short on the fine tier, with its year on the coarse tier."""
    if level is Level.YEAR:
        return year_label(fiscal_year(d, fy_month), fy_month)
    if level is Level.QUARTER:
        return quarter_label(d, fy_month) if coarse else f"Q{fiscal_quarter(d, fy_month)}"
    if level is Level.MONTH:
        return d.strftime("%b %Y") if coarse else d.strftime("%b")
    return str(d.day)


def _phase(level: Level, d: date, fy_month: int) -> int:
    """A number that steps by one per period, so strides pick the same periods at any pan."""
    if level is Level.DAY:
        return d.toordinal()
    if level is Level.WEEK:
        return d.toordinal() // 7
    if level is Level.YEAR:
        return fiscal_year(d, fy_month)
    return d.year * 12 + d.month - 1 if level is Level.MONTH else (d.year * 12 + d.month - 1) // 3


def axis_tiers(x0: float, x1: float, pixels: float, measure: Callable[[str], float], fy_month: int = 1) -> list[Tier]:
    """The tiers for the range [x0, x1] drawn across `pixels`: [coarse, fine], or [fine] alone.

    No two labels of a tier overlap (GAP apart), every label lies within
    0..pixels, and a fine label never spills past the next labelled boundary.
    """
    if x1 <= x0 or pixels <= 0:
        return []
    lo, hi = max(from_x(x0), MIN_DATE), min(from_x(x1), MAX_DATE)
    px_per_s = pixels / (x1 - x0)

    def build(level: Level, strides: tuple[int, ...], coarse: bool) -> Tier | None:
        period_px = level.days * DAY * px_per_s
        if period_px * strides[-1] < measure(_SAMPLE[level]) + INSET + GAP:
            return None  # hopeless at this zoom: do not measure hundreds of labels
        boundaries = starts(level, lo, hi, fy_month)
        for stride in strides:
            chosen = [d for d in boundaries if _phase(level, d, fy_month) % stride == 0]
            labels = []
            for d in chosen:
                text = label(level, d, fy_month, coarse)
                left = (to_x(d) - x0) * px_per_s + INSET
                labels.append(AxisLabel(float(to_x(d)), left, measure(text), text))
            room = stride * period_px  # a label must fit its own cell
            if coarse:
                labels = _with_sticky_first(labels, level, boundaries, x0, fy_month, measure)
            elif any(l.width + INSET + GAP > room for l in labels):
                continue
            shown = [l for l in labels if l.left >= 0 and l.right <= pixels]
            if all(b.left - a.right >= GAP for a, b in zip(shown, shown[1:])):
                xs = tuple(float(to_x(d)) for d in boundaries if x0 <= to_x(d) <= x1)
                return Tier(level, tuple(shown), xs)
        return None

    for fine_level in _FINE:
        fine = build(fine_level, _STRIDES[fine_level], coarse=False)
        if fine is None:
            continue
        for coarse_level in _COARSE[fine_level]:
            coarse = build(coarse_level, _COARSE_STRIDES[coarse_level], coarse=True)
            if coarse is not None:
                return [coarse, fine]
        if fine_level is Level.YEAR or not _COARSE[fine_level]:
            return [fine]
        # No coarse tier fits above these fine labels: a coarser fine tier reads better.
    return []


def _with_sticky_first(labels, level, boundaries, x0, fy_month, measure) -> list[AxisLabel]:
    """A coarse tier names the period the view starts in, at the left edge, when it has room."""
    if not boundaries or to_x(boundaries[0]) >= x0:
        return labels
    text = label(level, boundaries[0], fy_month, True)
    sticky = AxisLabel(float(to_x(boundaries[0])), INSET, measure(text), text)
    rest = [l for l in labels if l.tick != sticky.tick]
    if rest and rest[0].left < sticky.right + GAP:
        return rest
    return [sticky, *rest]
