"""Helpers shared by the board-pack tests (a plain module: tests/ has no packages)."""

from __future__ import annotations

import dataclasses
from datetime import date

from planner.model import Roadmap

TODAY = date(2026, 11, 16)


def find_row(ws, title: str, column: int = 1) -> int:
    """The row whose cell in `column` holds `title` (fails the test when absent)."""
    for row in ws.iter_rows(min_col=column, max_col=column):
        if row[0].value == title:
            return row[0].row
    raise AssertionError(f"{title!r} not found in column {column} of {ws.title}")


def month_column(ws, month: date, header_row: int = 5) -> int:
    """The Roadmap grid column whose month header is `month`."""
    for cell in ws[header_row]:
        if cell.value is not None and hasattr(cell.value, "year") and (cell.value.year, cell.value.month) == (month.year, month.month):
            return cell.column
    raise AssertionError(f"no column for {month:%b %Y}")


def retitled(roadmap: Roadmap, title: str) -> Roadmap:
    return dataclasses.replace(roadmap, info=dataclasses.replace(roadmap.info, title=title))


def png(width: int, height: int, shade: int = 0xD0) -> bytes:
    """A plain grey PNG of exactly `width` x `height` pixels, made without Pillow or Qt."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes([shade]) * width
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height, 1)) + chunk(b"IEND", b""))


class StandInRenderer:
    """Draws the timeline pictures a board pack asks for as plain PNGs, and keeps the requests."""

    def __init__(self):
        self.requests = []

    def __call__(self, request) -> bytes:
        self.requests.append(request)
        return png(request.width_px, request.height_px, 0xD0 if request.band is None else 0xE0)
