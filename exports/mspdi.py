"""One band of a roadmap as MS Project XML (MSPDI), for the PMO's MS Project.

Each item becomes a task, in outline order (lanes in order, then start
dates; planner/hierarchy.py), with OutlineLevel, OutlineNumber and WBS from
the item hierarchy; parents are summary tasks; milestones are milestones;
each depends link inside the band becomes a PredecessorLink with its type
and lag. Task 0 is the project summary, as MS Project writes it.

Dates and durations: the plan gets one calendar in which every day is an
8-hour working day (08:00-12:00, 13:00-17:00), because a roadmap plans in
calendar days. A task starts at 08:00 on its start day and finishes at 17:00
on its end day; a milestone sits at 17:00 on its day; durations are 8 hours a
day and lags are whole days (LagFormat 7, 4,800 tenths of a minute a day).
This is the reading planner/dependencies.py gives a dependency, so a plan
that keeps its links here is not rescheduled there. Leaf tasks carry a
"start no earlier than" constraint on their start, so MS Project keeps the
roadmap's dates instead of pulling every task to the project start.

The owner goes to Contact, the description to Notes, the lane name to the
custom field Text1 (alias "Lane"), done items are 100% complete. Text is
written through xml.etree, which escapes markup; characters XML 1.0 cannot
hold (control characters other than tab and newline) are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from planner.atomic import write_output
from planner.hierarchy import outline
from planner.model import Band, DependencyType, ItemId, LinkKind, Roadmap, Status

NS = "http://schemas.microsoft.com/project"
MINUTES_PER_DAY = 480
LAG_PER_DAY = MINUTES_PER_DAY * 10  # LinkLag is in tenths of a minute
LINK_TYPE = {DependencyType.FF: 0, DependencyType.FS: 1, DependencyType.SF: 2, DependencyType.SS: 3}
TEXT1 = "188743731"  # the field id of the task custom field Text1
DAYS_FORMAT = "7"  # DurationFormat / LagFormat code for days
START_NO_EARLIER_THAN = "4"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TEXT_MAX = 512  # the schema's limit for Name and Contact


@dataclass(frozen=True)
class Predecessor:
    uid: int
    type_code: int  # MSPDI: 0 FF, 1 FS, 2 SF, 3 SS
    lag_tenths: int  # tenths of a minute of working time


@dataclass(frozen=True)
class Task:
    uid: int
    id: int
    name: str
    level: int
    outline_number: str
    start: str  # xsd:dateTime
    finish: str
    duration: str  # xsd:duration, 8 hours a day
    milestone: bool
    summary: bool
    percent_complete: int
    contact: str
    notes: str
    lane: str
    predecessors: tuple[Predecessor, ...] = ()


@dataclass(frozen=True)
class Plan:
    """What the file holds, built apart from the XML so it can be checked directly."""

    name: str
    band: Band
    tasks: tuple[Task, ...]
    start: str  # the project's span
    finish: str
    left_out: int = 0  # depends links to or from the other band


def plan_of(roadmap: Roadmap, band: Band = Band.TECH) -> Plan:
    rows = outline(roadmap, band)
    lanes = {l.id: l.name for l in roadmap.lanes.values()}
    in_band = {r.item.id for r in rows}
    preds: dict[ItemId, list[Predecessor]] = {}
    left_out = 0
    for link in roadmap.links.values():
        if link.kind != LinkKind.DEPENDS:
            continue
        if link.source_id in in_band and link.target_id in in_band:
            preds.setdefault(link.target_id, []).append(
                Predecessor(link.source_id, LINK_TYPE[link.dep_type], link.lag_days * LAG_PER_DAY)
            )
        elif link.source_id in in_band or link.target_id in in_band:
            left_out += 1
    tasks = tuple(
        Task(
            uid=r.item.id, id=n, name=_text(r.item.title, TEXT_MAX), level=r.level, outline_number=r.number,
            start=_at(r.item.end if r.item.is_milestone else r.item.start, "17:00:00" if r.item.is_milestone else "08:00:00"),
            finish=_at(r.item.end, "17:00:00"), duration=_hours(0 if r.item.is_milestone else (r.item.end - r.item.start).days + 1),
            milestone=r.item.is_milestone, summary=r.is_parent, percent_complete=100 if r.item.status == Status.DONE else 0,
            contact=_text(r.item.owner, TEXT_MAX), notes=_text(r.item.description), lane=_text(lanes.get(r.item.lane_id, "")),
            predecessors=tuple(preds.get(r.item.id, ())),
        )
        for n, r in enumerate(rows, 1)
    )
    items = [r.item for r in rows]
    start = _at(min(i.start for i in items), "08:00:00") if items else _at(roadmap.info.horizon_start, "08:00:00")
    finish = _at(max(i.end for i in items), "17:00:00") if items else start
    name = f"{roadmap.info.title} ({'business' if band == Band.BUSINESS else 'technology'} plan)"
    return Plan(_text(name, TEXT_MAX), band, tasks, start, finish, left_out)


def mspdi_bytes(plan: Plan) -> bytes:
    ET.register_namespace("", NS)
    project = ET.Element(_q("Project"))
    _add(project, "SaveVersion", "14")
    _add(project, "Name", plan.name)
    _add(project, "Title", plan.name)
    for tag, value in (
        ("ScheduleFromStart", "1"), ("StartDate", plan.start), ("FinishDate", plan.finish), ("CalendarUID", "1"),
        ("DefaultStartTime", "08:00:00"), ("DefaultFinishTime", "17:00:00"), ("MinutesPerDay", str(MINUTES_PER_DAY)),
        ("MinutesPerWeek", str(7 * MINUTES_PER_DAY)), ("DaysPerMonth", "30"), ("DurationFormat", DAYS_FORMAT),
    ):
        _add(project, tag, value)
    attribute = ET.SubElement(ET.SubElement(project, _q("ExtendedAttributes")), _q("ExtendedAttribute"))
    for tag, value in (("FieldID", TEXT1), ("FieldName", "Text1"), ("Alias", "Lane")):
        _add(attribute, tag, value)
    _calendar(ET.SubElement(project, _q("Calendars")))
    tasks = ET.SubElement(project, _q("Tasks"))
    _summary_task(tasks, plan)
    for t in plan.tasks:
        _task(tasks, t)
    ET.indent(project, space="  ")
    return ET.tostring(project, encoding="UTF-8", xml_declaration=True) + b"\n"


def export_mspdi(roadmap: Roadmap, path: Path | str, band: Band = Band.TECH) -> Plan:
    """Write one band as MSPDI, atomically (an existing file is replaced only when complete), or to
    standard output for `-`; returns what was written. Raises planner.atomic.WriteError naming `path`."""
    plan = plan_of(roadmap, band)
    write_output(path, mspdi_bytes(plan))
    return plan


# --- the XML ---------------------------------------------------------------------


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _add(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, _q(tag)).text = text


def _calendar(calendars: ET.Element) -> None:
    calendar = ET.SubElement(calendars, _q("Calendar"))
    for tag, value in (("UID", "1"), ("Name", "Roadmap (every day)"), ("IsBaseCalendar", "1"), ("BaseCalendarUID", "-1")):
        _add(calendar, tag, value)
    days = ET.SubElement(calendar, _q("WeekDays"))
    for day_type in range(1, 8):  # 1 = Sunday ... 7 = Saturday: all working, as the roadmap counts days
        day = ET.SubElement(days, _q("WeekDay"))
        _add(day, "DayType", str(day_type))
        _add(day, "DayWorking", "1")
        times = ET.SubElement(day, _q("WorkingTimes"))
        for start, end in (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")):
            span = ET.SubElement(times, _q("WorkingTime"))
            _add(span, "FromTime", start)
            _add(span, "ToTime", end)


def _summary_task(tasks: ET.Element, plan: Plan) -> None:
    task = ET.SubElement(tasks, _q("Task"))
    days = _days_between(plan.start, plan.finish)
    for tag, value in (
        ("UID", "0"), ("ID", "0"), ("Name", plan.name), ("Type", "1"), ("IsNull", "0"), ("WBS", "0"), ("OutlineNumber", "0"),
        ("OutlineLevel", "0"), ("Start", plan.start), ("Finish", plan.finish), ("Duration", _hours(days)),
        ("DurationFormat", DAYS_FORMAT), ("Estimated", "0"), ("Milestone", "0"), ("Summary", "1"),
    ):
        _add(task, tag, value)


def _task(tasks: ET.Element, t: Task) -> None:
    """One task, its elements in the order of the MSPDI schema's sequence."""
    task = ET.SubElement(tasks, _q("Task"))
    fields = [("UID", str(t.uid)), ("ID", str(t.id)), ("Name", t.name), ("Type", "1"), ("IsNull", "0")]
    if t.contact:
        fields.append(("Contact", t.contact))
    fields += [
        ("WBS", t.outline_number), ("OutlineNumber", t.outline_number), ("OutlineLevel", str(t.level)),
        ("Start", t.start), ("Finish", t.finish), ("Duration", t.duration), ("DurationFormat", DAYS_FORMAT),
        ("Estimated", "0"), ("Milestone", "1" if t.milestone else "0"), ("Summary", "1" if t.summary else "0"),
        ("PercentComplete", str(t.percent_complete)),
    ]
    if not t.summary:
        fields += [("ConstraintType", START_NO_EARLIER_THAN), ("ConstraintDate", t.start)]
    if t.notes:
        fields.append(("Notes", t.notes))
    for tag, value in fields:
        _add(task, tag, value)
    for p in t.predecessors:
        link = ET.SubElement(task, _q("PredecessorLink"))
        for tag, value in (
            ("PredecessorUID", str(p.uid)), ("Type", str(p.type_code)), ("CrossProject", "0"),
            ("LinkLag", str(p.lag_tenths)), ("LagFormat", DAYS_FORMAT),
        ):
            _add(link, tag, value)
    if t.lane:
        attribute = ET.SubElement(task, _q("ExtendedAttribute"))
        _add(attribute, "FieldID", TEXT1)
        _add(attribute, "Value", t.lane)


# --- values ----------------------------------------------------------------------


def _at(d: date, time: str) -> str:
    return f"{d.isoformat()}T{time}"


def _hours(days: int) -> str:
    return f"PT{days * MINUTES_PER_DAY // 60}H0M0S"


def _days_between(start: str, finish: str) -> int:
    return (date.fromisoformat(finish[:10]) - date.fromisoformat(start[:10])).days + 1


def _text(text: str, limit: int | None = None) -> str:
    """Text XML 1.0 can hold: line ends as newlines, no control characters; cut to `limit`."""
    text = _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"
