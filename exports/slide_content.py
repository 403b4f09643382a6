"""The board slides other than the timeline, as plain blocks: title, alignment, outcomes, drift, risks.

Facts come from where the board pack gets them (exports/board_facts.py, the
alignment report, planner/drift.py), so the deck and the workbook never disagree.
"""

from __future__ import annotations

from datetime import date

from exports.board_facts import BAND_NAMES, category_label, measurements_of, metric_rag, risk_rating, risk_score
from exports.slide_blocks import Cell, ChartBlock, Column, Para, Series, Slide, TextBlock, more_line, table
from exports.slide_style import (
    ACCENT,
    CONTENT_BOTTOM,
    CONTENT_TOP,
    HEADING_PT,
    MARGIN,
    MUTED,
    RATING_COLOURS,
    SEVERITY_COLOURS,
    SLIDE_W,
)
from exports.slide_text import text_height
from planner.alignment import AlignmentReport
from planner.drift import Drift, DriftKind
from planner.model import Metric, Roadmap

WIDTH = SLIDE_W - 2 * MARGIN


def day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def title_slide(roadmap: Roadmap, today: date, notes: str) -> Slide:
    info = roadmap.info
    y = 1.5
    blocks = [TextBlock(MARGIN, y, WIDTH, 1.3, (Para(info.title or "Roadmap", 36, bold=True),))]
    y += text_height(info.title or "Roadmap", WIDTH, 36, bold=True) + 0.15
    byline = " · ".join(p for p in (info.organisation, f"Board pack, {day(today)}") if p)
    blocks.append(TextBlock(MARGIN, y, WIDTH, 0.45, (Para(byline, 18, colour=MUTED),)))
    y += 0.8
    for label, text in (("Vision", info.vision), ("Mission", info.mission)):
        if not text:
            continue
        h = text_height(text, WIDTH, 16) + 0.35
        blocks.append(TextBlock(MARGIN, y, WIDTH, h, (Para(label, HEADING_PT, bold=True, colour=ACCENT), Para(text, 16))))
        y += h + 0.2
    return Slide(info.title or "Roadmap", "", tuple(blocks), notes=notes, kind="title")


# --- alignment ------------------------------------------------------------------------


def alignment_slide(roadmap: Roadmap, report: AlignmentReport, notes: str) -> Slide:
    score = TextBlock(MARGIN, CONTENT_TOP, 2.3, 1.6, (
        Para(f"{report.score}", 54, bold=True, colour=ACCENT), Para("out of 100", HEADING_PT, colour=MUTED)), "centre")
    parts_cols = (Column("Part of the score", 2.5), Column("Score", 0.75, "right"), Column("Weight", 0.8, "right"),
                  Column("What was measured", 5.85))
    parts = [(Cell(p.name), Cell(str(p.score)), Cell(str(p.weight)), Cell(p.detail)) for p in report.parts]
    parts_table, _ = table(MARGIN + 2.5, CONTENT_TOP, parts_cols, parts, 3.0, pt=10.0)
    top = CONTENT_TOP + max(parts_table.h, 1.6) + 0.25
    counts = report.counts_by_severity
    heading = TextBlock(MARGIN, top, WIDTH, 0.35, (Para(
        "Top findings: " + ", ".join(f"{n} {s.value}{'s' if n != 1 and s.value != 'info' else ''}" for s, n in counts.items()),
        HEADING_PT, bold=True),))
    cols = (Column("Severity", 1.05), Column("Finding and action", 7.6), Column("Items it names", 3.78))
    rows = [
        (Cell(f.severity.label, colour=SEVERITY_COLOURS[f.severity.value], bold=True),
         Cell(f.message, sub=f.action),
         Cell("\n".join(roadmap.items[i].title for i in f.item_ids if i in roadmap.items) or "The whole roadmap"))
        for f in report.findings
    ]
    blocks = [score, parts_table, heading]
    if rows:
        found, kept = table(MARGIN, top + 0.4, cols, rows, CONTENT_BOTTOM - top - 0.4 - 0.3)
        blocks.append(found)
        if kept < len(rows):
            blocks.append(more_line(MARGIN, found.y + found.h + 0.05, WIDTH, len(rows) - kept, "findings"))
    else:
        blocks.append(TextBlock(MARGIN, top + 0.4, WIDTH, 0.4, (Para("No findings: the tech and business plans are in line."),)))
    return Slide("Alignment", f"Score {report.score}/100 and what lowers it", tuple(blocks), notes=notes, kind="alignment")


# --- shared outcomes ---------------------------------------------------------------------


def _format(unit: str) -> str:
    safe = unit and all(c not in unit for c in '"\\') and len(unit) <= 6
    suffix = unit if unit == "%" else f" {unit}"
    return '#,##0.0#' + (f'"{suffix}"' if safe else "")  # quoted, so a unit is shown, never read as a format


def outcome_slides(roadmap: Roadmap, today: date, notes: str) -> list[Slide]:
    history = measurements_of(roadmap)
    slides = []
    for metric in roadmap.metrics.values():
        ms = history.get(metric.id, [])
        slides.append(_outcome_slide(roadmap, metric, ms, today, notes))
    return slides


def _outcome_slide(roadmap: Roadmap, metric: Metric, ms, today: date, notes: str) -> Slide:
    dates = [m.measured_on for m in ms]
    values: list[float | None] = [m.value for m in ms]
    if metric.target_date and (not dates or metric.target_date > dates[-1]):
        dates.append(metric.target_date)
        values.append(None)
    series = [Series("Measured", tuple(values), ACCENT, markers=True)]
    if metric.baseline is not None:
        series.append(Series("Baseline", tuple(metric.baseline for _ in dates), MUTED, dashed=True))
    if metric.target is not None:
        series.append(Series("Target", tuple(metric.target for _ in dates), RATING_COLOURS["Green"], dashed=True))
    blocks: list = []
    chart_w = 8.0
    if dates:
        blocks.append(ChartBlock(MARGIN, CONTENT_TOP, chart_w, CONTENT_BOTTOM - CONTENT_TOP, tuple(dates), tuple(series),
                                 _format(metric.unit)))
    else:
        blocks.append(TextBlock(MARGIN, CONTENT_TOP, chart_w, 0.5, (Para("No measurements and no target date yet."),)))
    items = roadmap.items
    rag = metric_rag(metric, ms, today)
    latest = ms[-1] if ms else None

    def num(v: float | None) -> str:
        return "—" if v is None else f"{v:,.10g}{metric.unit if metric.unit == '%' else ' ' + metric.unit if metric.unit else ''}"

    facts = [
        ("Status", Cell(rag, colour=RATING_COLOURS.get(rag), bold=True)),
        ("Latest", Cell(num(latest.value) if latest else "No measurement yet", sub=day(latest.measured_on) if latest else "")),
        ("Baseline", Cell(num(metric.baseline))),
        ("Target", Cell(num(metric.target), sub=f"by {day(metric.target_date)}" if metric.target_date else "")),
        ("Business goal", Cell(items[metric.business_item_id].title if metric.business_item_id in items else "—")),
        ("Moved by", Cell("\n".join(items[t].title for t in metric.tech_item_ids if t in items) or "—")),
        ("About", Cell(metric.notes or "—")),
    ]
    x = MARGIN + chart_w + 0.3
    cols = (Column("", 1.3), Column("", SLIDE_W - MARGIN - x - 1.3))
    side, _ = table(x, CONTENT_TOP, cols, [(Cell(k, bold=True), v) for k, v in facts], CONTENT_BOTTOM - CONTENT_TOP)
    blocks.append(side)
    unit = f" ({metric.unit})" if metric.unit else ""
    return Slide(f"Shared outcome: {metric.name}", f"Measurements against baseline and target{unit}", tuple(blocks),
                 notes=notes, kind="outcome")


# --- since the last review -----------------------------------------------------------------


_KIND_LABEL = {DriftKind.SLIPPED: "Slipped", DriftKind.PULLED_IN: "Pulled in", DriftKind.ADDED: "Added",
               DriftKind.REMOVED: "Removed", DriftKind.START_MOVED: "Start moved"}
_KIND_COLOUR = {DriftKind.SLIPPED: RATING_COLOURS["Red"], DriftKind.PULLED_IN: RATING_COLOURS["Green"],
                DriftKind.ADDED: "#3f7fd9", DriftKind.REMOVED: MUTED, DriftKind.START_MOVED: RATING_COLOURS["Amber"]}
_DRIFT_ORDER = (DriftKind.SLIPPED, DriftKind.PULLED_IN, DriftKind.ADDED, DriftKind.REMOVED, DriftKind.START_MOVED)


def _moved(days: int | None) -> str:
    if not days:
        return ""
    return f"{abs(days)} days {'later' if days > 0 else 'earlier'}"


def drift_slide(drift: Drift | None, notes: str) -> Slide:
    if drift is None:
        text = TextBlock(MARGIN, CONTENT_TOP, WIDTH, 1.0, (
            Para("No quarterly review has been held yet.", HEADING_PT, bold=True),
            Para("Hold a review in the app to record a baseline; the next deck then shows what moved since.")))
        return Slide("Since the last review", "No review yet", (text,), notes=notes, kind="drift")
    review = drift.review
    rows = []
    for kind in _DRIFT_ORDER:
        for e in drift.of_kind(kind):
            was = f"{day(e.baseline_start)} – {day(e.baseline_end)}" if e.baseline_end else "—"
            now = f"{day(e.start)} – {day(e.end)}" if e.end else "—"
            moved = _moved(e.end_days if kind != DriftKind.START_MOVED else e.start_days)
            rows.append((Cell(_KIND_LABEL[kind], colour=_KIND_COLOUR[kind], bold=True), Cell(e.title, sub=moved),
                         Cell(was), Cell(now)))
    for change in drift.link_changes:
        rows.append((Cell("Link added" if change.added else "Link removed", colour="#3f7fd9" if change.added else MUTED,
                          bold=True), Cell(f"{change.source_title} → {change.target_title}"), Cell(""), Cell("")))
    left_w = 7.1
    cols = (Column("Change", 1.25), Column("Item", 2.45), Column("Was", 1.7), Column("Now", 1.7))
    blocks: list = [TextBlock(MARGIN, CONTENT_TOP, left_w, 0.35, (Para(
        f"What moved: {len(drift.slipped)} slipped, {len(drift.pulled_in)} pulled in, "
        f"{len(drift.added)} added, {len(drift.removed)} removed", HEADING_PT, bold=True),))]
    top = CONTENT_TOP + 0.42
    if rows:
        moved, kept = table(MARGIN, top, cols, rows, CONTENT_BOTTOM - top - 0.35, pt=10.0)
        blocks.append(moved)
        if kept < len(rows):
            blocks.append(more_line(MARGIN, moved.y + moved.h + 0.05, left_w, len(rows) - kept, "changes"))
    else:
        blocks.append(TextBlock(MARGIN, top, left_w, 0.4, (Para("Nothing has moved since the review."),)))
    x = MARGIN + left_w + 0.3
    right_w = SLIDE_W - MARGIN - x
    blocks.append(TextBlock(x, CONTENT_TOP, right_w, 0.35, (Para(f"Decisions taken ({len(review.decisions)})", HEADING_PT, bold=True),)))
    decisions = [(Cell(d.decision.value.capitalize(), bold=True), Cell(d.item_title, sub=d.note)) for d in review.decisions]
    if decisions:
        dec, kept = table(x, top, (Column("Decision", 1.1), Column("Item and note", right_w - 1.1)), decisions,
                          CONTENT_BOTTOM - top - 0.35, pt=10.0)
        blocks.append(dec)
        if kept < len(decisions):
            blocks.append(more_line(x, dec.y + dec.h + 0.05, right_w, len(decisions) - kept, "decisions"))
    else:
        blocks.append(TextBlock(x, top, right_w, 0.4, (Para("No decisions were recorded."),)))
    return Slide("Since the last review", f"Review of {day(review.held_on)}", tuple(blocks), notes=notes, kind="drift")


# --- risks --------------------------------------------------------------------------------


def risks_slide(roadmap: Roadmap, notes: str) -> Slide:
    risks = sorted(roadmap.risks.values(), key=lambda r: (-risk_score(r), r.id))
    if not risks:
        text = TextBlock(MARGIN, CONTENT_TOP, WIDTH, 0.5, (Para("No risks recorded yet."),))
        return Slide("Top risks", "By score", (text,), notes=notes, kind="risks")
    cols = (Column("Score", 0.75, "right"), Column("Rating", 1.0), Column("Risk and mitigation", 6.6),
            Column("Item", 2.4), Column("Category", 1.68))
    rows = []
    for r in risks:
        item = roadmap.items.get(r.item_id)
        rating = risk_rating(r)
        rows.append((
            Cell(str(risk_score(r)), sub=f"{r.likelihood}×{r.impact}"),
            Cell(rating, colour=RATING_COLOURS[rating], bold=True),
            Cell(r.description or "—", sub=f"Mitigation: {r.mitigation}" if r.mitigation else "No mitigation recorded"),
            Cell(item.title if item else f"(deleted item {r.item_id})", sub=BAND_NAMES[item.band] if item else ""),
            Cell(category_label(r.category)),
        ))
    risk_table, kept = table(MARGIN, CONTENT_TOP, cols, rows, CONTENT_BOTTOM - CONTENT_TOP - 0.35)
    blocks: list = [risk_table]
    if kept < len(rows):
        blocks.append(more_line(MARGIN, risk_table.y + risk_table.h + 0.05, WIDTH, len(rows) - kept, "risks"))
    return Slide("Top risks", f"The {kept} highest of {len(risks)} by score (likelihood × impact)", tuple(blocks),
                 notes=notes, kind="risks")

