"""A real presentation client reads the deck: LibreOffice Impress converts it to PDF.

Skipped when LibreOffice (`soffice`) is not installed; .ci/run installs
libreoffice-impress-nogui and poppler-utils so CI runs it.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from board_pack_helpers import TODAY
from exports.slides import export_slides

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
POPPLER = shutil.which("pdftotext") is not None
HOSTILE = {"Same-day delivery in London": "=1+1 same-day", "Open Netherlands market": "<b>NL</b> market",
           "CRM go-live": "_x0041_ go-live"}
BOX_PER_PT = 1.30  # pdftotext's word box is about 1.3 x the font size (DejaVu Sans, measured)


@pytest.fixture(scope="module")
def converted(sample, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("impress")
    items = dict(sample.items)
    for item in sample.items.values():
        if item.title in HOSTILE:
            items[item.id] = dataclasses.replace(item, title=HOSTILE[item.title])
    roadmap = dataclasses.replace(sample, items=items)
    deck = tmp / "slides.pptx"
    count = export_slides(roadmap, deck, today=TODAY, source="northwind.roadmap")
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp), str(deck)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = tmp / "slides.pdf"
    assert pdf.exists(), "LibreOffice wrote no PDF"  # it exits 0 even when it could not load the file
    return roadmap, pdf, count


def test_every_slide_is_a_page(converted):
    _, pdf, count = converted
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert pages == count


@pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext) is not installed")
def test_titles_show_as_typed_and_nothing_is_under_10pt(converted):
    roadmap, pdf, _ = converted
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for title in HOSTILE.values():
        assert title in text
    for title in ("Online sales 30% of revenue", "Generative-AI customer service assistant", "Top risks"):
        assert title in text
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    heights = [float(y1) - float(y0) for y0, y1 in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', layout)]
    assert len(heights) > 500
    assert min(heights) / BOX_PER_PT >= 9.8  # 10 pt, less the measuring error of the box


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is not installed")
def test_pages_render(converted, tmp_path):
    _, pdf, count = converted
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    assert len(list(Path(tmp_path).glob("page-*.png"))) == count
