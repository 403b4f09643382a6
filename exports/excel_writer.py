"""Writes `Sheet` contents into a streaming (write-only) openpyxl workbook.

The only module of the board pack that knows openpyxl's styles, tables and
print settings. Every text cell is written as text: values that a spreadsheet
would read as a formula get a quote prefix and are never stored as formulas.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.styles import Side as BorderSide
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import Outline, PageSetupProperties
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from exports import print_layout
from exports.excel_cells import BODY_PT, Cell, Row, Sheet, Style, in_currency
from exports.excel_drawings import PngImage, make_chart
from planner import clock
from planner.validation import CELL_MAX

APP_NAME = "Roadmap Planner"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = CELL_MAX  # Excel's limit; every text field is within it (planner.validation)
ESCAPE_LIKE = re.compile(r"(_x[0-9A-Fa-f]{4}_)")
TABLE_STYLE = "TableStyleMedium2"
ROWS_PER_TICK = 500
FONT = "Calibri"  # the workbook default; LibreOffice substitutes a metric-compatible face where it can
NOTE_WIDTH_PX = 320
PAPER_A4 = 9  # the OOXML paper size code


@dataclass(frozen=True)
class PageInfo:
    """What every printed page's header and footer name."""

    title: str
    organisation: str
    exported_on: date
    currency: str = "GBP"  # what the £ of number formats stands for (excel_cells.in_currency)


def new_workbook(title: str, organisation: str, subject: str) -> Workbook:
    wb = Workbook(write_only=True)
    now = clock.utc_now()
    props = wb.properties
    props.title = clean_text(title)[:255]
    props.subject = subject
    props.creator = APP_NAME
    props.lastModifiedBy = APP_NAME
    props.description = clean_text(organisation)[:255]
    props.keywords = "roadmap, strategy, board pack"
    props.created = props.modified = now
    return wb


def discard(wb: Workbook) -> None:
    """Close the sheets of an export that failed part way and delete their temporary row files."""
    for ws in wb.worksheets:
        try:
            if not ws.closed:
                ws.close()
        except Exception:  # noqa: BLE001 - already failing; the original error is the one to report
            pass
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            try:
                writer.cleanup()
            except (OSError, ValueError):
                pass


def clean_text(value: str) -> str:
    """Text a workbook can hold: no XML-illegal control characters, one kind of line break, within
    Excel's cell limit. (XML turns a bare carriage return into a line feed anyway.)"""
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if "_x" in value:  # Excel reads "_x0041_" in a string as an escaped character; escape the underscore
        value = ESCAPE_LIKE.sub(r"_x005F\1", value)
    if len(value) > MAX_CELL_TEXT:
        value = value[: MAX_CELL_TEXT - 1] + "…"
    return value


def looks_like_formula(value: str) -> bool:
    return value.startswith(FORMULA_START)


class _CellMaker:
    """Turns content cells into openpyxl cells: one style array per distinct look, shared by its cells."""

    def __init__(self, ws, currency: str = "GBP"):
        self._ws = ws
        self._currency = currency
        self._arrays: dict[tuple[Style, bool], object] = {}
        self._by_id: dict[tuple[int, bool], object] = {}
        self._keep: list[Style] = []
        self._blank: dict[int, WriteOnlyCell] = {}

    def cell(self, c: Cell) -> WriteOnlyCell:
        """A new openpyxl cell for `c`; text is always text, never a formula."""
        value = c.value
        quoted = False
        if type(value) is str:
            typed, value = value, clean_text(value)
            # A leading carriage return is cleaned into a line feed, a control character away: judge both.
            quoted = looks_like_formula(typed) or looks_like_formula(value)
        cell = WriteOnlyCell(self._ws, value)
        if quoted:
            cell.data_type = "s"  # openpyxl reads a leading "=" as a formula
        cell._style = self._array(c.style, quoted)
        if c.note:
            note = clean_text(c.note)
            cell.comment = Comment(note, APP_NAME, height=NOTE_WIDTH_PX // 2 + 18 * (len(note) // 45), width=NOTE_WIDTH_PX)
        return cell

    def stream(self, row: Row, row_number: int) -> Iterator[WriteOnlyCell]:
        """The row's cells in order, made as the writer consumes them.

        An empty styled cell (a bar month, a rule) reuses one openpyxl cell per
        look: the writer serialises each cell before asking for the next, so
        only its position changes. A Roadmap grid is mostly such cells.
        """
        blank = self._blank
        for col, c in enumerate(row, 1):
            if c is None:
                continue
            if c.value is None and not c.note:
                cell = blank.get(id(c.style))
                if cell is None:
                    cell = blank[id(c.style)] = WriteOnlyCell(self._ws)
                    cell._style = self._array(c.style, False)  # which also keeps c.style alive
            else:
                cell = self.cell(c)
            cell.row, cell.column = row_number, col
            yield cell

    def _array(self, style: Style, quoted: bool):
        # Keyed by identity first: hashing a 15-field Style for each of 300,000 cells costs more than the lookup.
        key = (id(style), quoted)
        found = self._by_id.get(key)
        if found is None:
            found = self._arrays.get((style, quoted))
            if found is None:
                found = self._arrays[(style, quoted)] = self._make(style, quoted)
            self._by_id[key] = found
            self._keep.append(style)  # an id stays unique only while its object lives
        return found

    def _make(self, s: Style, quoted: bool):
        cell = WriteOnlyCell(self._ws)
        # Every look names its size: the default (11 pt) sets the column-width unit, not the text size.
        # Named, or LibreOffice falls back to a serif face for a font with no name.
        cell.font = Font(name=FONT, family=2, bold=s.bold, italic=s.italic, size=s.size or BODY_PT, color=s.colour)
        if s.fill:
            cell.fill = PatternFill("solid", start_color=s.fill, end_color=s.fill)
        if s.number_format:
            cell.number_format = in_currency(s.number_format, self._currency)
        if s.wrap or s.halign or s.valign or s.indent or s.rotation:
            cell.alignment = Alignment(
                wrap_text=s.wrap or None, horizontal=s.halign, vertical=s.valign,
                indent=s.indent, text_rotation=s.rotation,
            )
        if s.left or s.right or s.top or s.bottom:
            cell.border = Border(left=_side(s.left), right=_side(s.right), top=_side(s.top), bottom=_side(s.bottom))
        if quoted:
            cell.quotePrefix = True
        return cell._style


# WORKAROUND: WriteOnlyWorksheet.append() tries each styled cell as a value first
# (a caught ValueError per cell) and then makes a spare cell; on a 10,000-item
# board pack that doubles the write time. The worksheet's own row converter hook
# takes our cells as they are. If a future openpyxl drops the hook, rows go
# through append() with ready-made cells: slower, same file.
STREAMING = callable(getattr(WriteOnlyWorksheet, "_values_to_row", None))


def _side(side) -> BorderSide:
    return BorderSide(style=side[0], color=side[1]) if side else BorderSide()


def write_sheet(wb: Workbook, sheet: Sheet, page: PageInfo, tick: Callable[[int], None], *,
                streaming: bool = STREAMING) -> None:
    """Append `sheet` to `wb` with its layout and print settings; `tick(n)` reports rows written."""
    ws = wb.create_sheet(sheet.name)
    # Write-only sheets take dimensions, views and row heights before the first row.
    for col, width in enumerate(sheet.widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    for row, level in sheet.outline_levels.items():
        ws.row_dimensions[row].outlineLevel = level
    if sheet.outline_levels:  # a parent's row comes before its children's, so its group button sits above them
        ws.sheet_properties.outlinePr = Outline(summaryBelow=False)
    _row_heights(ws, sheet)  # after the outline levels: those rows keep their RowDimension
    top_left = f"{get_column_letter(sheet.freeze_cols + 1)}{sheet.title_rows + 1}"
    ws.freeze_panes = top_left
    ws.sheet_view.showGridLines = sheet.show_gridlines
    _page_setup(ws, sheet, page)

    maker = _CellMaker(ws, page.currency)
    if streaming:
        ws._values_to_row = maker.stream
    pending = 0
    for row in sheet.rows:
        ws.append(row if streaming else [maker.cell(c) if c else None for c in row])
        pending += 1
        if pending == ROWS_PER_TICK:
            tick(pending)
            pending = 0
    tick(pending)

    for merge in sheet.merges:
        ws.merged_cells.add(_range(*merge))
    for spec in sheet.tables:
        table = Table(
            displayName=spec.name, ref=spec.ref,
            tableStyleInfo=TableStyleInfo(name=TABLE_STYLE, showRowStripes=True),
        )
        table._initialise_columns()
        table.tableColumns = [TableColumn(id=n, name=name) for n, name in enumerate(spec.columns, 1)]
        ws.tables.add(table)  # add_table() warns about write-only mode; the columns are set above
    for v in sheet.validations:
        dv = DataValidation(
            type="list", formula1='"' + ",".join(v.choices) + '"', allow_blank=True,
            showErrorMessage=True, errorTitle="Not a known value",
            error="Choose one of: " + ", ".join(v.choices), promptTitle="Choose", prompt=v.prompt or None,
            showInputMessage=bool(v.prompt),
        )
        dv.add(v.ref)
        ws.data_validations.append(dv)
    for h in sheet.highlights:
        quoted = '"' + h.text.replace('"', '""') + '"'
        ws.conditional_formatting.add(
            h.ref,
            CellIsRule(
                operator="equal", formula=[quoted],
                fill=PatternFill("solid", start_color=h.fill, end_color=h.fill), font=Font(color=h.colour),
            ),
        )
    for rb in sheet.range_borders:
        # Excel allows only thin edges in conditional formats; "TRUE" applies the rule to every cell.
        ws.conditional_formatting.add(rb.ref, FormulaRule(formula=["TRUE"], border=Border(
            left=_side(rb.left), right=_side(rb.right), top=_side(rb.top), bottom=_side(rb.bottom))))
    for row in sheet.printed_row_breaks():
        ws.row_breaks.append(Break(id=row))
    for col in sheet.col_breaks:
        ws.col_breaks.append(Break(id=col))
    for pic in sheet.pictures:
        ws.add_image(PngImage(pic))
    for spec in sheet.charts:
        ws.add_chart(make_chart(spec, sheet.name, page.currency))


def _row_heights(ws, sheet: Sheet) -> None:
    """Write every row's height, so both clients break pages where the print model does (a row with
    no height of its own is sized to its content by LibreOffice when it opens the file).

    WORKAROUND: one RowDimension per row adds seconds to a 10,000-item pack; the write-only
    row writer only reads `row_dimensions.get(row)` as attributes, so rows share one plain
    mapping per height. A row that already has a RowDimension (an outline level, say) keeps it.
    """
    dims = ws.row_dimensions
    shared: dict[float, dict[str, str]] = {}
    heights = sheet.heights
    default = print_layout.DEFAULT_ROW_PT
    for row in range(1, sheet.n_rows + 1):
        height = heights.get(row, default)
        if row in dims:
            dims[row].height = height
            continue
        attrs = shared.get(height)
        if attrs is None:
            attrs = shared[height] = {"ht": f"{height:g}", "customHeight": "1"}
        dict.__setitem__(dims, row, attrs)


def _range(row: int, col: int, last_row: int, last_col: int) -> str:
    return f"{get_column_letter(col)}{row}:{get_column_letter(last_col)}{last_row}"


def _page_setup(ws, sheet: Sheet, page: PageInfo) -> None:
    setup = ws.page_setup
    setup.orientation = "landscape"
    setup.paperSize = PAPER_A4
    if sheet.col_breaks:  # pages across at 100%, each repeating the title columns, read across then down
        setup.scale = 100
        setup.pageOrder = "overThenDown"
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=False)
        if sheet.title_cols:
            ws.print_title_cols = f"A:{get_column_letter(sheet.title_cols)}"
    else:
        setup.fitToWidth = 1
        setup.fitToHeight = 0  # as many pages down as needed
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left = ws.page_margins.right = print_layout.SIDE_MARGIN_IN
    ws.page_margins.top = ws.page_margins.bottom = print_layout.END_MARGIN_IN
    ws.page_margins.header = ws.page_margins.footer = print_layout.HEADER_MARGIN_IN
    ws.print_options.horizontalCentered = False
    ws.print_title_rows = f"1:{sheet.title_rows}"
    ws.print_area = sheet.print_area

    title = _header_text(page.title, 90)
    ws.oddHeader.left.text = title
    ws.oddHeader.center.text = "&A"  # the sheet name
    ws.oddHeader.right.text = "Exported " + page.exported_on.strftime("%d %b %Y").lstrip("0")
    ws.oddFooter.left.text = _header_text(page.organisation, 60)
    ws.oddFooter.center.text = APP_NAME
    ws.oddFooter.right.text = "Page &P of &N"
    # Both clients shrink the header and footer with the sheet: size them for the printed scale.
    size = math.ceil(2 * print_layout.MIN_TEXT_PT / sheet.print_scale) / 2
    for part in (ws.oddHeader.left, ws.oddHeader.center, ws.oddHeader.right,
                 ws.oddFooter.left, ws.oddFooter.center, ws.oddFooter.right):
        part.size = size
        part.color = "555555"


def _header_text(value: str, limit: int) -> str:
    """Header/footer text shown as typed: '&' starts a code there, and Excel caps a header at 255 characters."""
    value = clean_text(value).replace("\r", " ").replace("\n", " ").replace("\t", " ")
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return value.replace("&", "&&")
