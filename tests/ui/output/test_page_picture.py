"""The timeline drawn for paper: exact pixels, titles sized for print, a band a page when needed."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from exports.excel_timeline import PictureRequest, plan_pictures
from planner.model import Band
from ui.output.page_picture import close, legible, offscreen_view, paint_pages, render_for_page, screen_text_px
from ui.output.picture import write_pdf

from days import TODAY

# Qt's PDF writer gives a DejaVu Sans word a box of its ascent plus descent: 1.164 x the size
# (LibreOffice's boxes are 1.30 x).
QT_BOX_PER_POINT = 1.164


def _image(png: bytes) -> QImage:
    picture = QImage()
    assert picture.loadFromData(png, "PNG")
    return picture


def test_the_board_pack_picture_is_the_size_asked_with_titles_for_print(app, sample):
    [request] = plan_pictures(sample)
    png = render_for_page(sample, request, TODAY)
    picture = _image(png)
    assert (picture.width(), picture.height()) == (request.width_px, request.height_px) == (2167, 1298)
    # Titles are drawn font_scale times their screen size: at 200 dpi that prints at 8 pt.
    drawn_px = screen_text_px() * request.font_scale(screen_text_px())
    assert drawn_px * 72 / request.dpi >= 8.0 - 1e-6
    colours = {picture.pixel(x, y) for x in range(0, picture.width(), 41) for y in range(0, picture.height(), 41)}
    assert len(colours) > 20  # bars, lanes, text: a drawing, not a blank


def test_both_bands_share_a_page_only_while_both_keep_their_titles(app, sample, grown_sample):
    both = PictureRequest(None, 2167, 1298, dpi=200)
    view = offscreen_view(sample, (1078, 646), today=TODAY)  # the sample, at 8 pt on the page
    try:
        assert legible(view)
    finally:
        close(view)
    assert render_for_page(grown_sample, both, TODAY) is None  # five times the rows: no room for titles
    for band in (Band.BUSINESS, Band.TECH):
        png = render_for_page(grown_sample, PictureRequest(band, 2167, 1298, dpi=200), TODAY)
        assert _image(png).width() == 2167


def test_a_band_alone_gets_the_page(app, sample):
    view = offscreen_view(sample, (1000, 600), band=Band.TECH, today=TODAY)
    try:
        assert not view.business.plot.isVisible() and not view.links.isVisible()
        assert view.tech.plot.height() > 0.75 * 600  # all but the title and the legend
        assert legible(view)
    finally:
        close(view)


def _pdf_pages(path) -> list[list[float]]:
    """Each page's word heights, in points (poppler's pdftotext)."""
    import re

    xml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [[float(b) - float(a) for a, b in re.findall(r'<word [^>]*yMin="([\d.]+)" [^>]*yMax="([\d.]+)"', page)]
            for page in xml.split("<page ")[1:]]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler (pdftotext) is not installed")
@pytest.mark.parametrize("which, pages", [("sample", 1), ("grown_sample", 2)])
def test_pdf_pages_print_titles_at_8pt_a_band_a_page_when_needed(app, request, tmp_path, which, pages):
    roadmap = request.getfixturevalue(which)
    path = tmp_path / "timeline.pdf"
    assert write_pdf(roadmap, path, TODAY) == pages
    heights = _pdf_pages(path)
    assert len(heights) == pages
    for page in heights:
        assert min(page) / QT_BOX_PER_POINT >= 8.0 - 0.05


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler (pdftotext) is not installed")
def test_a_pdf_folds_the_parents_folded_on_screen(app, sample, tmp_path):
    from tests.ui.timeline.outline_sample import PHASES, by_title, with_outline

    roadmap = with_outline(sample)
    crm = by_title(roadmap, "CRM rebuild").id
    for folded, path in ((frozenset(), tmp_path / "open.pdf"), (frozenset({crm}), tmp_path / "folded.pdf")):
        write_pdf(roadmap, path, TODAY, folded)
    words = {p.stem: subprocess.run(["pdftotext", str(p), "-"], capture_output=True, text=True, check=True).stdout
             for p in (tmp_path / "open.pdf", tmp_path / "folded.pdf")}
    assert PHASES[0][0] in words["open"] and "CRM rebuild" in words["open"]
    assert PHASES[0][0] not in words["folded"] and "CRM rebuild" in words["folded"]


def test_printing_paints_the_same_pages(app, grown_sample, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from ui.output.picture import _a4_landscape

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)  # as File > Print makes it
    printer.setPageLayout(_a4_landscape())
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert paint_pages(grown_sample, printer, TODAY) == 2  # a band a page
    assert (tmp_path / "printed.pdf").read_bytes().count(b"/MediaBox") == 2


def _documents():
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def test_export_dialogs_open_in_documents_then_in_the_last_folder(window, tmp_path, monkeypatch):
    """Picture, board pack and JSON exports: Documents the first time, then where the last one went."""
    asked = []
    out = tmp_path / "exports"
    out.mkdir()

    def fake_save(parent, title, start, filters, *rest, **kw):
        asked.append((title, start))
        suffix = {"Export Picture": ".png", "Export Board Pack": ".xlsx", "Export JSON": ".json"}[title]
        return str(out / f"plan{suffix}"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("1x (screen)", True)))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    actions = (window.export_picture_action, window.export_pack_action, window.export_json_action)
    for action in actions + actions:
        action.trigger()
    firsts, seconds = asked[:3], asked[3:]
    assert [t for t, _ in asked] == ["Export Picture", "Export Board Pack", "Export JSON"] * 2
    for _, start in firsts:
        assert start.startswith(_documents())
    for _, start in seconds:
        assert start.startswith(str(out))
    assert {p.name for p in out.iterdir()} == {"plan.png", "plan.xlsx", "plan.json"}
