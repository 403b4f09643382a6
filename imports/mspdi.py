"""The built-in reader of MS Project XML (MSPDI), for machines without Java.

It gathers the same plain records as the MPXJ child process (`RawProject`), so
`msproject.plan_from_raw` applies one set of rules to both. defusedxml refuses
DTDs with entities, so neither entity expansion nor external files are possible.
"""

from __future__ import annotations

from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, parse

from imports.msproject import RawLink, RawProject, RawTask
from imports.plan import ImportFileError

NS = "{http://schemas.microsoft.com/project}"
LINK_TYPES = {"0": "FF", "1": "FS", "2": "SF", "3": "SS"}
ELAPSED_FORMATS = {"4", "6", "8", "10", "12", "20", "36", "38", "40", "42", "44", "52"}
PERCENT_FORMATS = {"19", "20"}


def read_raw(path: Path) -> RawProject:
    try:
        root = parse(str(path), forbid_dtd=True).getroot()
    except DefusedXmlException as e:
        raise ImportFileError(path, f"refused: the XML declares a DTD or entities ({type(e).__name__})") from None
    except ParseError as e:
        raise ImportFileError(path, f"not well-formed XML ({e})") from None
    if root.tag != NS + "Project":
        raise ImportFileError(path, "not an MS Project XML file (no <Project> in the MS Project namespace)")
    text = lambda el, name, default="": (el.findtext(NS + name) or default).strip()  # noqa: E731
    minutes_per_day = float(text(root, "MinutesPerDay", "480") or 480)
    tasks: list[RawTask] = []
    links: list[RawLink] = []
    stack: list[tuple[int, int]] = []  # (outline level, uid) of the open ancestors
    has_costs = False
    for el in root.iterfind(f"{NS}Tasks/{NS}Task"):
        uid = int(text(el, "UID"))
        null = text(el, "IsNull") == "1"
        level = int(text(el, "OutlineLevel", "0") or 0)
        parent = None
        if not null:
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = stack[-1][1] if stack else None
            stack.append((level, uid))
        has_costs = has_costs or _positive(text(el, "Cost")) or _positive(text(el, "FixedCost"))
        id_text = text(el, "ID")
        tasks.append(
            RawTask(
                uid=uid,
                id=int(id_text) if id_text else None,
                name=el.findtext(NS + "Name"),
                outline_level=level,
                parent_uid=parent,
                null=null,
                summary=text(el, "Summary") == "1",
                milestone=text(el, "Milestone") == "1",
                start=text(el, "Start") or None,
                finish=text(el, "Finish") or None,
                percent_complete=float(text(el, "PercentComplete", "0") or 0),
                notes=text(el, "Notes"),
            )
        )
        for link in el.iterfind(NS + "PredecessorLink"):
            fmt = text(link, "LagFormat", "7")
            links.append(
                RawLink(
                    predecessor_uid=int(text(link, "PredecessorUID")),
                    successor_uid=uid,
                    dep_type=LINK_TYPES.get(text(link, "Type", "1"), "FS"),
                    lag_minutes=float(text(link, "LinkLag", "0") or 0) / 10,  # tenths of a minute
                    elapsed=fmt in ELAPSED_FORMATS,
                    percent=fmt in PERCENT_FORMATS,
                )
            )
    resources = sum(1 for r in root.iterfind(f"{NS}Resources/{NS}Resource") if text(r, "UID") != "0" and text(r, "IsNull") != "1")
    calendars = sum(1 for _ in root.iterfind(f"{NS}Calendars/{NS}Calendar"))
    return RawProject(
        title=text(root, "Title") or text(root, "Name"),
        minutes_per_day=minutes_per_day,
        tasks=tasks,
        links=links,
        resources=resources,
        calendars=calendars,
        has_costs=has_costs,
    )


def _positive(text: str) -> bool:
    try:
        return float(text) > 0
    except ValueError:
        return False
