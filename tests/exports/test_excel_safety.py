"""Hostile text stays text, failed writes leave the target alone, progress and pictures behave."""

from __future__ import annotations

import dataclasses
import errno
import os
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from exports import excel_writer
from planner import atomic
from exports.excel import ExportError, build_board_pack, export_board_pack
from exports.excel_cells import Cell, Sheet
from exports.excel_writer import PageInfo, clean_text, new_workbook, write_sheet
from planner.model import Band

from board_pack_helpers import TODAY, find_row, retitled

HOSTILE = [
    "=HYPERLINK(\"http://evil.example\",\"Click\")",
    "=1+1",
    "+44 20 7946 0000",
    "-1 quarter slip",
    "@SUM(A1:A9)",
    "\tTabbed",
    "\rReturn first",
    "=cmd|' /C calc'!A0",
]


def _hostile_roadmap(sample):
    items = dict(sample.items)
    business = [i for i in items.values() if i.band == Band.BUSINESS]
    for item, title in zip(business, HOSTILE):
        items[item.id] = dataclasses.replace(item, title=title, owner="=owner()", description="@desc")
    roadmap = dataclasses.replace(sample, items=items)
    return retitled(roadmap, "=Evil & Co &P")


@pytest.fixture(scope="module")
def hostile_wb(sample, tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.xlsx"
    export_board_pack(_hostile_roadmap(sample), path, today=TODAY)
    return load_workbook(path)


@pytest.mark.parametrize("title", HOSTILE)
def test_formula_like_titles_are_kept_as_typed_text(hostile_wb, title):
    typed = title.replace("\r", "\n")  # XML keeps no bare carriage returns; the writer makes them line feeds
    for sheet in ("Business", "Business roadmap"):
        ws = hostile_wb[sheet]
        cell = ws.cell(find_row(ws, typed), 1)
        assert cell.data_type == "s" and cell.value == typed
        assert cell.quotePrefix, (sheet, title)
    ws = hostile_wb["Business"]
    row = find_row(ws, typed)
    assert ws.cell(row, 3).value == "=owner()" and ws.cell(row, 3).data_type == "s"


def test_hostile_roadmap_title_in_cells_and_headers(hostile_wb):
    summary = hostile_wb["Summary"]
    assert summary["A1"].value == "=Evil & Co &P" and summary["A1"].data_type == "s"
    # "&" starts a header code, so it is doubled to print as typed
    assert summary.oddHeader.left.text == "=Evil && Co &&P"
    assert hostile_wb.properties.title == "=Evil & Co &P"
    for ws in hostile_wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)


def test_control_characters_are_dropped_not_fatal(sample, tmp_path):
    item = next(iter(sample.items.values()))
    items = dict(sample.items)
    items[item.id] = dataclasses.replace(item, title="Bell\x07 and \x1bescape", description="x" * 40_000)
    path = tmp_path / "ctl.xlsx"
    export_board_pack(dataclasses.replace(sample, items=items), path, today=TODAY)
    ws = load_workbook(path)["Business"]
    row = find_row(ws, "Bell and escape")
    assert len(ws.cell(row, 9).value) == 32_767  # Excel's cell limit, ending in an ellipsis
    assert ws.cell(row, 9).value.endswith("…")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=60))
@example("_x0041_ looks like an escape")
@example("=SUM(A1)\r\nline two")
@example("  padded  ")
@example("\x01=1+1")
def test_any_text_round_trips_as_text(tmp_path, value):
    sheet = Sheet("T", widths=[20])
    sheet.append([Cell(value)])
    wb = new_workbook("t", "o", "s")
    write_sheet(wb, sheet, PageInfo("t", "o", TODAY), lambda n: None)
    path = tmp_path / "t.xlsx"
    wb.save(path)
    cell = load_workbook(path)["T"]["A1"]
    expected = clean_text(value)  # "_x0041_" comes back escaped: openpyxl, unlike Excel and LibreOffice, keeps "_x005F_"
    if expected:
        assert cell.data_type == "s"
        assert cell.value == expected
        formula_start = ("=", "+", "-", "@", "\t", "\r")
        assert bool(cell.quotePrefix) == (value.startswith(formula_start) or expected.startswith(formula_start))
    else:
        assert cell.value in (None, "")


# --- atomic write -----------------------------------------------------------


@pytest.fixture
def existing(tmp_path) -> Path:
    path = tmp_path / "pack.xlsx"
    path.write_bytes(b"the board's previous pack")
    return path


def _assert_untouched(path: Path) -> None:
    assert path.read_bytes() == b"the board's previous pack"
    assert [p.name for p in path.parent.iterdir()] == [path.name], "temporary file left behind"


def test_target_that_is_a_folder(sample, tmp_path):
    folder = tmp_path / "pack.xlsx"
    folder.mkdir()
    with pytest.raises(ExportError, match="is a folder") as e:
        export_board_pack(sample, folder, today=TODAY)
    assert e.value.path == folder and str(folder) in str(e.value)
    assert folder.is_dir() and not any(folder.iterdir())


def test_missing_folder(sample, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export_board_pack(sample, tmp_path / "nope" / "pack.xlsx", today=TODAY)


def test_read_only_folder(sample, existing):
    """A folder's write bits are honoured for root too (CI runs as root), so this runs everywhere."""
    existing.parent.chmod(0o500)
    try:
        with pytest.raises(ExportError) as e:
            export_board_pack(sample, existing, today=TODAY)
        assert str(e.value) == f"{existing}: cannot write in the folder {existing.parent} (it is read-only)"
    finally:
        existing.parent.chmod(0o700)
    _assert_untouched(existing)


def test_folder_the_os_refuses(sample, existing, monkeypatch):
    """Write bits set, but the OS says no (an ACL, a read-only mount): the same message, from the OS's answer."""

    def denied(*args, dir=".", **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", os.path.join(dir, ".pack.xlsx.abc.tmp"))

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    with pytest.raises(ExportError) as e:
        export_board_pack(sample, existing, today=TODAY)
    assert str(e.value) == f"{existing}: cannot write in the folder {existing.parent} (permission denied)"
    _assert_untouched(existing)


def test_locked_target(sample, existing, monkeypatch):
    """Windows refuses to replace a file another program has open: a PermissionError at the rename."""

    def locked(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(ExportError, match="open in another program") as e:
        export_board_pack(sample, existing, today=TODAY)
    assert str(existing) in str(e.value)
    _assert_untouched(existing)


def test_disk_full_while_writing(sample, existing, monkeypatch):
    def full(self, filename):
        Path(filename).write_bytes(b"half a zip")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(excel_writer.Workbook, "save", full)
    with pytest.raises(ExportError, match="disk is full"):
        export_board_pack(sample, existing, today=TODAY)
    _assert_untouched(existing)


def test_cancelled_from_progress_leaves_target(sample, existing):
    class Cancelled(Exception):
        pass

    def progress(done, total):
        if done > 10:
            raise Cancelled

    with pytest.raises(Cancelled):
        export_board_pack(sample, existing, today=TODAY, progress=progress)
    _assert_untouched(existing)


def test_replaces_an_existing_file_keeping_its_mode(sample, existing):
    existing.chmod(0o640)
    export_board_pack(sample, existing, today=TODAY)
    assert load_workbook(existing).sheetnames[0] == "Summary"
    assert existing.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in existing.parent.iterdir()] == [existing.name]


def test_a_new_file_gets_ordinary_permissions(sample, tmp_path):
    path = tmp_path / "new.xlsx"
    export_board_pack(sample, path, today=TODAY)
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


# --- progress ---------------------------------------------------------------


def test_progress_rises_to_its_total(sample, tmp_path):
    calls = []
    export_board_pack(sample, tmp_path / "p.xlsx", today=TODAY, progress=lambda d, t: calls.append((d, t)))
    totals = {t for _, t in calls}
    assert len(totals) == 1
    total = totals.pop()
    done = [d for d, _ in calls]
    assert done[0] == 0 and done[-1] == total and done == sorted(done)
    assert len(calls) >= len(build_board_pack(sample, TODAY))


# --- picture ----------------------------------------------------------------


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\x20\x40\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_a_ready_made_picture_gets_the_timeline_page(sample, tmp_path):
    png = _png(1800, 900)
    path = tmp_path / "pic.xlsx"
    export_board_pack(sample, path, today=TODAY, picture_png=png)
    with zipfile.ZipFile(path) as z:
        media = [n for n in z.namelist() if n.startswith("xl/media/")]
        assert len(media) == 1 and z.read(media[0]) == png
        # openpyxl reads pictures back only with Pillow: read the placement from the drawing itself
        drawings = [z.read(n) for n in z.namelist() if n.startswith("xl/drawings/drawing")]
        [drawing] = [d for d in drawings if b"<pic>" in d]
        [(cx, cy)] = re.findall(rb'<ext cx="(\d+)" cy="(\d+)"', drawing)
    assert load_workbook(path).sheetnames[1] == "Timeline"
    width, height = int(cx) / 12700, int(cy) / 12700  # points: placed at the page width, keeping its shape
    assert abs(width - 780) < 1 and abs(width / height - 2) < 0.01


def test_picture_from_a_file(sample, tmp_path):
    png_file = tmp_path / "timeline.png"
    png_file.write_bytes(_png(200, 100))
    path = tmp_path / "pic.xlsx"
    export_board_pack(sample, path, today=TODAY, picture_png=png_file)
    with zipfile.ZipFile(path) as z:
        assert any(n.startswith("xl/media/") for n in z.namelist())


def test_a_picture_that_is_not_png_is_refused_before_writing(sample, existing):
    with pytest.raises(ValueError, match="not a PNG"):
        export_board_pack(sample, existing, today=TODAY, picture_png=b"GIF89a....")
    _assert_untouched(existing)


# --- the fast writer and the plain one agree ---------------------------------


def test_streaming_and_plain_writers_make_the_same_cells(sample, tmp_path):
    sheets = build_board_pack(sample, TODAY)
    page = PageInfo("t", "o", TODAY)
    books = []
    for streaming in (True, False):
        wb = new_workbook("t", "o", "s")
        for sheet in sheets:
            write_sheet(wb, sheet, page, lambda n: None, streaming=streaming)
        path = tmp_path / f"{streaming}.xlsx"
        wb.save(path)
        books.append(load_workbook(path))
    fast, plain = books
    for name in fast.sheetnames:
        a, b = fast[name], plain[name]
        assert a.max_row == b.max_row and a.max_column == b.max_column
        for ra, rb in zip(a.iter_rows(), b.iter_rows()):
            for ca, cb in zip(ra, rb):
                assert (ca.value, ca.data_type, ca.fill.fgColor.rgb, ca.font.b, ca.number_format, ca.border.left.style) == \
                       (cb.value, cb.data_type, cb.fill.fgColor.rgb, cb.font.b, cb.number_format, cb.border.left.style), \
                       (name, ca.coordinate)
    assert excel_writer.STREAMING, "openpyxl's row hook is gone: the export now takes the slow path"
