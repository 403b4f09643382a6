"""The Outcomes, Risks and Reviews sheets: registers a board reads as tables."""

from __future__ import annotations

from collections import Counter
from datetime import date

from exports.board_facts import (
    BAND_NAMES,
    category_label,
    measurements_of,
    metric_rag,
    progress,
    risk_rating,
    risk_score,
)
from exports.excel_cells import (
    DATE,
    DATE_WIDTH,
    INTEGER,
    NUMBER,
    PERCENT,
    RATING_COLOURS,
    SECTION,
    SUBTITLE,
    TITLE,
    WRAP,
    Cell,
    Sheet,
    fit_row_heights,
    header_row,
    plural,
    Style,
    TableSpec,
    column_ref,
    optional,
    rag_highlights,
)
from planner.dates import quarter_label
from planner.model import Decision, Roadmap

CENTRED = Style(halign="center")
CHANGE = Style(number_format="+#,##0.##;-#,##0.##;0", halign="center")


def _heading(sheet: Sheet, title: str, note: str) -> None:
    r = sheet.append([Cell(title, TITLE)])
    sheet.heights[r] = 26
    sheet.append_note(note)


def _table(sheet: Sheet, name: str, columns: tuple[str, ...], rows: list[list[Cell | None]], empty: str,
           aligns: tuple[str | None, ...] = ()) -> TableSpec:
    """A header row and `rows` as one Excel table, with row heights fitted to wrapped text."""
    first = sheet.append(header_row(columns, aligns))
    for row in rows:
        sheet.append(row)
    if not rows:
        sheet.append([Cell(empty, SUBTITLE)])
    fit_row_heights(sheet, first + 1)
    spec = TableSpec(name, first, 1, columns, max(len(rows), 1))
    sheet.tables.append(spec)
    return spec


# --- Outcomes ---------------------------------------------------------------


def build_outcomes(roadmap: Roadmap, today: date) -> Sheet:
    sheet = Sheet(
        "Outcomes",
        widths=[28, 7, 10, 10, DATE_WIDTH, 10, DATE_WIDTH, 9, 26, 30, 36],
        title_rows=3,
        freeze_cols=1,
    )
    history = measurements_of(roadmap)
    _heading(sheet, "Shared outcomes",
             "Business results the named tech work is expected to move. Status compares progress towards the "
             "target with the time gone to the target date: Green on pace, Amber up to a quarter behind, Red further behind.")
    items = roadmap.items
    metric_rows = []
    for m in roadmap.metrics.values():
        ms = history.get(m.id, [])
        latest = ms[-1] if ms else None
        metric_rows.append([
            Cell(m.name, WRAP), optional(m.unit, CENTRED), optional(m.baseline, NUMBER), optional(m.target, NUMBER),
            optional(m.target_date, DATE), optional(latest.value if latest else None, NUMBER),
            optional(latest.measured_on if latest else None, DATE), Cell(metric_rag(m, ms, today), CENTRED),
            optional(items[m.business_item_id].title if m.business_item_id in items else None, WRAP),
            optional("; ".join(items[t].title for t in m.tech_item_ids if t in items), WRAP),
            optional(m.notes, WRAP),
        ])
    columns = ("Metric", "Unit", "Baseline", "Target", "Target date", "Latest", "Latest on", "Status",
               "Business item", "Tech items", "Notes")
    spec = _table(sheet, "SharedOutcomes", columns, metric_rows, "No shared outcome metrics yet",
                  (None, "center", "right", "right", "center", "right", "center", "center"))
    sheet.highlights.extend(rag_highlights(column_ref(8, spec.first_row + 1, spec.first_row + spec.n_rows)))

    sheet.append()
    r = sheet.append([Cell("Measurements", SECTION)])
    sheet.heights[r] = 22
    names = {m.id: m for m in roadmap.metrics.values()}
    rows = []
    for metric_id, ms in history.items():
        m = names.get(metric_id)
        if m is None:
            continue
        previous = None
        for x in ms:
            done = progress(m, x.value)
            rows.append([
                Cell(m.name, WRAP), optional(m.unit, CENTRED), optional(m.baseline, NUMBER), optional(m.target, NUMBER),
                Cell(x.measured_on, DATE), Cell(x.value, NUMBER), optional(done, PERCENT.but(halign="center")),
                optional(None if previous is None else round(x.value - previous, 10), CHANGE), optional(x.note, WRAP),
            ])
            previous = x.value
    columns = ("Metric", "Unit", "Baseline", "Target", "Measured on", "Value", "Progress", "Change", "Note")
    _table(sheet, "Measurements", columns, rows, "No measurements yet",
           (None, "center", "right", "right", "center", "right", "center", "center"))
    return sheet


# --- Risks ------------------------------------------------------------------


def build_risks(roadmap: Roadmap) -> Sheet:
    sheet = Sheet(
        "Risks",
        widths=[34, 12, 20, 11, 9, 8, 10, 50, 50],
        title_rows=3,
        freeze_cols=1,
    )
    risks = sorted(roadmap.risks.values(), key=lambda r: (-risk_score(r), r.id))
    counts = Counter(risk_rating(r) for r in risks)
    _heading(sheet, "Risks",
             f"{plural(len(risks), 'risk')}: {counts['High']} high, {counts['Medium']} medium, {counts['Low']} low. "
             "Score = likelihood × impact (each 1-5); 15 or more is high, 8 or more medium.")
    rows = []
    for risk in risks:
        item = roadmap.items.get(risk.item_id)
        rows.append([
            Cell(item.title if item else f"(deleted item {risk.item_id})", WRAP),
            optional(BAND_NAMES[item.band] if item else None), Cell(category_label(risk.category), WRAP),
            Cell(risk.likelihood, INTEGER), Cell(risk.impact, INTEGER), Cell(risk_score(risk), INTEGER),
            Cell(risk_rating(risk), CENTRED), optional(risk.description, WRAP), optional(risk.mitigation, WRAP),
        ])
    columns = ("Item", "Band", "Category", "Likelihood", "Impact", "Score", "Rating", "Risk", "Mitigation")
    spec = _table(sheet, "RiskRegister", columns, rows, "No risks recorded yet",
                  (None, None, None, "center", "center", "center", "center"))
    sheet.highlights.extend(rag_highlights(column_ref(7, spec.first_row + 1, spec.first_row + spec.n_rows), RATING_COLOURS))
    return sheet


# --- Reviews ----------------------------------------------------------------


def build_reviews(roadmap: Roadmap) -> Sheet:
    sheet = Sheet("Reviews", widths=[DATE_WIDTH, 14, 40, 80], title_rows=3, freeze_cols=1)
    reviews = sorted(roadmap.reviews.values(), key=lambda r: (r.held_on, r.id), reverse=True)
    fy = roadmap.info.fiscal_year_start_month
    latest = f" The latest was held on {reviews[0].held_on:%d %b %Y}." if reviews else ""
    _heading(sheet, "Quarterly reviews", f"{plural(len(reviews), 'review')}, newest first.{latest}")
    rows = []
    for review in reviews:
        kinds = Counter(d.decision for d in review.decisions)
        summary = ", ".join(f"{kinds[d]} {d.value}" for d in Decision if kinds[d])
        rows.append([
            Cell(review.held_on, DATE), Cell(quarter_label(review.held_on, fy), CENTRED),
            Cell(plural(len(review.decisions), "decision") + (f": {summary}" if summary else ""), WRAP),
            optional(review.notes, WRAP),
        ])
    _table(sheet, "ReviewLog", ("Held on", "Quarter", "Decisions", "Notes"), rows, "No reviews held yet",
           ("center", "center"))

    sheet.append()
    r = sheet.append([Cell("Decisions", SECTION)])
    sheet.heights[r] = 22
    rows = [
        [Cell(review.held_on, DATE), Cell(d.decision.value.capitalize(), CENTRED), Cell(d.item_title, WRAP), optional(d.note, WRAP)]
        for review in reviews
        for d in review.decisions
    ]
    _table(sheet, "ReviewDecisions", ("Held on", "Decision", "Item", "Note"), rows, "No decisions recorded yet",
           ("center", "center"))
    return sheet
