"""The investment mix: where the technology budget goes, by business goal and by lane and year.

Accounting over the whole tech plan, done work included (unlike the alignment
rules, which judge only open work):

- By business goal: a tech item's budget is split equally among the business
  items it supports (we know no better weighting, and equal shares keep the
  sum exact); budget on items supporting nothing is reported as `unlinked`.
  So `sum(by_goal) + unlinked == total`.
- By tech lane and year: each item's budget is spread pro rata over the days
  it runs (start and end inclusive, so a milestone's budget falls on its day)
  and summed per lane and calendar year, or fiscal year with `start_month`.
- Tied to strategy: the budget of tech items with at least one supports link.

Items without a budget count as nothing and are listed in `unbudgeted`.
Supports links that do not run from a tech item to a business item are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.dates import fiscal_year, fiscal_year_start
from planner.model import Band, ItemId, LaneId, LinkKind, Roadmap


@dataclass(frozen=True)
class GoalInvestment:
    goal_id: ItemId
    title: str
    amount: float


@dataclass(frozen=True)
class LaneInvestment:
    lane_id: LaneId
    name: str
    amounts: tuple[float, ...]  # one per year of InvestmentMix.years

    @property
    def total(self) -> float:
        return sum(self.amounts)


@dataclass(frozen=True)
class InvestmentMix:
    total: float  # all tech budget
    tied: float  # on tech items with a supports link
    by_goal: tuple[GoalInvestment, ...]  # every supported business item, largest amount first
    unlinked: float  # total - tied
    years: tuple[int, ...]  # consecutive; fiscal years are named by the year they end in
    by_lane: tuple[LaneInvestment, ...]  # tech lanes in position order, then unknown lanes
    unbudgeted: tuple[ItemId, ...]  # tech items with no budget

    @property
    def share_tied(self) -> float:
        """0-1: share of the tech budget tied to strategy (1 when there is no budget)."""
        return 1.0 if self.total <= 0 else self.tied / self.total

    def year_totals(self) -> tuple[float, ...]:
        return tuple(sum(lane.amounts[n] for lane in self.by_lane) for n in range(len(self.years)))


def investment_mix(roadmap: Roadmap, start_month: int = 1) -> InvestmentMix:
    """The tech budget by business goal, by tech lane per (fiscal) year, and the share tied to strategy."""
    items = roadmap.items
    goals_of: dict[ItemId, list[ItemId]] = {}
    for link in roadmap.links.values():
        if link.kind != LinkKind.SUPPORTS:
            continue
        source, target = items.get(link.source_id), items.get(link.target_id)
        if source is None or target is None or source.band != Band.TECH or target.band != Band.BUSINESS:
            continue
        goals_of.setdefault(source.id, []).append(target.id)

    total = tied = 0.0
    by_goal: dict[ItemId, float] = {}
    for goal_ids in goals_of.values():
        for g in goal_ids:
            by_goal.setdefault(g, 0.0)
    by_lane_year: dict[LaneId, dict[int, float]] = {}
    unbudgeted: list[ItemId] = []
    for item in items.values():
        if item.band != Band.TECH:
            continue
        if item.budget is None:
            unbudgeted.append(item.id)
            continue
        amount = float(item.budget)
        total += amount
        goal_ids = goals_of.get(item.id)
        if goal_ids:
            tied += amount
            share = amount / len(goal_ids)
            for g in goal_ids:
                by_goal[g] += share
        per_year = by_lane_year.setdefault(item.lane_id, {})
        for year, part in _spread(amount, item.start, item.end, start_month):
            per_year[year] = per_year.get(year, 0.0) + part

    all_years = [y for per_year in by_lane_year.values() for y in per_year]
    years = tuple(range(min(all_years), max(all_years) + 1)) if all_years else ()
    lane_order = [l.id for l in roadmap.lanes_of(Band.TECH)]
    lane_order += sorted(set(by_lane_year) - set(lane_order))
    by_lane = tuple(
        LaneInvestment(
            lid,
            roadmap.lanes[lid].name if lid in roadmap.lanes else f"Lane {lid}",
            tuple(by_lane_year.get(lid, {}).get(y, 0.0) for y in years),
        )
        for lid in lane_order
    )
    goals = sorted(
        (GoalInvestment(g, items[g].title, amount) for g, amount in by_goal.items()),
        key=lambda gi: (-gi.amount, gi.goal_id),
    )
    return InvestmentMix(total, tied, tuple(goals), total - tied, years, by_lane, tuple(unbudgeted))


def _spread(amount: float, start: date, end: date, start_month: int) -> list[tuple[int, float]]:
    """`amount` split over the (fiscal) years from start to end, pro rata by days (both ends inclusive)."""
    if end < start:
        start, end = end, start
    days = (end - start).days + 1
    out: list[tuple[int, float]] = []
    given = 0.0
    year = fiscal_year(start, start_month)
    last_year = fiscal_year(end, start_month)
    cursor = start
    while year < last_year:
        next_start = fiscal_year_start(year + 1, start_month)
        part = amount * (next_start - cursor).days / days
        out.append((year, part))
        given += part
        cursor, year = next_start, year + 1
    out.append((last_year, amount - given))  # the remainder, so the parts sum to the amount
    return out

