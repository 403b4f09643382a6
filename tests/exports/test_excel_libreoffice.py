"""A real spreadsheet client reads the board pack: LibreOffice converts it to PDF and CSV.

Skipped when LibreOffice (`soffice`) is not installed; .ci/run installs
libreoffice-calc-nogui and poppler-utils so CI always runs it.
"""

from __future__ import annotations

import csv
import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from exports.excel import SHEET_NAMES, export_board_pack
from planner.model import Band

from board_pack_helpers import TODAY, StandInRenderer

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

# All sheets, UTF-8, comma-separated, values as shown (formatted), one file per sheet (LibreOffice 7.2+).
CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1'
HOSTILE_TITLES = {"g-same-day": "=1+1 same-day", "m-nl": "+31 Netherlands", "r-sellers": "_x0041_ sellers"}


def _convert(source: Path, target: str, outdir: Path, profile: Path) -> None:
    # LibreOffice exits 0 even when it could not load the file, so callers check the output exists.
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=180,
    )


@pytest.fixture(scope="module")
def converted(sample, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("libreoffice")
    items = dict(sample.items)
    by_title = {
        "g-same-day": "Same-day delivery in London", "m-nl": "Open Netherlands market", "r-sellers": "500 marketplace sellers live",
    }
    for key, title in by_title.items():
        item = next(i for i in items.values() if i.title == title)
        items[item.id] = dataclasses.replace(item, title=HOSTILE_TITLES[key])
    roadmap = dataclasses.replace(sample, items=items)
    source = tmp / "pack.xlsx"
    export_board_pack(roadmap, source, today=TODAY, timeline=StandInRenderer())
    profile = tmp / "profile"
    _convert(source, "pdf", tmp, profile)
    _convert(source, CSV_FILTER, tmp, profile)
    return roadmap, tmp


def _csv(tmp: Path, sheet: str) -> list[list[str]]:
    path = tmp / f"pack-{sheet}.csv"
    assert path.exists(), f"LibreOffice wrote no CSV for {sheet}"
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_pdf_has_every_sheet_and_no_hashes(converted):
    _, tmp = converted
    pdf = tmp / "pack.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000, "LibreOffice wrote no PDF"
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert pages >= len(SHEET_NAMES)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "###" not in text, "a value too wide for its column printed as ###"
        for sheet in SHEET_NAMES:
            assert sheet in text  # the page header names each sheet
        assert "Page 1 of" in text and "Exported 16 Nov 2026" in text


def test_csv_of_each_sheet(converted):
    _, tmp = converted
    for sheet in SHEET_NAMES:
        assert _csv(tmp, sheet), sheet


def test_item_tables_match_the_roadmap(converted):
    roadmap, tmp = converted
    for band, sheet in ((Band.BUSINESS, "Business"), (Band.TECH, "Technology")):
        rows = _csv(tmp, sheet)
        header = rows[2]
        assert header[:7] == ["Title", "Lane", "Owner", "Start", "End", "Budget", "Status"]
        got = {r[0]: r for r in rows[3:]}
        items = roadmap.items_of(band)
        assert len(got) == len(items)
        for item in items:
            row = got[item.title]
            assert row[1] == roadmap.lanes[item.lane_id].name
            assert row[2] == item.owner
            assert row[3] == item.start.strftime("%d %b %Y") and row[4] == item.end.strftime("%d %b %Y")
            assert row[5] == ("" if item.budget is None else f"£{item.budget:,.0f}")
            assert row[6] == item.status.label


def test_hostile_titles_show_as_typed(converted):
    _, tmp = converted
    titles = {r[0] for r in _csv(tmp, "Business")}
    assert set(HOSTILE_TITLES.values()) <= titles


def test_roadmap_grids_mark_milestones_in_their_month(converted):
    roadmap, tmp = converted
    first_month = 3
    for band, sheet, start, count in ((Band.BUSINESS, "Business roadmap", (2026, 1), 60), (Band.TECH, "Tech roadmap", (2026, 7), 18)):
        rows = _csv(tmp, sheet)
        months = rows[4]  # shown as the month's initial; the columns run from the band's first month
        assert months[first_month] == "JFMAMJJASOND"[start[1] - 1] and len(months) == first_month + count, sheet
        by_title = {r[0]: r for r in rows}
        for item in roadmap.items_of(band):
            if item.is_milestone:
                col = first_month + (item.start.year - start[0]) * 12 + item.start.month - start[1]
                assert by_title[item.title][col] == "◆", item.title


def test_alignment_marks_every_supports_link(converted):
    roadmap, tmp = converted
    rows = _csv(tmp, "Alignment")
    marks = sum(cell == "●" for row in rows for cell in row)
    assert marks == sum(1 for l in roadmap.links.values() if l.kind == "supports")
    links = _csv(tmp, "Links")
    assert sum(r[0] == "Supports" for r in links) == marks
