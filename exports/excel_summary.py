"""The Summary sheet: the page a board member reads first, and always exactly one printed page.

10 pt text at 100%. Strategy and alignment (score, top findings) run across the
page; below them the shared outcomes (left) and the portfolio by lane (right)
sit side by side in single-line rows. What does not fit is trimmed in a fixed
order (fewer findings, lane detail folded into band totals, the last metrics)
and the page says where the rest is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from exports import print_layout
from exports.board_facts import BAND_NAMES, SupportLinks, lanes_with_items, measurements_of, metric_rag
from exports.excel_cells import (
    HEADER,
    INK,
    MONEY_FORMAT,
    NUMBER_FORMAT,
    RAG_COLOURS,
    SECTION,
    SUBTITLE,
    TEXT_PT,
    TITLE,
    Cell,
    Sheet,
    Style,
    column_ref,
    money_total,
    month_label,
    plural,
    rag_highlights,
)
from exports.excel_text import text_lines
from planner.dates import add_months, fiscal_year, fiscal_year_start, month_start, year_label
from planner.model import Band, Roadmap

SHEET_NAME = "Summary"
# Left block A-E (outcomes), a gutter F, right block G-J (portfolio): 112 units, one page wide at 100%.
WIDTHS = [26, 7.5, 7.5, 7.5, 7.5, 2, 24, 7, 10, 13]
LAST_COL = len(WIDTHS)
LEFT, RIGHT = (1, 5), (7, 10)
VALUE_WIDTH = sum(WIDTHS[1:])
TITLE_PT, SUBTITLE_PT, SECTION_PT = 24.0, 15.0, 19.0
LINE_PT, NEXT_LINE_PT = 13.0, 12.0  # a 10 pt row, and each further wrapped line
MAX_FACT_LINES = 2
MAX_FINDING_LINES = 3
TOP_FINDINGS = 5  # errors first; the Findings list in the app has the rest
MIN_FINDINGS = 2
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

TEXT = Style(size=TEXT_PT, valign="top")
WRAP = TEXT.but(wrap=True)
LABEL = TEXT.but(bold=True, colour=INK)
HEAD = HEADER.but(size=TEXT_PT)
NUMBER = TEXT.but(number_format=NUMBER_FORMAT, halign="right")
CENTRED = TEXT.but(halign="center")
COUNT = TEXT.but(number_format="0", halign="center")
MONEY = TEXT.but(number_format=MONEY_FORMAT, halign="right")
TOTAL = TEXT.but(bold=True, top=("thin", INK))
GRAND = TOTAL.but(fill="E5E7EB")
MUTED_NOTE = SUBTITLE.but(size=TEXT_PT)
SEVERITY_STYLE = {
    "error": LABEL.but(fill="FEE2E2", colour="991B1B"),
    "warning": LABEL.but(fill="FEF3C7", colour="92400E"),
    "info": LABEL.but(fill="DBEAFE", colour="1E40AF"),
}


def lines_height(lines: int) -> float:
    return LINE_PT + NEXT_LINE_PT * (max(lines, 1) - 1)


@dataclass(frozen=True)
class _Fact:
    label: str
    value: str
    style: Style = LABEL

    def lines(self, limit: int) -> int:
        return min(text_lines(self.value, VALUE_WIDTH, TEXT_PT), limit)


def build_summary(
    roadmap: Roadmap,
    today: date,
    *,
    findings: Sequence | None = None,
    alignment_score: float | None = None,
    score_reason: str = "",
    links: SupportLinks | None = None,
) -> Sheet:
    links = links or SupportLinks.of(roadmap)
    info = roadmap.info
    sheet = Sheet(SHEET_NAME, widths=list(WIDTHS), title_rows=2, show_gridlines=False)

    strategy = [_Fact("Vision", info.vision or "—"), _Fact("Mission", info.mission or "—"),
                _Fact("Horizons", _horizons(roadmap)), _Fact("Fiscal year", _fiscal_note(info.fiscal_year_start_month, today))]
    tech, business = roadmap.items_of(Band.TECH), roadmap.items_of(Band.BUSINESS)
    unlinked = sum(1 for t in tech if not links.supports.get(t.id))
    unsupported = sum(1 for b in business if not links.supported_by.get(b.id))
    ranked, count = _ranked(findings)
    if alignment_score is None:  # an empty roadmap: nothing to judge yet, and the pack says why
        score = f"— ({score_reason or 'not computed'})"
    else:
        score = f"{alignment_score:.0f} / 100 · {count}"
    alignment = [_Fact("Alignment score", score),
                 _Fact("Orphans", f"{unlinked} of {len(tech)} tech items support no business item; "
                                  f"{unsupported} of {len(business)} business items have no supporting tech work")]
    outcomes = _outcome_rows(roadmap, today)
    portfolio = _portfolio_rows(roadmap, by_lane=True)

    # Fit the page: the fixed parts, then as many findings as leave room for the tables.
    budget = print_layout.BODY_HEIGHT_PT - print_layout.HEIGHT_SLACK_PT - TITLE_PT - SUBTITLE_PT - 3 * SECTION_PT
    used = sum(lines_height(f.lines(MAX_FACT_LINES)) for f in strategy + alignment)
    finding_heights = [lines_height(f.lines(MAX_FINDING_LINES)) for f in ranked]
    def room_for_tables(shown: int) -> int:  # single-line rows left below the findings
        return int((budget - used - sum(finding_heights[:shown])) // LINE_PT)

    shown = len(ranked)
    rows = room_for_tables(shown)
    if len(portfolio) > rows:
        portfolio = _portfolio_rows(roadmap, by_lane=False)
    while shown > MIN_FINDINGS and rows < max(len(portfolio), min(len(outcomes), 4)):
        shown -= 1
        rows = room_for_tables(shown)
    if len(outcomes) > rows:
        hidden = len(outcomes) - rows + 1
        outcomes = outcomes[: rows - 1] + [[Cell(f"{hidden} more on the Outcomes sheet", MUTED_NOTE)]]

    r = sheet.append([Cell(info.title, TITLE)])
    sheet.merge(r, 1, r, LAST_COL)
    sheet.heights[r] = TITLE_PT
    org = f"{info.organisation} · " if info.organisation else ""
    r = sheet.append([Cell(f"{org}Board pack as of {today:%d %b %Y}", SUBTITLE.but(size=TEXT_PT))])
    sheet.heights[r] = SUBTITLE_PT

    _section(sheet, "Strategy")
    for fact in strategy:
        _fact(sheet, fact, MAX_FACT_LINES)
    _section(sheet, "Alignment")
    for fact in alignment:
        _fact(sheet, fact, MAX_FACT_LINES)
    for f in ranked[:shown]:
        _fact(sheet, f, MAX_FINDING_LINES)

    r = _section(sheet, "Shared outcomes", LEFT)
    _section_cells(sheet, r, "Portfolio by lane", RIGHT)
    first = sheet.n_rows + 1
    for n in range(max(len(outcomes), len(portfolio))):
        left = outcomes[n] if n < len(outcomes) else []
        right = portfolio[n] if n < len(portfolio) else []
        row = sheet.append(list(left) + [None] * (RIGHT[0] - 1 - len(left)) + list(right))
        sheet.heights[row] = LINE_PT
    statuses = [first + n for n, row in enumerate(outcomes) if len(row) == 5]
    if len(statuses) > 1:
        sheet.highlights.extend(rag_highlights(column_ref(5, statuses[1], statuses[-1]), RAG_COLOURS))
    return sheet


def _section(sheet: Sheet, title: str, cols: tuple[int, int] = (1, LAST_COL)) -> int:
    r = sheet.append()
    sheet.heights[r] = SECTION_PT
    _section_cells(sheet, r, title, cols)
    return r


def _section_cells(sheet: Sheet, row: int, title: str, cols: tuple[int, int]) -> None:
    cells = sheet.rows[row - 1]
    for col in range(cols[0], cols[1] + 1):
        cells[col - 1] = Cell(title if col == cols[0] else None, SECTION)


def _fact(sheet: Sheet, fact: _Fact, limit: int) -> None:
    r = sheet.append([Cell(fact.label, fact.style), Cell(fact.value, WRAP)])
    sheet.merge(r, 2, r, LAST_COL)
    sheet.heights[r] = lines_height(fact.lines(limit))


def _horizons(roadmap: Roadmap) -> str:
    info = roadmap.info
    horizon_end = add_months(month_start(info.horizon_start), info.business_years * 12 - 1)
    tech_end = add_months(month_start(info.tech_window_start), info.tech_months - 1)
    return (f"Business {month_label(info.horizon_start)} – {month_label(horizon_end)} ({info.business_years} years) · "
            f"tech cycle {month_label(info.tech_window_start)} – {month_label(tech_end)} ({info.tech_months} months)")


def _fiscal_note(start_month: int, today: date) -> str:
    if start_month == 1:
        return "Calendar year (January to December)"
    fy = fiscal_year(today, start_month)
    first = fiscal_year_start(fy, start_month)
    last = add_months(first, 11)
    month = first.strftime("%B")
    return f"Starts in {month}: {year_label(fy, start_month)} runs {month_label(first)} – {month_label(last)}"


def _ranked(findings: Sequence | None) -> tuple[list[_Fact], str]:
    """The top findings as facts (worst first), and what the score line says of them."""
    if findings is None:
        return [], "findings not yet computed"
    if not findings:
        return [], "no findings: tech and business plans are in line"
    ranked = sorted(findings, key=lambda f: SEVERITY_ORDER.get(str(getattr(f, "severity", "")).lower(), 3))
    facts = []
    for f in ranked[:TOP_FINDINGS]:
        severity = str(getattr(f, "severity", "")).lower()
        message = str(getattr(f, "message", f))
        if action := getattr(f, "action", ""):
            message = f"{message} Action: {action}"
        facts.append(_Fact(severity.capitalize() or "Finding", message, SEVERITY_STYLE.get(severity, LABEL)))
    return facts, f"{plural(len(ranked), 'finding')}, the most severe below" if len(ranked) > 1 else "1 finding, below"


def _outcome_rows(roadmap: Roadmap, today: date) -> list[list[Cell | None]]:
    rows: list[list[Cell | None]] = [[Cell(h, HEAD.but(halign=a)) for h, a in
                                      (("Metric", None), ("Baseline", "right"), ("Target", "right"),
                                       ("Latest", "right"), ("Status", "center"))]]
    history = measurements_of(roadmap)
    for m in roadmap.metrics.values():
        ms = history.get(m.id, [])
        unit = f" ({m.unit.strip()})" if m.unit and m.unit.strip() else ""
        rows.append([Cell(m.name + unit, TEXT), _number(m.baseline), _number(m.target),
                     _number(ms[-1].value if ms else None), Cell(metric_rag(m, ms, today), CENTRED)])
    if not roadmap.metrics:
        rows.append([Cell("No shared outcome metrics yet", MUTED_NOTE)])
    return rows


def _number(value: float | None) -> Cell | None:
    return None if value is None else Cell(value, NUMBER)


def _portfolio_rows(roadmap: Roadmap, *, by_lane: bool) -> list[list[Cell | None]]:
    """Lane rows and band totals (or only the totals), then all items."""
    rows: list[list[Cell | None]] = [[Cell("Lane" if by_lane else "Band", HEAD), Cell("Items", HEAD.but(halign="center")),
                                      Cell("Milestones", HEAD.but(halign="center")), Cell("Budget", HEAD.but(halign="right"))]]
    budgets: list[float | None] = []
    all_items = all_milestones = 0
    for band in (Band.BUSINESS, Band.TECH):
        band_budgets: list[float | None] = []
        band_items = band_milestones = 0
        for lane, items in lanes_with_items(roadmap, band):
            milestones = sum(i.is_milestone for i in items)
            budget = money_total([i.budget for i in items])
            if by_lane:
                rows.append([Cell(lane.name, TEXT), Cell(len(items), COUNT), Cell(milestones, COUNT),
                             None if budget is None else Cell(budget, MONEY)])
            band_budgets.append(budget)
            band_items += len(items)
            band_milestones += milestones
        total = money_total(band_budgets)
        rows.append(_total_row(f"{BAND_NAMES[band]} total", band_items, band_milestones, total, TOTAL))
        budgets.append(total)
        all_items += band_items
        all_milestones += band_milestones
    rows.append(_total_row("All items", all_items, all_milestones, money_total(budgets), GRAND))
    return rows


def _total_row(label: str, items: int, milestones: int, budget: float | None, style: Style) -> list[Cell | None]:
    return [Cell(label, style), Cell(items, style.but(halign="center")), Cell(milestones, style.but(halign="center")),
            Cell(budget, style.but(number_format=MONEY_FORMAT, halign="right"))]
