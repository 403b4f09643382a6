"""iCalendar (.ics): events and to-dos become items, RELATED-TO becomes hierarchy and dependencies.

An all-day event's DTEND is exclusive, so a one-day event ends the day it
starts (a one-day milestone). Dates are read in the component's own time zone.
RELATED-TO follows RFC 5545 (default RELTYPE=PARENT) and RFC 9253 (the
referenced component is the predecessor of FINISHTOSTART and friends, GAP is
the lag). A bare VEVENT or VTODO without a VCALENDAR around it is accepted.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar

from imports.plan import ImportedLink, ImportedPlan, ImportedTask, ImportFileError, Skipped
from planner.model import Status

DEPENDENCY_TYPES = {
    "FINISHTOSTART": "FS",
    "DEPENDS-ON": "FS",
    "STARTTOSTART": "SS",
    "FINISHTOFINISH": "FF",
    "STARTTOFINISH": "SF",
}
STATUS = {"COMPLETED": Status.DONE, "CANCELLED": None, "IN-PROCESS": Status.ON_TRACK}


def read(path: Path, data: bytes) -> ImportedPlan:
    try:
        top = icalendar.Component.from_ical(data)
    except (ValueError, KeyError, IndexError) as e:
        raise ImportFileError(path, f"not a readable iCalendar file ({str(e)[:120] or type(e).__name__})") from None
    notes: list[str] = []
    if top.name in ("VEVENT", "VTODO"):
        notes.append(f"a bare {top.name} without VCALENDAR, read as a calendar of one")
        components = [top]
    elif top.name == "VCALENDAR":
        components = [c for c in top.subcomponents if c.name not in ("VTIMEZONE",)]
    else:
        raise ImportFileError(path, f"not an iCalendar file ({top.name} at the top, not VCALENDAR)")
    tasks: list[ImportedTask] = []
    links: list[ImportedLink] = []
    skipped: list[Skipped] = []
    recurring = 0
    child_parent: list[tuple[str, str]] = []  # (child uid, parent uid) from RELTYPE=CHILD
    for n, c in enumerate(components, start=1):
        label = f"{c.name} {n}"
        if c.name not in ("VEVENT", "VTODO"):
            skipped.append(Skipped(label, f"a {c.name[1:].lower()}, not an event or to-do"))
            continue
        if c.get("RECURRENCE-ID") is not None:
            skipped.append(Skipped(label, "a changed occurrence of a recurring event"))
            continue
        start, end = _span(c)
        title = str(c.get("SUMMARY", ""))
        if not title.strip() and start is None:
            skipped.append(Skipped(label, "no summary and no date"))
            continue
        if not title.strip():
            title = "Untitled " + ("event" if c.name == "VEVENT" else "to-do")
            notes.append(f"{label} has no summary: named '{title}'")
        recurring += c.get("RRULE") is not None
        key = str(c.get("UID", "")) or label
        parent = None
        for rel in _related(c):
            ref, params = rel
            value_type = params.get("VALUE", "UID").upper()
            reltype = params.get("RELTYPE", "PARENT").upper()
            if value_type != "UID":
                skipped.append(Skipped(f"{reltype.lower()} link of '{title}'", f"it points outside the file ({ref[:60]})"))
            elif reltype == "PARENT" and parent is not None:
                skipped.append(Skipped(f"parent {ref[:60]} of '{title}'", "a second parent; the first is kept"))
            elif reltype == "PARENT":
                parent = ref
            elif reltype == "CHILD":
                child_parent.append((ref, key))
            elif reltype in DEPENDENCY_TYPES:
                links.append(ImportedLink(ref, key, DEPENDENCY_TYPES[reltype], _gap_days(params.get("GAP"))))
            else:
                skipped.append(Skipped(f"{reltype.lower()} link of '{title}'", "not a parent or a dependency"))
        one_day = start is not None and start == end
        tasks.append(
            ImportedTask(
                key=key,
                title=title,
                start=start,
                end=end,
                milestone=one_day,
                parent=parent,
                status=STATUS.get(str(c.get("STATUS", "")).upper()),
                description=str(c.get("DESCRIPTION", "")).strip(),
            )
        )
    if recurring:
        notes.append(f"{recurring} recurring event{'s' if recurring != 1 else ''}: the first occurrence only")
    title = str(top.get("X-WR-CALNAME", "")) if top.name == "VCALENDAR" else ""
    return ImportedPlan(
        source=path,
        format="iCalendar (.ics)",
        title=title,
        tasks=tuple(_apply_children(tasks, child_parent)),
        links=tuple(links),
        skipped=tuple(skipped),
        notes=tuple(notes),
    )


def _apply_children(tasks: list[ImportedTask], child_parent: list[tuple[str, str]]) -> list[ImportedTask]:
    """RELTYPE=CHILD names a child from the parent's side: set it on the child."""
    from dataclasses import replace

    parent_of = dict(child_parent)
    return [replace(t, parent=parent_of[t.key]) if t.key in parent_of and t.parent is None else t for t in tasks]


def _related(c) -> list[tuple[str, dict]]:
    values = c.get("RELATED-TO")
    if values is None:
        return []
    if not isinstance(values, list):
        values = [values]
    return [(str(v).strip(), {k.upper(): str(p) for k, p in getattr(v, "params", {}).items()}) for v in values]


def _span(c) -> tuple[date | None, date | None]:
    start = _day(c.get("DTSTART"))
    if c.name == "VTODO":
        due = _day(c.get("DUE"))
        return (start or due, due or start)
    end_prop = c.get("DTEND")
    if end_prop is not None:
        raw = end_prop.dt
        end = _day(end_prop)
        all_day = not isinstance(raw, datetime)
        at_midnight = isinstance(raw, datetime) and raw.time() == datetime.min.time()
        if end is not None and start is not None and end > start and (all_day or at_midnight):
            end -= timedelta(days=1)  # DTEND is exclusive
    elif c.get("DURATION") is not None and start is not None:
        end = start + max(timedelta(0), c.get("DURATION").dt - timedelta(days=1))
    else:
        end = start
    if start is not None and end is not None and end < start:
        end = start
    return start, end


def _day(prop) -> date | None:
    if prop is None:
        return None
    value = prop.dt
    return value.date() if isinstance(value, datetime) else value


def _gap_days(text: str | None) -> int:
    if not text:
        return 0
    try:
        gap = icalendar.vDuration.from_ical(text)
    except ValueError:
        return 0
    return round(gap.total_seconds() / 86400)
