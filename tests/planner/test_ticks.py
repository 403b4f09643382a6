"""Calendar axis tiers: level choice, fiscal labels, and no two labels of a tier overlapping."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.layout import DAY, to_x
from planner.ticks import GAP, Level, axis_tiers


def measure(text: str) -> float:
    """About DejaVu Sans at 9 pt: 7 px a character."""
    return 7.0 * len(text)


def _tiers(start, end, px, fy=1):
    return axis_tiers(to_x(start), to_x(end), px, measure, fy)


def _texts(tier):
    return [l.text for l in tier.labels]


def test_five_years_shows_years_over_quarters():
    years, quarters = _tiers(date(2026, 1, 1), date(2031, 1, 1), 1200)
    assert (years.level, quarters.level) == (Level.YEAR, Level.QUARTER)
    assert _texts(years) == ["2026", "2027", "2028", "2029", "2030"]
    assert _texts(quarters)[:5] == ["Q1", "Q2", "Q3", "Q4", "Q1"]  # a year's first quarter keeps its label


def test_fiscal_years_with_an_april_start():
    years, quarters = _tiers(date(2026, 1, 1), date(2031, 1, 1), 1200, fy=4)
    assert years.labels[0].text == "FY26" and years.labels[0].left == pytest.approx(3)  # the year the view starts in
    assert years.labels[1].tick == to_x(date(2026, 4, 1)) and years.labels[1].text == "FY27"
    by_tick = {l.tick: l.text for l in quarters.labels}
    assert by_tick[to_x(date(2026, 4, 1))] == "Q1" and by_tick[to_x(date(2027, 1, 1))] == "Q4"


def test_eighteen_months_puts_months_and_fiscal_quarters_on_separate_tiers():
    quarters, months = _tiers(date(2026, 7, 1), date(2028, 1, 1), 1100, fy=4)
    assert (quarters.level, months.level) == (Level.QUARTER, Level.MONTH)
    assert _texts(quarters)[0] == "FY27 Q2"
    assert _texts(months)[:3] == ["Jul", "Aug", "Sep"]
    assert not set(_texts(quarters)) & set(_texts(months))


def test_two_weeks_shows_days_under_their_month():
    months, days = _tiers(date(2026, 10, 1), date(2026, 10, 15), 800)
    assert (months.level, days.level) == (Level.MONTH, Level.DAY)
    assert _texts(months) == ["Oct 2026"] and _texts(days)[:3] == ["1", "2", "3"]


def test_ten_years_on_a_laptop_shows_years_alone():
    (years,) = _tiers(date(2026, 1, 1), date(2036, 1, 1), 600)
    assert years.level is Level.YEAR and len(years.labels) >= 5


def test_a_narrow_axis_thins_years_rather_than_crowding():
    (years,) = _tiers(date(2000, 1, 1), date(2040, 1, 1), 400)
    ticks = [l.tick for l in years.labels]
    assert 2 <= len(ticks) < 40


def test_empty_range_has_no_tiers():
    assert axis_tiers(10.0, 10.0, 500, measure) == []


def _assert_clean(tiers, px):
    for tier in tiers:
        for a, b in zip(tier.labels, tier.labels[1:]):
            assert b.left - a.right >= GAP - 1e-6, (tier.level, a, b)
        for l in tier.labels:
            assert -1e-6 <= l.left and l.right <= px + 1e-6


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
    st.floats(14, 3653),
    st.floats(250, 2400),
    st.sampled_from([1, 4, 7]),
)
def test_labels_of_a_tier_never_overlap_or_leave_the_axis(start, days, px, fy):
    x0 = to_x(start) + 0.37 * DAY
    tiers = axis_tiers(x0, x0 + days * DAY, px, measure, fy)
    assert tiers
    assert len({t.level for t in tiers}) == len(tiers)
    _assert_clean(tiers, px)
