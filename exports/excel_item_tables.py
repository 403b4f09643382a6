"""The Business and Technology sheets: one filterable Excel table of items per band.

Printed one page wide at 100% in 9 pt: short columns never wrap, the title and
description wrap where they must. Items with no supports link (unsupported
goals, unjustified tech work) are marked as in the Alignment matrix: the title
in red and a red 0 in the links column. The Links sheet names every link.

Items are listed as an outline (planner/hierarchy.py): lanes in order, each item
followed by its children, whose titles are indented a step per level and whose
rows are Excel outline groups under their parent's row, so a reader can fold
a goal's sub-goals away with the buttons in the margin.
"""

from __future__ import annotations

from exports.board_facts import BAND_NAMES, SupportLinks
from exports.excel_cells import (
    fit_row_heights,
    DATE,
    MONEY,
    ORPHAN_FILL,
    ORPHAN_INK,
    TITLE,
    WRAP,
    Cell,
    ListValidation,
    header_row,
    plural,
    Sheet,
    Style,
    TableSpec,
    column_ref,
    money_total,
    optional,
    status_highlights,
)
from planner.hierarchy import outline
from planner.money import exact
from planner.model import Band, Roadmap, Status

HEADER_ROW = 3
STATUS_COL = 7
WIDTHS = [21, 13, 11, 9.5, 9.5, 10, 8, 6.5, 23.5]  # 112 units: one page wide at 100%
STATUS_LABELS = {s: s.label for s in Status}
STATUS_CHOICES = tuple(STATUS_LABELS.values())
STATUS = Style(halign="center")
COUNT = Style(halign="center", number_format="0")
ORPHAN_TITLE = WRAP.but(fill=ORPHAN_FILL, colour=ORPHAN_INK)
ORPHAN_COUNT = COUNT.but(bold=True, fill=ORPHAN_FILL, colour=ORPHAN_INK)
MAX_OUTLINE = 7  # Excel's deepest row outline level; deeper items share it

SHEET_NAMES = {Band.BUSINESS: "Business", Band.TECH: "Technology"}
TABLE_NAMES = {Band.BUSINESS: "BusinessItems", Band.TECH: "TechnologyItems"}
LINK_HEADINGS = {Band.BUSINESS: "Tech links", Band.TECH: "Goal links"}
ORPHAN_NOTES = {
    Band.BUSINESS: "business items have no supporting tech work",
    Band.TECH: "tech items support no business item (no business justification)",
}


def build_item_table(roadmap: Roadmap, band: Band, links: SupportLinks | None = None) -> Sheet:
    links = links or SupportLinks.of(roadmap)
    # Budget (right-aligned) sits before the centred status, so it never runs into the text after it.
    columns = ("Title", "Lane", "Owner", "Start", "End", "Budget", "Status", LINK_HEADINGS[band], "Description")
    sheet = Sheet(SHEET_NAMES[band], widths=list(WIDTHS), title_rows=HEADER_ROW, freeze_cols=1)
    rows = outline(roadmap, band)
    items = [r.item for r in rows]
    lanes = roadmap.lanes
    linked = links.supported_by if band == Band.BUSINESS else links.supports
    budget = money_total([i.budget for i in items])
    milestones = sum(i.is_milestone for i in items)
    orphans = sum(1 for i in items if not linked.get(i.id))
    r = sheet.append([Cell(f"{BAND_NAMES[band]} strategy — items", TITLE)])
    sheet.heights[r] = 26
    sheet.append_note(
        f"{plural(len(items), 'item')} ({plural(milestones, 'milestone')}) · budget {exact(budget or 0, roadmap.info.currency)}. "
        f"{orphans} of {len(items)} {ORPHAN_NOTES[band]}: shown in red, as in the Alignment matrix. "
        "Use the filter buttons in the header row to sort and filter."
    )
    sheet.append(header_row(columns, [None, None, None, "center", "center", "right", "center", "center"]))
    for row in rows:
        item, depth = row.item, min(row.level - 1, MAX_OUTLINE)
        others = linked.get(item.id, ())
        title = WRAP if others else ORPHAN_TITLE
        r = sheet.append([
            Cell(item.title, title.but(indent=2 * depth, halign="left") if depth else title),  # indent needs an explicit left
            Cell(lanes[item.lane_id].name, WRAP),
            optional(item.owner, WRAP),
            Cell(item.start, DATE),
            Cell(item.end, DATE),
            optional(item.budget, MONEY),
            Cell(STATUS_LABELS[item.status], STATUS),
            Cell(len(others), COUNT if others else ORPHAN_COUNT),
            optional(item.description, WRAP),
        ])
        if depth:
            sheet.outline_levels[r] = depth
    if not items:
        sheet.append([Cell(f"No {BAND_NAMES[band].lower()} items yet", WRAP)])
    fit_row_heights(sheet, HEADER_ROW)
    n_rows = max(len(items), 1)
    sheet.tables.append(TableSpec(TABLE_NAMES[band], HEADER_ROW, 1, columns, n_rows))
    status_ref = column_ref(STATUS_COL, HEADER_ROW + 1, HEADER_ROW + n_rows)
    sheet.validations.append(ListValidation(status_ref, STATUS_CHOICES))
    sheet.highlights.extend(status_highlights(status_ref))
    return sheet
