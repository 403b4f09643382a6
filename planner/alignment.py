"""Alignment rules: a pure function from a roadmap to a frozen report of findings and a score.

`analyse(roadmap, today)` checks where the technology plan and the business
plan have drifted apart. Each finding names its items, says in one sentence
what is wrong (for a CEO, not an engineer) and suggests an action. Rules, by
stable id (severity):

- ``late-enabler`` (error): tech work ends after the business goal or
  milestone it supports ends, less ``late_enabler_lead_days``. One finding
  per (enabler, goal) pair; ending exactly on the deadline is on time.
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
- ``missing-owner`` (warning): an item with no owner.
- ``stranded-enabler`` (info): tech work that ends more than
  ``stranded_enabler_days`` before the earliest start of the goals it
  supports, so its value sits idle.
- ``unmeasured-link`` (info): a supported business goal with no shared
  outcome metric, i.e. no metric for the goal naming any of the tech work
  that supports it.
- ``owner-side`` (info): a business item owned only by IT roles, or tech
  work owned only by business roles (`IT_ROLES`, `BUSINESS_ROLES`; owners
  that match neither list are not judged).

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

Thresholds live in the roadmap's settings (`Roadmap.setting`) under the names
in `THRESHOLDS`, which also holds each default and the range a value is
clamped to; day and month counts are rounded to whole numbers.

The score (0-100) is a weighted blend of `ScorePart`s, each a share scored
0-100 (a part with nothing to judge scores 100):

- Tech work justified (25): open tech items with a supports link.
- Budget tied to strategy (10): open tech budget on items with a supports link.
- Goals supported (20): open business items overlapping the tech window
  that some tech work supports.
- Enablers on time (15): supports links between open items that are not late.
- Links measured (15): open supported business goals (not milestones) with a
  shared metric measured within ``measurement_max_age_days``.
- Review freshness (10): 100 within ``review_max_age_days``, falling linearly
  to 0 at twice that age; 0 with no review.
- Plan hygiene (5): open items without ``missing-owner``, ``budget-missing``
  or ``tech-horizon`` findings; halved when ``business-horizon`` fires.

A perfectly aligned roadmap scores 100. Neither a part nor the total rounds
up to 100 while anything is imperfect, so one problem among 10,000 items
still shows. Info findings other than ``unmeasured-link`` cost nothing.

Speed matters: the app re-runs this after every edit, so links, metrics and
measurements are indexed once into dicts and every rule is a single pass
(`benchmarks/alignment.py`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from planner import alignment_report as say
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
from planner.dates import add_months
from planner.model import Band, Item, ItemId, LinkKind, Metric, Roadmap, Status

# The report types and their wording live in planner/alignment_report.py; importers find them here too.
__all__ = [
    "BUSINESS_ROLES", "IT_ROLES", "RULES", "THRESHOLDS", "WEIGHTS", "AlignmentReport", "Finding", "ScorePart",
    "Severity", "Threshold", "analyse", "format_report", "report_to_json", "threshold",
]


@dataclass(frozen=True)
class Threshold:
    """A rule's tunable number: its default and the range a stored value is clamped to."""

    default: float
    minimum: float
    maximum: float
    unit: str
    description: str


# Setting name -> threshold. `Roadmap.setting(name, default)` reads each one.
THRESHOLDS: dict[str, Threshold] = {
    "late_enabler_lead_days": Threshold(
        0, 0, 3650, "days", "Tech work must end this many days before the goal it supports ends."),
    "stranded_enabler_days": Threshold(
        365, 0, 36500, "days", "Tech work ending more than this long before its goals start is stranded."),
    "tech_max_months": Threshold(
        24, 1, 1200, "months", "Longest a tech initiative (or the tech window) should run."),
    "business_min_years": Threshold(
        3, 0, 100, "years", "The business plan should look at least this far ahead."),
    "business_max_years": Threshold(
        5, 0, 100, "years", "The business plan should look no further ahead than this."),
    "budget_outside_strategy_max_share": Threshold(
        0.10, 0, 1, "share", "Largest share (0-1) of the open tech budget allowed on unlinked work."),
    "review_max_age_days": Threshold(
        92, 1, 36500, "days", "A quarterly review must have been held within this many days."),
    "measurement_max_age_days": Threshold(
        92, 1, 36500, "days", "Each shared metric must have a measurement within this many days."),
}

# Owner roles, lower case. An owner field may name several people ("CTO / COO");
# it counts as one side only when every part is a role of that side.
IT_ROLES = frozenset({
    "cto", "cio", "ciso", "chief technology officer", "chief information officer",
    "chief information security officer", "chief data officer", "head of data", "head of it",
    "it director", "director of it", "head of technology", "technology director", "head of engineering",
    "head of platform", "head of infrastructure", "head of data science", "head of security",
    "head of architecture", "enterprise architect", "it", "it department",
})
BUSINESS_ROLES = frozenset({
    "ceo", "cfo", "coo", "cmo", "cro", "cco", "chro", "chief executive", "chief executive officer",
    "chief financial officer", "chief operating officer", "chief marketing officer",
    "chief revenue officer", "chief commercial officer", "chief customer officer",
    "chief people officer", "managing director", "finance director", "marketing director",
    "sales director", "commercial director", "operations director", "hr director",
    "head of sales", "head of marketing", "head of finance", "head of operations", "head of hr",
})

# Score part weights; they sum to 100.
WEIGHTS: dict[str, int] = {
    "Tech work justified": 25,
    "Budget tied to strategy": 10,
    "Goals supported": 20,
    "Enablers on time": 15,
    "Links measured": 15,
    "Review freshness": 10,
    "Plan hygiene": 5,
}


# --- the analysis ---------------------------------------------------------------


def analyse(roadmap: Roadmap, today: date) -> AlignmentReport:
    """Every alignment finding and the score for `roadmap` as of `today`."""
    return _Analysis(roadmap, today).report()


def threshold(roadmap: Roadmap, name: str) -> float:
    """The roadmap's value for threshold `name`, or its default; clamped to the allowed range."""
    t = THRESHOLDS[name]
    value = roadmap.setting(name, t.default)
    if not isinstance(value, (int, float)) or math.isnan(value):
        return t.default
    return min(max(value, t.minimum), t.maximum)


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
        info = roadmap.info
        self.window_start = info.tech_window_start
        self.window_end = add_months(info.tech_window_start, info.tech_months) - timedelta(days=1)
        self.hygiene_flagged: set[ItemId] = set()
        self.business_horizon_ok = True
        self.shares: list[tuple[float, int]] = []  # unrounded (share, weight) per part, for the blend

    def report(self) -> AlignmentReport:
        self._tech_rules()
        self._goal_rules()
        self._budget_rules()
        self._horizon_rules()
        self._measurement_rules()
        self._review_rule()
        self._owner_rules()
        self._hygiene_part()
        findings = tuple(f for key in sorted(self.buckets) for f in self.buckets[key])
        order = {name: n for n, name in enumerate(WEIGHTS)}
        parts = tuple(sorted(self.parts, key=lambda p: order[p.name]))
        return AlignmentReport(findings, _blend(self.shares), parts)

    # -- helpers

    def _add(self, severity: Severity, rule: str, item_ids: tuple[ItemId, ...], message: str, action: str) -> None:
        key = (severity.rank, RULE_RANK[rule])
        bucket = self.buckets.get(key)
        if bucket is None:
            bucket = self.buckets[key] = []
        bucket.append(Finding(severity, rule, item_ids, message, action))

    def _part(self, name: str, good: float, total: float, detail: str) -> None:
        share = 1.0 if total <= 0 else good / total
        self._part_share(name, share, detail)

    def _part_share(self, name: str, share: float, detail: str) -> None:
        share = min(max(share, 0.0), 1.0)
        self.shares.append((share, WEIGHTS[name]))
        self.parts.append(ScorePart(name, _percent(share), WEIGHTS[name], detail))

    # -- rules

    def _tech_rules(self) -> None:
        """Unjustified tech work, late and stranded enablers."""
        items = self.roadmap.items
        lead_days = round(threshold(self.roadmap, "late_enabler_lead_days"))
        lead = timedelta(days=lead_days)
        stranded = timedelta(days=round(threshold(self.roadmap, "stranded_enabler_days")))
        open_tech = justified = 0
        links = on_time = 0
        for t in self.tech:
            if t.status == Status.DONE:
                continue
            open_tech += 1
            goals = self.enables.get(t.id)
            if not goals:
                self._add(
                    Severity.WARNING, "unjustified-tech", (t.id,),
                    f"{say.quote(t.title)} supports no business goal, so nothing in the strategy justifies it.",
                    "Link it to the business goal it serves, or stop or re-scope it at the next review.",
                )
                continue
            justified += 1
            earliest_need: Item | None = None
            for gid in goals:
                g = items[gid]
                if g.status == Status.DONE:
                    continue
                links += 1
                if earliest_need is None or g.start < earliest_need.start:
                    earliest_need = g
                deadline = g.end - lead
                if t.end <= deadline:
                    on_time += 1
                    continue
                late = (t.end - deadline).days
                if lead_days:
                    why = (f"{say.days(late)} later than {say.quote(g.title)} needs it "
                           f"({say.when(g)}, less {say.days(lead_days)}' lead time)")
                else:
                    why = f"{say.days(late)} after {say.quote(g.title)} {say.when(g)}, which relies on it"
                self._add(
                    Severity.ERROR, "late-enabler", (t.id, g.id),
                    f"{say.quote(t.title)} ends on {say.day(t.end)}, {why}.",
                    "Bring the technology forward, re-scope it, or move the business date; agree which now.",
                )
            if earliest_need is not None and earliest_need.start - t.end > stranded:
                gap = (earliest_need.start - t.end).days
                self._add(
                    Severity.INFO, "stranded-enabler", (t.id, earliest_need.id),
                    f"{say.quote(t.title)} ends on {say.day(t.end)}, {say.days(gap)} before {say.quote(earliest_need.title)} "
                    f"starts needing it, so its value sits idle.",
                    "Start it later and use the capacity for work the business needs sooner.",
                )
        self._part("Tech work justified", justified, open_tech,
                   f"{justified} of {open_tech} open tech items support a business goal")
        self._part("Enablers on time", on_time, links,
                   f"{on_time} of {links} links between open items end in time for the goal")

    def _goal_rules(self) -> None:
        """Unsupported goals: inside the tech window a warning, after it planning debt."""
        in_window = supported = 0
        for g in self.business:
            if g.status == Status.DONE or g.end < self.window_start:
                continue
            inside = g.start <= self.window_end
            has_support = g.id in self.enabled_by
            if inside:
                in_window += 1
                supported += has_support
            if has_support:
                continue
            if inside:
                self._add(
                    Severity.WARNING, "unsupported-goal", (g.id,),
                    f"No technology work supports {say.quote(g.title)} ({say.span(g)}), "
                    f"although it falls inside the current tech cycle.",
                    "Scope the technology it needs, or link existing work to it, before the next review.",
                )
            else:
                self._add(
                    Severity.INFO, "unsupported-goal", (g.id,),
                    f"{say.quote(g.title)} ({say.span(g)}) lies beyond the current tech cycle and has no "
                    f"supporting technology yet: planning debt.",
                    "Add at least a placeholder tech initiative for it in the later years.",
                )
        self._part("Goals supported", supported, in_window,
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
            if t.id not in self.enables:
                outside += t.budget
                if t.budget > 0:
                    unlinked.append(t.id)
        share = outside / total if total > 0 else 0.0
        if share > max_share:
            self._add(
                Severity.WARNING, "budget-outside-strategy", tuple(unlinked),
                f"{share:.0%} of the open technology budget ({say.money(outside)} of {say.money(total)}) "
                f"goes to work linked to no business goal; the limit is {max_share:.0%}.",
                "Link that work to business goals, or move the money to work that is.",
            )
        if any_budget:
            for t in missing:
                self.hygiene_flagged.add(t.id)
                self._add(
                    Severity.WARNING, "budget-missing", (t.id,),
                    f"{say.quote(t.title)} has no budget while other technology work does, "
                    f"so the investment figures are incomplete.",
                    "Add an estimate, even a rough one.",
                )
        tied = total - outside
        self._part("Budget tied to strategy", tied, total,
                   f"{say.money(tied)} of {say.money(total)} open tech budget supports a business goal")

    def _horizon_rules(self) -> None:
        """Tech work longer than the limit; a business plan looking too short or too far ahead."""
        max_months = round(threshold(self.roadmap, "tech_max_months"))
        info = self.roadmap.info
        if info.tech_months > max_months:
            self._add(
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
            self._add(
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
            self._add(
                Severity.WARNING, "business-horizon", (),
                f"The business plan {ahead}; a strategy should look {say.years(lo)} to {say.years(hi)} years ahead.",
                "Add business goals for the later years, even rough ones.",
            )
        elif years > hi + 1e-9:
            self.business_horizon_ok = False
            self._add(
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
            self._add(
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
                self._add(
                    Severity.INFO, "unmeasured-link", (g.id,),
                    f"Technology work supports {say.quote(g.title)}, but no shared outcome metric shows "
                    f"whether it moves the goal.",
                    "Agree one outcome metric with the business and tech owners and record it.",
                )
        self._part("Links measured", measured, goals,
                   f"{measured} of {goals} supported open goals have a shared metric measured recently")

    def _review_rule(self) -> None:
        max_age = round(threshold(self.roadmap, "review_max_age_days"))
        last = max((r.held_on for r in self.roadmap.reviews.values() if r.held_on <= self.today), default=None)
        if last is None:
            self._add(
                Severity.WARNING, "stale-review", (),
                "No quarterly review has been recorded, so nobody has checked that the plans still fit together.",
                "Hold a quarterly review and record its decisions.",
            )
            self._part_share("Review freshness", 0.0, "No review recorded")
            return
        age = (self.today - last).days
        if age > max_age:
            self._add(
                Severity.WARNING, "stale-review", (),
                f"The last quarterly review was on {say.day(last)}, {say.days(age)} ago; reviews are due every quarter.",
                "Hold a quarterly review and record its decisions.",
            )
        share = 1.0 if age <= max_age else 1.0 - (age - max_age) / max_age
        self._part_share("Review freshness", share, f"Last review {say.day(last)}, {say.days(age)} ago")

    def _owner_rules(self) -> None:
        for item in self.roadmap.items.values():
            if item.status == Status.DONE:
                continue
            side = _owner_side(item.owner)
            if side == "":
                self.hygiene_flagged.add(item.id)
                self._add(
                    Severity.WARNING, "missing-owner", (item.id,),
                    f"Nobody owns {say.quote(item.title)}.",
                    "Name one accountable owner.",
                )
            elif item.band == Band.BUSINESS and side == "it":
                self._add(
                    Severity.INFO, "owner-side", (item.id,),
                    f"The business goal {say.quote(item.title)} is owned only by {item.owner.strip()}, "
                    f"with no business owner.",
                    "Give it a business owner and keep technology as the delivery partner.",
                )
            elif item.band == Band.TECH and side == "business":
                self._add(
                    Severity.INFO, "owner-side", (item.id,),
                    f"The technology work {say.quote(item.title)} is owned only by {item.owner.strip()}, "
                    f"with nobody in technology accountable for delivering it.",
                    "Add a technology owner accountable for delivery.",
                )

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


_OWNER_SPLIT = re.compile(r"\s*(?:/|,|;|&|\+|\band\b)\s*", re.IGNORECASE)
_PARENS = re.compile(r"\(([^)]*)\)")


@lru_cache(maxsize=4096)
def _owner_side(owner: str) -> str:
    """'' for no owner, 'it' or 'business' when every named part is such a role, else 'other'."""
    parts = [p for p in _OWNER_SPLIT.split(owner.strip()) if p]
    if not parts:
        return ""
    sides = set()
    for part in parts:
        candidates = [part.lower(), *(c.strip().lower() for c in _PARENS.findall(part))]
        if any(c in IT_ROLES for c in candidates):
            sides.add("it")
        elif any(c in BUSINESS_ROLES for c in candidates):
            sides.add("business")
        else:
            sides.add("other")
    return sides.pop() if len(sides) == 1 else "other"
