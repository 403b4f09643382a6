"""Spreadsheets and delimited text as a grid of cells, whatever the file format.

.xlsx/.xls/.ods go through python-calamine (fast; it returns the values the
writing program cached and evaluates nothing). An .xlsx formula with no cached
value is found by reading the sheet's XML, so it can be reported instead of
looking like an empty cell. CSV/TSV: the byte-order mark, encoding and
delimiter are detected.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from defusedxml.ElementTree import parse

from imports.plan import ImportFileError

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DELIMITERS = ",;\t|"
MAX_ROWS = 200_000


@dataclass
class Grid:
    rows: list[list]  # cell values: str, float, int, bool, date, datetime ("" for empty)
    sheet: str = ""  # sheet name, "" for delimited text
    other_sheets: list[str] = field(default_factory=list)
    uncached: set[tuple[int, int]] = field(default_factory=set)  # (row, col) formulas with no saved value
    delimiter: str = ""
    encoding: str = ""


def read_text_grid(path: Path, data: bytes) -> Grid:
    text, encoding = decode(path, data)
    sample = text[:20000]
    delimiter = _delimiter(sample, path.suffix.lower())
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(path, f"{len(rows):,} rows is more than the {MAX_ROWS:,} an import takes")
    return Grid(rows=rows, delimiter=delimiter, encoding=encoding)


def decode(path: Path, data: bytes) -> tuple[str, str]:
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name), name + " (with byte-order mark)"
    if b"\x00" in data[:4096]:
        raise ImportFileError(path, "binary data, not text (no delimited rows)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "windows-1252"


def _delimiter(sample: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    lines = [l for l in sample.splitlines()[:30] if l.strip()]
    best, best_score = ",", -1.0
    for d in DELIMITERS:
        counts = [len(next(csv.reader([l], delimiter=d))) for l in lines]
        if not counts or max(counts) < 2:
            continue
        steady = sum(1 for c in counts if c == counts[0]) / len(counts)
        score = steady * 10 + min(counts[0], 50) / 50
        if score > best_score:
            best, best_score = d, score
    return best


def read_workbook_grid(path: Path, sheet: str | None, has_header) -> Grid:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as e:  # calamine raises its own error types for broken files
        raise ImportFileError(path, f"cannot read the workbook ({str(e).splitlines()[0][:160] if str(e) else type(e).__name__})") from None
    names = [m.name for m in wb.sheets_metadata if str(m.typ).endswith("WorkSheet")] or list(wb.sheet_names)
    if sheet is not None and sheet not in names:
        raise ImportFileError(path, f"no sheet named {sheet!r} (sheets: {', '.join(names)})")
    active = _active_sheet(path, names) if path.suffix.lower() in (".xlsx", ".xlsm") else None
    order = [sheet] if sheet else ([active] if active else []) + [n for n in names if n != active]
    for name in order:
        try:
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as e:
            raise ImportFileError(path, f"sheet {name!r} cannot be read ({str(e)[:160]})") from None
        if len(rows) > MAX_ROWS:
            raise ImportFileError(path, f"sheet {name!r} has {len(rows):,} rows, more than the {MAX_ROWS:,} an import takes")
        if sheet or has_header(rows):
            uncached = _uncached_formulas(path, name) if path.suffix.lower() in (".xlsx", ".xlsm") else set()
            return Grid(rows=rows, sheet=name, other_sheets=[n for n in names if n != name], uncached=uncached)
    raise ImportFileError(path, f"no sheet has a recognisable header row (sheets: {', '.join(names)}); name the columns with --map")


def _sheet_parts(z: zipfile.ZipFile) -> tuple[dict[str, str], int]:
    """Sheet name -> part path inside the package, and the workbook's active tab."""
    book = parse(z.open("xl/workbook.xml")).getroot()
    rels = parse(z.open("xl/_rels/workbook.xml.rels")).getroot()
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(PKG_REL + "Relationship")}
    parts = {}
    for s in book.iter(MAIN + "sheet"):
        target = targets.get(s.get(REL + "id"), "")
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        parts[s.get("name")] = path
    view = book.find(f"{MAIN}bookViews/{MAIN}workbookView")
    active = int(view.get("activeTab", "0")) if view is not None else 0
    return parts, active


def _active_sheet(path: Path, names: list[str]) -> str | None:
    try:
        with zipfile.ZipFile(path) as z:
            parts, active = _sheet_parts(z)
    except (KeyError, zipfile.BadZipFile, ValueError, OSError):
        return None
    ordered = list(parts)
    return ordered[active] if 0 <= active < len(ordered) and ordered[active] in names else None


_CELL = re.compile(r"([A-Z]+)(\d+)")


_CACHED_VALUE = re.compile(rb"<v>[^<]")
_FORMULA_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*?(?<!/)>(.*?)</c>', re.DOTALL)


def _uncached_formulas(path: Path, sheet: str) -> set[tuple[int, int]]:
    """(row, col), 0-based, of formula cells the writer saved without a value (a scan, not a parse: fast)."""
    out: set[tuple[int, int]] = set()
    try:
        with zipfile.ZipFile(path) as z:
            parts, _ = _sheet_parts(z)
            data = z.read(parts[sheet])
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return out
    if b"<f" not in data:
        return out
    for m in _FORMULA_CELL.finditer(data):
        body = m.group(3)
        # An empty <v></v> is no value either: openpyxl writes one when lxml is installed.
        if b"<f" in body and not _CACHED_VALUE.search(body) and b"<is>" not in body:
            out.add((int(m.group(2)) - 1, _column_index(m.group(1).decode())))
    return out


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1
