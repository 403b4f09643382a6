"""An imported plan placed in a roadmap: one edit, written through the store, undone exactly."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from imports.mapping import ImportPlan, Placement, new_roadmap, preview
from imports.reading import ReadOptions, read_plan
from planner.model import Band, DependencyType, LinkKind, invert
from planner.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
MAIN = Path(__file__).resolve().parents[2] / "main.py"
HOUSE = FIXTURES / "gan/ganttproject_HouseBuildingSample.gan"


def plan_of(path: Path, **kw):
    return read_plan(path, ReadOptions(date(2026, 1, 5), engine="builtin", **kw))


def test_import_into_the_sample_is_one_edit_and_its_inverse_restores_the_file(sample_file):
    plan = plan_of(HOUSE)
    with Store.open(sample_file) as store:
        before_rows = store.dump()
        before = store.load()
        changes = ImportPlan(plan, Placement(Band.TECH, None)).changes(before)
        store.apply(changes)
    with Store.open(sample_file) as store:
        after = store.load()
        new = {i.id: i for i in after.items.values() if i.id not in before.items}
        assert len(new) == 20
        by_title = {i.title: i for i in new.values()}
        phase = by_title["Construction phase"]
        assert {i.title for i in new.values() if i.parent_id == phase.id} == {
            "Foundation building", "Ground Floor building", "First Floor building", "Roof", "Connect to communications", "Construction completed"}
        assert by_title["Construction completed"].is_milestone and by_title["Construction completed"].start == date(2024, 9, 30)
        lanes = {l.id: l.name for l in after.lanes.values() if l.id not in before.lanes}
        assert sorted(lanes.values()) == ["Architectural design", "Construction phase", "Decoration phase", "Interior design", "Ungrouped"]
        assert all(after.lanes[i.lane_id].band == Band.TECH for i in new.values())
        assert lanes[by_title["Roof"].lane_id] == "Construction phase"  # a child stays in its top-level group's lane
        links = [l for l in after.links.values() if l.id not in before.links]
        assert len(links) == 17 and all(l.kind == LinkKind.DEPENDS and l.dep_type == DependencyType.FS for l in links)
        store.apply(invert(changes))
    with Store.open(sample_file) as store:
        assert store.dump() == before_rows


def test_into_one_chosen_existing_lane(sample):
    plan = plan_of(FIXTURES / "mspdi/mpxj_sample1.xml")
    changes = ImportPlan(plan, Placement(Band.BUSINESS, "growth objectives")).changes(sample)
    lane = next(l for l in sample.lanes_of(Band.BUSINESS) if l.name == "Growth objectives")
    items = [c.entity for c in changes if type(c.entity).__name__ == "Item"]
    assert len(items) == 22 and {i.lane_id for i in items} == {lane.id}
    assert not [c for c in changes if type(c.entity).__name__ == "Lane"]
    text = preview(plan, sample, Placement(Band.BUSINESS, "Growth objectives"))
    assert "22 items (1 milestone, 4 parents, 3 levels deep), 6 dependency links (3 FS, 1 SS, 1 FF, 1 SF; 2 with lag), 1 lane (Growth objectives)" in text


def test_new_roadmap_file_keeps_types_lags_and_hierarchy(tmp_path):
    plan = plan_of(FIXTURES / "mspdi/mpxj_task-links-project2019-mspdi.xml")
    roadmap = new_roadmap(plan, Placement(Band.TECH, "Delivery"), date(2026, 1, 5))
    path = tmp_path / "links.roadmap"
    Store.create(path, roadmap).close()
    with Store.open(path, read_only=True) as store:
        back = store.load()
    assert [l.name for l in back.lanes_of(Band.TECH)] == ["Delivery"]  # the band's standard lanes give way
    assert back.info.horizon_start == date(2018, 1, 1)
    got = Counter((l.dep_type.value, l.lag_days) for l in back.links.values())
    assert got == Counter({("FS", 0): 1, ("FS", 1): 1, ("FS", 2): 1, ("FS", 5): 1, ("FS", 10): 1, ("SF", 2): 1, ("SS", 2): 1, ("FF", 2): 1})


def test_link_between_a_task_and_its_parent_is_listed_not_dropped_silently():
    plan = plan_of(FIXTURES / "csv/linear_plane-export_sample.csv")  # TEST-7 is under TEST-2 and blocked by it
    text = preview(plan, new_roadmap(plan, Placement(), date(2026, 1, 5)), Placement())
    assert "dependency 'Fix dashboard loading issue' → 'Sub-task: Profile dashboard' (it joins a task and its own parent)" in text


def test_cli_import_prints_the_summary_and_writes_the_file(tmp_path):
    out = tmp_path / "house.roadmap"
    result = subprocess.run([sys.executable, str(MAIN), "import", str(HOUSE), "--to", str(out), "--band", "business"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("GanttProject (.gan), built-in reader: 20 items (4 milestones, 4 parents, 2 levels deep), 17 dependency links (17 FS)")
    assert "Not carried: 7 resources and their allocations" in result.stdout
    with Store.open(out, read_only=True) as store:
        roadmap = store.load()
    assert len(roadmap.items) == 20 and all(i.band == Band.BUSINESS for i in roadmap.items.values())
    assert sum(1 for i in roadmap.items.values() if i.parent_id) == 15  # 20 tasks, 5 at the top level


@pytest.mark.parametrize("name", ["csv/redmine_import_subtasks_with_relations.csv", "ical/icalendar_rfc_9253_gap.ics", "spreadsheet/packt_tpm-handbook_Project_Plan.xlsx"])
def test_other_formats_map_into_valid_roadmaps(name, sample):
    plan = plan_of(FIXTURES / name)
    changes = ImportPlan(plan, Placement(Band.TECH, None)).changes(sample)
    assert sum(1 for c in changes if type(c.entity).__name__ == "Item") == len(plan.tasks)


def test_formula_cells_without_a_saved_value_are_reported(tmp_path):
    """openpyxl (like our own board pack) saves formulas without values: the end is read as empty and said so."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Task", "Start", "Days", "End"])
    sheet.append(["Design", date(2025, 3, 3), 5, "=B2+C2-1"])
    sheet.append(["Build", date(2025, 3, 10), 10, "=B3+C3-1"])
    path = tmp_path / "formulas.xlsx"
    book.save(path)
    plan = plan_of(path)
    assert [(t.title, t.start, t.end) for t in plan.tasks] == [
        ("Design", date(2025, 3, 3), date(2025, 3, 7)), ("Build", date(2025, 3, 10), date(2025, 3, 19))]
    assert any(n.startswith("2 formula cells saved without a value (first: row 2, End) read as empty") for n in plan.notes)


def test_text_beyond_the_roadmap_limits_is_cut_and_said(sample):
    """A task note longer than a cell (or a title longer than a title) is kept up to the limit, and the preview says so."""
    from dataclasses import replace

    from planner import validation as v
    from planner.model import Item

    plan = plan_of(HOUSE)
    first = plan.tasks[0]
    long = replace(first, title="T" * 600, description="d" * 40_000, owner="o" * 300)
    plan = replace(plan, tasks=(long, *plan.tasks[1:]))
    changes = ImportPlan(plan, Placement(Band.TECH, None)).changes(sample)  # valid: every check_item passed
    item = next(c.entity for c in changes if isinstance(c.entity, Item) and c.entity.title.startswith("T"))
    assert (len(item.title), len(item.description), len(item.owner)) == (v.TITLE_MAX, v.CELL_MAX, v.NAME_MAX)
    text = preview(plan, sample, Placement(Band.TECH, None))
    assert "the end of the description of 'TTTT" in text and "40,000 characters; a roadmap keeps 32,767" in text
    assert "the end of the title of" in text and "the end of the owner of" in text
