"""GanttProject `.gan` files: nested tasks, milestones, typed dependencies, working days.

A task stores its start and a duration in working days; its end is found by
walking the project's calendar (weekends from <default-week>, one-off and
yearly holidays from <date>; `only-show-weekends="true"` lets tasks run on
weekends). Dependencies sit on the predecessor: <depend id=successor type=…
difference=lag>, with GanttProject's codes 1 SS, 2 FS, 3 FF, 4 SF.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, parse

from imports.plan import ImportedLink, ImportedPlan, ImportedTask, ImportFileError, trim_title
from planner.model import Status

DEP_TYPES = {"1": "SS", "2": "FS", "3": "FF", "4": "SF"}
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_DURATION_DAYS = 100_000


@dataclass(frozen=True)
class WorkingDays:
    weekend: frozenset[int]  # date.weekday() numbers that are not worked
    holidays: frozenset[date]
    yearly: frozenset[tuple[int, int]]  # (month, day) holidays with year=""

    def works(self, d: date) -> bool:
        return d.weekday() not in self.weekend and d not in self.holidays and (d.month, d.day) not in self.yearly

    def end_of(self, start: date, days: int) -> date:
        """The last working day of a task of `days` working days starting at `start`."""
        if days <= 0:
            return start
        d, left = start, days
        while True:
            if self.works(d):
                left -= 1
                if left == 0:
                    return d
            d += timedelta(days=1)


def read(path: Path) -> ImportedPlan:
    try:
        root = parse(str(path), forbid_dtd=True).getroot()
    except DefusedXmlException as e:
        raise ImportFileError(path, f"refused: the XML declares a DTD or entities ({type(e).__name__})") from None
    except ParseError as e:
        raise ImportFileError(path, f"not well-formed XML ({e})") from None
    if root.tag != "project" or root.find("tasks") is None:
        raise ImportFileError(path, "not a GanttProject file (no <project> with <tasks>)")
    calendar = _calendar(root)
    owners = _coordinators(root)
    tasks: list[ImportedTask] = []
    links: list[ImportedLink] = []
    trimmed = 0

    def walk(el, parent: str | None) -> None:
        nonlocal trimmed
        for t in el.findall("task"):
            key = t.get("id", "")
            title, was_trimmed = trim_title(t.get("name", ""))
            trimmed += was_trimmed
            start = _date(path, t.get("start", ""), f"task {key} start")
            duration = _int(path, t.get("duration", "0"), f"task {key} duration")
            milestone = t.get("meeting") == "true"
            end = start if milestone or duration == 0 else calendar.end_of(start, duration)
            notes = (t.findtext("notes") or "").strip()
            tasks.append(
                ImportedTask(
                    key=key,
                    title=title,
                    start=start,
                    end=end,
                    milestone=milestone or duration == 0,
                    parent=parent,
                    owner=owners.get(key, ""),
                    status=Status.DONE if t.get("complete") == "100" else None,
                    description=notes,
                )
            )
            for d in t.findall("depend"):
                lag = _int(path, d.get("difference", "0"), f"dependency of task {key}", allow_negative=True)
                links.append(ImportedLink(key, d.get("id", ""), DEP_TYPES.get(d.get("type", "2"), "FS"), lag))
            walk(t, key)

    walk(root.find("tasks"), None)
    resources = len(root.findall("resources/resource"))
    holidays = len(root.findall("calendars/date"))
    not_carried = []
    if resources:
        not_carried.append(f"{resources} resources and their allocations (coordinators kept as owners)")
    not_carried.append(f"the working-day calendar ({_calendar_text(calendar, holidays)}; used for end dates)")
    if any(t.get("cost-manual-value") not in (None, "0", "0.0") for t in root.iter("task")):
        not_carried.append("costs")
    notes = (f"{trimmed} title{'s' if trimmed != 1 else ''} had trailing no-break spaces, trimmed",) if trimmed else ()
    return ImportedPlan(
        source=path,
        format="GanttProject (.gan)",
        title=root.get("name", ""),
        tasks=tuple(tasks),
        links=tuple(links),
        not_carried=tuple(not_carried),
        notes=notes,
    )


def _calendar(root) -> WorkingDays:
    week = root.find("calendars/day-types/default-week")
    weekend_allowed = (root.find("calendars/day-types/only-show-weekends") is not None
                       and root.find("calendars/day-types/only-show-weekends").get("value") == "true")
    weekend = set()
    if week is not None and not weekend_allowed:
        weekend = {i for i, name in enumerate(WEEKDAYS) if week.get(name) == "1"}
    once, yearly = set(), set()
    for d in root.findall("calendars/date"):
        if d.get("type", "HOLIDAY") != "HOLIDAY":
            continue
        try:
            month, day = int(d.get("month", "")), int(d.get("date", ""))
            if d.get("year"):
                once.add(date(int(d.get("year")), month, day))
            else:
                date(2000, month, day)  # valid in a leap year
                yearly.add((month, day))
        except ValueError:
            continue  # a malformed holiday cannot move an end date; ignore it
    if len(weekend) == 7:
        weekend = set()  # a week without working days would never end a task
    return WorkingDays(frozenset(weekend), frozenset(once), frozenset(yearly))


def _calendar_text(c: WorkingDays, holidays: int) -> str:
    days = ", ".join(WEEKDAYS[i].capitalize() for i in sorted(c.weekend)) or "no weekend"
    return f"weekend {days}, {holidays} holiday{'s' if holidays != 1 else ''}"


def _coordinators(root) -> dict[str, str]:
    names = {r.get("id"): r.get("name", "") for r in root.findall("resources/resource")}
    out: dict[str, str] = {}
    for a in root.findall("allocations/allocation"):
        if a.get("responsible") == "true" and names.get(a.get("resource-id")):
            task = a.get("task-id", "")
            out[task] = ", ".join(filter(None, [out.get(task, ""), names[a.get("resource-id")]]))
    return out


def _date(path: Path, text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ImportFileError(path, f"{what}: {text!r} is not a date") from None


def _int(path: Path, text: str, what: str, allow_negative: bool = False) -> int:
    try:
        value = int(float(text))
    except ValueError:
        raise ImportFileError(path, f"{what}: {text!r} is not a number") from None
    if (value < 0 and not allow_negative) or abs(value) > MAX_DURATION_DAYS:
        raise ImportFileError(path, f"{what}: {value} days is out of range")
    return value
