"""Roadmap -> MSPDI -> our import, and roadmap -> iCalendar -> our import, give back the same plan:
titles, dates, milestones, the outline and every dependency with its type and lag."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timezone

import pytest

from exports.ics import export_ics
from exports.mspdi import export_mspdi
from imports.mapping import Placement, new_roadmap
from imports.reading import ReadOptions, read_plan
from planner.model import Band, LinkKind, Roadmap, Status

TODAY = date(2026, 11, 16)


def shape(roadmap: Roadmap, items) -> tuple[dict, set]:
    """What both sides must agree on, keyed by title (titles are unique in these plans)."""
    by_id = roadmap.items
    titles = [i.title for i in items]
    assert len(set(titles)) == len(titles)
    tasks = {
        i.title.replace("\x01", ""): (i.start, i.end, i.is_milestone, by_id[i.parent_id].title if i.parent_id else None, i.status == Status.DONE)
        for i in items
    }
    ids = {i.id for i in items}
    links = {
        (by_id[l.source_id].title.replace("\x01", ""), by_id[l.target_id].title.replace("\x01", ""), str(l.dep_type), l.lag_days)
        for l in roadmap.links.values()
        if l.kind == LinkKind.DEPENDS and l.source_id in ids and l.target_id in ids
    }
    return tasks, links


def imported(path, engine: str = "auto") -> Roadmap:
    plan = read_plan(path, ReadOptions(undated_start=TODAY, engine=engine))
    return new_roadmap(plan, Placement(Band.TECH, "Imported"), TODAY)


@pytest.mark.parametrize("engine", ["builtin", "mpxj"])
def test_mspdi_export_imports_back_to_the_same_plan(tmp_path, outlined, engine):
    if engine == "mpxj" and shutil.which("java") is None:
        pytest.skip("no Java runtime: MPXJ needs one (Debian: default-jre-headless)")
    out = tmp_path / "tech.xml"
    export_mspdi(outlined, out)
    back = imported(out, engine)
    tasks, links = shape(back, back.items.values())
    assert (tasks, links) == shape(outlined, outlined.items_of(Band.TECH))
    assert len(links) == 4 and len(tasks) == 20


def test_ics_export_imports_back_to_the_same_plan(tmp_path, outlined):
    out = tmp_path / "plan.ics"
    export_ics(outlined, out, datetime(2026, 11, 16, tzinfo=timezone.utc))
    back = imported(out)
    tasks, links = shape(back, back.items.values())
    expected_tasks, expected_links = shape(outlined, outlined.items.values())
    done_unknown = {t: v[:4] for t, v in expected_tasks.items()}  # a calendar event carries no status
    assert {t: v[:4] for t, v in tasks.items()} == done_unknown
    assert links == expected_links and len(links) == 5  # the business milestone's dependency is kept too
