"""One entry point for every format: `read_plan(path)` -> a completed `ImportedPlan`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from imports import detect as detection
from imports import mpxj
from imports.plan import ImportedPlan, ImportFileError, complete
from imports.table import TableOptions, columns_of


@dataclass(frozen=True)
class ReadOptions:
    undated_start: date  # where tasks without any date are placed when the plan has no dates at all
    overrides: dict[str, str] = field(default_factory=dict)  # spreadsheet column -> role
    dates: str | None = None  # "dmy" | "mdy"
    sheet: str | None = None
    engine: str = "auto"  # MSPDI: "auto" (MPXJ where Java is found), "mpxj" or "builtin"


def read_plan(path: Path, options: ReadOptions) -> ImportedPlan:
    path = Path(path)
    kind = detection.detect(path)
    try:
        plan = _read(path, kind, options)
    except ImportFileError:
        raise
    except RecursionError:
        raise ImportFileError(path, "nested too deeply to read") from None
    except MemoryError:
        raise ImportFileError(path, "too large to read in memory") from None
    return complete(plan, options.undated_start)


def _read(path: Path, kind: str, options: ReadOptions) -> ImportedPlan:
    fmt = detection.FORMATS[kind]
    if kind == "mspdi":
        use_mpxj = options.engine == "mpxj" or (options.engine == "auto" and mpxj.available())
        from imports.msproject import plan_from_raw

        from imports import mspdi

        if use_mpxj:
            try:
                raw = mpxj.read_raw(path)
            except ImportFileError:
                mspdi.read_raw(path)  # a broken XML file: the built-in reader says precisely where
                raise
            return plan_from_raw(raw, path, fmt, f"read by MPXJ {mpxj.mpxj_version()}")

        why = "" if options.engine == "builtin" else f" ({mpxj.why_unavailable()})"
        return plan_from_raw(mspdi.read_raw(path), path, fmt, f"read by the built-in MSPDI reader{why}")
    if kind in ("mpp", "mpxj"):
        from imports.msproject import plan_from_raw

        raw = mpxj.read_raw(path)
        return plan_from_raw(raw, path, fmt, f"read by MPXJ {mpxj.mpxj_version()}")
    if kind == "gan":
        from imports import gan

        return gan.read(path)
    if kind == "ics":
        from imports import ical

        return ical.read(path, path.read_bytes())
    from imports import sheets, table

    grid = load_grid(path, kind, options)
    return table.read_grid(path, grid, fmt, TableOptions(options.overrides, options.dates, options.sheet))


def load_grid(path: Path, kind: str, options: ReadOptions):
    """The cells of a spreadsheet or delimited file (the GUI shows them to confirm the mapping)."""
    from imports import sheets
    from imports.columns import find_header

    if kind in ("csv", "tsv"):
        return sheets.read_text_grid(path, path.read_bytes())
    has_header = (lambda rows: find_header(rows) is not None) if not options.overrides else (lambda rows: True)
    return sheets.read_workbook_grid(path, options.sheet, has_header)


def column_guess(path: Path, options: ReadOptions):
    """For a spreadsheet: the header row index and each column's guessed role (None for other formats)."""
    kind = detection.detect(path)
    if kind not in ("xlsx", "xls", "ods", "csv", "tsv"):
        return None
    grid = load_grid(path, kind, options)
    return columns_of(path, grid, TableOptions(options.overrides, options.dates, options.sheet))


__all__ = ["ReadOptions", "read_plan", "column_guess", "load_grid"]
