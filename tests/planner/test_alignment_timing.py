"""Timing rules: each dependency type with positive, zero and negative lag at its boundary and one day past it;
enablers timed by a dependency; children outside their parent; support shared along a branch.

Expected dates are worked out by hand from the convention in planner/dependencies.py (an item runs from
the start of its first day to the end of its last; a milestone is at the end of its day), not by the
formula under test.
"""

from __future__ import annotations

from datetime import date

import pytest

from planner.alignment import analyse
from planner.model import (
    Band,
    DependencyType as T,
    Item,
    ItemId,
    Lane,
    LaneId,
    Link,
    LinkId,
    LinkKind,
    Roadmap,
    RoadmapInfo,
    Status,
)

TODAY = date(2026, 11, 16)
GOAL, PRED, SUCC = ItemId(1), ItemId(2), ItemId(3)
BIZ, TECH = LaneId(1), LaneId(2)
P_START, P_END = date(2027, 1, 1), date(2027, 3, 31)  # the predecessor: Q1 2027


def roadmap(items: list[Item], links: list[Link]) -> Roadmap:
    info = RoadmapInfo("Timing", horizon_start=date(2026, 1, 1), tech_start=date(2026, 7, 1), tech_months=18)
    lanes = {BIZ: Lane(BIZ, Band.BUSINESS, "Growth", "#c0813c", 0), TECH: Lane(TECH, Band.TECH, "Apps", "#3a9a94", 0)}
    return Roadmap(info, lanes, {i.id: i for i in items}, {l.id: l for l in links})


def tech(item_id: ItemId, start: date, end: date, **kw) -> Item:
    return Item(item_id, Band.TECH, TECH, kw.pop("title", f"Work {item_id}"), start, end, owner="CTO", **kw)


def business(item_id: ItemId, start: date, end: date, **kw) -> Item:
    return Item(item_id, Band.BUSINESS, BIZ, kw.pop("title", f"Goal {item_id}"), start, end, owner="CEO", **kw)


def depends(source: ItemId, target: ItemId, dep_type: T = T.FS, lag: int = 0, link_id: int = 10) -> Link:
    return Link(LinkId(link_id), LinkKind.DEPENDS, source, target, "", dep_type, lag)


def broken(r: Roadmap) -> list:
    return [f for f in analyse(r, TODAY).findings if f.rule == "broken-dependency"]


# (type, lag, successor start, successor end) exactly on the limit; the case one day earlier breaks by one day.
# The predecessor runs 1 Jan - 31 Mar 2027. The successor is a bar; the moving end is the one the type constrains.
ON_THE_LIMIT = [
    (T.FS, 0, date(2027, 4, 1), None),  # the day after the predecessor's last day
    (T.FS, 10, date(2027, 4, 11), None),
    (T.FS, -10, date(2027, 3, 22), None),  # ten days of overlap allowed
    (T.SS, 0, date(2027, 1, 1), None),
    (T.SS, 10, date(2027, 1, 11), None),
    (T.SS, -10, date(2026, 12, 22), None),
    (T.FF, 0, None, date(2027, 3, 31)),  # may finish on the same day
    (T.FF, 10, None, date(2027, 4, 10)),
    (T.FF, -10, None, date(2027, 3, 21)),
    (T.SF, 0, None, date(2026, 12, 31)),  # finishing the evening before the predecessor starts is in time
    (T.SF, 10, None, date(2027, 1, 10)),
    (T.SF, -10, None, date(2026, 12, 21)),
]


def successor(start: date | None, end: date | None, shift: int = 0) -> Item:
    """A three-month bar whose constrained end sits at `start` or `end`, moved `shift` days earlier."""
    from datetime import timedelta

    if start is not None:
        s = start - timedelta(days=shift)
        return tech(SUCC, s, s + timedelta(days=90))
    e = end - timedelta(days=shift)
    return tech(SUCC, e - timedelta(days=90), e)


@pytest.mark.parametrize(("dep_type", "lag", "start", "end"), ON_THE_LIMIT, ids=lambda x: str(x))
def test_a_dependency_on_its_limit_is_kept_and_one_day_earlier_is_broken(dep_type, lag, start, end):
    pred = tech(PRED, P_START, P_END)
    link = depends(PRED, SUCC, dep_type, lag)
    assert broken(roadmap([pred, successor(start, end)], [link])) == []
    (finding,) = broken(roadmap([pred, successor(start, end, shift=1)], [link]))
    assert finding.item_ids == (PRED, SUCC)
    assert ", 1 day too early: it must not" in finding.message


def test_broken_dependency_message_names_the_rule_and_both_dates():
    r = roadmap([tech(PRED, P_START, P_END, title="Checkout rebuild"), tech(SUCC, date(2027, 3, 15), date(2027, 9, 30), title="Marketplace")],
                [depends(PRED, SUCC)])
    (f,) = broken(r)
    assert f.severity == "warning"
    assert f.message == (
        "“Marketplace” starts on 15 Mar 2027, 17 days too early: it must not start before “Checkout rebuild” finishes on 31 Mar 2027."
    )
    r = roadmap([tech(PRED, P_START, P_END, title="A"), tech(SUCC, date(2026, 10, 1), date(2027, 1, 5), title="B")],
                [depends(PRED, SUCC, T.SF, 10)])
    (f,) = broken(r)
    assert f.message == "“B” ends on 5 Jan 2027, 5 days too early: it must not finish until 10 days after “A” starts on 1 Jan 2027."
    r = roadmap([tech(PRED, P_START, P_END, title="A"), tech(SUCC, date(2027, 3, 1), date(2027, 6, 30), title="B")],
                [depends(PRED, SUCC, T.FS, -7)])
    (f,) = broken(r)
    assert f.message == "“B” starts on 1 Mar 2027, 24 days too early: it must not start more than 7 days before “A” finishes on 31 Mar 2027."


@pytest.mark.parametrize(
    ("pred", "succ", "is_broken"),
    [
        ((P_START, P_END), (P_END, P_END), False),  # a milestone on the predecessor's last day: after it finishes
        ((P_START, P_END), (date(2027, 3, 30), date(2027, 3, 30)), True),
        ((P_END, P_END), (date(2027, 4, 1), date(2027, 6, 30)), False),  # work after a milestone: the next day
        ((P_END, P_END), (P_END, date(2027, 6, 30)), True),
        ((P_END, P_END), (P_END, P_END), False),  # two milestones on one day
    ],
)
def test_finish_to_start_with_milestones(pred, succ, is_broken):
    r = roadmap([tech(PRED, *pred), tech(SUCC, *succ)], [depends(PRED, SUCC)])
    assert bool(broken(r)) == is_broken


def test_done_items_and_dangling_links_are_not_judged():
    late = [tech(PRED, P_START, P_END), tech(SUCC, P_START, P_END)]
    assert broken(roadmap(late, [depends(PRED, SUCC)]))
    done = [late[0], tech(SUCC, P_START, P_END, status=Status.DONE)]
    assert broken(roadmap(done, [depends(PRED, SUCC)])) == []
    assert broken(roadmap(late, [depends(PRED, ItemId(99))])) == []


def test_a_broken_dependency_costs_plan_hygiene():
    items = [tech(PRED, P_START, P_END), tech(SUCC, date(2027, 4, 1), date(2027, 6, 30))]
    kept = analyse(roadmap(items, [depends(PRED, SUCC)]), TODAY)
    items[1] = tech(SUCC, date(2027, 3, 31), date(2027, 6, 30))
    worse = analyse(roadmap(items, [depends(PRED, SUCC)]), TODAY)
    hygiene = {r: {p.name: p.score for p in rep.parts}["Plan hygiene"] for r, rep in (("kept", kept), ("broken", worse))}
    assert hygiene["broken"] < hygiene["kept"]


# --- enablers timed by a dependency ------------------------------------------------------


def enabler_case(dep: Link | None, goal_start: date = date(2027, 7, 1)) -> list:
    items = [business(GOAL, goal_start, date(2030, 6, 30), title="Grow online"), tech(PRED, date(2026, 7, 1), date(2027, 6, 30), title="CRM")]
    links = [Link(LinkId(1), LinkKind.SUPPORTS, PRED, GOAL)] + ([dep] if dep else [])
    report = analyse(roadmap(items, links), TODAY)
    return [f for f in report.findings if f.rule in ("late-enabler", "broken-dependency")]


def test_a_dependency_from_enabler_to_goal_sets_when_the_goal_needs_it():
    assert enabler_case(None) == []  # by default: ends before the goal ends
    assert enabler_case(depends(PRED, GOAL, T.FS, 0)) == []  # goal starts the day after
    (f,) = enabler_case(depends(PRED, GOAL, T.FS, 30))  # reported once, as a late enabler
    assert (f.rule, f.severity, f.item_ids) == ("late-enabler", "error", (PRED, GOAL))
    assert f.message == (
        "“CRM” ends on 30 Jun 2027: “Grow online” must not start until 30 days after “CRM” finishes, so it is 30 days late."
    )
    assert enabler_case(depends(PRED, GOAL, T.FS, 30), goal_start=date(2027, 7, 31)) == []  # on the limit
    (f,) = enabler_case(depends(PRED, GOAL, T.SS, 400))
    assert f.message.startswith("“CRM” starts on 1 Jul 2026: “Grow online” must not start until 400 days after")


def test_a_dependency_from_goal_to_enabler_is_an_ordinary_dependency():
    (f,) = enabler_case(depends(GOAL, PRED, T.FS, 0))
    assert f.rule == "broken-dependency" and f.item_ids == (GOAL, PRED)


# --- the outline ---------------------------------------------------------------------------


def test_a_child_outside_its_parent_is_reported_and_one_inside_is_not():
    parent = business(GOAL, date(2027, 1, 1), date(2027, 6, 30), title="Expand to the EU")

    def outside(start, end, **kw):
        child = business(ItemId(5), start, end, parent_id=GOAL, title="Open Germany", **kw)
        return [f for f in analyse(roadmap([parent, child], []), TODAY).findings if f.rule == "child-outside-parent"]

    assert outside(date(2027, 1, 1), date(2027, 6, 30)) == []  # the same span
    assert outside(date(2027, 6, 30), date(2027, 6, 30)) == []  # a milestone on the parent's last day
    (f,) = outside(date(2027, 2, 1), date(2027, 7, 1))
    assert (f.severity, f.item_ids) == ("warning", (ItemId(5), GOAL))
    assert f.message == "“Open Germany” is part of “Expand to the EU” but ends on 1 Jul 2027, after it ends on 30 Jun 2027."
    (f,) = outside(date(2026, 12, 31), date(2027, 3, 1))
    assert f.message.endswith("but starts on 31 Dec 2026, before it starts on 1 Jan 2027.")
    (f,) = outside(date(2026, 12, 31), date(2027, 7, 1))
    assert "runs 31 Dec 2026 – 1 Jul 2027, beyond both ends of it" in f.message
    assert outside(date(2027, 2, 1), date(2027, 7, 1), status=Status.DONE) == []


def test_support_is_shared_along_a_branch():
    goal = business(GOAL, date(2026, 7, 1), date(2028, 6, 30))
    sub_goal = business(ItemId(6), date(2026, 7, 1), date(2027, 6, 30), parent_id=GOAL)
    initiative = tech(PRED, date(2026, 7, 1), date(2027, 6, 30), budget=100.0)
    phase = tech(SUCC, date(2026, 7, 1), date(2026, 12, 31), parent_id=PRED, budget=50.0)
    linked = [Link(LinkId(1), LinkKind.SUPPORTS, PRED, ItemId(6))]  # the initiative supports the sub-goal

    report = analyse(roadmap([goal, sub_goal, initiative, phase], linked), TODAY)
    rules = {f.rule for f in report.findings}
    assert not rules & {"unjustified-tech", "unsupported-goal", "budget-outside-strategy"}
    assert {p.name: p.score for p in report.parts}["Tech work justified"] == 100

    report = analyse(roadmap([goal, sub_goal, initiative, phase], []), TODAY)
    assert {f.item_ids for f in report.findings if f.rule == "unjustified-tech"} == {(PRED,), (SUCC,)}
