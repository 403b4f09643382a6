"""The board pack's sheets as plain data: rows of cells with a look, before any workbook exists.

Builders produce `Sheet`s; `excel_writer` turns them into worksheets. Keeping the
two apart lets tests read a sheet's content without openpyxl, and keeps every
openpyxl detail (styles, tables, print settings) in one module.
"""

from __future__ import annotations

from collections.abc import Sequence
import struct
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeAlias

from openpyxl.utils import get_column_letter

from exports import print_layout
from exports.excel_text import BODY_PT, row_height, text_lines, wrapped_height

Value: TypeAlias = str | int | float | date | None

DATE_FORMAT = "dd mmm yyyy"
# Number formats (cells and chart axes) write £ to mean "the roadmap's currency": the writer puts
# the roadmap's own symbol in its place (in_currency), so styles stay plain module constants.
MONEY_FORMAT = "£#,##0;-£#,##0"
NUMBER_FORMAT = "#,##0.##"
PERCENT_FORMAT = "0%"

# Widths in Excel character units, generous enough for the widest fallback font
# (DejaVu Sans where Calibri is missing), so nothing prints as ###.
DATE_WIDTH = 13
MONEY_WIDTH = 14

TEXT_PT = 10.0  # prose and the Summary

INK = "1F2937"
MUTED = "6B7280"
HEADER_FILL = "1F3A5F"
BAND_FILL = "1F3A5F"
RED = "C0392B"
ORPHAN_FILL, ORPHAN_INK = "FEE2E2", "991B1B"  # items with no supports link, in every sheet that lists them

# Status and RAG colours: (fill, font), pale fills so black text stays readable in print.
STATUS_COLOURS = {
    "Planned": ("E5E7EB", "374151"),
    "On track": ("D1FAE5", "065F46"),
    "At risk": ("FEF3C7", "92400E"),
    "Off track": ("FEE2E2", "991B1B"),
    "Done": ("DBEAFE", "1E40AF"),
}
RAG_COLOURS = {
    "Green": ("D1FAE5", "065F46"),
    "Amber": ("FEF3C7", "92400E"),
    "Red": ("FEE2E2", "991B1B"),
    "No data": ("E5E7EB", "374151"),
}
RATING_COLOURS = {"High": RAG_COLOURS["Red"], "Medium": RAG_COLOURS["Amber"], "Low": RAG_COLOURS["Green"]}

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

Side: TypeAlias = tuple[str, str] | None  # (openpyxl border style, RRGGBB)


@dataclass(frozen=True)
class Style:
    """How a cell looks; hashable so the writer can turn each distinct look into one style."""

    bold: bool = False
    italic: bool = False
    size: float | None = None  # points; None is BODY_PT
    colour: str | None = None
    fill: str | None = None
    number_format: str | None = None
    wrap: bool = False
    halign: str | None = None
    valign: str | None = "top"
    indent: int = 0
    rotation: int = 0
    left: Side = None
    right: Side = None
    top: Side = None
    bottom: Side = None

    def but(self, **changes) -> Style:
        return replace(self, **changes)


PLAIN = Style()
WRAP = Style(wrap=True)
TITLE = Style(bold=True, size=16, colour=HEADER_FILL, valign="center")
SUBTITLE = Style(italic=True, colour=MUTED, size=TEXT_PT)
SECTION = Style(bold=True, size=12, colour=HEADER_FILL, valign="bottom", bottom=("thin", HEADER_FILL))
HEADER = Style(bold=True, colour="FFFFFF", fill=HEADER_FILL, wrap=True, valign="center")
LABEL = Style(bold=True, colour=INK)
DATE = Style(number_format=DATE_FORMAT, halign="center")
MONEY = Style(number_format=MONEY_FORMAT)
NUMBER = Style(number_format=NUMBER_FORMAT)
INTEGER = Style(number_format="0", halign="center")
PERCENT = Style(number_format=PERCENT_FORMAT)
TOTAL = Style(bold=True, top=("thin", INK))


@dataclass(frozen=True, slots=True)
class Cell:
    value: Value
    style: Style = PLAIN
    note: str | None = None  # shown as a cell comment on hover, never printed


Row: TypeAlias = list[Cell | None]


@dataclass(frozen=True)
class TableSpec:
    """An Excel table (ListObject) over a header row and the rows below it."""

    name: str
    first_row: int
    first_col: int
    columns: tuple[str, ...]
    n_rows: int  # data rows, at least 1 (Excel rejects a table with none)

    @property
    def ref(self) -> str:
        return range_ref(self.first_row, self.first_col, self.first_row + self.n_rows, self.first_col + len(self.columns) - 1)


@dataclass(frozen=True)
class ListValidation:
    """A drop-down of allowed values over a range."""

    ref: str
    choices: tuple[str, ...]
    prompt: str = ""


@dataclass(frozen=True)
class Highlight:
    """Conditional formatting: cells in `ref` equal to `text` get the fill and font colour."""

    ref: str
    text: str
    fill: str
    colour: str


@dataclass(frozen=True)
class RangeBorder:
    """Edges drawn down a whole range by conditional formatting, so its empty cells need no records."""

    ref: str  # one or more ranges separated by spaces
    left: Side = None
    right: Side = None
    top: Side = None
    bottom: Side = None


@dataclass(frozen=True)
class Picture:
    png: bytes
    row: int
    col: int
    width: float  # points as placed (at 100%), whatever the PNG's pixel size
    height: float


@dataclass
class Sheet:
    """One worksheet's content and print layout. Rows and columns are 1-based in the API."""

    name: str
    widths: list[float]
    rows: list[Row] = field(default_factory=list)
    title_rows: int = 1  # frozen at the top and repeated on every printed page
    freeze_cols: int = 0
    heights: dict[int, float] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    tables: list[TableSpec] = field(default_factory=list)
    validations: list[ListValidation] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)
    range_borders: list[RangeBorder] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    charts: list = field(default_factory=list)  # excel_charts.ChartSpec
    show_gridlines: bool = True
    page_breaks: list[int] = field(default_factory=list)  # start a new printed page after these rows
    blocks: list[tuple[int, int]] = field(default_factory=list)  # rows kept on one printed page
    col_breaks: list[int] = field(default_factory=list)  # start a new page after these columns (printed at 100%)
    title_cols: int = 0  # columns repeated on every printed page (with col_breaks)
    outline_levels: dict[int, int] = field(default_factory=dict)  # row -> Excel outline level (1-7), summary rows above

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return len(self.widths)

    def append(self, cells: Sequence[Cell | None] = ()) -> int:
        """Add a row (padded to the sheet's width); return its 1-based number."""
        row = list(cells)
        missing = len(self.widths) - len(row)
        if missing < 0:
            raise ValueError(f"{self.name}: row of {len(row)} cells is wider than the sheet ({self.n_cols})")
        if missing:
            row.extend([None] * missing)
        self.rows.append(row)
        return len(self.rows)

    def append_note(self, text_value: str, style: Style | None = None) -> int:
        """A paragraph across the whole sheet width, wrapped, with the height it needs."""
        style = (style or SUBTITLE).but(wrap=True)
        row = self.append([Cell(text_value, style)])
        self.merge(row, 1, row, self.n_cols)
        self.heights[row] = wrapped_height(text_value, sum(self.widths), style.size)
        return row

    def cell(self, row: int, col: int) -> Cell | None:
        return self.rows[row - 1][col - 1]

    def values(self, row: int) -> list[Value]:
        return [c.value if c else None for c in self.rows[row - 1]]

    def merge(self, row: int, col: int, last_row: int, last_col: int) -> None:
        self.merges.append((row, col, last_row, last_col))

    @property
    def print_area(self) -> str:
        return range_ref(1, 1, max(self.n_rows, 1), self.n_cols)

    def keep_together(self, first: int, last: int) -> None:
        if last > first:
            self.blocks.append((first, last))

    @property
    def print_scale(self) -> float:
        """The scale it prints at: 100% with column pages, else fitted to the page width."""
        return 1.0 if self.col_breaks else print_layout.fit_scale(sum(self.widths))

    def row_heights(self) -> list[float]:
        default, heights = print_layout.DEFAULT_ROW_PT, self.heights
        return [heights.get(n, default) for n in range(1, self.n_rows + 1)]

    def printed_row_breaks(self) -> list[int]:
        """Every row after which a printed page ends: the forced ones and where the pages fill."""
        return print_layout.row_breaks(
            self.row_heights(), title_rows=self.title_rows, forced=self.page_breaks, blocks=self.blocks,
            scale=self.print_scale,
        )

    @property
    def printed_pages(self) -> int:
        """Pages it prints on. With pages across, a page whose own cells (not the repeated title
        rows and columns) are all empty is not printed: LibreOffice leaves such pages out."""
        row_ends = self.printed_row_breaks() + [self.n_rows]
        if not self.col_breaks:
            return len(row_ends)
        col_ends = self.col_breaks + [self.n_cols]
        pages, top = 0, 1
        for bottom in row_ends:
            left = 1
            for right in col_ends:
                pages += any(c is not None for row in self.rows[top - 1 : bottom] for c in row[left - 1 : right])
                left = right + 1
            top = bottom + 1
        return pages


def range_ref(row: int, col: int, last_row: int, last_col: int) -> str:
    return f"{get_column_letter(col)}{row}:{get_column_letter(last_col)}{last_row}"


def column_ref(col: int, first_row: int, last_row: int) -> str:
    return range_ref(first_row, col, last_row, col)


def optional(value: Value, style: Style = PLAIN) -> Cell | None:
    """A cell, or nothing for a missing value (so no empty string lands in a number column)."""
    return None if value is None or value == "" else Cell(value, style)


def status_highlights(ref: str) -> list[Highlight]:
    return [Highlight(ref, label, fill, font) for label, (fill, font) in STATUS_COLOURS.items()]


def rag_highlights(ref: str, colours: dict[str, tuple[str, str]] = RAG_COLOURS) -> list[Highlight]:
    return [Highlight(ref, label, fill, font) for label, (fill, font) in colours.items()]


def tint(colour: str, amount: float) -> str:
    """`colour` (#RRGGBB or RRGGBB) mixed with white; amount 0 keeps it, 1 gives white."""
    c = colour.lstrip("#")
    channels = [int(c[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(v + (255 - v) * amount):02X}" for v in channels)


def hex6(colour: str) -> str:
    return colour.lstrip("#").upper()


def is_light(colour: str) -> bool:
    """True when white text would be hard to read on `colour` (relative luminance above ~0.6)."""
    c = colour.lstrip("#")
    r, g, b = (int(c[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.6


def ink_on(colour: str) -> str:
    """Text colour readable on a `colour` fill."""
    return INK if is_light(colour) else "FFFFFF"


def fit_row_heights(sheet: Sheet, first_row: int = 1) -> None:
    """Give each row with wrapped text the height its longest cell needs.

    Neither Excel nor LibreOffice reliably grows rows for wrapped text on
    opening a file (and never for merged cells), so heights are written out.
    Rows that already have a height or hold a merge are left alone.
    """
    merged = {r for (top, _, bottom, _) in sheet.merges for r in range(top, bottom + 1)}
    widths = sheet.widths
    for number in range(first_row, sheet.n_rows + 1):
        if number in sheet.heights or number in merged:
            continue
        lines, size = 1, None
        for col, cell in enumerate(sheet.rows[number - 1]):
            if cell is None or not cell.style.wrap or not isinstance(cell.value, str):
                continue
            n = text_lines(cell.value, widths[col], cell.style.size, bold=cell.style.bold)
            if n > lines:
                lines, size = n, cell.style.size
        if lines > 1:
            sheet.heights[number] = row_height(lines, size)


def header_row(names: Sequence[str], aligns: Sequence[str | None] = ()) -> list[Cell | None]:
    """Header cells, each aligned like the values below it."""
    aligns = list(aligns) + [None] * (len(names) - len(aligns))
    return [Cell(name, HEADER.but(halign=align) if align else HEADER) for name, align in zip(names, aligns)]


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else words or word + 's'}"


def money_total(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def month_label(d: date) -> str:
    return d.strftime("%b %Y")


def png_size(png: bytes) -> tuple[int, int]:
    """Pixel width and height from a PNG's header; ValueError when it is not a PNG."""
    if len(png) < 24 or not png.startswith(PNG_SIGNATURE) or png[12:16] != b"IHDR":
        raise ValueError("the picture is not a PNG image")
    width, height = struct.unpack(">II", png[16:24])
    if not width or not height:
        raise ValueError("the picture is empty (0 pixels)")
    return width, height


def in_currency(number_format: str, currency: str) -> str:
    """`number_format` with its £ placeholder written as `currency`'s symbol ('"€"#,##0' for EUR)."""
    if "£" not in number_format:
        return number_format
    from planner.money import symbol

    sign = symbol(currency)
    # One sign character reads as itself in a number format; letters (CHF, C$) must be quoted.
    literal = sign if len(sign) == 1 and not sign.isalnum() else '"' + sign.replace('"', "") + '"'
    return number_format.replace("£", literal)
