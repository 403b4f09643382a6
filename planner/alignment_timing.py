"""Alignment rules about timing between related items, one key at a time (planner/alignment_rules.py says how).

- ``late-enabler`` (error): tech work finishes later than the business goal
  or milestone it supports can take. By default the enabler must end by the
  goal's end, less ``late_enabler_lead_days`` (an FF link with that lag).
  When the enabler also has a depends link to the goal, that link's type and
  lag say when the goal needs it instead (e.g. FS +30: finished 30 days
  before the goal starts), and the link is judged here only. One finding per
  (enabler, goal) pair; ending exactly on the deadline is on time.
- ``stranded-enabler`` (info): tech work that ends more than
  ``stranded_enabler_days`` before the earliest start of the goals it
  supports, so its value sits idle.
- ``broken-dependency`` (warning): a depends link between open items that
  its successor breaks, by the link's type and lag (planner/dependencies.py
  states the day arithmetic). Named for both items, counted against the
  successor in plan hygiene.
- ``child-outside-parent`` (warning): an open item that starts before or ends
  after the parent it is part of. A parent's span should cover its children;
  the app reports a child outside it rather than moving the parent, whose
  dates are a commitment. Counted against the child in plan hygiene.
"""

from __future__ import annotations

from planner import alignment_report as say
from planner.alignment_report import Finding, Result, RuleContext, Severity
from planner.dependencies import days_early, predecessor_event, requirement, successor_verb
from planner.model import Item, Link, LinkKind, Status


def enabler_unit(a: RuleContext, t: Item) -> Result | None:
    """Late and stranded enablers of one tech item; counts (links, on time) for 'Enablers on time'.

    Also names the depends links this judged (`judged`), which the dependency rule then leaves alone.
    """
    goals = a.enables.get(t.id)
    if t.status == Status.DONE or not goals:
        return None
    items = a.roadmap.items
    lead_days = a.lead_days
    findings: list[Finding] = []
    judged: list = []
    links = on_time = 0
    earliest_need: Item | None = None
    for gid in goals:
        g = items[gid]
        if g.status == Status.DONE:
            continue
        links += 1
        if earliest_need is None or g.start < earliest_need.start:
            earliest_need = g
        link = a.timed_link(t.id, g.id)
        if link is not None:
            judged.append(link.id)
            late = days_early(link.dep_type, link.lag_days, t, g)
        else:  # days_early(FF, lead_days, t, g), inlined: this runs for every supports link
            late = (t.end - g.end).days + lead_days
        if late <= 0:
            on_time += 1
            continue
        if link is not None:
            event_day = t.start if predecessor_event(link.dep_type) == "starts" else t.end
            why = (f"{say.quote(g.title)} {requirement(link.dep_type, link.lag_days, say.quote(t.title))}, "
                   f"so it is {say.days(late)} late")
            what = f"{say.quote(t.title)} {_STATED[predecessor_event(link.dep_type)]} on {say.day(event_day)}: {why}."
        else:
            if lead_days:
                why = (f"{say.days(late)} later than {say.quote(g.title)} needs it "
                       f"({say.when(g)}, less {say.days(lead_days)}' lead time)")
            else:
                why = f"{say.days(late)} after {say.quote(g.title)} {say.when(g)}, which relies on it"
            what = f"{say.quote(t.title)} ends on {say.day(t.end)}, {why}."
        findings.append(Finding(
            Severity.ERROR, "late-enabler", (t.id, g.id), what,
            "Bring the technology forward, re-scope it, or move the business date; agree which now.",
        ))
    if earliest_need is not None and earliest_need.start - t.end > a.stranded:
        gap = (earliest_need.start - t.end).days
        findings.append(Finding(
            Severity.INFO, "stranded-enabler", (t.id, earliest_need.id),
            f"{say.quote(t.title)} ends on {say.day(t.end)}, {say.days(gap)} before {say.quote(earliest_need.title)} "
            f"starts needing it, so its value sits idle.",
            "Start it later and use the capacity for work the business needs sooner.",
        ))
    if not links:
        return None
    return (tuple(findings), (), (links, on_time), None, tuple(judged))


def dependency_unit(a: RuleContext, link: Link) -> Result | None:
    """A depends link whose successor starts or finishes too early (enabler links are judged above)."""
    if link.kind != LinkKind.DEPENDS or link.id in a.judged:
        return None
    items = a.roadmap.items
    p, s = items.get(link.source_id), items.get(link.target_id)
    if p is None or s is None or Status.DONE in (p.status, s.status):
        return None
    early = days_early(link.dep_type, link.lag_days, p, s)
    if early <= 0:
        return None
    verb = successor_verb(link.dep_type)
    own_day = s.start if verb == "start" else s.end
    ref_day = p.start if predecessor_event(link.dep_type) == "starts" else p.end
    finding = Finding(
        Severity.WARNING, "broken-dependency", (p.id, s.id),
        f"{say.quote(s.title)} {_STATED[verb]} on {say.day(own_day)}, {say.days(early)} too early: it "
        f"{requirement(link.dep_type, link.lag_days, say.quote(p.title))} on {say.day(ref_day)}.",
        "Move one of them, or change the dependency if the plan has changed.",
    )
    return ((finding,), (s.id,), (), None, ())


def outline_unit(a: RuleContext, c: Item) -> Result | None:
    """An open item outside the span of the parent it is part of."""
    p = a.roadmap.items.get(c.parent_id) if c.parent_id is not None else None
    if p is None or c.status == Status.DONE:
        return None
    early, late = c.start < p.start, c.end > p.end
    if not (early or late):
        return None
    if early and late:
        where = f"runs {say.day(c.start)} – {say.day(c.end)}, beyond both ends of it ({say.day(p.start)} – {say.day(p.end)})"
    elif early:
        where = f"starts on {say.day(c.start)}, before it starts on {say.day(p.start)}"
    else:
        where = f"ends on {say.day(c.end)}, after it ends on {say.day(p.end)}"
    finding = Finding(
        Severity.WARNING, "child-outside-parent", (c.id, p.id),
        f"{say.quote(c.title)} is part of {say.quote(p.title)} but {where}.",
        "Extend the parent's dates, or bring the part inside them.",
    )
    return ((finding,), (c.id,), (), None, ())


# How a start or finish is stated beside its date: "starts on 1 Apr 2027", "ends on 31 Mar 2027".
_STATED = {"start": "starts", "starts": "starts", "finish": "ends", "finishes": "ends"}
