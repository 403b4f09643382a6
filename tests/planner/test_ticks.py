"""Calendar ticks: level choice, fiscal labels, no crowding."""

from datetime import date

import pytest

from planner.layout import DAY, to_x
from planner.ticks import Level, calendar_ticks


def _ticks(start, end, px, fy=1):
    return calendar_ticks(to_x(start), to_x(end), px, fy)


def test_five_years_shows_years_and_quarters():
    levels = _ticks(date(2026, 1, 1), date(2030, 12, 31), 1200)
    assert [l.level for l in levels] == [Level.YEAR, Level.QUARTER]
    assert [label for _, label in levels[0].ticks] == ["2026", "2027", "2028", "2029", "2030"]
    assert levels[1].ticks[0] == (to_x(date(2026, 4, 1)), "Q2")
    assert to_x(date(2027, 1, 1)) not in dict(levels[1].ticks)  # the year label marks it


def test_fiscal_year_labels_with_april_start():
    years, quarters = _ticks(date(2026, 1, 1), date(2030, 12, 31), 1200, fy=4)
    assert years.ticks[0] == (to_x(date(2026, 4, 1)), "FY27")
    labels = dict((x, l) for x, l in quarters.ticks)
    assert to_x(date(2026, 4, 1)) not in labels  # FY27 starts there
    assert labels[to_x(date(2026, 7, 1))] == "Q2"
    assert labels[to_x(date(2027, 1, 1))] == "Q4"


def test_eighteen_months_shows_fiscal_quarters_and_months():
    coarse, fine = _ticks(date(2026, 7, 1), date(2027, 12, 31), 1200, fy=4)
    assert coarse.level is Level.QUARTER and fine.level is Level.MONTH
    assert coarse.ticks[0] == (to_x(date(2026, 7, 1)), "FY27 Q2")
    assert fine.ticks[0] == (to_x(date(2026, 8, 1)), "Aug")  # July carries the quarter label


@pytest.mark.parametrize("days", [20, 200, 2000, 20000])
@pytest.mark.parametrize("px", [150, 600, 2400])
def test_labels_never_crowd(days, px):
    start = date(2026, 1, 1)
    x0, x1 = to_x(start), to_x(start) + days * DAY
    for level in calendar_ticks(x0, x1, px):
        xs = [x for x, _ in level.ticks]
        gaps = [(b - a) / (x1 - x0) * px for a, b in zip(xs, xs[1:])]
        assert all(g >= level.level.min_px * 0.9 for g in gaps), (level.level, min(gaps))
        assert all(x0 <= x <= x1 for x in xs)


def test_empty_range_has_no_ticks():
    assert calendar_ticks(10.0, 10.0, 500) == []
