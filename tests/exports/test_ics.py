"""iCalendar export, parsed back with the `icalendar` package: all-day events, stable UIDs, relations."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar

from exports.ics import export_ics, uid_of
from planner.model import ItemId

STAMP = datetime(2026, 11, 16, 9, 30, tzinfo=timezone.utc)


def parsed(tmp_path, roadmap, name="plan.ics") -> Calendar:
    out = tmp_path / name
    assert export_ics(roadmap, out, STAMP) == len(roadmap.items)
    return Calendar.from_ical(out.read_bytes())


def events_by_uid(cal: Calendar) -> dict:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def relations(event) -> list[tuple[str, dict]]:
    value = event.get("RELATED-TO", [])
    return [(str(v), dict(v.params)) for v in (value if isinstance(value, list) else [value])]


def test_every_item_is_an_all_day_event_with_an_exclusive_end(tmp_path, outlined):
    events = events_by_uid(parsed(tmp_path, outlined))
    assert len(events) == len(outlined.items)
    for item in outlined.items.values():
        e = events[uid_of(outlined, item)]
        start, end = e.decoded("DTSTART"), e.decoded("DTEND")
        assert type(start) is date and type(end) is date  # all-day: dates, not date-times
        assert (start, end) == (item.start, item.end + timedelta(days=1))
        assert str(e["SUMMARY"]) == item.title.replace("\x01", "")
        assert str(e["TRANSP"]) == "TRANSPARENT"
        assert e.decoded("DTSTAMP") == STAMP
    milestone = events[uid_of(outlined, outlined.items[ItemId(27)])]
    assert milestone.decoded("DTEND") - milestone.decoded("DTSTART") == timedelta(days=1)


def test_uids_are_stable_across_exports_and_distinct(tmp_path, outlined):
    first = set(events_by_uid(parsed(tmp_path, outlined, "a.ics")))
    again = set(events_by_uid(parsed(tmp_path, outlined, "b.ics")))
    assert first == again and len(first) == len(outlined.items)
    other = dataclasses.replace(outlined, info=dataclasses.replace(outlined.info, title="Another roadmap"))
    assert not first & set(events_by_uid(parsed(tmp_path, other, "c.ics")))  # two roadmaps in one calendar do not collide


def test_parents_and_dependencies_are_related_to_with_rfc_9253_types_and_gaps(tmp_path, outlined):
    events = events_by_uid(parsed(tmp_path, outlined))

    def rel(item_id):
        return relations(events[uid_of(outlined, outlined.items[ItemId(item_id)])])

    def uid(item_id):
        return uid_of(outlined, outlined.items[ItemId(item_id)])

    assert rel(27) == [(uid(26), {"RELTYPE": "PARENT"})]
    assert rel(30) == [(uid(29), {"RELTYPE": "PARENT"})]
    assert sorted(rel(32)) == sorted([(uid(21), {"RELTYPE": "STARTTOSTART", "GAP": "-P14D"}), (uid(31), {"RELTYPE": "FINISHTOSTART"})])
    assert rel(40) == [(uid(21), {"RELTYPE": "STARTTOFINISH", "GAP": "P30D"})]
    assert rel(35) == [(uid(22), {"RELTYPE": "FINISHTOFINISH", "GAP": "P5D"})]
    assert rel(7) == [(uid(21), {"RELTYPE": "FINISHTOSTART"})]  # across the bands: the calendar holds both
    assert rel(21) == []


def test_text_round_trips_through_the_escaping(tmp_path, outlined):
    tricky = 'Line one, with; commas\nline two \\ back "quoted" 🚀'
    r = dataclasses.replace(outlined, items={
        **outlined.items, ItemId(26): dataclasses.replace(outlined.items[ItemId(26)], description=tricky + "\r\n\x02end"),
    })
    e = events_by_uid(parsed(tmp_path, r))[uid_of(r, r.items[ItemId(26)])]
    assert str(e["DESCRIPTION"]) == tricky + "\nend"
    assert [str(c) for c in e["CATEGORIES"].cats] == ["Technology", "Applications"]
    raw = (tmp_path / "plan.ics").read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and max(len(line) for line in raw.split(b"\r\n")) <= 75  # folded lines
