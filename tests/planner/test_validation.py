"""Each validation rule refuses a bad value with a message a user can act on."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from planner import validation as v
from planner.model import (
    Band,
    Item,
    ItemId,
    Lane,
    LaneId,
    Link,
    LinkId,
    LinkKind,
    Risk,
    RiskCategory,
    RiskId,
    Roadmap,
    RoadmapInfo,
)

BIZ_LANE, TECH_LANE = LaneId(1), LaneId(2)


def small_roadmap(links: tuple[Link, ...] = ()) -> Roadmap:
    info = RoadmapInfo(title="Plan", horizon_start=date(2026, 1, 1))
    lanes = {
        BIZ_LANE: Lane(BIZ_LANE, Band.BUSINESS, "Growth", "#112233", 0),
        TECH_LANE: Lane(TECH_LANE, Band.TECH, "Apps", "#445566", 0),
    }
    items = {
        ItemId(1): Item(ItemId(1), Band.BUSINESS, BIZ_LANE, "Goal", date(2026, 1, 1), date(2026, 12, 31)),
        ItemId(2): Item(ItemId(2), Band.TECH, TECH_LANE, "Build A", date(2026, 1, 1), date(2026, 3, 31)),
        ItemId(3): Item(ItemId(3), Band.TECH, TECH_LANE, "Build B", date(2026, 4, 1), date(2026, 6, 30)),
        ItemId(4): Item(ItemId(4), Band.TECH, TECH_LANE, "Build C", date(2026, 7, 1), date(2026, 9, 30)),
    }
    return Roadmap(info, lanes, items, {l.id: l for l in links})


def tech_item(**changes) -> Item:
    return dataclasses.replace(small_roadmap().items[ItemId(2)], **changes)


def refused(check, *args) -> v.ValidationError:
    with pytest.raises(v.ValidationError) as info:
        check(*args)
    return info.value


def test_a_valid_item_passes():
    roadmap = small_roadmap()
    for item in roadmap.items.values():
        v.check_item(item, roadmap)
    v.check_item(tech_item(start=date(2026, 5, 5), end=date(2026, 5, 5)), roadmap)  # a milestone


def test_end_before_start():
    e = refused(v.check_item, tech_item(start=date(2026, 5, 1), end=date(2026, 4, 30)), small_roadmap())
    assert e.field == "end"
    assert str(e) == "end 2026-04-30 is before start 2026-05-01"


@pytest.mark.parametrize("title", ["", "   ", "\t\n"])
def test_empty_or_whitespace_title(title):
    e = refused(v.check_item, tech_item(title=title), small_roadmap())
    assert e.field == "title"
    assert "must not be empty" in str(e)


def test_very_long_title_is_refused_with_its_length_and_the_limit():
    e = refused(v.check_item, tech_item(title="x" * 10_000), small_roadmap())
    assert e.field == "title"
    assert str(e) == f"title is 10,000 characters; the limit is {v.TITLE_MAX:,}"
    v.check_item(tech_item(title="x" * v.TITLE_MAX), small_roadmap())  # the limit itself is fine


@pytest.mark.parametrize(
    ("source", "target"),
    [(1, 2), (2, 3), (1, 1)],  # business->tech, tech->tech, business->business
    ids=["business-to-tech", "tech-to-tech", "self"],
)
def test_supports_link_must_go_tech_to_business(source, target):
    link = Link(LinkId(1), LinkKind.SUPPORTS, ItemId(source), ItemId(target))
    e = refused(v.check_link, link, small_roadmap())
    assert e.field == "link"
    if source == target:
        assert str(e) == "'Goal' cannot be linked to itself"
    else:
        assert str(e) == "a supports link must go from a tech item to a business item"


def test_supports_link_tech_to_business_is_fine():
    v.check_link(Link(LinkId(1), LinkKind.SUPPORTS, ItemId(2), ItemId(1)), small_roadmap())


def test_link_to_itself():
    e = refused(v.check_link, Link(LinkId(1), LinkKind.DEPENDS, ItemId(2), ItemId(2)), small_roadmap())
    assert str(e) == "'Build A' cannot be linked to itself"


def test_link_to_a_missing_item():
    e = refused(v.check_link, Link(LinkId(1), LinkKind.DEPENDS, ItemId(2), ItemId(99)), small_roadmap())
    assert "two existing items" in str(e)


def test_duplicate_link():
    existing = Link(LinkId(1), LinkKind.SUPPORTS, ItemId(2), ItemId(1))
    roadmap = small_roadmap((existing,))
    e = refused(v.check_link, Link(LinkId(2), LinkKind.SUPPORTS, ItemId(2), ItemId(1)), roadmap)
    assert str(e) == "'Build A' already supports 'Goal'"
    v.check_link(existing, roadmap)  # a link does not clash with itself


def test_dependency_cycle():
    chain = (
        Link(LinkId(1), LinkKind.DEPENDS, ItemId(2), ItemId(3)),  # A -> B
        Link(LinkId(2), LinkKind.DEPENDS, ItemId(3), ItemId(4)),  # B -> C
    )
    roadmap = small_roadmap(chain)
    e = refused(v.check_link, Link(LinkId(3), LinkKind.DEPENDS, ItemId(4), ItemId(2)), roadmap)  # C -> A
    assert e.field == "link"
    assert str(e) == "'Build A' already leads to 'Build C': this would make a dependency cycle"
    v.check_link(Link(LinkId(3), LinkKind.DEPENDS, ItemId(2), ItemId(4)), roadmap)  # A -> C is no cycle


INFO = RoadmapInfo(title="Plan", horizon_start=date(2026, 1, 1))


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"business_years": 2}, "business years", "the business horizon must be 3-5 years, not 2"),
        ({"business_years": 6}, "business years", "the business horizon must be 3-5 years, not 6"),
        ({"tech_months": 11}, "tech months", "the tech cycle must be 12-24 months, not 11"),
        ({"tech_months": 25}, "tech months", "the tech cycle must be 12-24 months, not 25"),
        ({"fiscal_year_start_month": 13}, "fiscal year start", "the fiscal year start month must be 1-12, not 13"),
        ({"fiscal_year_start_month": 0}, "fiscal year start", "the fiscal year start month must be 1-12, not 0"),
        ({"horizon_start": date(1899, 12, 31)}, "horizon start", "horizon start 1899-12-31 is outside 1900-2200"),
        ({"tech_start": date(2201, 1, 1)}, "tech start", "tech start 2201-01-01 is outside 1900-2200"),
        ({"title": " "}, "title", "title must not be empty"),
    ],
)
def test_roadmap_settings(change, field, message):
    e = refused(v.check_info, dataclasses.replace(INFO, **change))
    assert (e.field, str(e)) == (field, message)


@pytest.mark.parametrize("change", [{"business_years": 3}, {"business_years": 5}, {"tech_months": 12}, {"tech_months": 24}, {"fiscal_year_start_month": 12}])
def test_roadmap_settings_at_the_limits_are_fine(change):
    v.check_info(dataclasses.replace(INFO, **change))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"start": date(1899, 12, 31)}, "start 1899-12-31 is outside 1900-2200"),
        ({"end": date(2201, 1, 1)}, "end 2201-01-01 is outside 1900-2200"),
    ],
)
def test_item_dates_outside_1900_2200(change, message):
    e = refused(v.check_item, tech_item(**change), small_roadmap())
    assert str(e) == message


@pytest.mark.parametrize(
    ("budget", "message"),
    [
        (-1.0, "budget must not be below 0"),
        (float("nan"), "budget must be a finite number, not nan"),
        (float("inf"), "budget must be a finite number, not inf"),
        (float("-inf"), "budget must be a finite number, not -inf"),
        (True, "budget must be a finite number, not True"),
    ],
)
def test_bad_budget(budget, message):
    e = refused(v.check_item, tech_item(budget=budget), small_roadmap())
    assert (e.field, str(e)) == ("budget", message)


def test_zero_and_missing_budget_are_fine():
    v.check_item(tech_item(budget=0.0), small_roadmap())
    v.check_item(tech_item(budget=None), small_roadmap())


def test_item_in_a_lane_of_the_other_band():
    e = refused(v.check_item, tech_item(lane_id=BIZ_LANE), small_roadmap())
    assert e.field == "lane"
    assert str(e) == "lane 'Growth' is a business lane; 'Build A' is a tech item"


def test_item_in_a_missing_lane():
    e = refused(v.check_item, tech_item(lane_id=LaneId(99)), small_roadmap())
    assert str(e) == "lane 99 does not exist"


def test_negative_row():
    assert refused(v.check_item, tech_item(row=-1), small_roadmap()).field == "row"


@pytest.mark.parametrize(("field", "value"), [("likelihood", 0), ("likelihood", 6), ("likelihood", True), ("impact", 0), ("impact", 2.5)])
def test_risk_scores_are_whole_numbers_1_to_5(field, value):
    risk = Risk(RiskId(1), ItemId(2), RiskCategory.BREACH, 3, 3)
    e = refused(v.check_risk, dataclasses.replace(risk, **{field: value}), small_roadmap())
    assert (e.field, str(e)) == (field, f"{field} must be a whole number 1-5, not {value!r}")


def test_risk_on_a_missing_item():
    e = refused(v.check_risk, Risk(RiskId(1), ItemId(99), RiskCategory.BREACH, 3, 3), small_roadmap())
    assert str(e) == "item 99 does not exist"


@pytest.mark.parametrize("colour", ["red", "#12345", "#1234567", "#gggggg", ""])
def test_lane_colour(colour):
    e = refused(v.check_lane, Lane(LaneId(1), Band.TECH, "Apps", colour, 0))
    assert e.field == "colour"
    assert "#1a2b3c" in str(e)
