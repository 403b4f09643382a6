"""What a slide holds, as plain values: text, tables, charts and timeline pages placed in inches.

The deck writer (exports/pptx_*.py) and the presentation mode both draw these,
so a slide reads the same on paper and on the screen in the room.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from exports.slide_style import BODY_PT, MARGIN, MUTED, SLIDE_W, TEXT, TITLE_H, TITLE_PT, TITLE_TOP
from exports.slide_text import line_height, wrapped_lines
from exports.slide_timeline import TimelinePage

CELL_PAD_X = 0.08
CELL_PAD_Y = 0.05


@dataclass(frozen=True)
class Para:
    text: str
    pt: float = BODY_PT
    bold: bool = False
    colour: str = TEXT


@dataclass(frozen=True)
class TextBlock:
    x: float
    y: float
    w: float
    h: float
    paras: tuple[Para, ...]
    align: str = "left"  # left, centre or right


@dataclass(frozen=True)
class Cell:
    text: str
    sub: str = ""  # a muted second line
    colour: str | None = None  # a coloured chip behind the text (ratings, severities)
    bold: bool = False


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    align: str = "left"


@dataclass(frozen=True)
class TableBlock:
    x: float
    y: float
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    pt: float = 11.0
    sub_pt: float = 10.0
    heights: tuple[float, ...] = ()  # the header's (if any columns have headers), then each row's; filled by `table`

    @property
    def w(self) -> float:
        return sum(c.width for c in self.columns)

    @property
    def h(self) -> float:
        return sum(self.heights)

    @property
    def has_header(self) -> bool:
        return any(c.header for c in self.columns)

    def all_rows(self) -> tuple[tuple[Cell, ...], ...]:
        """The header row (bold column names) when there is one, then the rows."""
        header = (tuple(Cell(c.header, bold=True) for c in self.columns),) if self.has_header else ()
        return header + self.rows


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    colour: str
    dashed: bool = False
    markers: bool = False


@dataclass(frozen=True)
class ChartBlock:
    x: float
    y: float
    w: float
    h: float
    categories: tuple[date, ...]
    series: tuple[Series, ...]
    number_format: str = "General"


Block = TextBlock | TableBlock | ChartBlock


@dataclass(frozen=True)
class Slide:
    title: str
    subtitle: str = ""
    blocks: tuple[Block, ...] = ()
    timeline: TimelinePage | None = None
    notes: str = ""
    kind: str = "text"  # title, timeline, alignment, outcome, drift, risks
    focus: tuple = field(default=())  # supported business goals on the slide a presenter can bring into focus


def value_axis(block: ChartBlock) -> tuple[float, float, float] | None:
    """(minimum, maximum, step) of a chart's value axis: round steps around the figures, from 0 when close."""
    values = [v for s in block.series for v in s.values if v is not None]
    if not values:
        return None
    lo, hi = min(values), max(values)
    span = (hi - lo) or abs(hi) * 0.1 or 1.0
    raw = span / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    bottom = math.floor((lo - span * 0.1) / step) * step
    return (0.0 if lo >= 0 > bottom else bottom), math.ceil((hi + span * 0.1) / step) * step, step


def row_height(cells: tuple[Cell, ...], columns: tuple[Column, ...], pt: float, sub_pt: float, bold: bool = False) -> float:
    tallest = 0.0
    for cell, col in zip(cells, columns):
        inner = col.width - 2 * CELL_PAD_X
        h = wrapped_lines(cell.text, inner, pt, bold or cell.bold) * line_height(pt)
        if cell.sub:
            h += wrapped_lines(cell.sub, inner, sub_pt) * line_height(sub_pt)
        tallest = max(tallest, h)
    return tallest + 2 * CELL_PAD_Y + 0.02


def table(x: float, y: float, columns: tuple[Column, ...], rows: list[tuple[Cell, ...]], max_h: float,
          pt: float = 11.0, sub_pt: float = 10.0) -> tuple[TableBlock, int]:
    """A table of as many leading `rows` as fit in `max_h` inches, and how many that was."""
    header = tuple(Cell(c.header, bold=True) for c in columns)
    heights = [row_height(header, columns, pt, sub_pt, bold=True)] if any(c.header for c in columns) else []
    kept = []
    for row in rows:
        h = row_height(row, columns, pt, sub_pt)
        if sum(heights) + h > max_h:
            break
        heights.append(h)
        kept.append(row)
    return TableBlock(x, y, columns, tuple(kept), pt, sub_pt, tuple(heights)), len(kept)


def more_line(x: float, y: float, w: float, left: int, what: str) -> TextBlock:
    """'…and 12 more slipped items' under a table cut to fit."""
    return TextBlock(x, y, w, 0.3, (Para(f"…and {left} more {what} (see the board pack workbook)", 10.0, colour=MUTED),))


def header(slide: Slide) -> tuple[TextBlock, ...]:
    """The title and subtitle every slide but the first carries."""
    if slide.kind == "title":
        return ()
    paras = (Para(slide.title, TITLE_PT, bold=True),)
    out = [TextBlock(MARGIN, TITLE_TOP, SLIDE_W - 2 * MARGIN, TITLE_H, paras)]
    if slide.subtitle:
        out.append(TextBlock(MARGIN, TITLE_TOP + TITLE_H - 0.05, SLIDE_W - 2 * MARGIN, 0.35,
                             (Para(slide.subtitle, 13, colour=MUTED),)))
    return tuple(out)

