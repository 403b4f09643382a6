"""MS Project XML export: the tasks it builds, the XML it writes, and MPXJ (the field's reader) reading it back."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

import pytest

from exports.mspdi import NS, export_mspdi, mspdi_bytes, plan_of
from planner.model import Band, ItemId

HERE = Path(__file__).parent
N = {"p": NS}


def test_tasks_follow_the_outline(outlined):
    plan = plan_of(outlined)
    tasks = {t.uid: t for t in plan.tasks}
    assert len(tasks) == len(outlined.items_of(Band.TECH)) == 20
    assert [t.id for t in plan.tasks] == list(range(1, 21))  # IDs in outline order
    assert [(tasks[i].level, tasks[i].outline_number, tasks[i].summary) for i in (26, 27, 28, 29, 30)] == [
        (1, "6", True), (2, "6.1", False), (1, "7", True), (2, "7.1", True), (3, "7.1.1", False),
    ]
    assert tasks[27].milestone and not tasks[26].milestone
    assert (tasks[29].lane, tasks[29].contact) == ("Applications", outlined.items[ItemId(29)].owner)


def test_dates_and_durations_agree_on_an_eight_hour_day(outlined):
    for t in plan_of(outlined).tasks:
        item = outlined.items[ItemId(t.uid)]
        start, finish = datetime.fromisoformat(t.start), datetime.fromisoformat(t.finish)
        assert finish.date() == item.end and finish.time().hour == 17
        hours = int(t.duration.removeprefix("PT").split("H")[0])
        if item.is_milestone:
            assert (start, hours) == (finish, 0)
        else:
            assert (start.date(), start.time().hour) == (item.start, 8)
            assert hours == 8 * ((item.end - item.start).days + 1)


def test_dependencies_carry_mspdi_type_codes_and_lag_in_tenths_of_minutes(outlined):
    preds = {t.uid: [(p.uid, p.type_code, p.lag_tenths) for p in t.predecessors] for t in plan_of(outlined).tasks}
    assert preds[32] == [(21, 3, -14 * 4800), (31, 1, 0)]  # SS -14 days, FS
    assert preds[40] == [(21, 2, 30 * 4800)]  # SF +30 days
    assert preds[35] == [(22, 0, 5 * 4800)]  # FF +5 days
    assert plan_of(outlined).left_out == 1  # Cloud migration -> Launch in Germany crosses into the business band


def test_user_text_cannot_break_the_xml(outlined):
    root = ET.fromstring(mspdi_bytes(plan_of(outlined)))
    names = {t.findtext("p:UID", namespaces=N): t.findtext("p:Name", namespaces=N) for t in root.iterfind("p:Tasks/p:Task", N)}
    assert names["21"] == 'Cloud <migration> & "phase 1" ]]> 🚀'  # markup kept as text, the control character dropped
    assert names["0"] == "Northwind Retail Group Strategy 2026-2030 (technology plan)"


def test_the_business_band_and_the_file(tmp_path, outlined):
    out = tmp_path / "business.xml"
    plan = export_mspdi(outlined, out, Band.BUSINESS)
    assert len(plan.tasks) == len(outlined.items_of(Band.BUSINESS))
    root = ET.parse(out).getroot()
    assert root.tag == f"{{{NS}}}Project"
    assert root.findtext("p:Name", namespaces=N).endswith("(business plan)")
    assert len(root.findall("p:Tasks/p:Task", N)) == len(plan.tasks) + 1  # and the project summary task
    assert sorted(p.name for p in tmp_path.iterdir()) == ["business.xml"]  # no temporary file left


# --- the real client -----------------------------------------------------------------------


def read_with_mpxj(path: Path) -> dict:
    if shutil.which("java") is None:
        pytest.skip("no Java runtime: MPXJ needs one (Debian: default-jre-headless)")
    pytest.importorskip("mpxj", reason="MPXJ is not installed (pip install -e '.[test]')")
    done = subprocess.run([sys.executable, str(HERE / "mpxj_child.py"), str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


MPXJ_TYPE = {"FS": "FINISH_START", "SS": "START_START", "FF": "FINISH_FINISH", "SF": "START_FINISH"}


def test_mpxj_reads_back_the_same_tasks_outline_links_and_dates(tmp_path, outlined):
    out = tmp_path / "tech.xml"
    export_mspdi(outlined, out)
    project = read_with_mpxj(out)
    tasks = {t["uid"]: t for t in project["tasks"] if t["uid"] != 0}  # 0: the project summary
    tech = {i.id: i for i in outlined.items_of(Band.TECH)}
    assert set(tasks) == set(tech)
    assert project["minutes_per_day"] == 480 and project["calendar"] == "Roadmap (every day)"
    assert project["custom_fields"] == {"TEXT1": "Lane"}
    for uid, t in tasks.items():
        item = tech[uid]
        assert t["name"] == item.title.replace("\x01", "")
        assert (t["parent_uid"] or None) == item.parent_id  # top-level tasks hang under the summary task 0
        assert date.fromisoformat(t["start"][:10]) == item.start
        assert date.fromisoformat(t["finish"][:10]) == item.end
        assert t["milestone"] == item.is_milestone
        assert t["duration"] == [0.0 if item.is_milestone else float((item.end - item.start).days + 1), "d"]
        assert t["text1"] == outlined.lanes[item.lane_id].name
    assert [(t["outline_level"], t["outline_number"], t["summary"]) for t in (tasks[28], tasks[29], tasks[30])] == [
        (1, "7", True), (2, "7.1", True), (3, "7.1.1", False),
    ]
    links = {
        (p["uid"], uid): (p["type"], p["lag"]) for uid, t in tasks.items() for p in t["predecessors"]
    }
    expected = {
        (l.source_id, l.target_id): (MPXJ_TYPE[l.dep_type], [float(l.lag_days), "d"])
        for l in outlined.links.values()
        if l.kind == "depends" and l.source_id in tech and l.target_id in tech
    }
    assert links == expected
    assert {lag[0] for _, lag in links.values()} == {0.0, -14.0, 30.0, 5.0}  # the case covers every sign
