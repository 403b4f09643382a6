"""The Business roadmap and Tech roadmap sheets: each band drawn in cells, one column per month.

Each band over its own span (the business horizon; the tech cycle), on the same
month scale, header rows and colours, so the two read as one plan: the
business band header shades the months of the tech cycle. Bars are cells
filled in the lane colour, milestones a diamond, the current month outlined in
red. Printed at 100% in 9 pt: a band wider than a page is split by (fiscal)
year into pages across, each repeating the item, start and end columns and the
scale rows, read across and then down.
"""

from __future__ import annotations

from datetime import date

from exports import print_layout
from exports.board_facts import lanes_with_items, months, tech_window_end
from exports.excel_cells import (
    BAND_FILL,
    HEADER,
    INK,
    MUTED,
    RED,
    TITLE,
    Cell,
    RangeBorder,
    Sheet,
    Style,
    column_ref,
    hex6,
    ink_on,
    is_light,
    month_label,
    tint,
)
from exports.excel_text import row_height, text_lines
from planner.dates import add_months, fiscal_year, month_start, months_between, quarter_label, year_label
from planner.model import Band, Item, Lane, Roadmap

SHEET_NAMES = {Band.BUSINESS: "Business roadmap", Band.TECH: "Tech roadmap"}
FIXED_COLS = 3  # title, start, end
TITLE_WIDTH = 27
DATE_COL_WIDTH = 7.5
MONTH_WIDTH = 2.9  # 24 months and the fixed columns fill one page at 100%
HEADER_ROWS = 5
NOTE_LINES = 3
ROW_PT = 12.5  # a 9 pt row, in Excel's own proportion (15 pt for 11 pt)
MILESTONE = "◆"
BEFORE, AFTER = "◀", "▶"

WHITE_RULE = ("thin", "FFFFFF")
TODAY_RULE = ("thin", RED)
YEAR_RULE = ("hair", "9CA3AF")
WINDOW_FILL = "8FB3D9"

YEAR = Style(bold=True, colour="FFFFFF", fill=BAND_FILL, halign="center", valign="center", left=WHITE_RULE)
QUARTER = Style(colour="1F2937", fill="DCE3EC", halign="center", valign="center", left=WHITE_RULE)
MONTH = Style(colour="374151", fill="F3F4F6", halign="center", valign="center", number_format="mmmmm")
TODAY_MONTH = MONTH.but(bold=True, colour="FFFFFF", fill=RED)
FIXED_HEADER = HEADER.but(valign="bottom")
NOTE = Style(italic=True, colour=MUTED, wrap=True)
BAND_TITLE = Style(bold=True, size=10, colour="FFFFFF", fill=BAND_FILL, valign="center")
BAND_MONTH = Style(fill=BAND_FILL)
BAND_WINDOW = Style(fill=WINDOW_FILL)
ITEM_TITLE = Style(indent=1, valign="center", wrap=True)
ITEM_DATE = Style(colour="374151", number_format="mmm yyyy", halign="left", valign="center")
NO_ITEMS = Style(italic=True, colour=MUTED, indent=1, valign="center")


def build_roadmap_grid(roadmap: Roadmap, today: date, band: Band) -> Sheet:
    return _Grid(roadmap, today, band).build()


def band_months(roadmap: Roadmap, band: Band) -> list[date]:
    """The months a band's grid spans: the business horizon, or the tech cycle."""
    info = roadmap.info
    if band == Band.BUSINESS:
        return months(info.horizon_start, info.business_years * 12)
    return months(info.tech_window_start, info.tech_months)


class _Grid:
    def __init__(self, roadmap: Roadmap, today: date, band: Band):
        self.roadmap = roadmap
        self.info = roadmap.info
        self.band = band
        self.today = today
        self.months = band_months(roadmap, band)
        self.first = self.months[0]
        self.n_months = len(self.months)
        self.today_index = months_between(self.first, today)
        if not 0 <= self.today_index < self.n_months:
            self.today_index = -1
        window_start = months_between(self.first, month_start(self.info.tech_window_start))
        self.window = range(window_start, months_between(self.first, tech_window_end(roadmap))) if band == Band.BUSINESS else range(0)
        self.sheet = Sheet(
            SHEET_NAMES[band],
            widths=[TITLE_WIDTH, DATE_COL_WIDTH, DATE_COL_WIDTH] + [MONTH_WIDTH] * self.n_months,
            title_rows=HEADER_ROWS,
            freeze_cols=FIXED_COLS,
            show_gridlines=False,
            title_cols=FIXED_COLS,
        )
        self._bar_cells: dict[tuple, Cell] = {}
        self._empty_months: list[Cell | None] = [None] * self.n_months
        self._item_blocks: list[tuple[int, int]] = []  # first and last row of each lane's items

    @property
    def n_cols(self) -> int:
        return FIXED_COLS + self.n_months

    def build(self) -> Sheet:
        self._title()
        self._scale()
        info = self.info
        if self.band == Band.BUSINESS:
            last = add_months(month_start(info.horizon_start), info.business_years * 12 - 1)
            self._band(f"Business strategy · {month_label(info.horizon_start)} – {month_label(last)}")
        else:
            last = add_months(tech_window_end(self.roadmap), -1)
            self._band(f"Technology strategy · {month_label(info.tech_window_start)} – {month_label(last)}")
        self._rules()
        years = _segments(self.months, lambda m: fiscal_year(m, info.fiscal_year_start_month))
        groups = [(FIXED_COLS + 1 + first, FIXED_COLS + 1 + last) for first, last, _ in years]
        self.sheet.col_breaks = print_layout.column_breaks(self.sheet.widths, FIXED_COLS, groups)
        return self.sheet

    def _title(self) -> None:
        s = self.sheet
        r = s.append([Cell("Business roadmap" if self.band == Band.BUSINESS else "Technology roadmap", TITLE)])
        s.heights[r] = 24
        today = " Red: this month." if self.today_index >= 0 else ""
        if self.band == Band.BUSINESS:
            other = "Light blue: the tech cycle, drawn on the Tech roadmap."
        else:
            other = "The goals it serves: Business roadmap, same scale."
        note = f"As of {self.today:%d %b %Y}. {MILESTONE} milestone.{today} {other}"
        r = s.append([Cell(note, NOTE)])
        s.merge(r, 1, r, FIXED_COLS)
        lines = min(text_lines(note, sum(self.sheet.widths[:FIXED_COLS])), NOTE_LINES)
        s.heights[r] = row_height(lines)

    def _scale(self) -> None:
        """Year, quarter and month header rows (rows 3-5), fiscal-year aware."""
        s, fy = self.sheet, self.info.fiscal_year_start_month
        years: list[Cell | None] = [Cell("Item", FIXED_HEADER), Cell("Start", FIXED_HEADER), Cell("End", FIXED_HEADER)]
        quarters: list[Cell | None] = [None] * FIXED_COLS
        month_row: list[Cell | None] = [None] * FIXED_COLS
        for n, m in enumerate(self.months):
            month_row.append(Cell(m, TODAY_MONTH if n == self.today_index else MONTH))
        for first, last, label in _segments(self.months, lambda m: fiscal_year(m, fy)):
            years.extend([Cell(year_label(label, fy), YEAR)] + [None] * (last - first))
            self._merge_row(3, first, last)
        for first, last, q in _segments(self.months, lambda m: quarter_label(m, fy)):
            label = q if last - first >= 2 else q.split()[0 if fy == 1 else 1]
            quarters.extend([Cell(label, QUARTER)] + [None] * (last - first))
            self._merge_row(4, first, last)
        for row in (years, quarters, month_row):
            s.heights[s.append(row)] = ROW_PT
        for col in range(1, FIXED_COLS + 1):
            s.merge(3, col, 5, col)
        s.heights[3] = 15

    def _merge_row(self, row: int, first: int, last: int) -> None:
        if last > first:
            self.sheet.merge(row, FIXED_COLS + 1 + first, row, FIXED_COLS + 1 + last)

    def _band(self, heading: str) -> None:
        s = self.sheet
        cells: list[Cell | None] = [Cell(heading, BAND_TITLE), None, None]
        for n in range(self.n_months):
            cells.append(Cell(None, BAND_WINDOW if n in self.window else BAND_MONTH))
        r = s.append(cells)
        s.merge(r, 1, r, FIXED_COLS)
        s.heights[r] = 16
        for lane, items in lanes_with_items(self.roadmap, self.band):
            self._lane(lane, items)

    def _lane(self, lane: Lane, items: list[Item]) -> None:
        s = self.sheet
        colour = hex6(lane.colour)
        band_fill = Cell(None, Style(fill=tint(colour, 0.82)))
        name = Cell(lane.name, Style(bold=True, colour=ink_on(colour), fill=colour, valign="center"))
        header = s.append([name] + [band_fill] * (self.n_cols - 1))
        s.heights[header] = ROW_PT
        s.keep_together(header, header + 1)  # a lane's name never ends a page
        if not items:
            s.heights[s.append([Cell("No items in this lane", NO_ITEMS)])] = ROW_PT
        for item in items:
            r = s.append(self._item_row(item, colour))
            s.heights[r] = ROW_PT * text_lines(item.title, TITLE_WIDTH)
        self._item_blocks.append((s.n_rows - max(len(items), 1) + 1, s.n_rows))

    def _item_row(self, item: Item, colour: str) -> list[Cell | None]:
        row: list[Cell | None] = [Cell(item.title, ITEM_TITLE), Cell(item.start, ITEM_DATE), Cell(item.end, ITEM_DATE)]
        row.extend(self._empty_months)
        first = months_between(self.first, item.start)
        last = months_between(self.first, item.end)
        if item.is_milestone:
            if 0 <= first < self.n_months:
                self._put(row, first, colour, "milestone")
            else:
                self._put(row, 0 if first < 0 else self.n_months - 1, colour, "arrow", BEFORE if first < 0 else AFTER)
            return row
        if last < 0 or first >= self.n_months:  # wholly outside the horizon: point at where it is
            self._put(row, 0 if last < 0 else self.n_months - 1, colour, "arrow", BEFORE if last < 0 else AFTER)
            return row
        lo, hi = max(first, 0), min(last, self.n_months - 1)
        for n in range(lo, hi + 1):
            self._put(row, n, colour, "bar")
        if first < 0:
            self._put(row, lo, colour, "bar", BEFORE)
        if last >= self.n_months:
            self._put(row, hi, colour, "bar", AFTER)
        return row

    def _rules(self) -> None:
        """Faint fiscal-year rules and the today column's red edges down each lane's item rows.

        Conditional formats draw them, so the empty cells they cross need no
        records (a 10,000-item grid would otherwise write 60,000 more cells).
        A conditional border replaces the cell's own in LibreOffice, so the
        rule repeats the bars' white top and bottom edges.
        """
        s, fy = self.sheet, self.info.fiscal_year_start_month
        columns = [FIXED_COLS + 1 + first for first, _, _ in _segments(self.months, lambda m: fiscal_year(m, fy))[1:]]
        for col in columns if self._item_blocks else ():
            ref = " ".join(column_ref(col, top, bottom) for top, bottom in self._item_blocks)
            s.range_borders.append(RangeBorder(ref, left=YEAR_RULE, top=WHITE_RULE, bottom=WHITE_RULE))
        if self.today_index >= 0 and self._item_blocks:
            col = FIXED_COLS + 1 + self.today_index
            ref = " ".join(column_ref(col, top, bottom) for top, bottom in self._item_blocks)
            s.range_borders.append(RangeBorder(ref, left=TODAY_RULE, right=TODAY_RULE, top=WHITE_RULE, bottom=WHITE_RULE))

    def _put(self, row: list[Cell | None], month: int, colour: str, kind: str, mark: str | None = None) -> None:
        row[FIXED_COLS + month] = self._mark_cell(colour, kind, mark)

    def _mark_cell(self, colour: str, kind: str, mark: str | None) -> Cell:
        """One shared cell per lane colour and kind: a bar month, a milestone, or an off-the-edge arrow."""
        key = (colour, kind, mark)
        found = self._bar_cells.get(key)
        if found is None:
            mark_ink = INK if is_light(colour) else colour  # a pale lane's diamond would vanish on white
            if kind == "bar":
                # White top and bottom rules keep bars in neighbouring rows apart.
                style = Style(fill=colour, colour=ink_on(colour), halign="center", valign="center",
                              top=WHITE_RULE, bottom=WHITE_RULE)
                value = mark
            elif kind == "milestone":
                style = Style(bold=True, colour=mark_ink, size=11, halign="center", valign="center")
                value = MILESTONE
            else:
                style = Style(bold=True, colour=mark_ink, halign="center", valign="center")
                value = mark
            found = self._bar_cells[key] = Cell(value, style)
        return found


def _segments(months: list[date], key) -> list[tuple[int, int, object]]:
    """Runs of consecutive months sharing `key(month)`: (first index, last index, key)."""
    runs: list[tuple[int, int, object]] = []
    for n, m in enumerate(months):
        k = key(m)
        if runs and runs[-1][2] == k:
            runs[-1] = (runs[-1][0], n, k)
        else:
            runs.append((n, n, k))
    return runs
