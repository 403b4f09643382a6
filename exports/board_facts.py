"""Facts the board pack derives from a roadmap: order, links, horizons, metric and risk ratings.

Plain functions over the domain model, shared by the sheet builders so every
sheet lists items in the same order and rates things the same way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from planner.dates import add_months, month_start
from planner.model import Band, Item, ItemId, Lane, LinkKind, Measurement, Metric, MetricId, Risk, Roadmap

BAND_NAMES = {Band.BUSINESS: "Business", Band.TECH: "Technology"}


def item_order(item: Item) -> tuple:
    return (item.start, item.end, item.title.casefold(), item.id)


def lanes_with_items(roadmap: Roadmap, band: Band) -> list[tuple[Lane, list[Item]]]:
    """Each lane of the band in position order, with its items by start date."""
    by_lane: dict = defaultdict(list)
    for item in roadmap.items_of(band):
        by_lane[item.lane_id].append(item)
    return [(lane, sorted(by_lane.get(lane.id, []), key=item_order)) for lane in roadmap.lanes_of(band)]


def ordered_items(roadmap: Roadmap, band: Band) -> list[Item]:
    return [item for _, items in lanes_with_items(roadmap, band) for item in items]


@dataclass(frozen=True)
class SupportLinks:
    """Supports links both ways: tech item -> business items, business item -> tech items."""

    supports: dict[ItemId, list[ItemId]]
    supported_by: dict[ItemId, list[ItemId]]
    rationale: dict[tuple[ItemId, ItemId], str]

    @classmethod
    def of(cls, roadmap: Roadmap) -> SupportLinks:
        supports: dict = defaultdict(list)
        supported_by: dict = defaultdict(list)
        rationale = {}
        for link in roadmap.links.values():
            if link.kind != LinkKind.SUPPORTS:
                continue
            if link.source_id not in roadmap.items or link.target_id not in roadmap.items:
                continue
            supports[link.source_id].append(link.target_id)
            supported_by[link.target_id].append(link.source_id)
            rationale[(link.source_id, link.target_id)] = link.rationale
        return cls(dict(supports), dict(supported_by), rationale)


def months(first: date, count: int) -> list[date]:
    """`count` first-of-month dates from `first`'s month."""
    start = month_start(first)
    return [add_months(start, n) for n in range(count)]


def horizon_months(roadmap: Roadmap) -> list[date]:
    """Every month the roadmap plans over: the business horizon, stretched to cover the tech cycle."""
    info = roadmap.info
    first = min(month_start(info.horizon_start), month_start(info.tech_window_start))
    end = max(add_months(month_start(info.horizon_start), info.business_years * 12), tech_window_end(roadmap))
    count = (end.year - first.year) * 12 + end.month - first.month
    return months(first, count)


def tech_window_end(roadmap: Roadmap) -> date:
    """First day of the month after the tech cycle ends."""
    return add_months(month_start(roadmap.info.tech_window_start), roadmap.info.tech_months)


# --- shared outcomes --------------------------------------------------------


def measurements_of(roadmap: Roadmap) -> dict[MetricId, list[Measurement]]:
    by_metric: dict = defaultdict(list)
    for m in roadmap.measurements.values():
        by_metric[m.metric_id].append(m)
    for ms in by_metric.values():
        ms.sort(key=lambda m: (m.measured_on, m.id))
    return dict(by_metric)


def progress(metric: Metric, value: float) -> float | None:
    """Share of the way from baseline to target (1.0 = target reached), either direction."""
    if metric.baseline is None or metric.target is None or metric.target == metric.baseline:
        return None
    return (value - metric.baseline) / (metric.target - metric.baseline)


def metric_rag(metric: Metric, history: list[Measurement], today: date) -> str:
    """Green, Amber, Red or "No data" for a shared outcome as of `today`.

    Progress towards the target is compared with the time gone from the first
    measurement to the target date: on pace or target met is Green, up to a
    quarter of the way behind is Amber, further behind (or past the target date
    short of the target) is Red.
    """
    if not history:
        return "No data"
    done = progress(metric, history[-1].value)
    if done is None:
        return "No data"
    if done >= 1:
        return "Green"
    if metric.target_date is None:
        return "Green" if done >= 0.5 else "Amber"
    if today >= metric.target_date:
        return "Red"
    first = history[0].measured_on
    span = (metric.target_date - first).days
    expected = min(max((today - first).days / span, 0.0), 1.0) if span > 0 else 1.0
    if done >= expected:
        return "Green"
    return "Amber" if done >= expected - 0.25 else "Red"


# --- risks ------------------------------------------------------------------


def risk_score(risk: Risk) -> int:
    return risk.likelihood * risk.impact


def risk_rating(risk: Risk) -> str:
    score = risk_score(risk)
    return "High" if score >= 15 else "Medium" if score >= 8 else "Low"


def category_label(value: str) -> str:
    return value.replace("_", " ").capitalize()
