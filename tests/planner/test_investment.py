"""The investment mix: tech budget by goal (equal split), by lane and year (pro rata), tied share."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from planner.investment import investment_mix
from planner.model import Band, Item, ItemId, Lane, LaneId, Link, LinkId, LinkKind, Roadmap, RoadmapInfo, Status


def _roadmap() -> Roadmap:
    info = RoadmapInfo("Mix", horizon_start=date(2026, 1, 1))
    lanes = {
        LaneId(1): Lane(LaneId(1), Band.BUSINESS, "Growth", "#000000", 0),
        LaneId(2): Lane(LaneId(2), Band.TECH, "Apps", "#000000", 1),
        LaneId(3): Lane(LaneId(3), Band.TECH, "Infra", "#000000", 0),
    }

    def item(n, band, lane, start, end, budget=None, status=Status.PLANNED):
        return Item(ItemId(n), band, LaneId(lane), f"Item {n}", start, end, budget=budget, status=status)

    items = [
        item(1, Band.BUSINESS, 1, date(2026, 1, 1), date(2028, 12, 31), budget=5_000_000),  # business budgets don't count
        item(2, Band.BUSINESS, 1, date(2027, 1, 1), date(2027, 12, 31)),
        item(3, Band.TECH, 2, date(2026, 7, 1), date(2027, 6, 30), budget=365_000),  # supports 1 and 2
        item(4, Band.TECH, 3, date(2027, 3, 1), date(2027, 3, 1), budget=10_000, status=Status.DONE),  # supports 2
        item(5, Band.TECH, 2, date(2026, 1, 1), date(2026, 12, 31), budget=90_000),  # supports nothing
        item(6, Band.TECH, 3, date(2026, 1, 1), date(2026, 3, 31)),  # no budget
    ]
    links = [(3, 1), (3, 2), (4, 2)]
    return Roadmap(
        info, lanes, {i.id: i for i in items},
        {LinkId(n): Link(LinkId(n), LinkKind.SUPPORTS, ItemId(s), ItemId(t)) for n, (s, t) in enumerate(links, 1)},
    )


def test_by_goal_splits_equally_and_sums_to_the_total():
    mix = investment_mix(_roadmap())
    assert mix.total == 465_000
    assert {g.goal_id: g.amount for g in mix.by_goal} == {1: 182_500, 2: 192_500}
    assert [g.goal_id for g in mix.by_goal] == [2, 1]  # largest first
    assert mix.unlinked == 90_000
    assert sum(g.amount for g in mix.by_goal) + mix.unlinked == pytest.approx(mix.total)
    assert mix.tied == 375_000 and mix.share_tied == pytest.approx(375 / 465)
    assert mix.unbudgeted == (ItemId(6),)


def test_by_lane_and_calendar_year_pro_rata_by_days():
    mix = investment_mix(_roadmap())
    assert mix.years == (2026, 2027)
    lanes = {l.name: l.amounts for l in mix.by_lane}
    assert [l.name for l in mix.by_lane] == ["Infra", "Apps"]  # lane position order
    # 365,000 over 1 Jul 2026 - 30 Jun 2027: 184 days in 2026, 181 in 2027
    assert lanes["Apps"] == pytest.approx((184_000 + 90_000, 181_000))
    assert lanes["Infra"] == pytest.approx((0, 10_000))  # a milestone's budget falls on its day
    assert sum(mix.year_totals()) == pytest.approx(mix.total)


def test_fiscal_years_named_by_the_year_they_end_in():
    mix = investment_mix(_roadmap(), start_month=4)
    assert mix.years == (2026, 2027, 2028)
    apps = next(l for l in mix.by_lane if l.name == "Apps")
    # item 5 (all 2026): Jan-Mar 2026 in FY2026 (90 days), Apr-Dec in FY2027; item 3 wholly in FY2027 and FY2028
    assert apps.amounts[0] == pytest.approx(90_000 * 90 / 365)
    assert apps.amounts[1] == pytest.approx(90_000 * 275 / 365 + 365_000 * 274 / 365)
    assert apps.amounts[2] == pytest.approx(365_000 * 91 / 365)
    assert sum(mix.year_totals()) == pytest.approx(mix.total)


def test_no_budget_at_all():
    r = _roadmap()
    r = dataclasses.replace(r, items={k: dataclasses.replace(v, budget=None) for k, v in r.items.items()})
    mix = investment_mix(r)
    assert mix.total == 0 and mix.share_tied == 1.0 and mix.years == ()
    assert {g.goal_id for g in mix.by_goal} == {1, 2} and all(g.amount == 0 for g in mix.by_goal)
    assert all(l.amounts == () for l in mix.by_lane)


@pytest.mark.parametrize("start_month", [1, 4, 10])
def test_sample_sums_equal_the_total_tech_budget(sample, start_month):
    mix = investment_mix(sample, start_month)
    tech_total = sum(i.budget or 0 for i in sample.items.values() if i.band == Band.TECH)
    assert mix.total == pytest.approx(tech_total) == pytest.approx(21_500_000)
    assert sum(g.amount for g in mix.by_goal) + mix.unlinked == pytest.approx(tech_total)
    assert sum(l.total for l in mix.by_lane) == pytest.approx(tech_total)
    assert sum(mix.year_totals()) == pytest.approx(tech_total)
    assert mix.unlinked == pytest.approx(450_000)  # the blockchain pilot
    assert mix.share_tied == pytest.approx(21_050_000 / 21_500_000)
