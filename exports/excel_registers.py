"""The Risks and Reviews sheets: registers a board reads as tables, one page wide at 100%."""

from __future__ import annotations

from collections import Counter

from exports.board_facts import BAND_NAMES, category_label, risk_rating, risk_score
from exports.excel_cells import (
    fit_row_heights,
    DATE,
    INTEGER,
    RATING_COLOURS,
    SECTION,
    SUBTITLE,
    TITLE,
    WRAP,
    Cell,
    Sheet,
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


def heading(sheet: Sheet, title: str, note: str) -> None:
    r = sheet.append([Cell(title, TITLE)])
    sheet.heights[r] = 26
    sheet.append_note(note)


def table(sheet: Sheet, name: str, columns: tuple[str, ...], rows: list[list[Cell | None]], empty: str,
           aligns: tuple[str | None, ...] = ()) -> TableSpec:
    """A header row and `rows` as one Excel table, with row heights fitted to wrapped text."""
    first = sheet.append(header_row(columns, aligns))
    for row in rows:
        sheet.append(row)
    if not rows:
        sheet.append([Cell(empty, SUBTITLE)])
    fit_row_heights(sheet, first)
    sheet.keep_together(first, first + 1)  # never a header alone at the foot of a page
    spec = TableSpec(name, first, 1, columns, max(len(rows), 1))
    sheet.tables.append(spec)
    return spec


# --- Risks ------------------------------------------------------------------


def build_risks(roadmap: Roadmap) -> Sheet:
    sheet = Sheet(
        "Risks",
        widths=[18, 9, 12, 9, 6.5, 5.5, 7, 22.5, 22.5],
        title_rows=3,
        freeze_cols=1,
    )
    risks = sorted(roadmap.risks.values(), key=lambda r: (-risk_score(r), r.id))
    counts = Counter(risk_rating(r) for r in risks)
    heading(sheet, "Risks",
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
    spec = table(sheet, "RiskRegister", columns, rows, "No risks recorded yet",
                  (None, None, None, "center", "center", "center", "center"))
    sheet.highlights.extend(rag_highlights(column_ref(7, spec.first_row + 1, spec.first_row + spec.n_rows), RATING_COLOURS))
    return sheet


# --- Reviews ----------------------------------------------------------------


def build_reviews(roadmap: Roadmap) -> Sheet:
    sheet = Sheet("Reviews", widths=[10, 9, 30, 63], title_rows=3, freeze_cols=1)
    reviews = sorted(roadmap.reviews.values(), key=lambda r: (r.held_on, r.id), reverse=True)
    fy = roadmap.info.fiscal_year_start_month
    latest = f" The latest was held on {reviews[0].held_on:%d %b %Y}." if reviews else ""
    heading(sheet, "Quarterly reviews", f"{plural(len(reviews), 'review')}, newest first.{latest}")
    rows = []
    for review in reviews:
        kinds = Counter(d.decision for d in review.decisions)
        summary = ", ".join(f"{kinds[d]} {d.value}" for d in Decision if kinds[d])
        rows.append([
            Cell(review.held_on, DATE), Cell(quarter_label(review.held_on, fy), CENTRED),
            Cell(plural(len(review.decisions), "decision") + (f": {summary}" if summary else ""), WRAP),
            optional(review.notes, WRAP),
        ])
    table(sheet, "ReviewLog", ("Held on", "Quarter", "Decisions", "Notes"), rows, "No reviews held yet",
           ("center", "center"))

    sheet.append()
    r = sheet.append([Cell("Decisions", SECTION)])
    sheet.heights[r] = 22
    sheet.keep_together(r, r + 2)
    rows = [
        [Cell(review.held_on, DATE), Cell(d.decision.value.capitalize(), CENTRED), Cell(d.item_title, WRAP), optional(d.note, WRAP)]
        for review in reviews
        for d in review.decisions
    ]
    table(sheet, "ReviewDecisions", ("Held on", "Decision", "Item", "Note"), rows, "No decisions recorded yet",
           ("center", "center"))
    return sheet
