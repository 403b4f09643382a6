"""The Outcomes sheet (the shared metrics, and a line chart of each against its baseline and target)
and the Measurements sheet (every measurement).

Each chart plots its metric's rows of the Measurements table (dates, values,
baseline, target), so what is drawn is what is printed. Charts sit three to a
row, a row of the sheet each, so a page break never cuts one; the measurements
have a sheet of their own so that their header repeats on every printed page.
"""

from __future__ import annotations

import math
from datetime import date

from exports.board_facts import measurements_of, metric_rag, progress
from exports.excel_cells import (
    DATE,
    NUMBER,
    PERCENT,
    SECTION,
    Cell,
    Sheet,
    Style,
    column_ref,
    optional,
    rag_highlights,
    range_ref,
)
from exports.excel_drawings import ChartSpec, Series
from exports.excel_registers import heading, table
from exports import print_layout
from planner.dates import months_between
from planner.model import Measurement, Metric, Roadmap

SHEET_NAME = "Outcomes"
MEASUREMENTS_SHEET = "Measurements"
MEASUREMENT_WIDTHS = [24, 6, 9, 9, 11, 9, 9, 9, 26]  # 112 units
WIDTHS = [17, 5, 7.5, 7.5, 9.5, 7.5, 9.5, 7, 13, 15, 13.5]  # 112 units: one page wide at 100%
CENTRED = Style(halign="center")
CHANGE = Style(number_format="+#,##0.##;-#,##0.##;0", halign="center")
WRAP = Style(wrap=True)
CHARTS_PER_ROW = 3
CHART_GAP_PT = 10
CHART_ROW_PT = 186  # a chart and the space beneath it
CHART_HEIGHT_PT = 176
MEASURED, BASELINE, TARGET = "1F3A5F", "6B7280", "2E7D32"
# Measurements table columns the charts read.
BASELINE_COL, TARGET_COL, DATE_COL, VALUE_COL = 3, 4, 5, 6


def build_outcomes(roadmap: Roadmap, today: date) -> tuple[Sheet, Sheet]:
    """The Outcomes sheet and the Measurements sheet its charts plot."""
    history = measurements_of(roadmap)
    measurements, spans = _measurements(roadmap, history)
    sheet = Sheet(SHEET_NAME, widths=list(WIDTHS), title_rows=2, freeze_cols=1)
    heading(sheet, "Shared outcomes",
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
    spec = table(sheet, "SharedOutcomes", columns, metric_rows, "No shared outcome metrics yet",
                 (None, "center", "right", "right", "center", "right", "center", "center"))
    sheet.highlights.extend(rag_highlights(column_ref(8, spec.first_row + 1, spec.first_row + spec.n_rows)))

    charted = [(m, history[m.id]) for m in roadmap.metrics.values() if history.get(m.id)]
    chart_rows = _chart_rows(sheet, len(charted))
    for n, (metric, ms) in enumerate(charted):
        first, last = spans[metric.id]
        sheet.charts.append(_chart(metric, ms, first, last, chart_rows[n // CHARTS_PER_ROW], n % CHARTS_PER_ROW))
    return sheet, measurements


def _measurements(roadmap: Roadmap, history: dict) -> tuple[Sheet, dict]:
    sheet = Sheet(MEASUREMENTS_SHEET, widths=list(MEASUREMENT_WIDTHS), title_rows=3, freeze_cols=1)
    heading(sheet, "Measurements", "Every measurement of each shared outcome, oldest first: the data the "
            "Outcomes sheet's charts plot. Progress is the share of the way from baseline to target.")
    rows, spans = _measurement_rows(roadmap, history, first_row=sheet.n_rows + 2)
    columns = ("Metric", "Unit", "Baseline", "Target", "Measured on", "Value", "Progress", "Change", "Note")
    table(sheet, "Measurements", columns, rows, "No measurements yet",
          (None, "center", "right", "right", "center", "right", "center", "center"))
    return sheet, spans


def _chart_rows(sheet: Sheet, count: int) -> list[int]:
    """A section heading and one tall row per three charts; returns those rows."""
    if not count:
        return []
    sheet.append()
    r = sheet.append([Cell("Each outcome against its baseline and target", SECTION)])
    sheet.heights[r] = 22
    sheet.keep_together(r, r + 1)
    rows = []
    for _ in range(math.ceil(count / CHARTS_PER_ROW)):
        rows.append(sheet.append())
        sheet.heights[rows[-1]] = CHART_ROW_PT
    return rows


def _measurement_rows(roadmap: Roadmap, history: dict, first_row: int):
    """The Measurements table's rows, and where each metric's rows are (for its chart)."""
    names = {m.id: m for m in roadmap.metrics.values()}
    rows: list[list[Cell | None]] = []
    spans: dict = {}
    for metric_id, ms in history.items():
        m = names.get(metric_id)
        if m is None:
            continue
        spans[m.id] = (first_row + len(rows), first_row + len(rows) + len(ms) - 1)
        previous = None
        for x in ms:
            done = progress(m, x.value)
            rows.append([
                Cell(m.name, WRAP), optional(m.unit, CENTRED), optional(m.baseline, NUMBER), optional(m.target, NUMBER),
                Cell(x.measured_on, DATE), Cell(x.value, NUMBER), optional(done, PERCENT.but(halign="center")),
                optional(None if previous is None else round(x.value - previous, 10), CHANGE), optional(x.note, WRAP),
            ])
            previous = x.value
    return rows, spans


def _chart(metric: Metric, ms: list[Measurement], first: int, last: int, row: int, slot: int) -> ChartSpec:
    width = (print_layout.BODY_WIDTH_PT - CHART_GAP_PT * (CHARTS_PER_ROW - 1)) / CHARTS_PER_ROW - 4
    col, offset = print_layout.column_at(WIDTHS, slot * (width + CHART_GAP_PT))
    series = [Series("Measured", range_ref(first, VALUE_COL, last, VALUE_COL), MEASURED, markers=True)]
    if metric.baseline is not None:
        series.append(Series("Baseline", range_ref(first, BASELINE_COL, last, BASELINE_COL), BASELINE, dashed=True))
    if metric.target is not None:
        series.append(Series("Target", range_ref(first, TARGET_COL, last, TARGET_COL), TARGET, dashed=True))
    values = [x.value for x in ms] + [v for v in (metric.baseline, metric.target) if v is not None]
    low, high = nice_bounds(min(values), max(values))
    months = months_between(ms[0].measured_on, ms[-1].measured_on)
    unit = f" ({metric.unit})" if metric.unit else ""
    return ChartSpec(
        "line", f"{metric.name}{unit}", range_ref(first, DATE_COL, last, DATE_COL), tuple(series),
        row=row, col=col, col_offset=offset, width=width, height=CHART_HEIGHT_PT, data_sheet=MEASUREMENTS_SHEET,
        value_format="#,##0.##", value_min=low, value_max=high, major_months=max(1, math.ceil(months / 6)),
    )


def nice_bounds(low: float, high: float) -> tuple[float, float]:
    """Axis ends a little outside [low, high] on a round step, so a small change is not drawn flat."""
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    step = 10 ** math.floor(math.log10((high - low) / 4))
    for k in (1, 2, 2.5, 5, 10):
        if (high - low) / (k * step) <= 6:
            step *= k
            break
    lo, hi = math.floor(low / step - 0.25) * step, math.ceil(high / step + 0.25) * step
    if low >= 0 > lo:
        lo = 0.0
    return round(lo, 10), round(hi, 10)
