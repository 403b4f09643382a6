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
