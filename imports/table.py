"""A grid of cells with a header row becomes an `ImportedPlan`.

Hierarchy comes from a parent column, an outline-number column, or the
indentation of titles (leading spaces); a row holding only a title followed by
data rows is a group heading and parents the rows under it. Each defect met is
reported: undecidable day/month order (ask for `--dates`), unreadable cells
(the row is skipped, naming row and column), formulas saved without a value,
dates stored as 23:00 the day before (a time-zone shift, read as the next day).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from imports import cells
from imports.cells import CellError, is_empty, text_of
from imports.columns import Column, find_header, guess_columns
from imports.plan import ImportedLink, ImportedPlan, ImportedTask, ImportFileError, Skipped, trim_title
from imports.sheets import Grid

DATE_ROLES = ("start", "end")


@dataclass(frozen=True)
class TableOptions:
    overrides: dict[str, str] = field(default_factory=dict)  # header -> role, from --map or the GUI
    dates: str | None = None  # "dmy" | "mdy" when the user said
    sheet: str | None = None


def header_index(path: Path, grid: Grid, overrides: dict[str, str]) -> int:
    if overrides:
        lowered = {k.lower() for k in overrides}
        for i, row in enumerate(grid.rows[:40]):
            if lowered & {text_of(c).strip().lower() for c in row}:
                return i
    found = find_header(grid.rows)
    if found is None:
        where = f" in sheet {grid.sheet!r}" if grid.sheet else ""
        raise ImportFileError(path, f"no header row found{where}: no row names a task/title column and another known column; name them with --map \"Column=title,Other=start\"")
    return found


def columns_of(path: Path, grid: Grid, options: TableOptions) -> tuple[int, list[Column]]:
    h = header_index(path, grid, options.overrides)
    cols = guess_columns(grid.rows[h], options.overrides)
    missing = [k for k in options.overrides if k.lower() not in {c.header.lower() for c in cols}]
    if missing:
        raise ImportFileError(path, f"--map names a column that is not in the header: {missing[0]!r}")
    if not any(c.role == "title" for c in cols):
        raise ImportFileError(path, "no column is mapped to title; say which with --map \"Column=title\"")
    return h, cols


def read_grid(path: Path, grid: Grid, fmt: str, options: TableOptions) -> ImportedPlan:
    h, cols = columns_of(path, grid, options)
    role = {c.role: c.index for c in cols if c.role and c.role != "dependencies"}
    dep_cols = [c.index for c in cols if c.role == "dependencies"]
    body = [(i, r) for i, r in enumerate(grid.rows[h + 1 :], start=h + 1)]
    order = options.dates or _date_order(path, body)
    shifted = {r: _shifted_day(body, role[r]) for r in DATE_ROLES if r in role}
    skipped: list[Skipped] = []
    notes: list[str] = []
    rows = []  # (sheet row, cells) of rows that carry data
    blank = 0
    for i, row in body:
        cells_ = list(row) + [""] * (len(grid.rows[h]) - len(row))
        if all(is_empty(c) for c in cells_):
            blank += 1
            continue
        if is_empty(cells_[role["title"]]) if role["title"] < len(cells_) else True:
            skipped.append(Skipped(f"row {i + 1}", "no title"))
            continue
        rows.append((i, cells_))
    uncached = sorted((r, c) for r, c in grid.uncached if r > h and c in role.values())
    if uncached:
        names = {c.index: c.header for c in cols}
        r, c = uncached[0]
        notes.append(
            f"{len(uncached)} formula {'cell' if len(uncached) == 1 else 'cells'} saved without a value (first: row {r + 1}, "
            f"{names[c]}) read as empty: open and save the file in Excel or LibreOffice to store them"
        )
    tasks, links, more_skipped, hierarchy = _tasks(path, rows, role, dep_cols, order, shifted)
    skipped += more_skipped
    if blank:
        notes.append(f"{blank} blank {'row' if blank == 1 else 'rows'} skipped")
    for r, day in shifted.items():
        if day:
            notes.append(f"{r} dates stored as the previous day at {day} (a time-zone shift) read as the next day")
    if hierarchy:
        notes.append(f"hierarchy from {hierarchy}")
    if grid.other_sheets:
        notes.append(f"sheet {grid.sheet!r} imported; not the other sheets ({', '.join(grid.other_sheets)})")
    if grid.delimiter:
        notes.append(f"{ {',': 'comma', ';': 'semicolon', chr(9): 'tab', '|': 'bar'}[grid.delimiter]}-separated, {grid.encoding}")
    if "duration" in role and "end" not in role:
        notes.append("durations counted in calendar days")
    unused = [c.header for c in cols if c.role is None and any(not is_empty(r[c.index]) for _, r in rows if c.index < len(r))]
    not_carried = (f"{len(unused)} unmapped {'column' if len(unused) == 1 else 'columns'} ({', '.join(unused[:8])}{', …' if len(unused) > 8 else ''})",) if unused else ()
    return ImportedPlan(
        source=path, format=fmt, tasks=tuple(tasks), links=tuple(links),
        skipped=tuple(skipped), notes=tuple(notes), not_carried=not_carried,
    )


def _date_order(path: Path, body) -> str | None:
    """Day-first or month-first, from every date-like text cell; ask when the file cannot tell."""
    seen = Counter()
    example: dict[str, str] = {}
    ambiguous = None
    for _, row in body:
        for c in row:
            if isinstance(c, str):
                kind = cells.numeric_date_order(c)
                if kind:
                    seen[kind] += 1
                    example.setdefault(kind, c.strip())
                elif ambiguous is None and cells.is_ambiguous_numeric_date(c):
                    ambiguous = c.strip()
    if len(seen) == 2:
        raise ImportFileError(path, f"dates disagree: {example['dmy']} reads only day-first, {example['mdy']} only month-first; say --dates dmy or --dates mdy")
    if seen:
        return next(iter(seen))
    if ambiguous:
        raise ImportFileError(path, f"dates like {ambiguous} could be day-first or month-first; say --dates dmy or --dates mdy")
    return None


def _shifted_day(body, col: int) -> str | None:
    """'23:00' when every date-time in the column sits at one hour after noon: a time-zone shift."""
    times = {c.time() for _, r in body if col < len(r) for c in [r[col]] if isinstance(c, datetime)}
    if len(times) == 1:
        t = next(iter(times))
        if t.hour >= 12:
            return t.strftime("%H:%M")
    return None


def _indent(title: str) -> int:
    return len(title) - len(title.lstrip(" \t\u3000"))


def _tasks(path, rows, role, dep_cols, order, shifted):
    """Tasks and links from the data rows; parents from a column, outline numbers or indentation."""
    skipped: list[Skipped] = []
    data_roles = set(role) - {"title"}
    has_data = [any(not is_empty(cells_[role[r]]) for r in data_roles) or any(not is_empty(cells_[c]) for c in dep_cols if c < len(cells_))
                for _, cells_ in rows]
    indents = [_indent(text_of(cells_[role["title"]])) for _, cells_ in rows]
    unit = min((i for i in indents if i), default=1)
    by_structure = "parent" not in role and "outline" not in role
    seen: set[str] = set()
    outline_of: dict[str, str] = {}
    tasks: list[ImportedTask] = []
    raw_links: list[tuple[str, str, str, int]] = []
    open_parents: list[tuple[float, str]] = []  # (level, key) of rows that may parent the next ones
    headings = indented = 0
    for n, ((i, cells_), data) in enumerate(zip(rows, has_data)):
        raw_title = text_of(cells_[role["title"]])
        level: float = indents[n] // unit
        nxt = n + 1 < len(rows)
        heading = not data and nxt and (has_data[n + 1] or indents[n + 1] > indents[n])
        if not data and not heading:
            skipped.append(Skipped(f"row {i + 1} '{raw_title.strip()[:40]}'", "only a title, no dates or other fields"))
            continue
        key = text_of(cells_[role["id"]]).strip() if "id" in role and not is_empty(cells_[role["id"]]) else str(n + 1)
        title, _ = trim_title(raw_title.lstrip(" \t\u3000") if by_structure and indents[n] else raw_title)
        try:
            task, deps = _row_task(key, title, cells_, role, dep_cols, order, shifted)
        except CellError as e:
            skipped.append(Skipped(f"row {i + 1} '{title.strip()[:40]}'", str(e)))
            continue
        if key in seen:
            raise ImportFileError(path, f"row {i + 1}: id {key!r} is used by two rows")
        seen.add(key)
        outline_of[key] = text_of(cells_[role["outline"]]).strip().rstrip(".") if "outline" in role else ""
        if by_structure:
            level -= 0.5 if heading else 0  # a heading parents the rows under it, even unindented ones
            while open_parents and open_parents[-1][0] >= level:
                open_parents.pop()
            if open_parents:
                task = _with_parent(task, open_parents[-1][1])
                indented += not heading and indents[n] > 0
            headings += heading
            open_parents.append((level, key))
        tasks.append(task)
        raw_links += [(ref, key, t, lag) for ref, t, lag in deps]
    hierarchy = ""
    if "outline" in role:
        tasks, hierarchy = _outline_parents(tasks, outline_of), "the outline-number column"
    elif "parent" in role:
        hierarchy = "the parent column"
    elif headings or indented:
        hierarchy = " and ".join(filter(None, ["indentation" if indented else "", f"{headings} group rows" if headings else ""]))
    hierarchy = hierarchy if any(t.parent for t in tasks) else ""
    links = [ImportedLink(p, s, t, lag) for p, s, t, lag in raw_links]
    return tasks, links, skipped, hierarchy


def _with_parent(task: ImportedTask, parent: str | None) -> ImportedTask:
    from dataclasses import replace

    return replace(task, parent=parent)


def _outline_parents(tasks: list[ImportedTask], outline_of: dict[str, str]) -> list[ImportedTask]:
    """Outline numbers like 1.2.3 (or 7.0 typed as a number): the parent is the row numbered 1.2."""
    by_outline: dict[str, str] = {}
    for t in tasks:
        by_outline.setdefault(outline_of[t.key], t.key)
    return [_with_parent(t, by_outline.get(outline_of[t.key].rpartition(".")[0])) for t in tasks]


def _row_task(key, title, cells_, role, dep_cols, order, shifted):
    def cell(r):
        return cells_[role[r]] if r in role and role[r] < len(cells_) else ""

    def dated(r):
        v = cell(r)
        if is_empty(v):
            return None
        try:
            return cells.parse_date(v, order, shift_day=bool(shifted.get(r)))
        except CellError as e:
            raise CellError(f"{r}: {e}") from None

    start, end = dated("start"), dated("end")
    milestone = False
    if not is_empty(cell("milestone")):
        milestone = text_of(cell("milestone")).strip().lower() in ("1", "true", "yes", "y", "x", "sim", "sí", "да", "milestone")
    status = None
    if not is_empty(cell("status")):
        word = text_of(cell("status")).strip().lower()
        milestone = milestone or word in ("milestone", "marco", "hito", "веха")
        status = cells.parse_status(word)
    if not is_empty(cell("progress")):
        try:
            status = status or (cells.STATUS_OF["done"] if cells.parse_progress_done(cell("progress")) else None)
        except CellError:
            pass  # a progress note in words is not worth losing the row over
    if end is None and start is not None and not is_empty(cell("duration")):
        try:
            days = cells.parse_duration_days(cell("duration"))
        except CellError as e:
            raise CellError(f"duration: {e}") from None
        end = start + timedelta(days=max(days - 1, 0))
        milestone = milestone or days == 0
    if start is not None and end is not None and end < start:
        raise CellError(f"end {end.isoformat()} is before start {start.isoformat()}")
    if milestone and (start or end):
        start = end = end or start
    budget = None
    if not is_empty(cell("budget")):
        try:
            budget = cells.parse_number(cell("budget")) or None
        except CellError as e:
            raise CellError(f"budget: {e}") from None
    deps = []
    for c in dep_cols:
        if c < len(cells_) and not is_empty(cells_[c]):
            try:
                deps += cells.parse_dependencies(cells_[c])
            except CellError as e:
                raise CellError(f"dependencies: {e}") from None
    parent = text_of(cell("parent")).strip() or None
    task = ImportedTask(
        key=key, title=title, start=start, end=end, milestone=milestone, parent=parent,
        group=cells.list_text(cell("group")).strip(), owner=cells.list_text(cell("owner")).strip(), status=status,
        description=text_of(cell("description")).strip(), budget=budget,
    )
    return task, deps
