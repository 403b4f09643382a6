"""The Alignment sheet: which tech work supports which business item, and what is left out.

A traceability matrix (tech items down, business items across, a mark where a
supports link exists) with totals that turn orphans red, with each link's
rationale in a cell comment; the Links sheet lists them for print. Printed one
page wide at 100% in 9 pt: past `MATRIX_MAX_COLUMNS` business items (columns
too narrow for a 9 pt title) the columns become business lanes holding counts.
"""

from __future__ import annotations

from exports import print_layout
from exports.board_facts import SupportLinks, lanes_with_items, ordered_items
from exports.excel_cells import (
    fit_row_heights,
    HEADER,
    INK,
    ORPHAN_FILL,
    ORPHAN_INK,
    SUBTITLE,
    TITLE,
    Cell,
    ListValidation,
    Sheet,
    Style,
    TableSpec,
    column_ref,
    header_row,
    hex6,
    ink_on,
    plural,
    rag_highlights,
)
from exports.excel_text import row_height, text_lines
from planner.model import Band, Item, ItemId, Roadmap

SHEET_NAME = "Alignment"
LINKS_SHEET_NAME = "Links"
MARK = "●"
HEADER_ROWS = 4
TECH_WIDTH, LANE_WIDTH, TOTAL_WIDTH = 24, 13, 6
MATRIX_WIDTH = print_layout.PAGE_UNITS - TECH_WIDTH - LANE_WIDTH - TOTAL_WIDTH
MIN_COLUMN, MAX_COLUMN, MIN_LANE_COLUMN = 2.0, 5.0, 6.0  # a 2-unit column holds one line of 9 pt text
MATRIX_MAX_COLUMNS = int(MATRIX_WIDTH // MIN_COLUMN)
ROTATED_LINE_PT = 11.5

ROTATED = Style(bold=True, rotation=90, wrap=True, halign="center", valign="bottom", fill="F3F4F6",
                left=("thin", "D1D5DB"))
MARK_STYLE = Style(bold=True, colour="1F3A5F", halign="center", valign="center")
COUNT_STYLE = Style(halign="center", valign="center", number_format="0")
COUNT_ORPHAN = COUNT_STYLE.but(bold=True, fill=ORPHAN_FILL, colour=ORPHAN_INK)
TECH_TITLE = Style(valign="center", wrap=True)
TECH_ORPHAN = TECH_TITLE.but(fill=ORPHAN_FILL, colour=ORPHAN_INK)
LANE_NAME = Style(colour="4B5563", valign="center", wrap=True)
TOTAL_LABEL = Style(bold=True, top=("thin", INK), valign="center")
TOTAL_COUNT = COUNT_STYLE.but(bold=True, top=("thin", INK))
TOTAL_ORPHAN = COUNT_ORPHAN.but(top=("thin", INK))
LIST_TEXT = Style(wrap=True)
ORPHAN_NOTE = LIST_TEXT.but(italic=True, colour=ORPHAN_INK)


def build_alignment(roadmap: Roadmap, links: SupportLinks | None = None) -> Sheet:
    links = links or SupportLinks.of(roadmap)
    tech = ordered_items(roadmap, Band.TECH)
    business = ordered_items(roadmap, Band.BUSINESS)
    by_item = len(business) <= MATRIX_MAX_COLUMNS
    if by_item:
        groups = [(lane, items) for lane, items in lanes_with_items(roadmap, Band.BUSINESS) if items]
        columns: list[list[Item]] = [[item] for _, items in groups for item in items]
    else:
        groups = [(lane, items) for lane, items in lanes_with_items(roadmap, Band.BUSINESS)]
        columns = [items for _, items in groups]
    n = len(columns)
    col_width = min(MAX_COLUMN if by_item else 12.0, max(MIN_COLUMN if by_item else MIN_LANE_COLUMN, MATRIX_WIDTH / max(n, 1)))
    sheet = Sheet(
        SHEET_NAME,
        widths=[TECH_WIDTH, LANE_WIDTH] + [col_width] * n + [TOTAL_WIDTH],
        title_rows=HEADER_ROWS,
        freeze_cols=2,
    )
    total_col = 3 + n
    orphans_tech = [t for t in tech if not links.supports.get(t.id)]
    orphans_business = [b for b in business if not links.supported_by.get(b.id)]

    r = sheet.append([Cell("Alignment — traceability matrix", TITLE)])
    sheet.heights[r] = 26
    what = "supports the business item" if by_item else "supports that many business items in the lane"
    sheet.append_note((
        f"{MARK if by_item else 'A number'} = the tech item {what}. "
        f"{len(orphans_tech)} of {len(tech)} tech items support no business item; "
        f"{len(orphans_business)} of {len(business)} business items have no supporting tech work (shown in red). "
        + ("Hover over a mark for the link's rationale; the Links sheet lists them all." if by_item else
           "The Links sheet lists every link and its rationale.")
    ))

    lane_row: list[Cell | None] = [Cell("Technology item", HEADER.but(valign="bottom")), Cell("Tech lane", HEADER.but(valign="bottom"))]
    title_row: list[Cell | None] = [None, None]
    col = 3
    lane_lines = 1
    for lane, items in groups:
        fill = hex6(lane.colour)
        span = len(items) if by_item else 1
        lane_row.extend([Cell(lane.name, Style(bold=True, colour=ink_on(fill), fill=fill, wrap=True,
                                               halign="center", valign="center"))] + [None] * (span - 1))
        if span > 1:
            sheet.merge(3, col, 3, col + span - 1)
        lane_lines = max(lane_lines, text_lines(lane.name, span * col_width, bold=True))
        col += span
    for column in columns:
        title_row.append(Cell(column[0].title if by_item else f"{len(column)} items", ROTATED))
    lane_row.append(Cell("Supports (count)", ROTATED.but(fill="DCE3EC")))
    sheet.append(lane_row)
    sheet.append(title_row)
    sheet.merge(3, 1, 4, 1)
    sheet.merge(3, 2, 4, 2)
    sheet.merge(3, total_col, 4, total_col)
    sheet.heights[3] = max(row_height(lane_lines), 24)
    sheet.heights[4] = _rotated_height([c.value for c in title_row[2:] if c], col_width)

    column_of: dict[ItemId, int] = {b.id: k for k, column in enumerate(columns) for b in column}
    lane_names = {lane.id: lane.name for lane in roadmap.lanes.values()}
    supported_counts = [0] * n
    lane_first: dict = {}
    for t in tech:
        lane_first.setdefault(t.lane_id, sheet.n_rows + 1)
        supported = links.supports.get(t.id, [])
        row: list[Cell | None] = [Cell(t.title, TECH_ORPHAN if not supported else TECH_TITLE),
                                  Cell(lane_names[t.lane_id], LANE_NAME)]
        marks: list[Cell | None] = [None] * n
        per_column = [0] * n
        for b in supported:
            k = column_of[b]
            per_column[k] += 1
            supported_counts[k] += 1
        for k, count in enumerate(per_column):
            if count:
                marks[k] = Cell(count, COUNT_STYLE)
        if by_item:
            for b in supported:
                why = links.rationale.get((t.id, b)) or "(no rationale given)"
                marks[column_of[b]] = Cell(MARK, MARK_STYLE, note=f"{t.title} supports {roadmap.items[b].title}: {why}")
        row.extend(marks)
        row.append(Cell(len(supported), COUNT_ORPHAN if not supported else COUNT_STYLE))
        sheet.append(row)
    if not tech:
        sheet.append([Cell("No tech items yet", SUBTITLE)])

    totals: list[Cell | None] = [Cell("Supported by (tech links)", TOTAL_LABEL), Cell(None, TOTAL_LABEL)]
    for k, column in enumerate(columns):
        unsupported = any(not links.supported_by.get(b.id) for b in column)
        totals.append(Cell(supported_counts[k], TOTAL_ORPHAN if unsupported else TOTAL_COUNT))
    totals.append(Cell(sum(supported_counts), TOTAL_COUNT))
    sheet.append(totals)
    fit_row_heights(sheet, HEADER_ROWS + 1)
    # Printed pages break between tech lanes where they can, and never leave the totals alone.
    starts = sorted(lane_first.values()) + [sheet.n_rows]
    for first, following in zip(starts, starts[1:]):
        sheet.keep_together(first, following - 1)
    sheet.keep_together(max(sheet.n_rows - 2, HEADER_ROWS + 1), sheet.n_rows)
    return sheet


def _rotated_height(titles: list[str], col_width: float) -> float:
    """The least height of the rotated title row that shows every title in the lines its column holds."""
    lines = max(1, int(print_layout.points(col_width) // ROTATED_LINE_PT))
    for height in range(60, 260, 10):
        if all(text_lines(t, height / print_layout.UNIT_PT, bold=True) <= lines for t in titles):
            return float(height)
    return 260.0


LINK_KINDS = ("Supports", "No business link", "Unsupported")
LINK_COLOURS = {"No business link": (ORPHAN_FILL, ORPHAN_INK), "Unsupported": (ORPHAN_FILL, ORPHAN_INK)}


def build_links(roadmap: Roadmap, links: SupportLinks | None = None) -> Sheet:
    """The Links sheet: why each supports link exists, and every orphan, as a filterable table."""
    links = links or SupportLinks.of(roadmap)
    sheet = Sheet(LINKS_SHEET_NAME, widths=[11, 20, 11, 20, 11, 39], title_rows=3, freeze_cols=2)
    tech = ordered_items(roadmap, Band.TECH)
    orphans_business = [b for b in ordered_items(roadmap, Band.BUSINESS) if not links.supported_by.get(b.id)]
    lane = {l.id: l.name for l in roadmap.lanes.values()}
    r = sheet.append([Cell("Why each link exists", TITLE)])
    sheet.heights[r] = 26
    count = sum(len(v) for v in links.supports.values())
    sheet.append_note(
        f"{plural(count, 'supports link')}, in the order of the Alignment matrix, then the orphans: "
        "tech work with no business link and business items no tech work supports."
    )
    columns = ("Link", "Technology item", "Tech lane", "Business item", "Business lane", "Rationale")
    sheet.append(header_row(columns))
    for t in tech:
        supported = links.supports.get(t.id, [])
        for b_id in supported:
            b = roadmap.items[b_id]
            why = links.rationale.get((t.id, b_id)) or "(no rationale given)"
            sheet.append([Cell("Supports", LIST_TEXT), Cell(t.title, LIST_TEXT), Cell(lane[t.lane_id], LIST_TEXT),
                          Cell(b.title, LIST_TEXT), Cell(lane[b.lane_id], LIST_TEXT), Cell(why, LIST_TEXT)])
        if not supported:
            sheet.append([Cell("No business link", LIST_TEXT), Cell(t.title, LIST_TEXT), Cell(lane[t.lane_id], LIST_TEXT),
                          None, None, Cell("Supports no business item: no business justification recorded.", ORPHAN_NOTE)])
    for b in orphans_business:
        sheet.append([Cell("Unsupported", LIST_TEXT), None, None, Cell(b.title, LIST_TEXT), Cell(lane[b.lane_id], LIST_TEXT),
                      Cell("No tech work supports this business item.", ORPHAN_NOTE)])
    n_rows = sheet.n_rows - 3
    if not n_rows:
        sheet.append([Cell("No links or items yet", SUBTITLE)])
    fit_row_heights(sheet, 3)
    sheet.tables.append(TableSpec("SupportLinks", 3, 1, columns, max(n_rows, 1)))
    sheet.validations.append(ListValidation(column_ref(1, 4, 3 + max(n_rows, 1)), LINK_KINDS))
    sheet.highlights.extend(rag_highlights(column_ref(1, 4, 3 + max(n_rows, 1)), LINK_COLOURS))
    return sheet
