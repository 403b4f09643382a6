"""The dual timeline planned as slide pages: plain boxes in inches, no PowerPoint and no Qt.

Each item becomes a bar (or a milestone diamond) whose title is set at
`BAR_PT` points. A title that does not fit inside its bar is set beside it, so
a lane's rows are packed by the space each item takes *with its title*. The
page split follows from those rows:

1. both bands on one slide (the dual timeline, with supports links), if it fits;
2. else one slide per band;
3. else a band's lanes are grouped onto slides, each over the band's whole span;
4. else (a lane alone is too tall) one set of slides per fiscal year, lanes
   grouped, and a lane still too tall is continued on the next slide.

A bar on a slide is clipped to the slide's period; it appears on every slide
whose period it overlaps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from exports.board_facts import BAND_NAMES, item_order, lanes_with_items, tech_window_end
from exports.slide_style import (
    CONTENT_BOTTOM,
    CONTENT_TOP,
    MARGIN,
    SLIDE_W,
    fill_of,
    outline_of,
    text_on,
)
from exports.slide_text import text_width, wrapped_lines
from planner.dates import add_months, fiscal_quarter, fiscal_year, fiscal_year_start, month_start, quarter_start, year_label
from planner.model import Band, Item, ItemId, Lane, LaneId, LinkKind, Roadmap

BAR_PT = 10.0
LANE_PT = 11.0
AXIS_PT = 10.0
LABEL_W = 1.75  # the lane-name column
PLOT_X0 = MARGIN + LABEL_W
PLOT_X1 = SLIDE_W - MARGIN
ROW_H = 0.27
BAR_H = 0.21
LANE_PAD = 0.04
AXIS_H = 0.44
BLOCK_GAP = 0.14
DIAMOND = 0.2
INSET = 0.05  # text inset inside a bar
GAP = 0.07  # between a bar and a title set beside it, and between neighbours in a row
MIN_BAR_W = 0.05
MIN_CONTINUED_ROWS = 4  # a lane continued from another slide starts with at least this many rows
LABEL_SLACK = MARGIN - 0.1  # a title beside a bar may run this far into the right margin


@dataclass(frozen=True)
class Tick:
    x: float
    text: str  # "" for a line without a label
    major: bool  # a year (or quarter) line, drawn darker; labels on the upper axis row


@dataclass(frozen=True)
class BarBox:
    item_id: ItemId
    title: str
    x: float
    y: float
    w: float
    h: float
    milestone: bool
    fill: str
    outline: str
    outline_pt: float
    text_colour: str
    label: str  # "inside", "right" (beside, after the bar) or "left" (beside, before it)


@dataclass(frozen=True)
class LaneBox:
    lane_id: LaneId
    name: str
    colour: str
    y: float
    h: float


@dataclass(frozen=True)
class BandBlock:
    band: Band
    start: date
    end: date  # exclusive
    top: float  # the axis starts here; lanes below it
    height: float
    lanes: tuple[LaneBox, ...]
    bars: tuple[BarBox, ...]
    ticks: tuple[Tick, ...]
    today_x: float | None
    window: tuple[float, float] | None  # the tech window drawn on the business band

    def x_of(self, d: date) -> float:
        return _x(d, self.start, self.end)


@dataclass(frozen=True)
class Connector:
    source_id: ItemId
    target_id: ItemId
    kind: LinkKind
    late: bool


@dataclass(frozen=True)
class TimelinePage:
    title: str
    subtitle: str
    blocks: tuple[BandBlock, ...]
    connectors: tuple[Connector, ...]

    @property
    def bars(self) -> tuple[BarBox, ...]:
        return tuple(b for block in self.blocks for b in block.bars)


# --- packing ------------------------------------------------------------------


@dataclass(frozen=True)
class _Placed:
    item: Item
    x: float
    w: float
    label: str
    row: int


@dataclass(frozen=True)
class _PackedLane:
    lane: Lane
    placed: tuple[_Placed, ...]
    rows: int
    min_h: float  # the lane name's height

    @property
    def height(self) -> float:
        return max(max(self.rows, 1) * ROW_H + 2 * LANE_PAD, self.min_h)


def _x(d: date, start: date, end: date) -> float:
    return PLOT_X0 + (d - start).days / max((end - start).days, 1) * (PLOT_X1 - PLOT_X0)


def _extent(item: Item, start: date, end: date) -> tuple[float, float, str, float, float]:
    """(x, w, label placement, leftmost, rightmost) of an item on the period [start, end)."""
    title_w = text_width(item.title, BAR_PT)
    if item.is_milestone:
        cx = _x(item.start, start, end)
        x, w = cx - DIAMOND / 2, DIAMOND
        inside = False
    else:
        x0 = _x(max(item.start, start), start, end)
        x1 = _x(min(item.end + timedelta(days=1), end), start, end)
        x, w = x0, max(x1 - x0, MIN_BAR_W)
        inside = title_w + 2 * INSET <= w
    if inside:
        return x, w, "inside", x, x + w
    if x + w + GAP + title_w <= PLOT_X1 + LABEL_SLACK or x - GAP - title_w < PLOT_X0:
        return x, w, "right", x, x + w + GAP + title_w
    return x, w, "left", x - GAP - title_w, x + w


def _pack_lane(lane: Lane, items: Sequence[Item], start: date, end: date) -> _PackedLane:
    """First-fit rows by the space each item takes with its title."""
    shown = [i for i in items if i.start < end and i.end >= start]
    spans = sorted(((_extent(i, start, end), i) for i in shown), key=lambda e: (e[0][3], item_order(e[1])))
    row_ends: list[float] = []
    placed = []
    for (x, w, label, left, right), item in spans:
        row = next((r for r, e in enumerate(row_ends) if e + GAP <= left), len(row_ends))
        if row == len(row_ends):
            row_ends.append(right)
        else:
            row_ends[row] = right
        placed.append(_Placed(item, x, w, label, row))
    name_lines = wrapped_lines(lane.name, LABEL_W - 0.15, LANE_PT, bold=True)
    return _PackedLane(lane, tuple(placed), len(row_ends), name_lines * LANE_PT * 1.2 / 72 + 2 * LANE_PAD)


def _ticks(start: date, end: date, fy_month: int) -> tuple[Tick, ...]:
    """Fiscal years over quarters on a long span; quarters over months on a short one."""
    months = (end.year - start.year) * 12 + end.month - start.month
    ticks = []
    if months > 30:
        d = fiscal_year_start(fiscal_year(start, fy_month), fy_month)
        step, fine = 12, 3
    else:
        d, step, fine = quarter_start(start, fy_month), 3, 1
    d = month_start(d)
    while d < end:
        for k in range(0, step, fine):
            m = add_months(d, k)
            if start <= m < end:
                major = k == 0
                ticks.append(Tick(_x(m, start, end), _tick_label(m, major, step, fy_month), major))
        d = add_months(d, step)
    return tuple(ticks)


def _tick_label(d: date, major: bool, step: int, fy_month: int) -> str:
    if step == 12:
        return year_label(fiscal_year(d, fy_month), fy_month) if major else f"Q{fiscal_quarter(d, fy_month)}"
    if major:
        fy = year_label(fiscal_year(d, fy_month), fy_month)
        return f"{fy} Q{fiscal_quarter(d, fy_month)}" if fy_month != 1 else f"Q{fiscal_quarter(d, fy_month)} {d.year}"
    return d.strftime("%b")


# --- blocks and pages ------------------------------------------------------------


@dataclass(frozen=True)
class _Band:
    band: Band
    start: date
    end: date
    lanes: tuple[tuple[Lane, tuple[Item, ...]], ...]


def _band_span(roadmap: Roadmap, band: Band) -> tuple[date, date]:
    info = roadmap.info
    if band == Band.BUSINESS:
        start = month_start(info.horizon_start)
        end = add_months(start, info.business_years * 12)
    else:
        start, end = month_start(info.tech_window_start), tech_window_end(roadmap)
    items = roadmap.items_of(band)
    if items:  # stretch to whole months around work planned outside the horizon
        start = min(start, month_start(min(i.start for i in items)))
        end = max(end, add_months(month_start(max(i.end for i in items)), 1))
    return start, end


def _block(band: _Band, packed: Sequence[_PackedLane], top: float, roadmap: Roadmap, today: date,
           row_slices: dict[LaneId, tuple[int, int]] | None = None) -> BandBlock:
    start, end = band.start, band.end
    y = top + AXIS_H
    lanes, bars = [], []
    for p in packed:
        first, last = (row_slices or {}).get(p.lane.id, (0, p.rows))
        rows = [q for q in p.placed if first <= q.row < last]
        h = _rows_height(p, (first, last))
        lanes.append(LaneBox(p.lane.id, p.lane.name, p.lane.colour, y, h))
        for q in rows:
            fill = fill_of(p.lane.colour, q.item.status)
            outline, outline_pt = outline_of(p.lane.colour, q.item.status)
            by = y + LANE_PAD + (q.row - first) * ROW_H + (ROW_H - BAR_H) / 2
            bx, bw, bh = q.x, q.w, BAR_H
            if q.item.is_milestone:
                by, bh = by + (BAR_H - DIAMOND) / 2, DIAMOND
            colour = text_on(fill) if q.label == "inside" else "#1d1f21"
            bars.append(BarBox(q.item.id, q.item.title, bx, by, bw, bh, q.item.is_milestone, fill, outline,
                               outline_pt, colour, q.label))
        y += h
    today_x = _x(today, start, end) if start <= today < end else None
    window = None
    if band.band == Band.BUSINESS:
        w0 = max(roadmap.info.tech_window_start, start)
        w1 = min(tech_window_end(roadmap), end)
        if w0 < w1:
            window = (_x(w0, start, end), _x(w1, start, end))
    return BandBlock(band.band, start, end, top, y - top, tuple(lanes), tuple(bars),
                     _ticks(start, end, roadmap.info.fiscal_year_start_month), today_x, window)


def _connectors(roadmap: Roadmap, shown: set[ItemId], late_pairs: set[tuple[ItemId, ItemId]]) -> tuple[Connector, ...]:
    out = []
    for link in roadmap.links.values():
        if link.source_id in shown and link.target_id in shown and link.source_id != link.target_id:
            out.append(Connector(link.source_id, link.target_id, link.kind,
                                 (link.source_id, link.target_id) in late_pairs))
    return tuple(out)


def _height(packed: Iterable[_PackedLane]) -> float:
    return AXIS_H + sum(p.height for p in packed)


AVAILABLE = CONTENT_BOTTOM - CONTENT_TOP


def plan_timeline(roadmap: Roadmap, today: date, late_pairs: Iterable[tuple[ItemId, ItemId]] = ()) -> list[TimelinePage]:
    """The timeline slides: the whole dual timeline if it fits, else split as the module says."""
    late = set(late_pairs)
    bands = []
    for band in (Band.BUSINESS, Band.TECH):
        start, end = _band_span(roadmap, band)
        lanes = tuple((lane, tuple(items)) for lane, items in lanes_with_items(roadmap, band))
        bands.append(_Band(band, start, end, lanes))
    packed = [[_pack_lane(l, items, b.start, b.end) for l, items in b.lanes] for b in bands]
    if _height(packed[0]) + BLOCK_GAP + _height(packed[1]) <= AVAILABLE:
        top = _block(bands[0], packed[0], CONTENT_TOP, roadmap, today)
        bottom = _block(bands[1], packed[1], top.top + top.height + BLOCK_GAP, roadmap, today)
        page = TimelinePage("The dual timeline", _span_text(bands[0]) + " · technology " + _span_text(bands[1]),
                            (top, bottom), ())
        shown = {b.item_id for b in page.bars}
        return [TimelinePage(page.title, page.subtitle, page.blocks, _connectors(roadmap, shown, late))]
    pages: list[TimelinePage] = []
    for band, lanes_packed in zip(bands, packed):
        pages += _band_pages(roadmap, today, band, lanes_packed, late)
    return pages


def _band_pages(roadmap: Roadmap, today: date, band: _Band, packed: list[_PackedLane], late) -> list[TimelinePage]:
    heading = f"{BAND_NAMES[band.band]} strategy"
    if _height(packed) <= AVAILABLE:
        return [_page(roadmap, today, band, packed, heading, _span_text(band), late)]
    if all(_height([p]) <= AVAILABLE for p in packed):
        return _grouped(roadmap, today, band, packed, heading, _span_text(band), late)
    pages = []
    fy = roadmap.info.fiscal_year_start_month
    d = fiscal_year_start(fiscal_year(band.start, fy), fy)
    while d < band.end:
        nxt = add_months(d, 12)
        part = _Band(band.band, max(d, band.start), min(nxt, band.end), band.lanes)
        part_packed = [_pack_lane(l, items, part.start, part.end) for l, items in band.lanes]
        part_packed = [p for p in part_packed if p.placed]
        if part_packed:
            pages += _grouped(roadmap, today, part, part_packed, heading, _span_text(part), late)
        d = nxt
    return pages


def _grouped(roadmap, today, band: _Band, packed: list[_PackedLane], heading: str, span: str, late) -> list[TimelinePage]:
    """Consecutive lanes on one slide while they fit; a lane taller than a slide flows on over the next ones.

    A lane that fits on a slide is never cut; a taller one starts in the room
    left on the current slide (when that holds a few rows) and continues.
    """
    room = AVAILABLE - AXIS_H
    groups: list[list[tuple[_PackedLane, tuple[int, int]]]] = [[]]
    used = 0.0
    for p in packed:
        whole = _rows_height(p, (0, p.rows))
        if whole > room - used and groups[-1] and whole <= room:
            groups.append([])
            used = 0.0
        if whole <= room - used:
            groups[-1].append((p, (0, p.rows)))
            used += whole
            continue
        first = 0
        while first < p.rows:
            fit = int((room - used - 2 * LANE_PAD) // ROW_H)
            if fit < MIN_CONTINUED_ROWS and groups[-1]:
                groups.append([])
                used = 0.0
                continue
            last = min(first + max(fit, 1), p.rows)
            groups[-1].append((p, (first, last)))
            used += _rows_height(p, (first, last))
            first = last
    parts = Counter(p.lane.id for group in groups for p, _ in group)
    seen: Counter = Counter()
    pages = []
    for group in (g for g in groups if g):
        names = []
        for p, _ in group:
            seen[p.lane.id] += 1
            total = parts[p.lane.id]
            names.append(p.lane.name + (f" ({seen[p.lane.id]} of {total})" if total > 1 else ""))
        sub = (", ".join(names) if len(names) <= 3 else f"{names[0]} to {names[-1]}") + f" · {span}"
        pages.append(_page(roadmap, today, band, [p for p, _ in group], heading, sub, late,
                           {p.lane.id: rows for p, rows in group}))
    return pages


def _rows_height(p: _PackedLane, rows: tuple[int, int]) -> float:
    return max(max(rows[1] - rows[0], 1) * ROW_H + 2 * LANE_PAD, p.min_h)


def _page(roadmap, today, band: _Band, packed, heading: str, subtitle: str, late, row_slices=None) -> TimelinePage:
    block = _block(band, packed, CONTENT_TOP, roadmap, today, row_slices)
    shown = {b.item_id for b in block.bars}
    return TimelinePage(heading, subtitle, (block,), _connectors(roadmap, shown, late))


def _span_text(band: _Band) -> str:
    last = band.end - timedelta(days=1)
    return f"{band.start:%b %Y} – {last:%b %Y}"
