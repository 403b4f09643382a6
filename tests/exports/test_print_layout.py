"""The print model: scale, row breaks and pages across, with plain numbers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from exports.excel_cells import Cell, Sheet
from exports.print_layout import BODY_HEIGHT_PT, HEIGHT_SLACK_PT, column_at, column_breaks, fit_scale, row_breaks

CAPACITY = BODY_HEIGHT_PT - HEIGHT_SLACK_PT


def test_fit_scale_is_whole_per_cents_and_never_enlarges():
    assert fit_scale(100) == 1.0 and fit_scale(112) == 1.0
    assert fit_scale(120) == 0.93  # 784.3 / 840 = 0.934, printed at 93%
    assert fit_scale(224) == 0.5


def test_rows_fill_a_page_then_break_and_title_rows_repeat():
    heights = [20.0] * 60
    breaks = row_breaks(heights)
    assert breaks == [24, 48]  # 24 x 20 = 480 fits 492.5, a 25th does not
    with_titles = row_breaks(heights, title_rows=2)
    assert with_titles == [24, 46]  # later pages give 40 pt to the repeated rows


def test_forced_breaks_and_blocks_kept_together():
    heights = [20.0] * 40
    assert row_breaks(heights, forced=[5]) == [5, 29]
    # rows 23-26 belong together: the page ends before them rather than inside them
    assert row_breaks(heights, blocks=[(23, 26)]) == [22]
    # a block taller than a page breaks where it must
    assert row_breaks(heights, blocks=[(1, 40)]) == [24]


@given(st.lists(st.floats(min_value=5, max_value=409), min_size=1, max_size=300), st.integers(0, 3))
def test_no_page_holds_more_than_the_body(heights, title_rows):
    title_rows = min(title_rows, len(heights) - 1) if sum(heights[:title_rows]) < 200 else 0
    breaks = row_breaks(heights, title_rows=title_rows)
    repeated = sum(heights[:title_rows])
    starts = [0] + breaks
    ends = breaks + [len(heights)]
    for n, (start, end) in enumerate(zip(starts, ends)):
        used = sum(heights[start:end]) + (repeated if n else 0)
        assert used <= CAPACITY + 1e-6 or end - start == 1, (start, end, used)
    assert breaks == sorted(set(breaks)) and all(0 < b < len(heights) for b in breaks)


def test_pages_across_take_whole_years():
    widths = [27, 7.5, 7.5] + [2.9] * 60
    years = [(4, 6)] + [(7 + 12 * k, 18 + 12 * k) for k in range(4)] + [(55, 63)]  # 3, 12 x 4, 9 months
    assert column_breaks(widths, 3, years) == [18, 42]  # 15, 24 and 21 months a page


def test_column_at_finds_the_column_and_offset():
    assert column_at([10, 10, 10], 0) == (1, 0)
    assert column_at([10, 10, 10], 75) == (2, 5)  # 7 pt a unit: column B starts at 70 pt


def test_a_page_across_with_nothing_of_its_own_is_not_counted():
    sheet = Sheet("G", widths=[50, 40, 40], title_rows=1, col_breaks=[2], title_cols=1)
    sheet.append([Cell("Item"), Cell("Year 1"), Cell("Year 2")])
    sheet.append([Cell("Only in year 1"), Cell("x")])
    assert sheet.printed_pages == 2
    for _ in range(40):
        sheet.append([Cell("More in year 1"), Cell("x")])
    # the second row page has cells only in the first page across: the second is left out
    assert sheet.printed_row_breaks() and sheet.printed_pages == 3
