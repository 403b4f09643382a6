"""Alignment rules: each fires on a minimal roadmap and stays quiet on its near miss (the score and the sample: test_alignment_score.py)."""

from __future__ import annotations

import dataclasses
import math
from datetime import date, timedelta

import pytest

from planner.alignment import (
    THRESHOLDS,
    WEIGHTS,
    Severity,
    analyse,
    threshold,
)
from planner.model import (
    DependencyType,
    ItemId,
    Link,
    LinkId,
    LinkKind,
    Measurement,
    MeasurementId,
    MetricId,
    Review,
    ReviewId,
    Roadmap,
    Status,
)
from tests.planner.alignment_cases import (
    TODAY,
    GOAL,
    ENABLER,
    NEW,
    clean,
    with_item,
    changed,
    with_setting,
    tech,
    goal,
    fired,
    only,
)


# --- the clean roadmap ------------------------------------------------------------


def test_clean_roadmap_has_no_findings_and_scores_100():
    report = analyse(clean(), TODAY)
    assert report.findings == ()
    assert report.score == 100
    assert [p.score for p in report.parts] == [100] * len(WEIGHTS)
    assert sum(p.weight for p in report.parts) == 100
    assert [p.name for p in report.parts] == list(WEIGHTS)


def test_an_empty_roadmap_has_no_score_only_the_reason():
    empty = dataclasses.replace(clean(), items={}, links={})
    report = analyse(empty, TODAY)
    assert report.score is None and report.parts == () and report.score_text == "—"
    assert "no business goals or tech initiatives" in report.score_reason
    assert analyse(clean(), TODAY).score_text == "100/100" and analyse(clean(), TODAY).score_reason == ""


def test_thresholds_are_documented_and_defaults_in_range():
    for name, t in THRESHOLDS.items():
        assert t.minimum <= t.default <= t.maximum, name
        assert t.description and t.unit
        assert threshold(clean(), name) == t.default


def test_threshold_values_are_clamped():
    r = with_setting(clean(), "tech_max_months", -5)
    assert threshold(r, "tech_max_months") == THRESHOLDS["tech_max_months"].minimum
    r = with_setting(clean(), "review_max_age_days", math.nan)
    assert threshold(r, "review_max_age_days") == THRESHOLDS["review_max_age_days"].default


# --- unjustified tech work ------------------------------------------------------


def test_unjustified_tech_fires_for_unlinked_open_work():
    r = with_item(clean(), tech(date(2026, 9, 1), date(2027, 3, 31), title="Blockchain pilot"))
    f = only(analyse(r, TODAY), "unjustified-tech")
    assert f.severity == Severity.WARNING and f.item_ids == (NEW,)
    assert "“Blockchain pilot”" in f.message


def test_unjustified_tech_ignores_done_work_and_linked_work():
    r = with_item(clean(), tech(date(2026, 7, 1), date(2026, 9, 30), status=Status.DONE))
    assert fired(analyse(r, TODAY), "unjustified-tech") == []
    r = with_item(clean(), tech(date(2026, 9, 1), date(2027, 3, 31)), supports=GOAL)
    assert fired(analyse(r, TODAY), "unjustified-tech") == []


# --- unsupported goal --------------------------------------------------------------


def test_unsupported_goal_inside_tech_window_is_a_warning():
    r = with_item(clean(), goal(date(2027, 1, 1), date(2027, 9, 30), title="Same-day delivery"))
    f = only(analyse(r, TODAY), "unsupported-goal")
    assert f.severity == Severity.WARNING and f.item_ids == (NEW,)
    assert "Same-day delivery" in f.message


def test_unsupported_goal_starting_on_the_window_end_is_inside():
    r = with_item(clean(), goal(date(2027, 12, 31), date(2028, 6, 30)))
    assert only(analyse(r, TODAY), "unsupported-goal").severity == Severity.WARNING


def test_unsupported_goal_after_the_window_is_planning_debt():
    r = with_item(clean(), goal(date(2028, 1, 1), date(2028, 12, 31)))
    f = only(analyse(r, TODAY), "unsupported-goal")
    assert f.severity == Severity.INFO and "planning debt" in f.message


def test_unsupported_goal_ending_on_the_first_day_of_the_tech_window_is_inside():
    r = with_item(clean(), goal(date(2026, 1, 1), date(2026, 7, 1)))  # the window opens 1 Jul 2026
    f = only(analyse(r, TODAY), "unsupported-goal")
    assert f.severity == Severity.WARNING and f.item_ids == (NEW,)
    r = with_item(clean(), goal(date(2026, 1, 1), date(2026, 6, 30)))  # the day before: out of the window
    assert fired(analyse(r, TODAY), "unsupported-goal") == []


def test_unsupported_goal_ignores_done_and_past_goals():
    r = with_item(clean(), goal(date(2026, 7, 1), date(2026, 12, 31), status=Status.DONE))
    assert fired(analyse(r, TODAY), "unsupported-goal") == []
    r = with_item(clean(), goal(date(2026, 1, 1), date(2026, 6, 30)))  # ended before the tech window
    assert fired(analyse(r, TODAY), "unsupported-goal") == []


def test_goal_supported_only_by_done_work_is_supported():
    r = with_item(clean(), tech(date(2026, 7, 1), date(2026, 9, 30), status=Status.DONE, item_id=ItemId(4)))
    r = with_item(r, goal(date(2027, 1, 1), date(2027, 9, 30)))
    r = dataclasses.replace(r, links={**r.links, LinkId(9): Link(LinkId(9), LinkKind.SUPPORTS, ItemId(4), NEW)})
    assert fired(analyse(r, TODAY), "unsupported-goal") == []


# --- late and stranded enablers ------------------------------------------------------


def test_late_enabler_fires_one_day_past_the_goal_and_not_on_it():
    on_time = changed(clean(), ENABLER, end=date(2030, 6, 30))
    assert fired(analyse(on_time, TODAY), "late-enabler") == []
    late = changed(clean(), ENABLER, end=date(2030, 7, 1))
    f = only(analyse(late, TODAY), "late-enabler")
    assert f.severity == Severity.ERROR and f.item_ids == (ENABLER, GOAL)
    assert "ends on 1 Jul 2030, 1 day after “Grow online sales” ending 30 Jun 2030" in f.message


def test_late_enabler_lead_time_comes_from_settings():
    r = with_item(clean(), goal(date(2027, 4, 1), date(2027, 4, 1), title="Launch in Germany"))
    r = with_item(r, tech(date(2026, 9, 1), date(2027, 3, 2), item_id=ItemId(4)), supports=NEW)
    assert fired(analyse(r, TODAY), "late-enabler") == []
    r30 = with_setting(r, "late_enabler_lead_days", 30)
    assert fired(analyse(r30, TODAY), "late-enabler") == []  # 2 Mar is exactly 30 days before 1 Apr
    r31 = with_setting(r, "late_enabler_lead_days", 31)
    f = only(analyse(r31, TODAY), "late-enabler")
    assert f.item_ids == (ItemId(4), NEW) and "31 days' lead time" in f.message


def test_late_enabler_ignores_done_goals_and_done_enablers():
    late = changed(clean(), ENABLER, end=date(2030, 7, 1))
    assert fired(analyse(changed(late, GOAL, status=Status.DONE), TODAY), "late-enabler") == []
    assert fired(analyse(changed(late, ENABLER, status=Status.DONE), TODAY), "late-enabler") == []


def test_stranded_enabler_boundary_and_setting():
    # the enabler ends 30 Jun 2027; a goal starting 365 days later is not stranded, 366 days is
    base = dataclasses.replace(clean(), metrics={}, measurements={})
    near = changed(base, GOAL, start=date(2027, 6, 30) + timedelta(days=365))
    assert fired(analyse(near, TODAY), "stranded-enabler") == []
    far = changed(base, GOAL, start=date(2027, 6, 30) + timedelta(days=366))
    f = only(analyse(far, TODAY), "stranded-enabler")
    assert f.severity == Severity.INFO and f.item_ids == (ENABLER, GOAL)
    assert fired(analyse(with_setting(far, "stranded_enabler_days", 400), TODAY), "stranded-enabler") == []


def test_enabler_needed_early_by_one_goal_is_not_stranded():
    far = changed(clean(), GOAL, start=date(2029, 1, 1))
    r = with_item(far, goal(date(2027, 1, 1), date(2027, 12, 31)))
    r = dataclasses.replace(r, links={**r.links, LinkId(9): Link(LinkId(9), LinkKind.SUPPORTS, ENABLER, NEW)})
    assert fired(analyse(r, TODAY), "stranded-enabler") == []


# --- horizons ---------------------------------------------------------------------


def test_tech_initiative_longer_than_24_months():
    exactly = with_item(clean(), tech(date(2026, 7, 1), date(2028, 7, 1)), supports=GOAL)
    assert fired(analyse(exactly, TODAY), "tech-horizon") == []
    longer = with_item(clean(), tech(date(2026, 7, 1), date(2028, 7, 2)), supports=GOAL)
    f = only(analyse(longer, TODAY), "tech-horizon")
    assert f.severity == Severity.WARNING and f.item_ids == (NEW,)
    assert fired(analyse(with_setting(longer, "tech_max_months", 36), TODAY), "tech-horizon") == []


def test_tech_window_longer_than_24_months():
    r = dataclasses.replace(clean(), info=dataclasses.replace(clean().info, tech_months=30))
    f = only(analyse(r, TODAY), "tech-horizon")
    assert f.item_ids == () and "30 months" in f.message


def test_business_plan_too_short_or_too_long():
    short = changed(clean(), GOAL, end=date(2029, 6, 30))  # 2.6 years ahead of TODAY
    f = only(analyse(short, TODAY), "business-horizon")
    assert f.severity == Severity.WARNING and "2.6 years" in f.message
    long = changed(clean(), GOAL, end=date(2032, 6, 30))
    assert "5.6 years" in only(analyse(long, TODAY), "business-horizon").message
    assert fired(analyse(with_setting(short, "business_min_years", 2), TODAY), "business-horizon") == []
    assert fired(analyse(with_setting(long, "business_max_years", 6), TODAY), "business-horizon") == []


def test_business_plan_with_no_business_items():
    r = dataclasses.replace(clean(), items={ENABLER: clean().items[ENABLER]}, links={}, metrics={})
    assert "nothing planned ahead" in only(analyse(r, TODAY), "business-horizon").message


# --- budget ---------------------------------------------------------------------------


def test_budget_outside_strategy_above_the_share():
    # 100k linked; 20k unlinked is 17% of 120k, above the default 10%
    r = with_item(clean(), tech(date(2026, 9, 1), date(2027, 3, 31), budget=20_000))
    f = only(analyse(r, TODAY), "budget-outside-strategy")
    assert f.severity == Severity.WARNING and f.item_ids == (NEW,) and "17%" in f.message
    assert fired(analyse(with_setting(r, "budget_outside_strategy_max_share", 0.2), TODAY),
                 "budget-outside-strategy") == []


def test_budget_outside_strategy_at_the_share_is_quiet():
    r = with_item(clean(), tech(date(2026, 9, 1), date(2027, 3, 31), budget=100_000 / 9))  # exactly 10%
    report = analyse(r, TODAY)
    assert fired(report, "budget-outside-strategy") == []
    assert fired(report, "unjustified-tech")  # the item is still named


def test_budget_missing_where_others_have_one():
    r = with_item(clean(), tech(date(2026, 9, 1), date(2027, 3, 31), budget=None), supports=GOAL)
    f = only(analyse(r, TODAY), "budget-missing")
    assert f.severity == Severity.WARNING and f.item_ids == (NEW,)


def test_budget_missing_spares_milestones_and_budgetless_plans():
    r = with_item(clean(), tech(date(2027, 3, 31), date(2027, 3, 31), budget=None), supports=GOAL)
    assert fired(analyse(r, TODAY), "budget-missing") == []
    r = with_item(changed(clean(), ENABLER, budget=None), tech(date(2026, 9, 1), date(2027, 3, 31), budget=None),
                  supports=GOAL)
    assert fired(analyse(r, TODAY), "budget-missing") == []


# --- measurement and reviews -----------------------------------------------------------


def test_unmeasured_link_without_a_shared_metric():
    r = dataclasses.replace(clean(), metrics={}, measurements={})
    f = only(analyse(r, TODAY), "unmeasured-link")
    assert f.severity == Severity.INFO and f.item_ids == (GOAL,)


def test_a_metric_naming_no_supporting_work_is_not_shared():
    r = with_item(clean(), tech(date(2026, 9, 1), date(2027, 3, 31), owner="CTO"), supports=None)
    metric = dataclasses.replace(r.metrics[MetricId(1)], tech_item_ids=(NEW,))
    r = dataclasses.replace(r, metrics={metric.id: metric})
    assert only(analyse(r, TODAY), "unmeasured-link").item_ids == (GOAL,)


def test_milestones_need_no_metric():
    r = dataclasses.replace(changed(clean(), GOAL, start=date(2027, 12, 31), end=date(2027, 12, 31)),
                            metrics={}, measurements={})
    r = with_item(r, goal(date(2026, 7, 1), date(2030, 6, 30), item_id=ItemId(5)), supports=None)
    report = analyse(r, TODAY)
    assert fired(report, "unmeasured-link") == []


def test_stale_metric_boundary_and_setting():
    def measured(on: date) -> Roadmap:
        m = Measurement(MeasurementId(1), MetricId(1), on, 2.2)
        return dataclasses.replace(clean(), measurements={m.id: m})

    assert fired(analyse(measured(TODAY - timedelta(days=92)), TODAY), "stale-metric") == []
    stale = measured(TODAY - timedelta(days=93))
    f = only(analyse(stale, TODAY), "stale-metric")
    assert f.severity == Severity.WARNING and set(f.item_ids) == {GOAL, ENABLER}
    assert fired(analyse(with_setting(stale, "measurement_max_age_days", 100), TODAY), "stale-metric") == []
    future = measured(TODAY + timedelta(days=1))
    assert "never been measured" in only(analyse(future, TODAY), "stale-metric").message


def test_stale_metric_of_a_done_goal_is_quiet():
    r = changed(dataclasses.replace(clean(), measurements={}), GOAL, status=Status.DONE)
    assert fired(analyse(r, TODAY), "stale-metric") == []


def test_stale_review_boundary_and_setting():
    def reviewed(on: date) -> Roadmap:
        return dataclasses.replace(clean(), reviews={ReviewId(1): Review(ReviewId(1), on)})

    assert fired(analyse(reviewed(TODAY - timedelta(days=92)), TODAY), "stale-review") == []
    stale = reviewed(TODAY - timedelta(days=93))
    f = only(analyse(stale, TODAY), "stale-review")
    assert f.severity == Severity.WARNING and f.item_ids == ()
    assert fired(analyse(with_setting(stale, "review_max_age_days", 120), TODAY), "stale-review") == []
    assert "No quarterly review" in only(analyse(reviewed(TODAY + timedelta(days=3)), TODAY), "stale-review").message
    assert only(analyse(dataclasses.replace(clean(), reviews={}), TODAY), "stale-review")


# --- owners ---------------------------------------------------------------------------


def test_missing_owner():
    f = only(analyse(changed(clean(), ENABLER, owner="  "), TODAY), "missing-owner")
    assert f.severity == Severity.WARNING and f.item_ids == (ENABLER,)
    done = changed(changed(clean(), ENABLER, owner=""), ENABLER, status=Status.DONE)
    assert fired(analyse(done, TODAY), "missing-owner") == []


@pytest.mark.parametrize(
    "item_id, owner, fires",
    [
        (GOAL, "CTO", True),
        (GOAL, "Head of Data", True),
        (GOAL, "Jane Smith (CIO)", True),
        (GOAL, "CTO / CISO", True),
        (GOAL, "CTO / COO", False),
        (GOAL, "Jane Smith", False),
        (GOAL, "Chief Digital Officer", False),
        (ENABLER, "CFO", True),
        (ENABLER, "CFO and CIO", False),
        (ENABLER, "Head of Payments", False),
    ],
)
def test_owner_on_the_wrong_side(item_id, owner, fires):
    found = fired(analyse(changed(clean(), item_id, owner=owner), TODAY), "owner-side")
    assert bool(found) == fires
    if fires:
        assert found[0].severity == Severity.INFO and found[0].item_ids == (item_id,)


# --- robustness ------------------------------------------------------------------------


def test_links_that_are_not_tech_to_business_are_ignored():
    r = clean()
    r = dataclasses.replace(r, links={
        **r.links,
        LinkId(7): Link(LinkId(7), LinkKind.SUPPORTS, GOAL, ENABLER),  # wrong way round
        LinkId(8): Link(LinkId(8), LinkKind.SUPPORTS, ItemId(99), GOAL),  # dangling
        LinkId(9): Link(LinkId(9), LinkKind.DEPENDS, ENABLER, GOAL, dep_type=DependencyType.FF),  # kept: 2027 before 2030
        LinkId(10): Link(LinkId(10), LinkKind.DEPENDS, ItemId(99), GOAL),  # dangling
    })
    assert analyse(r, TODAY).findings == ()
