"""Alignment rules: a pure function from a roadmap to a frozen report of findings and a score.

`analyse(roadmap, today)` checks where the technology plan and the business
plan have drifted apart. Each finding names its items, says in one sentence
what is wrong (for a CEO, not an engineer) and suggests an action. Rules, by
stable id (severity):

- ``late-enabler`` (error), ``stranded-enabler`` (info),
  ``broken-dependency`` and ``child-outside-parent`` (warnings): the timing
  rules, in planner/alignment_timing.py, honouring each dependency's type
  and lag.
- ``unjustified-tech`` (warning): tech work with no supports link.
- ``unsupported-goal``: a business goal or milestone no tech work supports.
  Warning when it overlaps the tech window (the business needs it during the
  current tech cycle); info ("planning debt") when it lies wholly after the
  window; nothing when it ended before the window opened.
- ``budget-outside-strategy`` (warning): more than
  ``budget_outside_strategy_max_share`` of the open tech budget sits on work
  with no supports link. One roadmap-level finding naming those items; below
  the threshold the items are still named by ``unjustified-tech``.
- ``budget-missing`` (warning): tech work (not a milestone) with no budget
  while other tech items have one, so the investment figures are incomplete.
- ``tech-horizon`` (warning): tech work longer than ``tech_max_months``; also
  a tech window (the roadmap's tech cycle) longer than that.
- ``business-horizon`` (warning): the business plan looks ahead less than
  ``business_min_years`` or more than ``business_max_years``, measured from
  today (or the horizon start, if later) to the last business item's end.
- ``stale-metric`` (warning): a shared outcome metric with no measurement in
  the last ``measurement_max_age_days`` (measurements after today ignored).
- ``stale-review`` (warning): no review held in the last
  ``review_max_age_days`` (reviews after today ignored).
- ``missing-owner`` (warning) and ``owner-side`` (info): planner/alignment_owners.py.
- ``unmeasured-link`` (info): a supported business goal with no shared
  outcome metric, i.e. no metric for the goal naming any of the tech work
  that supports it.

Done items and milestones:

- Done items are history: no rule asks anything of them and they are left out
  of every share in the score. A done enabler still counts as support for the
  goals it served, so a goal it supports is not "unsupported". A done goal
  needs no new support, no metric and no on-time enabler.
- Milestones (start == end) are goals like any other business item, except
  that they need no outcome metric of their own (a milestone is met or missed;
  its outcome is measured on the goal it marks) and no budget.
- Supports links that do not run from an existing tech item to an existing
  business item are ignored rather than trusted, so a damaged file still gets
  a report.

The outline (planner/hierarchy.py): a supports link justifies the whole
branch it touches. Tech work is justified, and a business item supported,
when it, an item it is part of, or an item that is part of it has a supports
link: a phase of a justified initiative needs no link of its own, and a goal
whose sub-goal is supported is supported. Late and stranded enablers are
judged on the links as drawn.

Thresholds live in the roadmap's settings (`Roadmap.setting`) under the names
in `THRESHOLDS`, which also holds each default and the range a value is
clamped to; day and month counts are rounded to whole numbers.

The score (0-100) is a weighted blend of `ScorePart`s, each a share scored
0-100 (a part with nothing to judge scores 100):

- Tech work justified (25): open tech items with a supports link (on their branch).
- Budget tied to strategy (10): open tech budget on items so justified.
- Goals supported (20): open business items overlapping the tech window
  that some tech work supports.
- Enablers on time (15): supports links between open items that are not late.
- Links measured (15): open supported business goals (not milestones) with a
  shared metric measured within ``measurement_max_age_days``.
- Review freshness (10): 100 within ``review_max_age_days``, falling linearly
  to 0 at twice that age; 0 with no review.
- Plan hygiene (5): open items without ``missing-owner``, ``budget-missing``,
  ``tech-horizon``, ``broken-dependency`` (its successor) or
  ``child-outside-parent`` findings; halved when ``business-horizon`` fires.

A perfectly aligned roadmap scores 100. Neither a part nor the total rounds
up to 100 while anything is imperfect, so one problem among 10,000 items
still shows. Info findings other than ``unmeasured-link`` cost nothing.

Speed matters: the app re-runs this after every edit, so links, metrics and
measurements are indexed once into dicts and every rule is a single pass
(`benchmarks/alignment.py`).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from planner import alignment_report as say
from planner import alignment_owners as owners
from planner import alignment_timing as timing
from planner.alignment_report import (
    RULE_RANK,
    RULES,
    AlignmentReport,
    Finding,
    ScorePart,
    Severity,
    format_report,
    report_to_json,
)
from planner.alignment_owners import BUSINESS_ROLES, IT_ROLES
from planner.alignment_settings import THRESHOLDS, WEIGHTS, Threshold, threshold
from planner.dates import add_months
from planner.hierarchy import ancestors, children_index, descendants
from planner.model import Band, Item, ItemId, LinkId, LinkKind, Metric, Roadmap, Status

# Report types and wording (alignment_report), thresholds and weights (alignment_settings) and owner
# roles (alignment_owners) live beside this module; importers find them here too.
__all__ = [
    "BUSINESS_ROLES", "IT_ROLES", "RULES", "THRESHOLDS", "WEIGHTS", "AlignmentReport", "Finding", "ScorePart",
    "Severity", "Threshold", "analyse", "format_report", "report_to_json", "threshold",
]


# --- the analysis ---------------------------------------------------------------


NO_SCORE_REASON = "No score yet: the roadmap has no business goals or tech initiatives to judge."


def analyse(roadmap: Roadmap, today: date) -> AlignmentReport:
    """Every alignment finding and the score for `roadmap` as of `today`."""
    return _Analysis(roadmap, today).report()


class _Analysis:
    """One run of the rules: indexes built once, then one pass per rule."""

    def __init__(self, roadmap: Roadmap, today: date):
        self.roadmap = roadmap
        self.today = today
        # findings by (severity rank, rule rank), so the report is ordered without a sort
        self.buckets: dict[tuple[int, int], list[Finding]] = {}
        self.parts: list[ScorePart] = []
        items = roadmap.items
        self.tech: list[Item] = []
        self.business: list[Item] = []
        for item in items.values():
            (self.tech if item.band == Band.TECH else self.business).append(item)
        # tech id -> business ids it supports, and the reverse; links not tech -> business are ignored
        self.enables: dict[ItemId, list[ItemId]] = {}
        self.enabled_by: dict[ItemId, list[ItemId]] = {}
        for link in roadmap.links.values():
            if link.kind != LinkKind.SUPPORTS:
                continue
            source, target = items.get(link.source_id), items.get(link.target_id)
            if source is None or target is None or source.band != Band.TECH or target.band != Band.BUSINESS:
                continue
            self.enables.setdefault(source.id, []).append(target.id)
            self.enabled_by.setdefault(target.id, []).append(source.id)
        self.has_outline = any(i.parent_id is not None for i in items.values())
        self.justified = self._branches(set(self.enables))  # tech items a supports link justifies
        self.supported = self._branches(set(self.enabled_by))  # business items it supports
        self.enabler_links: set[LinkId] = set()  # depends links the late-enabler rule judged
        info = roadmap.info
        self.window_start = info.tech_window_start
        self.window_end = add_months(info.tech_window_start, info.tech_months) - timedelta(days=1)
        self.hygiene_flagged: set[ItemId] = set()
        self.business_horizon_ok = True
        self.shares: list[tuple[float, int]] = []  # unrounded (share, weight) per part, for the blend

    def report(self) -> AlignmentReport:
        self._tech_rules()
        timing.enabler_rules(self)
        self._goal_rules()
        self._budget_rules()
        self._horizon_rules()
        self._measurement_rules()
        self._review_rule()
        owners.owner_rules(self)
        timing.dependency_rule(self)
        timing.outline_rule(self)
        self._hygiene_part()
        findings = tuple(f for key in sorted(self.buckets) for f in self.buckets[key])
        order = {name: n for n, name in enumerate(WEIGHTS)}
        parts = tuple(sorted(self.parts, key=lambda p: order[p.name]))
        if not self.roadmap.items:  # a number would flatter (or blame) a plan with nothing in it
            return AlignmentReport(findings, None, (), NO_SCORE_REASON)
        return AlignmentReport(findings, _blend(self.shares), parts)

    # -- helpers

    def _branches(self, linked: set[ItemId]) -> set[ItemId]:
        """`linked` and every item above or below one of them in the outline."""
        if not linked or not self.has_outline:
            return linked
        index = children_index(self.roadmap)
        out = set(linked)
        for item_id in linked:
            out.update(a.id for a in ancestors(self.roadmap, item_id))
            out.update(d.id for d in descendants(self.roadmap, item_id, index))
        return out

    def threshold(self, name: str) -> float:
        return threshold(self.roadmap, name)

    def add(self, severity: Severity, rule: str, item_ids: tuple[ItemId, ...], message: str, action: str) -> None:
        key = (severity.rank, RULE_RANK[rule])
        bucket = self.buckets.get(key)
        if bucket is None:
            bucket = self.buckets[key] = []
        bucket.append(Finding(severity, rule, item_ids, message, action))

    def part(self, name: str, good: float, total: float, detail: str) -> None:
        share = 1.0 if total <= 0 else good / total
        self._part_share(name, share, detail)

    def _part_share(self, name: str, share: float, detail: str) -> None:
        share = min(max(share, 0.0), 1.0)
        self.shares.append((share, WEIGHTS[name]))
        self.parts.append(ScorePart(name, _percent(share), WEIGHTS[name], detail))

    # -- rules

    def _tech_rules(self) -> None:
        """Unjustified tech work (late and stranded enablers: planner/alignment_timing.py)."""
        open_tech = justified = 0
        for t in self.tech:
            if t.status == Status.DONE:
                continue
            open_tech += 1
            if t.id in self.justified:
                justified += 1
                continue
            self.add(
                Severity.WARNING, "unjustified-tech", (t.id,),
                f"{say.quote(t.title)} supports no business goal, so nothing in the strategy justifies it.",
                "Link it to the business goal it serves, or stop or re-scope it at the next review.",
            )
        self.part("Tech work justified", justified, open_tech,
                  f"{justified} of {open_tech} open tech items support a business goal")

    def _goal_rules(self) -> None:
        """Unsupported goals: inside the tech window a warning, after it planning debt."""
        in_window = supported = 0
        for g in self.business:
            if g.status == Status.DONE or g.end < self.window_start:
                continue
            inside = g.start <= self.window_end
            has_support = g.id in self.supported
            if inside:
                in_window += 1
                supported += has_support
            if has_support:
                continue
            if inside:
                self.add(
                    Severity.WARNING, "unsupported-goal", (g.id,),
                    f"No technology work supports {say.quote(g.title)} ({say.span(g)}), "
                    f"although it falls inside the current tech cycle.",
                    "Scope the technology it needs, or link existing work to it, before the next review.",
                )
            else:
                self.add(
                    Severity.INFO, "unsupported-goal", (g.id,),
                    f"{say.quote(g.title)} ({say.span(g)}) lies beyond the current tech cycle and has no "
                    f"supporting technology yet: planning debt.",
                    "Add at least a placeholder tech initiative for it in the later years.",
                )
        self.part("Goals supported", supported, in_window,
                   f"{supported} of {in_window} open business items in the tech window are supported")

    def _budget_rules(self) -> None:
        """Budget outside strategy (a share of the open tech budget) and budget missing."""
        max_share = threshold(self.roadmap, "budget_outside_strategy_max_share")
        total = outside = 0.0
        unlinked: list[ItemId] = []
        missing: list[Item] = []
        any_budget = False
        for t in self.tech:
            if t.budget is not None:
                any_budget = True
            if t.status == Status.DONE:
                continue
            if t.budget is None:
                if not t.is_milestone:
                    missing.append(t)
                continue
            total += t.budget
            if t.id not in self.justified:
                outside += t.budget
                if t.budget > 0:
                    unlinked.append(t.id)
        share = outside / total if total > 0 else 0.0
        if share > max_share:
            self.add(
                Severity.WARNING, "budget-outside-strategy", tuple(unlinked),
                f"{share:.0%} of the open technology budget ({say.money(outside)} of {say.money(total)}) "
                f"goes to work linked to no business goal; the limit is {max_share:.0%}.",
                "Link that work to business goals, or move the money to work that is.",
            )
        if any_budget:
            for t in missing:
                self.hygiene_flagged.add(t.id)
                self.add(
                    Severity.WARNING, "budget-missing", (t.id,),
                    f"{say.quote(t.title)} has no budget while other technology work does, "
                    f"so the investment figures are incomplete.",
                    "Add an estimate, even a rough one.",
                )
        tied = total - outside
        self.part("Budget tied to strategy", tied, total,
                   f"{say.money(tied)} of {say.money(total)} open tech budget supports a business goal")

    def _horizon_rules(self) -> None:
        """Tech work longer than the limit; a business plan looking too short or too far ahead."""
        max_months = round(threshold(self.roadmap, "tech_max_months"))
        info = self.roadmap.info
        if info.tech_months > max_months:
            self.add(
                Severity.WARNING, "tech-horizon", (),
                f"The technology plan spans {info.tech_months} months; beyond {max_months} months "
                f"technology plans are guesses.",
                f"Shorten the tech cycle to {max_months} months and keep later years as business goals.",
            )
        surely_short = timedelta(days=28 * max_months)  # no run of max_months months is shorter
        for t in self.tech:
            if t.status == Status.DONE or t.end - t.start <= surely_short or t.end <= add_months(t.start, max_months):
                continue
            self.hygiene_flagged.add(t.id)
            months = say.month_count(t.start, t.end)
            self.add(
                Severity.WARNING, "tech-horizon", (t.id,),
                f"{say.quote(t.title)} runs for {months} months, longer than the {max_months} months "
                f"a technology initiative can be planned reliably.",
                f"Split it into phases of at most {max_months} months, each with its own outcome.",
            )
        lo = threshold(self.roadmap, "business_min_years")
        hi = threshold(self.roadmap, "business_max_years")
        start = max(self.today, info.horizon_start)
        last = max((g.end for g in self.business), default=None)
        years = 0.0 if last is None or last < start else ((last - start).days + 1) / 365.25
        if years < lo - 1e-9:
            self.business_horizon_ok = False
            ahead = "has nothing planned ahead" if years == 0 else f"looks only {years:.1f} years ahead"
            self.add(
                Severity.WARNING, "business-horizon", (),
                f"The business plan {ahead}; a strategy should look {say.years(lo)} to {say.years(hi)} years ahead.",
                "Add business goals for the later years, even rough ones.",
            )
        elif years > hi + 1e-9:
            self.business_horizon_ok = False
            self.add(
                Severity.WARNING, "business-horizon", (),
                f"The business plan reaches {years:.1f} years ahead, beyond the {say.years(hi)} years "
                f"a strategy can credibly plan.",
                "Trim or merge goals beyond that horizon into a short statement of ambition.",
            )

    def _measurement_rules(self) -> None:
        """Stale shared metrics, and supported goals with no shared outcome metric."""
        roadmap, items = self.roadmap, self.roadmap.items
        cutoff = self.today - timedelta(days=round(threshold(roadmap, "measurement_max_age_days")))
        latest: dict[Any, date] = {}
        for m in roadmap.measurements.values():
            d = m.measured_on
            if d <= self.today and (m.metric_id not in latest or d > latest[m.metric_id]):
                latest[m.metric_id] = d
        metrics_of: dict[ItemId, list[Metric]] = {}
        fresh: set[Any] = set()
        for metric in roadmap.metrics.values():
            if metric.business_item_id is not None:
                metrics_of.setdefault(metric.business_item_id, []).append(metric)
            last = latest.get(metric.id)
            if last is not None and last >= cutoff:
                fresh.add(metric.id)
                continue
            goal = items.get(metric.business_item_id) if metric.business_item_id is not None else None
            if goal is not None and goal.status == Status.DONE:
                continue
            involved = tuple(i for i in (metric.business_item_id, *metric.tech_item_ids) if i in items)
            when = "has never been measured" if last is None else f"was last measured on {say.day(last)}"
            self.add(
                Severity.WARNING, "stale-metric", involved,
                f"The shared outcome {say.quote(metric.name)} {when}, so nobody can tell whether the work is paying off.",
                "Record a measurement now and agree who measures it each quarter.",
            )
        goals = measured = 0
        for g in self.business:
            supporters = self.enabled_by.get(g.id)
            if not supporters or g.status == Status.DONE or g.is_milestone:
                continue
            goals += 1
            shared = [m for m in metrics_of.get(g.id, ()) if not set(m.tech_item_ids).isdisjoint(supporters)]
            if any(m.id in fresh for m in shared):
                measured += 1
            if not shared:
                self.add(
                    Severity.INFO, "unmeasured-link", (g.id,),
                    f"Technology work supports {say.quote(g.title)}, but no shared outcome metric shows "
                    f"whether it moves the goal.",
                    "Agree one outcome metric with the business and tech owners and record it.",
                )
        self.part("Links measured", measured, goals,
                   f"{measured} of {goals} supported open goals have a shared metric measured recently")

    def _review_rule(self) -> None:
        max_age = round(threshold(self.roadmap, "review_max_age_days"))
        last = max((r.held_on for r in self.roadmap.reviews.values() if r.held_on <= self.today), default=None)
        if last is None:
            self.add(
                Severity.WARNING, "stale-review", (),
                "No quarterly review has been recorded, so nobody has checked that the plans still fit together.",
                "Hold a quarterly review and record its decisions.",
            )
            self._part_share("Review freshness", 0.0, "No review recorded")
            return
        age = (self.today - last).days
        if age > max_age:
            self.add(
                Severity.WARNING, "stale-review", (),
                f"The last quarterly review was on {say.day(last)}, {say.days(age)} ago; reviews are due every quarter.",
                "Hold a quarterly review and record its decisions.",
            )
        share = 1.0 if age <= max_age else 1.0 - (age - max_age) / max_age
        self._part_share("Review freshness", share, f"Last review {say.day(last)}, {say.days(age)} ago")

    def _hygiene_part(self) -> None:
        open_items = sum(1 for i in self.roadmap.items.values() if i.status != Status.DONE)
        clean = open_items - len(self.hygiene_flagged)
        share = 1.0 if open_items == 0 else clean / open_items
        detail = f"{clean} of {open_items} open items have an owner, a budget and a sane length"
        if not self.business_horizon_ok:
            share /= 2
            detail += "; the business horizon is off"
        self._part_share("Plan hygiene", share, detail)


# --- small helpers -----------------------------------------------------------


def _blend(parts: list[tuple[float, int]]) -> int:
    total_weight = sum(w for _, w in parts)
    if total_weight == 0:
        return 100
    return _percent(sum(s * w for s, w in parts) / total_weight)


def _percent(share: float) -> int:
    """0-100, never rounding an imperfect share up to 100 nor a non-zero one down to 0."""
    if share >= 1.0:
        return 100
    if share <= 0.0:
        return 0
    return min(99, max(1, round(share * 100)))
