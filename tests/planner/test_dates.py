"""Calendar arithmetic: month steps, quarters and fiscal years."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.dates import (
    MAX_DATE,
    MIN_DATE,
    add_months,
    fiscal_quarter,
    fiscal_year,
    fiscal_year_start,
    months_between,
    quarter_label,
    quarter_start,
)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # clamped to February's length
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 5, 31), 1, date(2026, 6, 30)),
        (date(2026, 1, 15), 12, date(2027, 1, 15)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),  # crosses a year backwards
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 6, 10), 0, date(2026, 6, 10)),
    ],
)
def test_add_months_clamps_the_day(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (date(2026, 1, 1), date(2026, 1, 31), 0),
        (date(2026, 1, 31), date(2026, 2, 1), 1),
        (date(2026, 7, 1), date(2027, 12, 31), 17),
        (date(2027, 3, 1), date(2026, 1, 1), -14),
    ],
)
def test_months_between(a, b, expected):
    assert months_between(a, b) == expected


@pytest.mark.parametrize(
    ("d", "start_month", "year", "quarter", "label"),
    [
        (date(2026, 1, 1), 1, 2026, 1, "Q1 2026"),
        (date(2026, 5, 1), 1, 2026, 2, "Q2 2026"),
        (date(2026, 12, 31), 1, 2026, 4, "Q4 2026"),
        (date(2026, 5, 1), 4, 2027, 1, "FY27 Q1"),
        (date(2026, 4, 1), 4, 2027, 1, "FY27 Q1"),
        (date(2026, 3, 31), 4, 2026, 4, "FY26 Q4"),
        (date(2026, 7, 1), 4, 2027, 2, "FY27 Q2"),
        (date(2027, 1, 15), 4, 2027, 4, "FY27 Q4"),
    ],
)
def test_fiscal_year_quarter_and_label(d, start_month, year, quarter, label):
    assert fiscal_year(d, start_month) == year
    assert fiscal_quarter(d, start_month) == quarter
    assert quarter_label(d, start_month) == label


@pytest.mark.parametrize(
    ("d", "start_month", "expected"),
    [
        (date(2026, 5, 17), 1, date(2026, 4, 1)),
        (date(2026, 3, 31), 1, date(2026, 1, 1)),
        (date(2026, 5, 17), 4, date(2026, 4, 1)),
        (date(2026, 3, 31), 4, date(2026, 1, 1)),
        (date(2026, 12, 1), 4, date(2026, 10, 1)),
        (date(2026, 2, 10), 11, date(2026, 2, 1)),
        (date(2026, 1, 10), 11, date(2025, 11, 1)),
    ],
)
def test_quarter_start(d, start_month, expected):
    assert quarter_start(d, start_month) == expected


def test_fiscal_year_start_names_the_year_it_ends_in():
    assert fiscal_year_start(2027, 4) == date(2026, 4, 1)
    assert fiscal_year_start(2026, 1) == date(2026, 1, 1)


@pytest.mark.parametrize("month", [0, 13])
def test_bad_fiscal_start_month_is_refused(month):
    with pytest.raises(ValueError, match="1-12"):
        fiscal_year(date(2026, 1, 1), month)


@given(
    d=st.dates(min_value=MIN_DATE, max_value=MAX_DATE).filter(lambda d: d.day <= 28),
    n=st.integers(min_value=-1200, max_value=1200),
)
def test_add_months_is_reversible_for_days_up_to_28(d, n):
    moved = add_months(d, n)
    assert months_between(d, moved) == n
    assert add_months(moved, -n) == d


@given(
    d=st.dates(min_value=MIN_DATE, max_value=MAX_DATE),
    start_month=st.integers(min_value=1, max_value=12),
)
def test_quarter_start_is_in_the_same_fiscal_quarter(d, start_month):
    q = quarter_start(d, start_month)
    assert q <= d and q.day == 1
    assert fiscal_quarter(q, start_month) == fiscal_quarter(d, start_month)
    assert fiscal_year(q, start_month) == fiscal_year(d, start_month)
    assert months_between(q, d) < 3
