"""Minimal roadmaps the alignment rule and score tests build on: a clean plan and the items that break it."""

from __future__ import annotations

import dataclasses
from datetime import date


from planner.alignment import (
    AlignmentReport,
)
from planner.model import (
    Band,
    Item,
    ItemId,
    Lane,
    LaneId,
    Link,
    LinkId,
    LinkKind,
    Measurement,
    MeasurementId,
    Metric,
    MetricId,
    Review,
    ReviewId,
    Roadmap,
    RoadmapInfo,
    Setting,
)

TODAY = date(2026, 11, 16)
GOAL, ENABLER = ItemId(1), ItemId(2)
NEW = ItemId(3)
BIZ_LANE, TECH_LANE = LaneId(1), LaneId(2)


def clean() -> Roadmap:
    """A perfectly aligned roadmap: one goal, one enabler, a fresh shared metric, a recent review.

    The tech window runs 1 Jul 2026 - 31 Dec 2027; the plan looks 3.6 years ahead of TODAY.
    """
    info = RoadmapInfo("Clean", horizon_start=date(2026, 1, 1), tech_start=date(2026, 7, 1), tech_months=18)
    lanes = {
        BIZ_LANE: Lane(BIZ_LANE, Band.BUSINESS, "Growth", "#c0813c", 0),
        TECH_LANE: Lane(TECH_LANE, Band.TECH, "Applications", "#3a9a94", 0),
    }
    items = {
        GOAL: Item(GOAL, Band.BUSINESS, BIZ_LANE, "Grow online sales", date(2026, 7, 1), date(2030, 6, 30), owner="COO"),
        ENABLER: Item(ENABLER, Band.TECH, TECH_LANE, "Checkout rebuild", date(2026, 7, 1), date(2027, 6, 30),
                      owner="CTO", budget=100_000),
    }
    links = {LinkId(1): Link(LinkId(1), LinkKind.SUPPORTS, ENABLER, GOAL)}
    metrics = {MetricId(1): Metric(MetricId(1), "Conversion", "%", 2.0, 3.0, business_item_id=GOAL, tech_item_ids=(ENABLER,))}
    measurements = {MeasurementId(1): Measurement(MeasurementId(1), MetricId(1), date(2026, 10, 31), 2.2)}
    reviews = {ReviewId(1): Review(ReviewId(1), date(2026, 10, 1))}
    return Roadmap(info, lanes, items, links, metrics, measurements, {}, reviews, {})


def with_item(r: Roadmap, item: Item, supports: ItemId | None = None) -> Roadmap:
    items = {**r.items, item.id: item}
    links = dict(r.links)
    if supports is not None:
        lid = LinkId(max(links, default=0) + 1)
        links[lid] = Link(lid, LinkKind.SUPPORTS, item.id, supports)
    return dataclasses.replace(r, items=items, links=links)


def changed(r: Roadmap, item_id: ItemId, **changes) -> Roadmap:
    return dataclasses.replace(r, items={**r.items, item_id: dataclasses.replace(r.items[item_id], **changes)})


def with_setting(r: Roadmap, name: str, value: float) -> Roadmap:
    return dataclasses.replace(r, settings={**r.settings, name: Setting(name, value)})


def tech(start: date, end: date, *, item_id: ItemId = NEW, **kw) -> Item:
    kw.setdefault("owner", "CIO")
    kw.setdefault("budget", 50_000)
    return Item(item_id, Band.TECH, TECH_LANE, kw.pop("title", "New tech work"), start, end, **kw)


def goal(start: date, end: date, *, item_id: ItemId = NEW, **kw) -> Item:
    kw.setdefault("owner", "CMO")
    return Item(item_id, Band.BUSINESS, BIZ_LANE, kw.pop("title", "New goal"), start, end, **kw)


def late_milestone() -> Roadmap:
    """The clean roadmap plus a milestone on 31 Mar 2027 that the enabler (ending 30 Jun 2027) supports."""
    r = with_item(clean(), goal(date(2027, 3, 31), date(2027, 3, 31), title="Launch"))
    return dataclasses.replace(r, links={**r.links, LinkId(9): Link(LinkId(9), LinkKind.SUPPORTS, ENABLER, NEW)})


def fired(report: AlignmentReport, rule: str) -> list:
    return [f for f in report.findings if f.rule == rule]


def only(report: AlignmentReport, rule: str):
    found = fired(report, rule)
    assert len(found) == 1, report.findings
    return found[0]
