"""The Summary sheet: the page a board member reads first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from exports.board_facts import BAND_NAMES, SupportLinks, lanes_with_items, measurements_of, metric_rag
from exports.excel_cells import (
    DATE,
    LABEL,
    MONEY,
    NUMBER,
    RAG_COLOURS,
    SECTION,
    SUBTITLE,
    TITLE,
    TOTAL,
    WRAP,
    Cell,
    Picture,
    Sheet,
    Style,
    column_ref,
    fit_row_heights,
    header_row,
    money_total,
    month_label,
    optional,
    png_size,
    rag_highlights,
    wrapped_height,
)
from planner.dates import add_months, fiscal_year, fiscal_year_start, month_start, year_label
from planner.model import Band, Roadmap

SHEET_NAME = "Summary"
WIDTHS = [34, 30, 12, 12, 14, 14, 12]
LAST_COL = len(WIDTHS)
VALUE_WIDTH = sum(WIDTHS[1:])
PICTURE_MAX_WIDTH = 900  # pixels: about the width of columns A-G
PICTURE_MAX_HEIGHT = 540  # pixels: what a landscape page holds below the title rows
PIXELS_PER_ROW = 20  # a default 15 pt row
TOP_FINDINGS = 5  # errors first; the Findings list in the app has the rest
NOT_COMPUTED = "Not yet computed (the alignment rules arrive in a later version)"
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_STYLE = {
    "error": Style(bold=True, fill="FEE2E2", colour="991B1B"),
    "warning": Style(bold=True, fill="FEF3C7", colour="92400E"),
    "info": Style(bold=True, fill="DBEAFE", colour="1E40AF"),
}
CENTRED = Style(halign="center")
COUNT = Style(number_format="0", halign="center")


def build_summary(
    roadmap: Roadmap,
    today: date,
    *,
    picture_png: bytes | None = None,
    findings: Sequence | None = None,
    alignment_score: float | None = None,
    links: SupportLinks | None = None,
) -> Sheet:
    links = links or SupportLinks.of(roadmap)
    info = roadmap.info
    sheet = Sheet(SHEET_NAME, widths=list(WIDTHS), title_rows=2, show_gridlines=False)
    r = sheet.append([Cell(info.title, TITLE)])
    sheet.merge(r, 1, r, LAST_COL)
    sheet.heights[r] = wrapped_height(info.title, sum(WIDTHS), size=16)
    org = f"{info.organisation} · " if info.organisation else ""
    sheet.append([Cell(f"{org}Board pack as of {today:%d %b %Y}", SUBTITLE)])

    _section(sheet, "Strategy")
    _fact(sheet, "Vision", info.vision or "—")
    _fact(sheet, "Mission", info.mission or "—")
    horizon_end = add_months(month_start(info.horizon_start), info.business_years * 12 - 1)
    _fact(sheet, "Business horizon", f"{month_label(info.horizon_start)} – {month_label(horizon_end)} ({info.business_years} years)")
    tech_end = add_months(month_start(info.tech_window_start), info.tech_months - 1)
    _fact(sheet, "Tech cycle", f"{month_label(info.tech_window_start)} – {month_label(tech_end)} ({info.tech_months} months)")
    _fact(sheet, "Fiscal year", _fiscal_note(info.fiscal_year_start_month, today))

    _section(sheet, "Alignment")
    score = NOT_COMPUTED if alignment_score is None else f"{alignment_score:.0f} / 100"
    _fact(sheet, "Alignment score", score)
    tech = roadmap.items_of(Band.TECH)
    business = roadmap.items_of(Band.BUSINESS)
    unlinked = sum(1 for t in tech if not links.supports.get(t.id))
    unsupported = sum(1 for b in business if not links.supported_by.get(b.id))
    _fact(sheet, "Unlinked tech items", f"{unlinked} of {len(tech)} support no business item")
    _fact(sheet, "Unsupported business items", f"{unsupported} of {len(business)} have no supporting tech work")
    _findings(sheet, findings)

    _section(sheet, "Shared outcomes")
    _outcomes(sheet, roadmap, today)

    if picture_png is not None:
        sheet.page_breaks.append(sheet.n_rows)
        _picture(sheet, picture_png)
    sheet.page_breaks.append(sheet.n_rows)
    _section(sheet, "Portfolio by lane", gap=False)
    _portfolio(sheet, roadmap)
    fit_row_heights(sheet)
    return sheet


def _picture(sheet: Sheet, png: bytes) -> None:
    """The dual-timeline picture on a page of its own, scaled to the page."""
    _section(sheet, "Dual timeline", gap=False)
    width, height = png_size(png)
    scale = min(1.0, PICTURE_MAX_WIDTH / width, PICTURE_MAX_HEIGHT / height)
    placed = (max(round(width * scale), 1), max(round(height * scale), 1))
    sheet.pictures.append(Picture(png, sheet.n_rows + 1, 1, *placed))
    for _ in range(-(-placed[1] // PIXELS_PER_ROW) + 1):  # empty rows under the picture keep it in the print area
        sheet.append()


def _section(sheet: Sheet, title: str, *, gap: bool = True) -> None:
    if gap:
        sheet.append()
    r = sheet.append([Cell(title, SECTION)] + [Cell(None, SECTION)] * (LAST_COL - 1))
    sheet.heights[r] = 22


def _fact(sheet: Sheet, label: str, value: str) -> None:
    r = sheet.append([Cell(label, LABEL), Cell(value, WRAP)])
    sheet.merge(r, 2, r, LAST_COL)
    height = wrapped_height(value, VALUE_WIDTH)
    if height > 18:
        sheet.heights[r] = height


def _fiscal_note(start_month: int, today: date) -> str:
    if start_month == 1:
        return "Calendar year (January to December)"
    fy = fiscal_year(today, start_month)
    first = fiscal_year_start(fy, start_month)
    last = add_months(first, 11)
    month = first.strftime("%B")
    return f"Starts in {month}: {year_label(fy, start_month)} runs {month_label(first)} – {month_label(last)}"


def _findings(sheet: Sheet, findings: Sequence | None) -> None:
    if findings is None:
        _fact(sheet, "Top findings", "Not yet computed")
        return
    if not findings:
        _fact(sheet, "Top findings", "No findings: tech and business plans are in line")
        return
    ranked = sorted(findings, key=lambda f: SEVERITY_ORDER.get(str(getattr(f, "severity", "")).lower(), 3))
    sheet.append([Cell(f"Top findings ({min(len(ranked), TOP_FINDINGS)} of {len(ranked)})", LABEL)])
    for f in ranked[:TOP_FINDINGS]:
        severity = str(getattr(f, "severity", "")).lower()
        message = str(getattr(f, "message", f))
        if action := getattr(f, "action", ""):
            message = f"{message} Action: {action}"
        r = sheet.append([Cell(severity.capitalize() or "Finding", SEVERITY_STYLE.get(severity, LABEL)), Cell(message, WRAP)])
        sheet.merge(r, 2, r, LAST_COL)
        if (h := wrapped_height(message, VALUE_WIDTH)) > 18:
            sheet.heights[r] = h


def _portfolio(sheet: Sheet, roadmap: Roadmap) -> None:
    sheet.append(header_row(("Band", "Lane", "Items", "Milestones", "Budget"), (None, None, "center", "center", "right")))
    all_budgets: list[float | None] = []
    all_items = all_milestones = 0
    for band in (Band.BUSINESS, Band.TECH):
        band_budgets: list[float | None] = []
        band_items = band_milestones = 0
        for lane, items in lanes_with_items(roadmap, band):
            milestones = sum(i.is_milestone for i in items)
            budget = money_total([i.budget for i in items])
            sheet.append([Cell(BAND_NAMES[band]), Cell(lane.name, WRAP), Cell(len(items), COUNT), Cell(milestones, COUNT),
                          optional(budget, MONEY)])
            band_budgets.append(budget)
            band_items += len(items)
            band_milestones += milestones
        total = money_total(band_budgets)
        sheet.append([Cell(f"{BAND_NAMES[band]} total", TOTAL), Cell(None, TOTAL), Cell(band_items, TOTAL.but(halign="center")),
                      Cell(band_milestones, TOTAL.but(halign="center")), Cell(total, TOTAL.but(number_format=MONEY.number_format))])
        all_budgets.append(total)
        all_items += band_items
        all_milestones += band_milestones
    grand = TOTAL.but(fill="E5E7EB")
    sheet.append([Cell("All items", grand), Cell(None, grand), Cell(all_items, grand.but(halign="center")),
                  Cell(all_milestones, grand.but(halign="center")),
                  Cell(money_total(all_budgets), grand.but(number_format=MONEY.number_format))])


def _outcomes(sheet: Sheet, roadmap: Roadmap, today: date) -> None:
    header = sheet.append(header_row(("Metric", "Business item", "Baseline", "Target", "Latest", "Target date", "Status"),
                                     (None, None, "right", "right", "right", "center", "center")))
    history = measurements_of(roadmap)
    for m in roadmap.metrics.values():
        ms = history.get(m.id, [])
        business = roadmap.items.get(m.business_item_id) if m.business_item_id else None
        unit = f" {m.unit}" if m.unit and m.unit != "%" else m.unit
        sheet.append([
            Cell(m.name + (f" ({unit.strip()})" if unit else ""), WRAP), optional(business.title if business else None, WRAP),
            optional(m.baseline, NUMBER), optional(m.target, NUMBER), optional(ms[-1].value if ms else None, NUMBER),
            optional(m.target_date, DATE), Cell(metric_rag(m, ms, today), CENTRED),
        ])
    if not roadmap.metrics:
        sheet.append([Cell("No shared outcome metrics yet", SUBTITLE)])
        return
    sheet.highlights.extend(rag_highlights(column_ref(LAST_COL, header + 1, sheet.n_rows), RAG_COLOURS))
