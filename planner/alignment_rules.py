"""The alignment rules about justification, goals, budgets, horizons, metrics and reviews, one key at a time.

Each `*_unit` function judges one entity (a tech item, a business item, a
metric) against what the analysis has indexed (planner/alignment_incremental.py)
and returns a `Result`, or None when it has nothing to say. Because a rule
sees one key and the indexes only, the analysis re-runs it for just the keys
an edit can affect. Roadmap-wide rules (`global_findings`) and the score
(`score_parts`) read totals the analysis keeps from the units' results.
The rules themselves are described in planner/alignment.py.
"""

from __future__ import annotations

import math

from planner import alignment_report as say
from planner.alignment_report import Finding, Result, RuleContext, ScorePart, Severity
from planner.alignment_settings import WEIGHTS
from planner.dates import add_months
from planner.model import Item, Metric, Status

WARNING, INFO = Severity.WARNING, Severity.INFO


def tech_unit(a: RuleContext, t: Item) -> Result | None:
    """Unjustified tech work, its budget (missing, or outside the strategy) and its length.

    Counts (open, justified) for 'Tech work justified'; money is (budget, the part of it outside the strategy).
    """
    if t.status == Status.DONE:
        return None
    justified = t.id in a.justified
    findings: tuple[Finding, ...] = ()  # tuples, not lists: most items have nothing to say
    flags: tuple = ()
    if not justified:
        findings = (Finding(
            WARNING, "unjustified-tech", (t.id,),
            f"{say.quote(t.title)} supports no business goal, so nothing in the strategy justifies it.",
            "Link it to the business goal it serves, or stop or re-scope it at the next review.",
        ),)
    money = None
    if t.budget is None:
        if not t.is_milestone and a.any_budget:
            flags = (t.id,)
            findings += (Finding(
                WARNING, "budget-missing", (t.id,),
                f"{say.quote(t.title)} has no budget while other technology work does, "
                f"so the investment figures are incomplete.",
                "Add an estimate, even a rough one.",
            ),)
    else:
        money = (t.budget, None if justified else t.budget)
    if not (t.end - t.start <= a.surely_short or t.end <= add_months(t.start, a.max_months)):
        flags += (t.id,)
        findings += (Finding(
            WARNING, "tech-horizon", (t.id,),
            f"{say.quote(t.title)} runs for {say.month_count(t.start, t.end)} months, longer than the "
            f"{a.max_months} months a technology initiative can be planned reliably.",
            f"Split it into phases of at most {a.max_months} months, each with its own outcome.",
        ),)
    return (findings, flags, (1, 1) if justified else (1, 0), money, ())


def goal_unit(a: RuleContext, g: Item) -> Result | None:
    """Unsupported goals (inside the tech window a warning, after it planning debt) and unmeasured links.

    Counts (in the window, supported in it, supported goals needing a metric, measured ones).
    """
    if g.status == Status.DONE:
        return None
    findings: tuple[Finding, ...] = ()
    in_window = supported = goals = measured = 0
    if not g.end < a.window_start:
        inside = g.start <= a.window_end
        has_support = g.id in a.supported
        if inside:
            in_window, supported = 1, int(has_support)
        if has_support:
            pass
        elif inside:
            findings = (Finding(
                WARNING, "unsupported-goal", (g.id,),
                f"No technology work supports {say.quote(g.title)} ({say.span(g)}), "
                f"although it falls inside the current tech cycle.",
                "Scope the technology it needs, or link existing work to it, before the next review.",
            ),)
        else:
            findings = (Finding(
                INFO, "unsupported-goal", (g.id,),
                f"{say.quote(g.title)} ({say.span(g)}) lies beyond the current tech cycle and has no "
                f"supporting technology yet: planning debt.",
                "Add at least a placeholder tech initiative for it in the later years.",
            ),)
    supporters = a.enabled_by.get(g.id)
    if supporters and not g.is_milestone:
        goals = 1
        metrics = a.metrics_of.get(g.id)
        shared = [m for m in metrics.values() if not set(m.tech_item_ids).isdisjoint(supporters)] if metrics else []
        measured = int(any(m.id in a.fresh for m in shared))
        if not shared:
            findings += (Finding(
                INFO, "unmeasured-link", (g.id,),
                f"Technology work supports {say.quote(g.title)}, but no shared outcome metric shows "
                f"whether it moves the goal.",
                "Agree one outcome metric with the business and tech owners and record it.",
            ),)
    if not (findings or in_window or goals):
        return None
    return (findings, (), (in_window, supported, goals, measured), None, ())


def metric_unit(a: RuleContext, metric: Metric) -> Result | None:
    """A shared outcome metric with no measurement recent enough (its goal done: not asked)."""
    if metric.id in a.fresh:
        return None
    items = a.roadmap.items
    goal = items.get(metric.business_item_id) if metric.business_item_id is not None else None
    if goal is not None and goal.status == Status.DONE:
        return None
    last = a.latest.get(metric.id)
    involved = tuple(i for i in (metric.business_item_id, *metric.tech_item_ids) if i in items)
    when = "has never been measured" if last is None else f"was last measured on {say.day(last)}"
    finding = Finding(
        WARNING, "stale-metric", involved,
        f"The shared outcome {say.quote(metric.name)} {when}, so nobody can tell whether the work is paying off.",
        "Record a measurement now and agree who measures it each quarter.",
    )
    return ((finding,), (), (), None, ())


# --- roadmap-wide rules and the score ------------------------------------------------------


def global_findings(a: RuleContext) -> tuple[Finding, ...]:
    """Budget outside the strategy, the horizons of both plans and the review: one finding each at most."""
    out: list[Finding] = []
    total, outside = math.fsum(a.open_budget.values()), math.fsum(a.outside_budget.values())
    share = outside / total if total > 0 else 0.0
    max_share = a.max_share
    if share > max_share:
        unlinked = tuple(sorted(i for i, b in a.outside_budget.items() if b > 0))
        out.append(Finding(
            WARNING, "budget-outside-strategy", unlinked,
            f"{share:.0%} of the open technology budget ({say.money(outside)} of {say.money(total)}) "
            f"goes to work linked to no business goal; the limit is {max_share:.0%}.",
            "Link that work to business goals, or move the money to work that is.",
        ))
    info = a.roadmap.info
    if info.tech_months > a.max_months:
        out.append(Finding(
            WARNING, "tech-horizon", (),
            f"The technology plan spans {info.tech_months} months; beyond {a.max_months} months "
            f"technology plans are guesses.",
            f"Shorten the tech cycle to {a.max_months} months and keep later years as business goals.",
        ))
    out += _business_horizon(a)
    review = _last_review(a)
    if review is None:
        out.append(Finding(
            WARNING, "stale-review", (),
            "No quarterly review has been recorded, so nobody has checked that the plans still fit together.",
            "Hold a quarterly review and record its decisions.",
        ))
    elif (a.today - review).days > a.review_max_age:
        age = (a.today - review).days
        out.append(Finding(
            WARNING, "stale-review", (),
            f"The last quarterly review was on {say.day(review)}, {say.days(age)} ago; reviews are due every quarter.",
            "Hold a quarterly review and record its decisions.",
        ))
    return tuple(out)


def _business_horizon(a: RuleContext) -> list[Finding]:
    lo, hi = a.business_years
    start = max(a.today, a.roadmap.info.horizon_start)
    last = a.last_business_end
    years = 0.0 if last is None or last < start else ((last - start).days + 1) / 365.25
    if years < lo - 1e-9:
        ahead = "has nothing planned ahead" if years == 0 else f"looks only {years:.1f} years ahead"
        return [Finding(
            WARNING, "business-horizon", (),
            f"The business plan {ahead}; a strategy should look {say.years(lo)} to {say.years(hi)} years ahead.",
            "Add business goals for the later years, even rough ones.",
        )]
    if years > hi + 1e-9:
        return [Finding(
            WARNING, "business-horizon", (),
            f"The business plan reaches {years:.1f} years ahead, beyond the {say.years(hi)} years "
            f"a strategy can credibly plan.",
            "Trim or merge goals beyond that horizon into a short statement of ambition.",
        )]
    return []


def _last_review(a: RuleContext):
    return max((r.held_on for r in a.roadmap.reviews.values() if r.held_on <= a.today), default=None)


def score_parts(a: RuleContext, horizon_ok: bool) -> tuple[tuple[ScorePart, ...], int]:
    """The parts of the score from the units' counts, in WEIGHTS order, and their blend."""
    open_tech, justified = a.sums["tech"]
    in_window, supported, goals, measured = a.sums["goal"]
    links, on_time = a.sums["enabler"]
    total, outside = math.fsum(a.open_budget.values()), math.fsum(a.outside_budget.values())
    tied = total - outside
    shares = {
        "Tech work justified": (_share(justified, open_tech),
                                f"{justified} of {open_tech} open tech items support a business goal"),
        "Budget tied to strategy": (_share(tied, total),
                                    f"{say.money(tied)} of {say.money(total)} open tech budget supports a business goal"),
        "Goals supported": (_share(supported, in_window),
                            f"{supported} of {in_window} open business items in the tech window are supported"),
        "Enablers on time": (_share(on_time, links),
                             f"{on_time} of {links} links between open items end in time for the goal"),
        "Links measured": (_share(measured, goals),
                           f"{measured} of {goals} supported open goals have a shared metric measured recently"),
        "Review freshness": _review_share(a),
        "Plan hygiene": _hygiene_share(a, horizon_ok),
    }
    parts, blend = [], 0.0
    for name, weight in WEIGHTS.items():
        share, detail = shares[name]
        share = min(max(share, 0.0), 1.0)
        blend += share * weight
        parts.append(ScorePart(name, percent(share), weight, detail))
    total_weight = sum(WEIGHTS.values())
    return tuple(parts), 100 if total_weight == 0 else percent(blend / total_weight)


def _share(good: float, total: float) -> float:
    return 1.0 if total <= 0 else good / total


def _review_share(a: RuleContext) -> tuple[float, str]:
    last = _last_review(a)
    if last is None:
        return 0.0, "No review recorded"
    age, max_age = (a.today - last).days, a.review_max_age
    share = 1.0 if age <= max_age else 1.0 - (age - max_age) / max_age
    return share, f"Last review {say.day(last)}, {say.days(age)} ago"


def _hygiene_share(a: RuleContext, horizon_ok: bool) -> tuple[float, str]:
    open_items, clean = a.open_items, a.open_items - a.flagged
    share = 1.0 if open_items == 0 else clean / open_items
    detail = f"{clean} of {open_items} open items have an owner, a budget and a sane length"
    if not horizon_ok:
        share /= 2
        detail += "; the business horizon is off"
    return share, detail


def percent(share: float) -> int:
    """0-100, never rounding an imperfect share up to 100 nor a non-zero one down to 0."""
    if share >= 1.0:
        return 100
    if share <= 0.0:
        return 0
    return min(99, max(1, round(share * 100)))

