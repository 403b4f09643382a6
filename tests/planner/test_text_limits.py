"""Every text field has a documented limit, enforced by edits and by the JSON import (naming the JSON path)."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest

from planner import edits
from planner import model as m
from planner import validation as v
from planner.interchange import InterchangeError, roadmap_from_json, roadmap_to_json
from planner.store import Store

D = date(2026, 1, 1)
ONE_OF_EACH = [
    m.RoadmapInfo("Plan", D),
    m.Lane(m.LaneId(1), m.Band.BUSINESS, "Growth", "#112233", 0),
    m.Item(m.ItemId(1), m.Band.BUSINESS, m.LaneId(1), "Goal", D, D),
    m.Link(m.LinkId(1), m.LinkKind.SUPPORTS, m.ItemId(2), m.ItemId(1)),
    m.Metric(m.MetricId(1), "Conversion"),
    m.Measurement(m.MeasurementId(1), m.MetricId(1), D, 1.0),
    m.Risk(m.RiskId(1), m.ItemId(1), m.RiskCategory.BREACH, 1, 1),
    m.Review(m.ReviewId(1), D),
    m.ReviewDecision(m.ItemId(1), "Goal", m.Decision.CONTINUE),
    m.BaselineEntry(m.ItemId(1), "Goal", D, D),
    m.LinkBaseline(m.LinkKind.SUPPORTS, m.ItemId(2), m.ItemId(1), "Build", "Goal"),
    m.Setting("late_enabler_lead_days", 30.0),
]
NOT_FREE_TEXT = {(m.Lane, "colour"), (m.RoadmapInfo, "currency")}  # checked as #rrggbb, and as one of the known codes
FIELDS = [(type(e), attr) for e in ONE_OF_EACH for attr in v.TEXT_LIMITS[type(e)]]


def test_every_text_field_of_the_model_has_a_limit_a_cell_can_hold():
    text_fields = {
        (cls, f.name)
        for cls in vars(m).values()
        if dataclasses.is_dataclass(cls) and isinstance(cls, type)
        for f in dataclasses.fields(cls)
        if f.type == "str"
    }
    assert text_fields - NOT_FREE_TEXT == set(FIELDS)
    assert all(limit <= v.CELL_MAX == 32_767 for limits in v.TEXT_LIMITS.values() for limit in limits.values())
    assert v.TEXT_LIMITS[m.Item]["title"] == v.TITLE_MAX <= 500 and v.TEXT_LIMITS[m.Item]["description"] == v.CELL_MAX


@pytest.mark.parametrize(("cls", "attr"), FIELDS, ids=[f"{c.__name__}.{a}" for c, a in FIELDS])
def test_each_field_takes_its_limit_and_refuses_one_more(cls, attr):
    limit = v.TEXT_LIMITS[cls][attr]
    entity = next(e for e in ONE_OF_EACH if type(e) is cls)
    v.check_texts(dataclasses.replace(entity, **{attr: "é" * limit}))  # characters, not bytes
    with pytest.raises(v.ValidationError) as e:
        v.check_texts(dataclasses.replace(entity, **{attr: "x" * (limit + 1)}))
    assert str(e.value) == f"{e.value.field} is {limit + 1:,} characters; the limit is {limit:,}"


def test_edits_refuse_a_long_text_and_write_nothing(tmp_path, sample):
    path = tmp_path / "plan.roadmap"
    item = next(i for i in sample.items.values() if i.band == m.Band.TECH)
    link = next(iter(sample.links.values()))
    too_long = "x" * (v.CELL_MAX + 1)
    refused = [
        (edits.UpdateItem(dataclasses.replace(item, description=too_long)), "description"),
        (edits.UpdateItem(dataclasses.replace(item, owner="o" * (v.NAME_MAX + 1))), "owner"),
        (edits.AddLink(m.LinkKind.DEPENDS, link.source_id, item.id, too_long), "rationale"),
        (edits.UpdateRoadmapInfo(dataclasses.replace(sample.info, vision=too_long)), "vision"),
        (edits.AddReview(D, too_long), "notes"),
        (edits.AddReview(D, "", (m.ReviewDecision(item.id, item.title, m.Decision.STOP, too_long),)), "decision note"),
        (edits.AddMeasurement(next(iter(sample.metrics)), D, 1.0, too_long), "note"),
        (edits.SetSetting("s" * (v.SETTING_NAME_MAX + 1), 1.0), "setting name"),
    ]
    with Store.create(path, sample) as store:
        before = store.dump()
        for edit, field in refused:
            with pytest.raises(v.ValidationError) as e:
                store.apply(edit.changes(store.load()))
            assert e.value.field == field and "; the limit is " in str(e.value)
        assert store.dump() == before


def _spoil(data: dict, where: str, value: str) -> None:
    """Set the value at a JSON path like `$.items[0].description`."""
    *steps, last = re.findall(r"\.(\w+)|\[(\d+)\]", where[1:])
    node = data
    for key, index in steps:
        node = node[key] if key else node[int(index)]
    node[last[0]] = value


@pytest.mark.parametrize(
    ("where", "length", "limit"),
    [
        ("$.items[0].description", 10_000_000, v.CELL_MAX),
        ("$.items[0].owner", v.NAME_MAX + 1, v.NAME_MAX),
        ("$.items[0].title", v.TITLE_MAX + 1, v.TITLE_MAX),
        ("$.roadmap.mission", v.CELL_MAX + 1, v.CELL_MAX),
        ("$.roadmap.organisation", v.NAME_MAX + 1, v.NAME_MAX),
        ("$.lanes[0].name", v.LANE_NAME_MAX + 1, v.LANE_NAME_MAX),
        ("$.links[0].rationale", v.CELL_MAX + 1, v.CELL_MAX),
        ("$.metrics[0].unit", v.UNIT_MAX + 1, v.UNIT_MAX),
        ("$.metrics[0].notes", v.CELL_MAX + 1, v.CELL_MAX),
        ("$.measurements[0].note", v.CELL_MAX + 1, v.CELL_MAX),
        ("$.risks[0].mitigation", v.CELL_MAX + 1, v.CELL_MAX),
        ("$.reviews[0].notes", v.CELL_MAX + 1, v.CELL_MAX),
        ("$.reviews[0].decisions[1].note", v.CELL_MAX + 1, v.CELL_MAX),
        ("$.reviews[0].decisions[0].title", v.TITLE_MAX + 1, v.TITLE_MAX),
        ("$.reviews[0].baseline[2].title", v.TITLE_MAX + 1, v.TITLE_MAX),
    ],
)
def test_json_import_refuses_a_long_text_naming_its_path(sample, where, length, limit):
    data = roadmap_to_json(sample)
    _spoil(data, where, "x" * length)
    with pytest.raises(InterchangeError) as e:
        roadmap_from_json(data)
    assert e.value.path == where
    assert str(e.value).endswith(f" is {length:,} characters; the limit is {limit:,}")
    _spoil(data, where, "x" * limit)
    roadmap_from_json(data)  # the limit itself is fine


def test_json_import_refuses_a_long_setting_name(sample):
    data = roadmap_to_json(sample)
    data["settings"]["n" * 5000] = 1
    with pytest.raises(InterchangeError, match=r"^\$\.settings: a setting name is 5,000 characters; the limit is 100$"):
        roadmap_from_json(data)


def test_the_limits_are_documented():
    docs = Path(__file__).resolve().parents[2] / "docs"
    file_format = (docs / "file-format.md").read_text(encoding="utf-8")
    for limit in sorted({n for limits in v.TEXT_LIMITS.values() for n in limits.values()}):
        assert f"{limit:,}" in file_format or str(limit) in file_format, limit
    assert "32,767" in (docs / "json-format.md").read_text(encoding="utf-8")
