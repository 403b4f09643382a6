"""The Business and Technology sheets: one filterable Excel table of items per band."""

from __future__ import annotations

from exports.board_facts import BAND_NAMES, SupportLinks, ordered_items
from exports.excel_cells import (
    DATE,
    DATE_WIDTH,
    MONEY,
    MONEY_WIDTH,
    TITLE,
    WRAP,
    Cell,
    ListValidation,
    fit_row_heights,
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
from planner.model import Band, Roadmap, Status

HEADER_ROW = 3
STATUS_COL = 7
STATUS_LABELS = {s: s.label for s in Status}
STATUS_CHOICES = tuple(STATUS_LABELS.values())
STATUS = Style(halign="center")

SHEET_NAMES = {Band.BUSINESS: "Business", Band.TECH: "Technology"}
TABLE_NAMES = {Band.BUSINESS: "BusinessItems", Band.TECH: "TechnologyItems"}
LINK_HEADINGS = {Band.BUSINESS: "Supported by (tech)", Band.TECH: "Supports (business)"}


def build_item_table(roadmap: Roadmap, band: Band, links: SupportLinks | None = None) -> Sheet:
    links = links or SupportLinks.of(roadmap)
    # Budget (right-aligned) sits before the centred status, so it never runs into the text after it.
    columns = ("Title", "Lane", "Owner", "Start", "End", "Budget", "Status", LINK_HEADINGS[band], "Description")
    sheet = Sheet(
        SHEET_NAMES[band],
        widths=[32, 18, 18, DATE_WIDTH, DATE_WIDTH, MONEY_WIDTH, 11, 32, 50],
        title_rows=HEADER_ROW,
        freeze_cols=1,
    )
    items = ordered_items(roadmap, band)
    lanes = roadmap.lanes
    linked = links.supported_by if band == Band.BUSINESS else links.supports
    budget = money_total([i.budget for i in items])
    milestones = sum(i.is_milestone for i in items)
    r = sheet.append([Cell(f"{BAND_NAMES[band]} strategy — items", TITLE)])
    sheet.heights[r] = 26
    sheet.append_note(
        f"{plural(len(items), 'item')} ({plural(milestones, 'milestone')}) · budget £{budget or 0:,.0f}. "
        "Use the filter buttons in the header row to sort and filter."
    )
    sheet.append(header_row(columns, [None, None, None, "center", "center", "right", "center"]))
    for item in items:
        names = "; ".join(roadmap.items[other].title for other in linked.get(item.id, ()))
        sheet.append([
            Cell(item.title, WRAP),
            Cell(lanes[item.lane_id].name, WRAP),
            optional(item.owner, WRAP),
            Cell(item.start, DATE),
            Cell(item.end, DATE),
            optional(item.budget, MONEY),
            Cell(STATUS_LABELS[item.status], STATUS),
            optional(names, WRAP),
            optional(item.description, WRAP),
        ])
    if not items:
        sheet.append([Cell(f"No {BAND_NAMES[band].lower()} items yet", WRAP)])
    fit_row_heights(sheet, HEADER_ROW + 1)
    n_rows = max(len(items), 1)
    sheet.tables.append(TableSpec(TABLE_NAMES[band], HEADER_ROW, 1, columns, n_rows))
    status_ref = column_ref(STATUS_COL, HEADER_ROW + 1, HEADER_ROW + n_rows)
    sheet.validations.append(ListValidation(status_ref, STATUS_CHOICES))
    sheet.highlights.extend(status_highlights(status_ref))
    return sheet
