"""How the board pack lands on paper: A4 landscape geometry, print scale and page breaks.

Every sheet is designed to print at 100% so that a font size in the workbook is
the size on paper (9 pt at least). The figures are LibreOffice's, measured with
DejaVu Sans standing in for Calibri (the client the tests convert with): a
column-width unit prints 7.0 pt wide, fit-to-width picks a whole per cent, and
a page body holds 494.5 pt of rows. Excel's Calibri unit is narrower (7 px =
5.25 pt), so a sheet that fits here fits there too, at the same or a larger scale.

Row breaks are computed here and written into the workbook as manual breaks, so
both clients break where this model says and the page count is known in advance.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

PAGE_WIDTH_PT, PAGE_HEIGHT_PT = 841.89, 595.28  # A4 landscape
SIDE_MARGIN_IN, END_MARGIN_IN, HEADER_MARGIN_IN = 0.4, 0.7, 0.3
BODY_WIDTH_PT = PAGE_WIDTH_PT - 2 * 72 * SIDE_MARGIN_IN  # 784.3
BODY_HEIGHT_PT = PAGE_HEIGHT_PT - 2 * 72 * END_MARGIN_IN  # 494.5
UNIT_PT = 7.0  # one column-width unit on paper in LibreOffice
PAGE_UNITS = 112.0  # column widths adding up to this print at 100% (784.3 / 7 = 112.04)
HEIGHT_SLACK_PT = 2.0  # rows per page stop this short of the body, against rounding in either client
DEFAULT_ROW_PT = 15.0
MAX_ROW_PT = 409.0  # Excel's limit
MIN_TEXT_PT = 9.0  # the smallest text on paper, header and footer included
MIN_PICTURE_TEXT_PT = 8.0  # the smallest text inside the timeline picture


def fit_scale(total_units: float) -> float:
    """The scale fit-to-width prints a sheet `total_units` wide at: whole per cents, at most 100%."""
    if total_units <= 0:
        return 1.0
    return min(100, math.floor(100 * BODY_WIDTH_PT / (UNIT_PT * total_units) + 1e-9)) / 100


def points(units: float) -> float:
    """Printed width of `units` column-width units at 100%."""
    return units * UNIT_PT


def row_breaks(
    heights: Sequence[float],
    *,
    title_rows: int = 0,
    forced: Iterable[int] = (),
    blocks: Iterable[tuple[int, int]] = (),
    scale: float = 1.0,
) -> list[int]:
    """The rows (1-based) after which a printed page ends, for rows of `heights` points.

    Pages after the first repeat rows 1..`title_rows`. `forced` rows always end
    a page. A block (first, last) is kept on one page when it fits on one: a
    section heading with its first rows, a chart with the rows beneath it, a
    lane of the matrix. A block longer than a page breaks where the page fills.
    """
    capacity = (BODY_HEIGHT_PT - HEIGHT_SLACK_PT) / scale
    repeated = sum(heights[:title_rows])
    forced = set(forced)
    start_of: dict[int, int] = {}
    for first, last in sorted(blocks, key=lambda b: (b[0], -b[1])):
        if sum(heights[first - 1 : last]) + repeated > capacity:
            continue
        for row in range(first, last + 1):
            start_of.setdefault(row, first)
    breaks: list[int] = []
    page_first, used = 1, 0.0
    row = 1
    n = len(heights)
    while row <= n:
        height = min(heights[row - 1], MAX_ROW_PT)
        if used + height > capacity and row > page_first:
            first = start_of.get(row, row)
            if first <= page_first or row <= title_rows:
                first = row  # the block is longer than a page: break inside it
            breaks.append(first - 1)
            page_first, used, row = first, repeated if first > title_rows else 0.0, first
            continue
        used += height
        if row in forced and row < n:
            breaks.append(row)
            page_first, used = row + 1, repeated
        row += 1
    return breaks


def column_breaks(widths: Sequence[float], fixed: int, groups: Sequence[tuple[int, int]]) -> list[int]:
    """Column pages for a sheet wider than a page: columns 1..`fixed` repeat on every page, and
    each page takes as many whole `groups` (first, last column) as fit. Returns the columns after
    which a page ends."""
    room = PAGE_UNITS - sum(widths[:fixed])
    breaks: list[int] = []
    used = 0.0
    for first, last in groups:
        width = sum(widths[first - 1 : last])
        if used and used + width > room + 1e-9:
            breaks.append(first - 1)
            used = 0.0
        used += width
    return breaks


def column_at(widths: Sequence[float], x_pt: float) -> tuple[int, float]:
    """The column (1-based) holding the point `x_pt` from the sheet's left edge, and the offset into it."""
    left = 0.0
    for col, width in enumerate(widths, 1):
        right = left + points(width)
        if x_pt < right:
            return col, x_pt - left
        left = right
    return len(widths), x_pt - (left - points(widths[-1]))
