"""Which reader a file needs, found from its first bytes (the extension only breaks ties)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from imports.plan import ImportFileError

HEAD = 65536
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_BYTES = 200 * 1024 * 1024
FORMATS = {
    "mspdi": "MS Project XML (MSPDI)",
    "mpp": "MS Project (.mpp)",
    "mpxj": "project file read by MPXJ",
    "gan": "GanttProject (.gan)",
    "xlsx": "Excel workbook (.xlsx)",
    "xls": "Excel 97-2003 workbook (.xls)",
    "ods": "OpenDocument spreadsheet (.ods)",
    "csv": "delimited text (CSV)",
    "tsv": "tab-separated text (TSV)",
    "ics": "iCalendar (.ics)",
}


def detect(path: Path) -> str:
    """One of FORMATS' keys, or ImportFileError saying what the file is not."""
    if not path.exists():
        raise ImportFileError(path, "no such file")
    if not path.is_file():
        raise ImportFileError(path, "not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise ImportFileError(path, "the file is empty")
    if size > MAX_BYTES:
        raise ImportFileError(path, f"{size / 2**20:.0f} MB is larger than any plan file we import ({MAX_BYTES // 2**20} MB)")
    with path.open("rb") as f:
        head = f.read(HEAD)
    suffix = path.suffix.lower()
    if head.startswith(OLE2):
        return _ole2(path, suffix)
    if head.startswith(b"PK\x03\x04"):
        return _zip(path)
    text = _text_head(head)
    if text is None:
        raise ImportFileError(path, "binary data that is not a format we import (MS Project, GanttProject, spreadsheet, CSV, iCalendar)")
    stripped = text.lstrip()
    if stripped.startswith("<"):
        return _xml(path, stripped)
    if re.match(r"BEGIN:(VCALENDAR|VEVENT|VTODO)\b", stripped, re.IGNORECASE):
        return "ics"
    if stripped.startswith("MPX,") or stripped.startswith("ERMHDR"):
        return "mpxj"  # MPX and Primavera XER: MPXJ reads them
    return "tsv" if suffix == ".tsv" or "\t" in stripped.split("\n", 1)[0] else "csv"


def _text_head(head: bytes) -> str | None:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(codec, errors="ignore")
    if b"\x00" in head:
        return None
    sample = head.decode("utf-8", errors="replace")
    bad = sample.count("\ufffd") + sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f")
    if bad > max(8, len(sample) // 100):
        try:
            return head.decode("cp1252") if bad and not any(b < 9 for b in head) else None
        except UnicodeDecodeError:
            return None
    return sample


def _xml(path: Path, text: str) -> str:
    body = re.sub(r"<\?.*?\?>|<!--.*?-->", "", text, flags=re.DOTALL).lstrip()
    if body.startswith("<!DOCTYPE") or "<!ENTITY" in body[:HEAD]:
        raise ImportFileError(path, "refused: the XML declares a DTD or entities (entity expansion and outside files are not allowed)")
    m = re.match(r"<([\w:.-]+)([^>]*)>", body)
    if not m:
        raise ImportFileError(path, "XML without a readable root element")
    name, attrs = m.group(1), m.group(2)
    if name == "Project" and "schemas.microsoft.com/project" in attrs:
        return "mspdi"
    if name == "project" and ("<tasks" in text or "view-date" in attrs or "gantt-divider-location" in attrs):
        return "gan"
    raise ImportFileError(path, f"XML with a <{name}> root is not a format we import (MS Project XML, GanttProject)")


def _zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names and z.read("mimetype").startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
                return "ods"
    except zipfile.BadZipFile:
        raise ImportFileError(path, "a damaged or truncated ZIP package (workbooks are ZIP files)") from None
    raise ImportFileError(path, "a ZIP package that is neither an Excel workbook nor an OpenDocument spreadsheet")


def _ole2(path: Path, suffix: str) -> str:
    """Excel 97-2003 and MS Project .mpp are both OLE2 compound files: look for their streams' names."""
    with path.open("rb") as f:
        data = f.read(4 * 1024 * 1024)
    utf16 = lambda s: s.encode("utf-16-le")  # noqa: E731
    if utf16("Workbook") in data or utf16("Book") in data:
        return "xls"
    if suffix == ".mpp" or utf16("Props") in data or utf16("   1") in data:
        return "mpp"
    raise ImportFileError(path, "an OLE2 compound file that is neither an .xls workbook nor an .mpp project")
