"""The board pack on paper, as LibreOffice prints it: every page legible, the page count as designed.

LibreOffice converts the workbook to PDF (A4 landscape); poppler reads back each
word's box and each picture's print resolution. Skipped when LibreOffice or
poppler is missing; .ci/run installs both.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter

import pytest

from exports.excel import build_board_pack, export_board_pack
from exports.print_layout import MIN_PICTURE_TEXT_PT, MIN_TEXT_PT
from planner.alignment import analyse

from board_pack_helpers import TODAY, StandInRenderer
from pdf_pages import read_images, read_pages

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None,
                                reason="LibreOffice (soffice) or poppler (pdftotext) is not installed")

# The sample's pack, page by page, as designed (see exports/print_layout.py and each sheet's module).
SAMPLE_PAGES = {
    "Summary": 1,  # always one page
    "Timeline": 1,  # both bands fit one page with 8 pt titles
    "Business roadmap": 3,  # five years at 24 months a page: FY26-27, FY28-29, FY30-31
    "Tech roadmap": 1,  # the 18-month cycle fits one page
    "Business": 3,
    "Technology": 3,
    "Alignment": 2,
    "Links": 3,
    "Outcomes": 1,  # the table and a row of three charts
    "Measurements": 1,
    "Investment": 2,  # by goal (table and chart), by lane and year (table and chart)
    "Risks": 1,
    "Reviews": 1,
}
TOLERANCE_PT = 0.02  # poppler's boxes are rounded


def _print(roadmap, tmp, name):
    report = analyse(roadmap, TODAY)
    renderer = StandInRenderer()
    options = dict(timeline=renderer, report=report)
    sheets = build_board_pack(roadmap, TODAY, **options)
    renderer.requests.clear()
    source = tmp / f"{name}.xlsx"
    export_board_pack(roadmap, source, today=TODAY, **options)
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp), str(source)],
        check=True, capture_output=True, timeout=300,
    )
    pdf = tmp / f"{name}.pdf"
    assert pdf.exists(), "LibreOffice wrote no PDF"  # it exits 0 even when it could not load the file
    return sheets, renderer.requests, read_pages(pdf), read_images(pdf)


@pytest.fixture(scope="module")
def sample_print(sample, tmp_path_factory):
    return _print(sample, tmp_path_factory.mktemp("print"), "sample")


@pytest.fixture(scope="module")
def grown_print(grown_sample, tmp_path_factory):
    return _print(grown_sample, tmp_path_factory.mktemp("print-grown"), "grown")


@pytest.fixture(params=["sample", "grown"])
def printed(request):
    return request.getfixturevalue(f"{request.param}_print")


def test_every_page_prints_its_text_at_9pt_or_more(printed):
    _, _, pages, _ = printed
    for page in pages:
        smallest = page.smallest()
        assert smallest.size_pt >= MIN_TEXT_PT - TOLERANCE_PT, (page.number, page.sheet, smallest)


def test_page_headers_and_footers_print_at_9pt(printed):
    _, _, pages, _ = printed
    for page in pages:
        edges = [w for w in page.words if w.y1 < 40 or w.y0 > 555]
        assert {"Page", "Exported"} <= {w.text for w in edges}, page.number
        assert min(w.size_pt for w in edges) >= MIN_TEXT_PT - TOLERANCE_PT, page.number


def test_each_sheet_prints_on_the_pages_the_layout_says(printed):
    sheets, _, pages, _ = printed
    got = Counter(page.sheet for page in pages)
    assert got == {s.name: s.printed_pages for s in sheets}
    order = [page.sheet for page in pages]
    assert order == sorted(order, key=[s.name for s in sheets].index), "sheets print in board order"


def test_the_sample_prints_as_designed(sample_print):
    sheets, _, pages, _ = sample_print
    assert Counter(page.sheet for page in pages) == SAMPLE_PAGES
    assert len(pages) == sum(SAMPLE_PAGES.values())


def test_summary_is_one_page_with_score_findings_outcomes_and_totals(sample_print):
    _, _, pages, _ = sample_print
    [summary] = [p for p in pages if p.sheet == "Summary"]
    for words in ("Alignment score", "Error", "Shared outcomes", "Checkout availability", "Portfolio by lane",
                  "Business total", "All items"):
        assert words in summary.text, words


def test_timeline_pictures_print_their_text_at_8pt_or_more(printed):
    sheets, requests, pages, images = printed
    timeline_pages = [p.number for p in pages if p.sheet == "Timeline"]
    placed = [i for i in images if i.page in timeline_pages]
    assert len(placed) == len(requests) == len(timeline_pages), "one picture a page"
    for request, image in zip(requests, placed):
        assert (image.width_px, image.height_px) == (request.width_px, request.height_px)
        # A font of text_px pixels prints at text_px / ppi inches.
        assert request.text_px * 72 / image.ppi >= MIN_PICTURE_TEXT_PT - TOLERANCE_PT
        assert image.ppi == pytest.approx(request.dpi, rel=0.01)


def test_the_grown_timeline_gives_each_band_a_page(grown_print):
    _, requests, _, _ = grown_print
    assert [str(r.band) for r in requests] == ["business", "tech"]


def test_native_charts_are_drawn_on_their_pages(sample_print, sample):
    _, _, pages, _ = sample_print
    [outcomes] = [p.text for p in pages if p.sheet == "Outcomes"]
    for metric in sample.metrics.values():
        assert metric.name in outcomes
    assert outcomes.count("Measured") >= len(sample.metrics)  # each chart's legend
    investment = " ".join(p.text for p in pages if p.sheet == "Investment")
    assert "Technology budget by business goal" in investment and "stacked by year" in investment
    assert "£2m" in investment and "£8m" in investment  # the value axis, in round millions


def test_a_year_page_of_the_business_roadmap_repeats_the_item_columns(sample_print):
    _, _, pages, _ = sample_print
    grid = [p for p in pages if p.sheet == "Business roadmap"]
    for page, (first, last) in zip(grid, [("FY26", "FY27"), ("FY28", "FY29"), ("FY30", "FY31")]):
        words = {w.text for w in page.words}
        assert {"Item", "Start", "End", "Click-and-collect", first, last} <= words, page.number
    assert "FY28" not in {w.text for w in grid[0].words}
