"""The Investment sheet: where the technology budget goes, by business goal and by tech lane and year.

The numbers are planner.investment's: a tech item's budget shared equally among
the goals it supports, and spread over the (fiscal) years it runs. Each table
has a native bar chart beside or below it that plots exactly its cells.
"""

from __future__ import annotations

import math

from exports import print_layout
from exports.excel_cells import (
    MONEY,
    ORPHAN_FILL,
    ORPHAN_INK,
    PERCENT,
    SECTION,
    TOTAL,
    Cell,
    Sheet,
    Style,
    header_row,
    range_ref,
)
from exports.excel_drawings import ChartSpec, Series
from exports.excel_registers import heading
from planner.dates import year_label
from planner.money import exact
from planner.investment import InvestmentMix, investment_mix
from planner.model import Roadmap

SHEET_NAME = "Investment"
YEAR_COLS = 6  # years shown in the lane table; later ones are added into the last
WIDTHS = [30] + [11.7] * (YEAR_COLS + 1)  # 111.9 units: one page wide at 100%
TOP_GOALS = 12
MIN_CHART_PT = 190
CHART_ROW_PT = 200
NAVY = "1F3A5F"
YEAR_COLOURS = ("1F3A5F", "4A7FB5", "8FB3D9", "3A9A94", "9CCFCB", "C0813C", "E3B37A")
TEXT = Style(wrap=True)
SHARE = PERCENT.but(halign="right")
ORPHAN = TEXT.but(colour=ORPHAN_INK, fill=ORPHAN_FILL, italic=True)
ORPHAN_MONEY = MONEY.but(colour=ORPHAN_INK, fill=ORPHAN_FILL)
ORPHAN_SHARE = SHARE.but(colour=ORPHAN_INK, fill=ORPHAN_FILL)
TOTAL_MONEY = TOTAL.but(number_format=MONEY.number_format)


def money_axis(largest: float) -> dict:
    """A value axis with at most five short labels that never touch: a round step, in m, k or £."""
    step = 10 ** math.floor(math.log10(max(largest, 4.0) / 4))
    for k in (1, 2, 2.5, 5, 10):
        if largest / (k * step) <= 4:
            step *= k
            break
    if step >= 1_000_000:
        fmt = '£#,##0,,"m"' if step % 1_000_000 == 0 else '£#,##0.0,,"m"'
    elif step >= 1_000:
        fmt = '£#,##0,"k"' if step % 1_000 == 0 else '£#,##0.0,"k"'
    else:
        fmt = "£#,##0"
    return dict(value_format=fmt, value_min=0, value_max=math.ceil(largest / step) * step, value_step=step)


def build_investment(roadmap: Roadmap) -> Sheet:
    start_month = roadmap.info.fiscal_year_start_month
    mix = investment_mix(roadmap, start_month)
    sheet = Sheet(SHEET_NAME, widths=list(WIDTHS), title_rows=2)
    currency = roadmap.info.currency
    share = f"{exact(mix.tied, currency)} ({mix.share_tied:.0%}) is tied to business goals" if mix.total else "none is recorded yet"
    heading(sheet, "Investment mix",
            f"Technology budget {exact(mix.total, currency)}: {share}. An item's budget is shared equally among the goals it "
            "supports, and spread over the years it runs by days; tech items with no budget count as nothing.")
    _by_goal(sheet, mix)
    sheet.append()
    _by_lane(sheet, mix, start_month)
    return sheet


def _section(sheet: Sheet, title: str) -> int:
    r = sheet.append([Cell(title, SECTION)] + [Cell(None, SECTION)] * (sheet.n_cols - 1))
    sheet.heights[r] = 22
    return r


def _by_goal(sheet: Sheet, mix: InvestmentMix) -> None:
    section = _section(sheet, "By business goal")
    first = sheet.append(header_row(("Business goal", "Budget", "Share"), (None, "right", "right")))
    total = mix.total or 1.0
    plotted = [g.amount for g in mix.by_goal[:TOP_GOALS]] + [mix.unlinked]
    for goal in mix.by_goal[:TOP_GOALS]:
        sheet.append([Cell(goal.title, TEXT), Cell(goal.amount, MONEY), Cell(goal.amount / total, SHARE)])
    rest = mix.by_goal[TOP_GOALS:]
    if rest:
        amount = sum(g.amount for g in rest)
        plotted.append(amount)
        sheet.append([Cell(f"{len(rest)} other goals", TEXT), Cell(amount, MONEY), Cell(amount / total, SHARE)])
    sheet.append([Cell("Not tied to a business goal", ORPHAN), Cell(mix.unlinked, ORPHAN_MONEY),
                  Cell(mix.unlinked / total, ORPHAN_SHARE)])
    last = sheet.n_rows
    sheet.append([Cell("All technology budget", TOTAL), Cell(mix.total, TOTAL_MONEY), Cell(None, TOTAL)])
    height = sum(sheet.row_heights()[first - 1 : sheet.n_rows])
    if height < MIN_CHART_PT:  # room beneath the table for the chart beside it
        sheet.heights[sheet.append()] = MIN_CHART_PT - height
        height = MIN_CHART_PT
    sheet.keep_together(section, sheet.n_rows)
    if not mix.total:
        return
    x = print_layout.points(sum(WIDTHS[:3])) + 8
    col, offset = print_layout.column_at(WIDTHS, x)
    bars = Series("Budget", range_ref(first + 1, 2, last, 2), NAVY, highlight=(last - first - 1, "C0392B"))
    sheet.charts.append(ChartSpec(
        "bar", "Technology budget by business goal", range_ref(first + 1, 1, last, 1), (bars,),
        row=first, col=col, col_offset=offset, width=print_layout.BODY_WIDTH_PT - x - 4, height=height - 4,
        legend=False, **money_axis(max(plotted)),
    ))


def _by_lane(sheet: Sheet, mix: InvestmentMix, start_month: int) -> None:
    section = _section(sheet, "By tech lane and year")
    years = list(mix.years)
    shown = years if len(years) <= YEAR_COLS else years[: YEAR_COLS - 1] + [years[YEAR_COLS - 1]]
    labels = [year_label(y, start_month) for y in shown]
    if len(years) > YEAR_COLS:
        labels[-1] += " on"
    first = sheet.append(header_row(["Tech lane", *labels, "Total"], [None] + ["right"] * (len(labels) + 1)))
    for lane in mix.by_lane:
        amounts = list(lane.amounts[: len(shown) - 1]) + [sum(lane.amounts[len(shown) - 1 :])] if shown else []
        sheet.append([Cell(lane.name, TEXT)] + [Cell(a, MONEY) for a in amounts] + [Cell(lane.total, MONEY)])
    last = sheet.n_rows
    totals = mix.year_totals()
    year_totals = list(totals[: len(shown) - 1]) + [sum(totals[len(shown) - 1 :])] if shown else []
    sheet.append([Cell("All lanes", TOTAL)] + [Cell(a, TOTAL_MONEY) for a in year_totals] + [Cell(mix.total, TOTAL_MONEY)])
    if not mix.total or not mix.by_lane:
        sheet.keep_together(section, sheet.n_rows)
        return
    chart_row = sheet.append()
    sheet.heights[chart_row] = CHART_ROW_PT
    sheet.keep_together(section, chart_row)
    series = tuple(
        Series(labels[n], range_ref(first + 1, 2 + n, last, 2 + n), YEAR_COLOURS[n % len(YEAR_COLOURS)])
        for n in range(len(shown))
    )
    sheet.charts.append(ChartSpec(
        "bar", "Technology budget by lane, stacked by year", range_ref(first + 1, 1, last, 1), series,
        row=chart_row, col=1, width=print_layout.BODY_WIDTH_PT - 4, height=CHART_ROW_PT - 8,
        stacked=True, **money_axis(max(lane.total for lane in mix.by_lane)),
    ))
