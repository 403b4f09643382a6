"""MS Project's rules, applied once for both readers (MPXJ in a child process, built-in MSPDI).

Each reader hands over the same plain records (`RawProject`); this module turns
them into an `ImportedPlan`. Keeping the quirks here (the project summary task,
blank rows, working-day length, lag units, ID order) is what makes the two
readers give the same plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from imports.plan import ImportedLink, ImportedPlan, ImportedTask, Skipped, trim_title
from planner.model import Status

ELAPSED_MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True)
class RawTask:
    uid: int
    id: int | None
    name: str | None
    outline_level: int
    parent_uid: int | None
    null: bool = False
    summary: bool = False
    milestone: bool = False
    start: str | None = None  # ISO date-time as written, e.g. 2003-01-07T08:00:00
    finish: str | None = None
    percent_complete: float = 0.0
    notes: str = ""


@dataclass(frozen=True)
class RawLink:
    predecessor_uid: int
    successor_uid: int
    dep_type: str  # FS, SS, FF, SF
    lag_minutes: float  # working minutes, or elapsed minutes when `elapsed`
    elapsed: bool = False
    percent: bool = False  # lag given as a percentage of the predecessor: not carried


@dataclass(frozen=True)
class RawProject:
    title: str
    minutes_per_day: float
    tasks: list[RawTask]
    links: list[RawLink]
    resources: int = 0
    calendars: int = 0
    has_costs: bool = False
    extra: dict = field(default_factory=dict)


def plan_from_raw(raw: RawProject, source: Path, fmt: str, reader: str) -> ImportedPlan:
    tasks: list[ImportedTask] = []
    skipped: list[Skipped] = []
    trimmed = 0
    known: set[int] = set()
    for t in sorted(raw.tasks, key=lambda t: (t.id is None, t.id if t.id is not None else t.uid)):
        if t.null or (t.name is None and t.start is None):
            skipped.append(Skipped(f"row {t.id}", "a blank row"))
            continue
        if t.outline_level == 0 or t.uid == 0 and t.parent_uid is None and t.summary:
            skipped.append(Skipped(f"project summary task '{t.name or ''}'", "it stands for the project itself"))
            continue
        title, was_trimmed = trim_title(t.name or "")
        trimmed += was_trimmed
        if not title.strip():
            title = f"Task {t.id}"  # MS Project allows unnamed tasks; a roadmap item needs a title
        start = _day(t.start)
        end = _end_day(t.start, t.finish)
        if t.milestone and end is not None:
            start = end  # MS Project draws a milestone at its finish
        tasks.append(
            ImportedTask(
                key=str(t.uid),
                title=title,
                start=start,
                end=end,
                milestone=t.milestone,
                parent=str(t.parent_uid) if t.parent_uid not in (None, 0) else None,
                status=Status.DONE if t.percent_complete >= 100 else None,
                description=t.notes.strip(),
            )
        )
        known.add(t.uid)
    tasks = [t if t.parent is None or int(t.parent) in known else _orphan(t) for t in tasks]
    links = []
    for l in raw.links:
        if l.percent:
            skipped.append(Skipped(f"lag of dependency {l.predecessor_uid} → {l.successor_uid}", "a percentage lag; kept as 0 days"))
        per_day = ELAPSED_MINUTES_PER_DAY if l.elapsed else (raw.minutes_per_day or 480)
        lag = 0 if l.percent else round(l.lag_minutes / per_day)
        links.append(ImportedLink(str(l.predecessor_uid), str(l.successor_uid), l.dep_type, lag))
    not_carried = []
    if raw.resources:
        not_carried.append(f"{raw.resources} resource{'s' if raw.resources != 1 else ''} and their assignments")
    if raw.has_costs:
        not_carried.append("costs")
    if raw.calendars:
        not_carried.append(f"{raw.calendars} working-time calendar{'s' if raw.calendars != 1 else ''}")
    notes = []
    if trimmed:
        notes.append(f"{trimmed} title{'s' if trimmed != 1 else ''} had trailing no-break spaces, trimmed")
    if raw.minutes_per_day and raw.minutes_per_day != 480:
        notes.append(f"lags converted at the file's {raw.minutes_per_day / 60:g}-hour working day")
    return ImportedPlan(
        source=source,
        format=fmt,
        title=raw.title,
        tasks=tuple(tasks),
        links=tuple(links),
        not_carried=tuple(not_carried),
        skipped=tuple(skipped),
        notes=tuple(notes),
        reader=reader,
    )


def _orphan(t: ImportedTask) -> ImportedTask:
    """A task under a skipped row (the project summary) becomes top level."""
    from dataclasses import replace

    return replace(t, parent=None)


def _parse(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text.split(".")[0])


def _day(text: str | None) -> date | None:
    dt = _parse(text)
    return dt.date() if dt else None


def _end_day(start: str | None, finish: str | None) -> date | None:
    """The last day worked: a finish at midnight ends the day before."""
    s, f = _parse(start), _parse(finish)
    if f is None:
        return None
    if f.time() == datetime.min.time() and s is not None and f > s:
        return (f - timedelta(days=1)).date()
    return f.date()
