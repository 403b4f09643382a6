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

Speed matters: links, metrics and measurements are indexed once into dicts
and every rule judges one key at a time (planner/alignment_rules.py), so a
whole analysis is one pass per rule (`benchmarks/alignment.py`) and the app,
which keeps an `IncrementalAnalysis` per open roadmap, re-runs after an edit
only the rules and keys the edit can affect (planner/alignment_incremental.py).
"""

from __future__ import annotations

from datetime import date

from planner.alignment_incremental import IncrementalAnalysis
from planner.alignment_owners import BUSINESS_ROLES, IT_ROLES
from planner.alignment_report import (
    NO_SCORE_REASON,
    RULES,
    AlignmentReport,
    Finding,
    ReportDelta,
    ScorePart,
    Severity,
    format_report,
    report_to_json,
)
from planner.alignment_settings import THRESHOLDS, WEIGHTS, Threshold, threshold
from planner.model import Roadmap

# Report types and wording (alignment_report), thresholds and weights (alignment_settings), owner
# roles (alignment_owners) and the analysis that follows edits (alignment_incremental) live beside
# this module; importers find them here too.
__all__ = [
    "BUSINESS_ROLES", "IT_ROLES", "NO_SCORE_REASON", "RULES", "THRESHOLDS", "WEIGHTS", "AlignmentReport", "Finding", "IncrementalAnalysis",
    "ReportDelta", "ScorePart", "Severity", "Threshold", "analyse", "format_report", "report_to_json", "threshold",
]


def analyse(roadmap: Roadmap, today: date) -> AlignmentReport:
    """Every alignment finding and the score for `roadmap` as of `today`."""
    return IncrementalAnalysis(roadmap, today).report
