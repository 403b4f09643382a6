"""A roadmap as iCalendar (RFC 5545), for the calendars milestones and plans are followed in.

Every item of both bands becomes an all-day VEVENT: a milestone lasts its one
day, other items span start to end (DTEND is exclusive, so it is the day
after the last day). Events are TRANSPARENT, so a year-long initiative never
shows its owner as busy. Each event's UID is stable: the item's id and a
digest of the roadmap's title, organisation and horizon start, so importing
a later export updates the same events instead of duplicating them.

Relations (RELATED-TO on the child or successor, naming the other's UID):
RELTYPE=PARENT for an item's parent, and for a depends link the RFC 9253
types FINISHTOSTART, STARTTOSTART, FINISHTOFINISH or STARTTOFINISH, with
GAP=P<n>D (or -P<n>D) when the lag is not zero. Text goes through the
`icalendar` package, which escapes it; control characters a calendar line
cannot hold are dropped.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event, vDuration

from planner import __version__
from planner.atomic import write_output
from planner.model import Band, DependencyType, Item, LinkKind, Roadmap

RELTYPE = {
    DependencyType.FS: "FINISHTOSTART",
    DependencyType.SS: "STARTTOSTART",
    DependencyType.FF: "FINISHTOFINISH",
    DependencyType.SF: "STARTTOFINISH",
}
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")  # RFC 5545 TEXT allows tab; newlines are escaped as \n


def uid_of(roadmap: Roadmap, item: Item) -> str:
    """The item's UID: stable across exports of the same roadmap."""
    info = roadmap.info
    digest = hashlib.sha256(f"{info.title}\n{info.organisation}\n{info.horizon_start}".encode()).hexdigest()[:12]
    return f"item-{item.id}-{digest}@roadmap-planner"


def calendar_of(roadmap: Roadmap, stamp: datetime) -> Calendar:
    """The calendar for `roadmap`; `stamp` (timezone-aware, UTC) is every event's DTSTAMP: when it was made."""
    cal = Calendar()
    cal.add("prodid", f"-//Roadmap Planner//roadmap-planner {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _text(roadmap.info.title))
    lanes = {l.id: l.name for l in roadmap.lanes.values()}
    timed_by: dict = {}
    for link in roadmap.links.values():
        if link.kind == LinkKind.DEPENDS and link.source_id in roadmap.items:
            timed_by.setdefault(link.target_id, []).append(link)
    for item in roadmap.items.values():
        event = Event()
        event.add("uid", uid_of(roadmap, item))
        event.add("dtstamp", stamp)
        event.add("summary", _text(item.title))
        event.add("dtstart", item.start)
        event.add("dtend", item.end + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add("categories", [("Business" if item.band == Band.BUSINESS else "Technology"), _text(lanes.get(item.lane_id, ""))])
        if item.description:
            event.add("description", _text(item.description))
        if item.owner:
            event.add("x-roadmap-owner", _text(item.owner))
        parent = roadmap.items.get(item.parent_id) if item.parent_id is not None else None
        if parent is not None:
            event.add("related-to", uid_of(roadmap, parent), parameters={"RELTYPE": "PARENT"})
        for link in timed_by.get(item.id, ()):
            params = {"RELTYPE": RELTYPE[link.dep_type]}
            if link.lag_days:
                params["GAP"] = vDuration(timedelta(days=link.lag_days)).to_ical().decode()
            event.add("related-to", uid_of(roadmap, roadmap.items[link.source_id]), parameters=params)
        cal.add_component(event)
    return cal


def export_ics(roadmap: Roadmap, path: Path | str, stamp: datetime) -> int:
    """Write the calendar atomically (an existing file is replaced only when complete), or to standard
    output for `-`; returns the event count. Raises planner.atomic.WriteError naming `path`."""
    write_output(path, calendar_of(roadmap, stamp).to_ical())
    return len(roadmap.items)


def _text(text: str) -> str:
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
