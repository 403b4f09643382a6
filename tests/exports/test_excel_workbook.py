"""The written board pack, reloaded with openpyxl: cells, styles, tables and print settings."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime

import pytest
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries

from exports.excel import SHEET_NAMES

from board_pack_helpers import TODAY, find_row, month_column

FROZEN = {
    "Summary": "A3", "Timeline": "A2", "Business roadmap": "D6", "Tech roadmap": "D6", "Business": "B4",
    "Technology": "B4", "Alignment": "C5", "Links": "C4", "Outcomes": "B3", "Measurements": "B4", "Investment": "A3", "Risks": "B4",
    "Reviews": "B4",
}
PAGES_ACROSS = {"Business roadmap"}  # 60 months: printed at 100% in pages across, by year
TABLES = {
    "Business": ["BusinessItems"], "Technology": ["TechnologyItems"], "Links": ["SupportLinks"],
    "Outcomes": ["SharedOutcomes"], "Measurements": ["Measurements"], "Risks": ["RiskRegister"],
    "Reviews": ["ReviewLog", "ReviewDecisions"],
}


def test_sheet_names_and_properties(sample_wb, sample):
    assert sample_wb.sheetnames == list(SHEET_NAMES)
    props = sample_wb.properties
    assert props.title == sample.info.title
    assert props.creator == "Roadmap Planner"
    assert props.subject == "Strategy roadmap board pack"


def test_summary_key_cells(sample_wb, sample):
    ws = sample_wb["Summary"]
    assert ws["A1"].value == sample.info.title
    assert ws["A2"].value == "Northwind Retail Group · Board pack as of 16 Nov 2026"
    assert ws.cell(find_row(ws, "Vision"), 2).value == sample.info.vision
    assert ws.cell(find_row(ws, "Alignment score"), 2).value.startswith("82 / 100")  # analysed by the exporter as of TODAY
    total = find_row(ws, "All items", column=7)
    assert ws.cell(total, 8).value == 40
    assert ws.cell(total, 10).value == 58_900_000
    assert "£" in ws.cell(total, 10).number_format


def test_dates_are_date_cells_with_a_date_format(sample_wb):
    checks = {"Business": (4, 5), "Technology": (4, 5), "Outcomes": (5, 7), "Measurements": (5,), "Reviews": (1,), "Business roadmap": (2, 3),
              "Tech roadmap": (2, 3)}
    for name, columns in checks.items():
        ws = sample_wb[name]
        seen = 0
        for col in columns:
            for row in range(ws.max_row):
                cell = ws.cell(row + 1, col)
                if isinstance(cell.value, datetime):
                    seen += 1
                    assert cell.is_date and ("yy" in cell.number_format), (name, cell.coordinate)
        assert seen, name
    ws = sample_wb["Business"]
    row = find_row(ws, "Launch in Germany")
    assert ws.cell(row, 4).value == datetime(2027, 4, 1)
    assert ws.cell(row, 6).value == 4_500_000 and ws.cell(row, 6).number_format.startswith("£")


def test_roadmap_grid_fills_at_known_months(sample_wb):
    ws = sample_wb["Tech roadmap"]
    row = find_row(ws, "Cloud migration (phase 1)")
    for month, filled in [((2026, 7), True), ((2027, 3), True), ((2027, 4), False)]:
        cell = ws.cell(row, month_column(ws, date(*month, 1)))
        assert (cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith("4A7FB5")) == filled, month
    ws = sample_wb["Business roadmap"]
    row = find_row(ws, "Group revenue £1bn")  # Apr 2028 - Mar 2030, Growth objectives #c0813c
    assert ws.cell(row, month_column(ws, date(2029, 1, 1))).fill.fgColor.rgb.endswith("C0813C")
    ws = sample_wb["Tech roadmap"]
    milestone = ws.cell(find_row(ws, "CRM go-live"), month_column(ws, date(2027, 4, 1)))
    assert milestone.value == "◆"
    assert ws.cell(find_row(ws, "CRM go-live"), 2).number_format == "mmm yyyy"


def test_roadmap_headers_are_merged_and_today_marked(sample_wb):
    ws = sample_wb["Business roadmap"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    april_2026 = get_column_letter(month_column(ws, date(2026, 4, 1)))
    march_2027 = get_column_letter(month_column(ws, date(2027, 3, 1)))
    assert f"{april_2026}3:{march_2027}3" in merged and ws[f"{april_2026}3"].value == "FY27"
    assert ws[f"{april_2026}4"].value == "FY27 Q1"
    today = ws.cell(5, month_column(ws, TODAY))
    assert today.fill.fgColor.rgb.endswith("C0392B")


def test_alignment_matrix_marks_and_totals(sample_wb):
    ws = sample_wb["Alignment"]
    row = find_row(ws, "Checkout rebuild")
    headers = {ws.cell(4, c).value: c for c in range(3, ws.max_column + 1)}
    mark = ws.cell(row, headers["Launch in Germany"])
    assert mark.value == "●"
    assert "German-language checkout" in mark.comment.text
    assert ws.cell(row, headers["Group revenue £1bn"]).value is None
    orphan = find_row(ws, "Blockchain supply-chain pilot")
    assert ws.cell(orphan, ws.max_column).value == 0


def test_every_sheet_prints_landscape_at_full_size_with_titles(sample_wb, sample):
    for ws in sample_wb:
        setup = ws.page_setup
        assert setup.orientation == "landscape" and setup.paperSize == 9, ws.title
        if ws.title in PAGES_ACROSS:  # 100%, the item columns repeated on each page across
            assert not ws.sheet_properties.pageSetUpPr.fitToPage and setup.scale == 100, ws.title
            assert setup.pageOrder == "overThenDown" and ws.print_title_cols == "$A:$C", ws.title
            assert ws.col_breaks.brk, ws.title
        else:  # one page wide, which the layout makes 100%
            assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), ws.title
            assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_title_rows and ws.print_title_rows.startswith("$1:"), ws.title
        for part in (ws.oddHeader.left, ws.oddHeader.center, ws.oddHeader.right, ws.oddFooter.right):
            assert part.size >= 9, ws.title
        area = ws.print_area.split("!")[1].replace("$", "")
        min_col, min_row, max_col, max_row = range_boundaries(area)
        assert (min_col, min_row) == (1, 1) and max_row >= ws.max_row and max_col >= ws.max_column, ws.title
        assert ws.oddHeader.left.text == sample.info.title
        assert ws.oddHeader.center.text == "&A"
        assert ws.oddHeader.right.text == "Exported 16 Nov 2026"
        assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text


def test_frozen_panes(sample_wb):
    assert {ws.title: ws.freeze_panes for ws in sample_wb} == FROZEN


def test_every_used_column_has_a_width(sample_wb):
    for ws in sample_wb:
        for col in range(1, ws.max_column + 1):
            dim = ws.column_dimensions.get(get_column_letter(col))
            assert dim is not None and dim.width, (ws.title, col)


def test_table_definitions(sample_wb):
    for ws in sample_wb:
        assert sorted(ws.tables) == sorted(TABLES.get(ws.title, [])), ws.title
        for table in ws.tables.values():
            min_col, min_row, max_col, max_row = range_boundaries(table.ref)
            header = [ws.cell(min_row, c).value for c in range(min_col, max_col + 1)]
            assert [c.name for c in table.tableColumns] == header, table.name
            assert table.autoFilter is not None and table.autoFilter.ref == table.ref
            assert max_row > min_row
    business = sample_wb["Business"].tables["BusinessItems"]
    assert business.ref == "A3:I23"


def test_status_has_validation_and_colours(sample_wb):
    ws = sample_wb["Business"]
    [dv] = ws.data_validations.dataValidation
    assert dv.type == "list" and dv.formula1 == '"Planned,On track,At risk,Off track,Done"'
    assert str(dv.sqref) == "G4:G23"
    rules = {r.formula[0]: r.dxf.fill.fgColor.rgb for cf in ws.conditional_formatting for r in cf.rules}
    assert rules['"At risk"'].endswith("FEF3C7") and rules['"Off track"'].endswith("FEE2E2")


def test_no_formula_cells_anywhere(sample_wb):
    for ws in sample_wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)


def test_no_formulas_in_the_file_itself(sample_pack):
    with zipfile.ZipFile(sample_pack) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name


@pytest.mark.parametrize("sheet, cell_range", [("Risks", "G4:G10"), ("Outcomes", "H4:H6")])
def test_ratings_have_conditional_colours(sample_wb, sheet, cell_range):
    refs = [str(cf.sqref) for cf in sample_wb[sheet].conditional_formatting]
    assert cell_range in refs


def test_risks_sorted_by_score(sample_wb):
    ws = sample_wb["Risks"]
    scores = [ws.cell(r, 6).value for r in range(4, ws.max_row + 1)]
    assert scores == sorted(scores, reverse=True) and len(scores) == 7
    assert ws["D4"].value * ws["E4"].value == ws["F4"].value


def test_summary_is_one_page(sample_wb):
    ws = sample_wb["Summary"]
    assert not ws.row_breaks.brk
    assert column_index_from_string("J") == ws.max_column


def test_every_row_has_its_height_so_both_clients_break_pages_alike(sample_pack):
    with zipfile.ZipFile(sample_pack) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                rows = re.findall(rb"<row [^>]*>", z.read(name))
                assert rows and all(b'ht="' in r and b'customHeight="1"' in r for r in rows), name


# --- native charts ------------------------------------------------------------


def _title(chart) -> str:
    return chart.title.tx.rich.p[0].r[0].t


def _table_rows(ws, name: str) -> range:
    min_col, min_row, max_col, max_row = range_boundaries(ws.tables[name].ref)
    return range(min_row + 1, max_row + 1)


def test_each_outcome_has_a_line_chart_of_its_measurements(sample_wb, sample):
    charts = {_title(c): c for c in sample_wb["Outcomes"]._charts}
    ws = sample_wb["Measurements"]
    assert len(charts) == len(sample.metrics)
    for metric in sample.metrics.values():
        chart = charts[f"{metric.name} ({metric.unit})"]
        assert chart.tagname == "lineChart" and chart.x_axis.tagname == "dateAx"
        rows = [r for r in _table_rows(ws, "Measurements") if ws.cell(r, 1).value == metric.name]
        first, last = rows[0], rows[-1]
        assert rows == list(range(first, last + 1))
        refs = {s.tx.v: (s.val.numRef.f, s.cat.numRef.f) for s in chart.series}
        dates = f"'Measurements'!$E${first}:$E${last}"
        assert refs == {"Measured": (f"'Measurements'!$F${first}:$F${last}", dates),
                        "Baseline": (f"'Measurements'!$C${first}:$C${last}", dates),
                        "Target": (f"'Measurements'!$D${first}:$D${last}", dates)}
        # the ranges hold the values themselves
        measured = sorted((m.measured_on, m.value) for m in sample.measurements.values() if m.metric_id == metric.id)
        assert [ws.cell(r, 6).value for r in rows] == [v for _, v in measured]
        assert {ws.cell(r, 3).value for r in rows} == {metric.baseline} and {ws.cell(r, 4).value for r in rows} == {metric.target}
        low, high = chart.y_axis.scaling.min, chart.y_axis.scaling.max
        assert low <= min(metric.baseline, *(v for _, v in measured)) and high >= metric.target


def test_investment_charts_plot_their_tables(sample_wb):
    ws = sample_wb["Investment"]
    by_goal, by_lane = ws._charts
    assert _title(by_goal) == "Technology budget by business goal" and by_goal.type == "bar"
    goal_header = find_row(ws, "Business goal")
    last = find_row(ws, "Not tied to a business goal")
    [series] = by_goal.series
    assert series.val.numRef.f == f"'Investment'!$B${goal_header + 1}:$B${last}"
    assert series.cat.strRef.f == f"'Investment'!$A${goal_header + 1}:$A${last}"
    assert [p.idx for p in series.dPt] == [last - goal_header - 1]  # the untied budget set apart in red
    lane_header = find_row(ws, "Tech lane")
    years = [ws.cell(lane_header, c).value for c in range(2, ws.max_column + 1) if ws.cell(lane_header, c).value not in (None, "Total")]
    assert [s.tx.v for s in by_lane.series] == years == ["FY27", "FY28"]
    assert by_lane.grouping == "stacked"
    lanes = find_row(ws, "All lanes") - 1
    for n, s in enumerate(by_lane.series):
        column = "BCDEFG"[n]
        assert s.val.numRef.f == f"'Investment'!${column}${lane_header + 1}:${column}${lanes}"
    total = find_row(ws, "All technology budget")
    assert ws.cell(total, 2).value == 21_500_000 == ws.cell(find_row(ws, "All lanes"), 4).value


def test_chart_xml_is_the_conservative_kind(sample_pack):
    """Axes that exist, cross each other and are not deleted; text sizes given; no formulas, no caches."""
    from xml.etree import ElementTree

    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    with zipfile.ZipFile(sample_pack) as z:
        charts = [z.read(n) for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 5
    for xml in charts:
        root = ElementTree.fromstring(xml)
        plot = root.find(f"{c}chart/{c}plotArea")
        [kind] = [e for e in plot if e.tag in (f"{c}lineChart", f"{c}barChart")]
        used = {e.get("val") for e in kind.findall(f"{c}axId")}
        axes = [e for e in plot if e.tag in (f"{c}catAx", f"{c}dateAx", f"{c}valAx")]
        ids = {a.find(f"{c}axId").get("val"): a.find(f"{c}crossAx").get("val") for a in axes}
        assert len(axes) == 2 and set(ids) == used  # the chart's axes are the two there are
        assert set(ids.values()) == set(ids)  # each crosses the other
        assert all(a.find(f"{c}delete").get("val") == "0" for a in axes)
        sizes = [int(e.get("sz")) for e in root.iter() if e.get("sz")]
        assert sizes and min(sizes) >= 900
        tags = {e.tag.split("}")[1] for e in root.iter()}
        assert not tags & {"numCache", "strCache", "numLit", "strLit"}
        for ref in root.iter(f"{c}f"):
            assert re.fullmatch(r"'(Measurements|Investment)'!\$[A-K]\$\d+:\$[A-K]\$\d+", ref.text), ref.text
