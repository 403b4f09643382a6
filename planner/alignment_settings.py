"""The numbers the alignment rules use: tunable thresholds (kept in the roadmap's settings) and the score's weights."""

from __future__ import annotations

import math
from dataclasses import dataclass

from planner.model import Roadmap


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


def threshold(roadmap: Roadmap, name: str) -> float:
    """The roadmap's value for threshold `name`, or its default; clamped to the allowed range."""
    t = THRESHOLDS[name]
    value = roadmap.setting(name, t.default)
    if not isinstance(value, (int, float)) or math.isnan(value):
        return t.default
    return min(max(value, t.minimum), t.maximum)
