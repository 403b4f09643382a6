"""The board pack's sheet contents, checked as plain data before any workbook is written."""

from __future__ import annotations

import dataclasses
from datetime import date
from types import SimpleNamespace

import pytest

from exports.board_facts import metric_rag
from exports.excel import SHEET_NAMES, build_board_pack
from exports.excel_alignment import MARK, MATRIX_MAX_COLUMNS, build_alignment, build_links
from exports.excel_text import text_lines
from exports.excel_roadmap_grid import AFTER, BEFORE, FIXED_COLS, MILESTONE, build_roadmap_grid
from exports.excel_summary import build_summary
from planner.model import Band, Item, ItemId, LaneId, Measurement, MeasurementId, Metric, MetricId, Roadmap, RoadmapInfo

from board_pack_helpers import TODAY, StandInRenderer

BUSINESS, TECH = Band.BUSINESS, Band.TECH


def _grid_cell(sheet, title: str, month: date):
    row = next(n for n, r in enumerate(sheet.rows, 1) if r[0] and r[0].value == title)
    col = next(c for c, cell in enumerate(sheet.rows[4], 1) if cell and cell.value == month)
    return sheet.cell(row, col)


def _fact(sheet, label: str):
    return next(r[1].value for r in sheet.rows if r[0] and r[0].value == label)


def test_sheets_in_board_order(sample):
    assert [s.name for s in build_board_pack(sample, TODAY, timeline=StandInRenderer())] == list(SHEET_NAMES)
    without_picture = [n for n in SHEET_NAMES if n != "Timeline"]
    assert [s.name for s in build_board_pack(sample, TODAY)] == without_picture


def test_every_row_is_as_wide_as_its_sheet(sample):
    for sheet in build_board_pack(sample, TODAY, timeline=StandInRenderer()):
        assert {len(r) for r in sheet.rows} == {sheet.n_cols}, sheet.name


# --- Roadmap grid -----------------------------------------------------------


def test_grid_bar_fills_the_months_an_item_runs(sample):
    grid = build_roadmap_grid(sample, TODAY, TECH)
    # Checkout rebuild: Sep 2026 - Mar 2027, Applications lane
    item = next(i for i in sample.items.values() if i.title == "Checkout rebuild")
    colour = sample.lanes[item.lane_id].colour.lstrip("#").upper()
    for month in (date(2026, 9, 1), date(2026, 11, 1), date(2027, 3, 1)):
        assert _grid_cell(grid, "Checkout rebuild", month).style.fill == colour
    assert _grid_cell(grid, "Checkout rebuild", date(2026, 8, 1)) is None
    assert _grid_cell(grid, "Checkout rebuild", date(2027, 4, 1)) is None


def test_grid_milestone_is_a_diamond_in_its_month(sample):
    grid = build_roadmap_grid(sample, TODAY, BUSINESS)
    cell = _grid_cell(grid, "Launch in Germany", date(2027, 4, 1))
    assert cell.value == MILESTONE and cell.style.colour == "B8615A" and cell.style.fill is None


def test_grid_scale_is_fiscal_year_aware(sample):
    grid = build_roadmap_grid(sample, TODAY, BUSINESS)
    years = [c.value for c in grid.rows[2][FIXED_COLS:] if c]
    quarters = [c.value for c in grid.rows[3][FIXED_COLS:] if c]
    assert years == ["FY26", "FY27", "FY28", "FY29", "FY30", "FY31"]  # April year start, horizon Jan 2026 - Dec 2030
    assert quarters[:3] == ["FY26 Q4", "FY27 Q1", "FY27 Q2"]
    months = [c.value for c in grid.rows[4][FIXED_COLS:]]
    assert months[0] == date(2026, 1, 1) and months[-1] == date(2030, 12, 1) and len(months) == 60
    # year headers are merged across their months: FY27 = Apr 2026 - Mar 2027 = columns 7..18
    assert (3, FIXED_COLS + 4, 3, FIXED_COLS + 15) in grid.merges


def test_grid_calendar_years_are_labelled_plainly(sample):
    calendar = dataclasses.replace(sample, info=dataclasses.replace(sample.info, fiscal_year_start_month=1))
    grid = build_roadmap_grid(calendar, TODAY, BUSINESS)
    assert [c.value for c in grid.rows[2][FIXED_COLS:] if c][0] == "2026"
    assert [c.value for c in grid.rows[3][FIXED_COLS:] if c][0] == "Q1 2026"


def test_grid_marks_todays_month(sample):
    grid = build_roadmap_grid(sample, TODAY, TECH)
    today_col = next(c for c, cell in enumerate(grid.rows[4], 1) if cell and cell.value == date(2026, 11, 1))
    assert grid.cell(5, today_col).style.fill == "C0392B"
    assert any(rb.left and rb.left[1] == "C0392B" and rb.ref.startswith(f"{_letter(today_col)}") for rb in grid.range_borders)


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def test_each_band_has_its_own_grid_on_the_same_scale(sample):
    business, tech = build_roadmap_grid(sample, TODAY, BUSINESS), build_roadmap_grid(sample, TODAY, TECH)
    titles = [r[0].value if r[0] else None for r in business.rows]
    assert titles[5].startswith("Business strategy") and "Growth objectives" in titles and "Infrastructure" not in titles
    titles = [r[0].value if r[0] else None for r in tech.rows]
    assert titles[5].startswith("Technology strategy") and "Infrastructure" in titles and "Growth objectives" not in titles
    assert business.widths[:FIXED_COLS + 1] == tech.widths[:FIXED_COLS + 1]  # same columns, same month width
    # the tech grid runs over the tech cycle (Jul 2026 - Dec 2027), which the business band row shades
    months = [c.value for c in tech.rows[4][FIXED_COLS:]]
    assert months[0] == date(2026, 7, 1) and months[-1] == date(2027, 12, 1)
    shaded = [n for n, c in enumerate(business.rows[5][FIXED_COLS:]) if c.style.fill == "8FB3D9"]
    assert (shaded[0], shaded[-1]) == (6, 23)  # Jul 2026 and Dec 2027 in a grid from Jan 2026


def test_a_wide_grid_prints_by_year_at_full_size(sample):
    grid = build_roadmap_grid(sample, TODAY, BUSINESS)
    # pages across break at fiscal years: FY26-FY27 (Jan 2026 - Mar 2027), FY28-FY29, FY30-FY31
    assert grid.col_breaks == [FIXED_COLS + 15, FIXED_COLS + 39] and grid.title_cols == FIXED_COLS
    assert grid.print_scale == 1.0
    for first, last in ((FIXED_COLS + 1, FIXED_COLS + 15), (FIXED_COLS + 16, FIXED_COLS + 39), (FIXED_COLS + 40, grid.n_cols)):
        assert sum(grid.widths[:FIXED_COLS]) + sum(grid.widths[first - 1 : last]) <= 112, (first, last)


def test_grid_items_outside_the_horizon_point_off_the_edge():
    info = RoadmapInfo("R", date(2026, 1, 1), business_years=3, tech_months=12)
    from planner.model import Lane

    lane = Lane(LaneId(1), Band.BUSINESS, "L", "#336699", 0)
    before = Item(ItemId(1), Band.BUSINESS, lane.id, "Before", date(2024, 1, 1), date(2024, 6, 1))
    across = Item(ItemId(2), Band.BUSINESS, lane.id, "Across", date(2025, 6, 1), date(2030, 6, 1))
    roadmap = Roadmap(info, {lane.id: lane}, {before.id: before, across.id: across})
    grid = build_roadmap_grid(roadmap, TODAY, BUSINESS)
    assert _grid_cell(grid, "Before", date(2026, 1, 1)).value == BEFORE
    assert _grid_cell(grid, "Across", date(2026, 1, 1)).value == BEFORE
    assert _grid_cell(grid, "Across", date(2028, 12, 1)).value == AFTER
    assert _grid_cell(grid, "Across", date(2027, 6, 1)).style.fill == "336699"


# --- Alignment --------------------------------------------------------------


def test_matrix_marks_supports_links_with_rationale(sample):
    matrix = build_alignment(sample)
    row = next(n for n, r in enumerate(matrix.rows, 1) if r[0] and r[0].value == "Cloud migration (phase 1)")
    col = next(c for c, cell in enumerate(matrix.rows[3], 1) if cell and cell.value == "Online sales 30% of revenue")
    cell = matrix.cell(row, col)
    assert cell.value == MARK
    assert "handle peak trading" in cell.note
    other = next(c for c, cell in enumerate(matrix.rows[3], 1) if cell and cell.value == "Same-day delivery in London")
    assert matrix.cell(row, other) is None


def test_matrix_totals_show_orphans(sample):
    matrix = build_alignment(sample)
    blockchain = next(r for r in matrix.rows if r[0] and r[0].value == "Blockchain supply-chain pilot")
    assert blockchain[-1].value == 0 and blockchain[-1].style.fill == "FEE2E2"
    totals = next(r for r in matrix.rows if r[0] and r[0].value == "Supported by (tech links)")
    headers = matrix.rows[3]
    by_title = {h.value: t for h, t in zip(headers, totals) if h}
    assert by_title["Same-day delivery in London"].value == 0
    assert by_title["Same-day delivery in London"].style.fill == "FEE2E2"
    assert by_title["Online sales 30% of revenue"].value == 8
    assert totals[-1].value == sum(1 for l in sample.links.values() if l.kind == "supports")


def test_links_sheet_lists_every_link_and_orphan(sample):
    sheet = build_links(sample)
    kinds = [r[0].value for r in sheet.rows[3:]]
    assert kinds.count("Supports") == 35
    assert kinds.count("No business link") == 1
    assert kinds.count("Unsupported") == 3
    assert sheet.tables[0].n_rows == 39


def test_matrix_groups_columns_by_lane_when_too_wide():
    from planner.model import Lane, Link, LinkId, LinkKind

    info = RoadmapInfo("Big", date(2026, 1, 1))
    lanes = {LaneId(1): Lane(LaneId(1), Band.BUSINESS, "Growth", "#c0813c", 0),
             LaneId(2): Lane(LaneId(2), Band.TECH, "Apps", "#3a9a94", 0)}
    items = {ItemId(n): Item(ItemId(n), Band.BUSINESS, LaneId(1), f"Goal {n}", date(2026, 1, 1), date(2026, 6, 1))
             for n in range(1, MATRIX_MAX_COLUMNS + 2)}
    tech = Item(ItemId(1000), Band.TECH, LaneId(2), "Platform", date(2026, 1, 1), date(2026, 6, 1))
    items[tech.id] = tech
    links = {LinkId(n): Link(LinkId(n), LinkKind.SUPPORTS, tech.id, ItemId(n)) for n in (1, 2, 3)}
    matrix = build_alignment(Roadmap(info, lanes, items, links))
    assert matrix.n_cols == 2 + 1 + 1  # tech item, lane, one business lane, total
    platform = next(r for r in matrix.rows if r[0] and r[0].value == "Platform")
    assert platform[2].value == 3 and platform[3].value == 3


# --- item tables --------------------------------------------------------------


@pytest.mark.parametrize("band, orphan, linked, count", [
    (BUSINESS, "Same-day delivery in London", "Online sales 30% of revenue", 8),
    (TECH, "Blockchain supply-chain pilot", "Cloud migration (phase 1)", 2),
])
def test_item_tables_mark_items_without_links_as_the_matrix_does(sample, band, orphan, linked, count):
    from exports.excel_cells import ORPHAN_FILL
    from exports.excel_item_tables import build_item_table

    sheet = build_item_table(sample, band)
    rows = {r[0].value: r for r in sheet.rows[3:] if r[0]}
    assert rows[orphan][0].style.fill == ORPHAN_FILL and rows[orphan][7].value == 0 and rows[orphan][7].style.fill == ORPHAN_FILL
    assert rows[linked][0].style.fill is None and rows[linked][7].value == count
    reds = sum(1 for r in rows.values() if r[0].style.fill == ORPHAN_FILL)
    assert reds == (3 if band == BUSINESS else 1)
    assert f"{reds} of 20" in sheet.rows[1][0].value  # the note says how many, and that red marks them


def test_tables_wrap_only_long_text_and_rows_are_whole_lines(sample):
    from exports.excel_text import row_height
    from exports.excel_item_tables import build_item_table

    sheet = build_item_table(sample, BUSINESS)
    for col, cell in enumerate(sheet.rows[3]):
        wraps = bool(cell and cell.style.wrap)
        assert wraps == (col in (0, 1, 2, 8)), col  # title, lane, owner, description; never dates, money, status
    heights = {h for n, h in sheet.heights.items() if n > 3}
    assert heights <= {row_height(n) for n in range(2, 12)}  # every row a whole number of lines


# --- print layout --------------------------------------------------------------


def test_every_sheet_fits_the_page_width_at_full_size(sample, grown_sample):
    for roadmap in (sample, grown_sample):
        for sheet in build_board_pack(roadmap, TODAY, timeline=StandInRenderer()):
            assert sheet.print_scale == 1.0, sheet.name
            if not sheet.col_breaks:
                assert sum(sheet.widths) <= 112.04, sheet.name


# --- Summary ----------------------------------------------------------------


def test_summary_leaves_a_labelled_place_for_alignment(sample):
    summary = build_summary(sample, TODAY)
    assert summary.cell(1, 1).value == sample.info.title
    assert _fact(summary, "Alignment score") == "— (not computed)"
    assert _fact(summary, "Orphans") == ("1 of 20 tech items support no business item; "
                                         "3 of 20 business items have no supporting tech work")
    assert _fact(summary, "Fiscal year").startswith("Starts in April: FY27 runs Apr 2026")
    assert _fact(summary, "Horizons") == "Business Jan 2026 – Dec 2030 (5 years) · tech cycle Jul 2026 – Dec 2027 (18 months)"


def test_summary_shows_score_and_worst_findings_first(sample):
    findings = [SimpleNamespace(severity="info", message="Owner missing"),
                SimpleNamespace(severity="error", message="Payments end after the German launch", action="Agree a date.")]
    summary = build_summary(sample, TODAY, findings=findings, alignment_score=72.4)
    assert _fact(summary, "Alignment score") == "72 / 100 · 2 findings, the most severe below"
    labels = [r[0].value if r[0] else None for r in summary.rows]
    first = labels.index("Error")
    assert labels[first + 1] == "Info"
    assert summary.rows[first][1].value == "Payments end after the German launch Action: Agree a date."


def _right_block(summary) -> dict:
    """The portfolio table: label in column G, then items, milestones, budget."""
    return {r[6].value: [c.value if c else None for c in r[6:]] for r in summary.rows if r[6] and r[6].value}


def test_summary_portfolio_by_lane_and_totals(sample):
    rows = _right_block(build_summary(sample, TODAY))
    assert rows["Business total"][1] == 20
    assert rows["Technology total"][3] == 21_500_000
    assert rows["All items"][1:] == [40, 7, 58_900_000]
    assert rows["Growth objectives"][1] == 4 and rows["Infrastructure"][3] == 5_170_000


def test_summary_metric_status(sample):
    summary = build_summary(sample, TODAY)
    statuses = {r[0].value: r[4].value for r in summary.rows if r[0] and r[4] and r[4].value in ("Green", "Amber", "Red")}
    assert statuses == {"Online sales conversion (%)": "Amber", "Share of revenue online (%)": "Amber",
                        "Checkout availability (%)": "Green"}


def test_summary_is_one_page_however_much_there_is(sample):
    """A long vision, many findings, lanes and metrics: the page trims, it never spills."""
    from planner.model import Lane

    info = dataclasses.replace(sample.info, vision="A long vision. " * 40, mission="A long mission. " * 40)
    lanes = dict(sample.lanes)
    for n in range(12):
        lanes[LaneId(900 + n)] = Lane(LaneId(900 + n), Band.TECH, f"Extra lane {n}", "#336699", 50 + n)
    metrics = {MetricId(500 + n): Metric(MetricId(500 + n), f"Metric {n}", "%", 1.0, 2.0) for n in range(30)}
    roadmap = dataclasses.replace(sample, info=info, lanes=lanes, metrics={**sample.metrics, **metrics})
    findings = [SimpleNamespace(severity="warning", message="A finding that runs long. " * 12) for _ in range(9)]
    summary = build_summary(roadmap, TODAY, findings=findings, alignment_score=50)
    assert summary.printed_pages == 1 and summary.print_scale == 1.0
    rows = _right_block(summary)
    assert "Extra lane 3" not in rows and rows["All items"][1] == 40  # lanes folded into band totals
    assert any(r[0] and r[0].value and str(r[0].value).endswith("more on the Outcomes sheet") for r in summary.rows)
    assert sum(1 for r in summary.rows if r[0] and r[0].value == "Warning") >= 2


# --- facts ------------------------------------------------------------------


def _metric(**kw) -> Metric:
    return Metric(MetricId(1), "M", baseline=kw.get("baseline", 10.0), target=kw.get("target", 20.0),
                  target_date=kw.get("target_date", date(2027, 1, 1)))


def _history(*points) -> list[Measurement]:
    return [Measurement(MeasurementId(n), MetricId(1), d, v) for n, (d, v) in enumerate(points, 1)]


@pytest.mark.parametrize(
    "latest, today, expected",
    [
        (20.0, date(2026, 6, 1), "Green"),  # target met
        (15.0, date(2026, 7, 2), "Green"),  # half way at half time
        (13.0, date(2026, 7, 2), "Amber"),  # 30% done, 50% expected
        (11.0, date(2026, 7, 2), "Red"),  # 10% done, 50% expected
        (19.0, date(2027, 1, 1), "Red"),  # target date passed short of target
    ],
)
def test_metric_rag(latest, today, expected):
    history = _history((date(2026, 1, 1), 10.0), (date(2026, 6, 30), latest))
    assert metric_rag(_metric(), history, today) == expected


def test_metric_rag_lower_is_better_and_no_data():
    falling = _metric(baseline=30.0, target=20.0)
    assert metric_rag(falling, _history((date(2026, 1, 1), 30.0), (date(2026, 6, 1), 24.0)), date(2026, 7, 2)) == "Green"
    assert metric_rag(falling, [], date(2026, 7, 2)) == "No data"
    assert metric_rag(_metric(baseline=None), _history((date(2026, 1, 1), 1.0)), date(2026, 7, 2)) == "No data"


@pytest.mark.parametrize(
    "text, width, lines",
    [("", 10, 1), ("short", 10, 1), ("a " * 20, 10, 4), ("x" * 25, 10, 3), ("one\ntwo\nthree", 40, 3),
     ("reserve-online collect-in-store", 12, 3)],  # a line may break after a hyphen
)
def test_text_lines(text, width, lines):
    assert text_lines(text, width, 11) == lines


def test_an_empty_roadmap_still_makes_every_sheet():
    sheets = build_board_pack(Roadmap(RoadmapInfo("Empty", date(2026, 1, 1))), TODAY, timeline=StandInRenderer())
    assert [s.name for s in sheets] == list(SHEET_NAMES)
    for sheet in sheets:
        for table in sheet.tables:
            assert table.n_rows >= 1, (sheet.name, table.name)


def test_investment_chart_axes_hold_every_bar():
    """Many small goals added together ("8 other goals") can make the longest bar: the axis must reach it."""
    from exports.excel_investment import TOP_GOALS, build_investment
    from planner.model import Lane, Link, LinkId, LinkKind

    lanes = {LaneId(1): Lane(LaneId(1), BUSINESS, "Goals", "#c0813c", 0), LaneId(2): Lane(LaneId(2), TECH, "Apps", "#3a9a94", 0)}
    items, links = {}, {}
    for n in range(1, 21):
        goal = Item(ItemId(n), BUSINESS, LaneId(1), f"Goal {n}", date(2026, 1, 1), date(2026, 12, 31))
        work = Item(ItemId(100 + n), TECH, LaneId(2), f"Work {n}", date(2026, 1, 1), date(2026, 12, 31), budget=1_000_000)
        items[goal.id], items[work.id] = goal, work
        links[LinkId(n)] = Link(LinkId(n), LinkKind.SUPPORTS, work.id, goal.id)
    sheet = build_investment(Roadmap(RoadmapInfo("R", date(2026, 1, 1)), lanes, items, links))
    by_goal, by_lane = sheet.charts
    other = next(r for r in sheet.rows if r[0] and r[0].value == f"{20 - TOP_GOALS} other goals")
    assert other[1].value == 8_000_000
    assert by_goal.value_max >= 8_000_000 and by_goal.value_step * 4 >= 8_000_000
    assert by_lane.value_max >= 20_000_000  # the one lane's whole budget


def test_amounts_are_written_in_the_roadmaps_currency(tmp_path, sample):
    """Issue 10.7: one currency setting per roadmap, used everywhere, the board pack included."""
    import dataclasses

    import openpyxl

    from exports.excel import export_board_pack

    euro = dataclasses.replace(sample, info=dataclasses.replace(sample.info, currency="EUR"))
    path = tmp_path / "euro.xlsx"
    export_board_pack(euro, path, today=TODAY)
    book = openpyxl.load_workbook(path)
    formats = {c.number_format for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, float)}
    money = {f for f in formats if "#,##0" in f and ("€" in f or "£" in f)}
    assert money and all("€" in f and "£" not in f for f in money), money
    # The pack's own sentences about money (titles typed by the user keep their £).
    said = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row
            if isinstance(c.value, str) and ("Technology budget" in c.value or "· budget" in c.value)]
    assert said and all("€" in s and "£" not in s for s in said), said


@pytest.mark.parametrize("currency, expected", [("GBP", "£#,##0"), ("EUR", "€#,##0"), ("CHF", '"CHF "#,##0')])
def test_a_number_format_takes_the_currency_sign(currency, expected):
    from exports.excel_cells import MONEY_FORMAT, in_currency

    assert in_currency(MONEY_FORMAT, currency).startswith(expected)


def test_an_empty_roadmaps_pack_says_there_is_nothing_to_score_yet(tmp_path):
    """Issue 11: an empty roadmap has no score; the pack no longer promises rules 'in a later version'."""
    from exports.excel import build_board_pack
    from planner.templates import empty_roadmap

    summary = build_board_pack(empty_roadmap("Blank", TODAY), TODAY)[0]
    score = _fact(summary, "Alignment score")
    assert score.startswith("— (") and "later version" not in score
