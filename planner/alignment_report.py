"""What an alignment analysis returns, and how it is worded.

The report types (severities, findings, score parts, the report with its
counts and per-item index), the rules' titles, the plain-text and JSON
output, and the phrasing helpers the rules use in their messages, so every
finding speaks of titles, dates, days and money the same way. The rules
themselves are in planner/alignment.py.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import Any, Protocol, TypeAlias

from planner.model import Item, ItemId, Link, LinkId, Metric, MetricId, Roadmap


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for the most severe, so sorting by rank puts errors first."""
        return _SEVERITY_RANK[self]

    @property
    def label(self) -> str:
        return self.value.capitalize()


_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_HEADINGS = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Info"}


# Rule id -> title, in the order findings of one severity are listed.
RULES: dict[str, str] = {
    "late-enabler": "Late enabler",
    "unjustified-tech": "Unjustified tech work",
    "unsupported-goal": "Unsupported goal",
    "budget-outside-strategy": "Budget outside strategy",
    "budget-missing": "Budget missing",
    "tech-horizon": "Tech horizon",
    "business-horizon": "Business horizon",
    "stale-metric": "Stale metric",
    "stale-review": "Stale review",
    "missing-owner": "Missing owner",
    "broken-dependency": "Broken dependency",
    "child-outside-parent": "Outside its parent",
    "stranded-enabler": "Stranded enabler",
    "unmeasured-link": "Unmeasured link",
    "owner-side": "Owner on the wrong side",
}
RULE_RANK = {rule: n for n, rule in enumerate(RULES)}

NO_SCORE_REASON = "No score yet: the roadmap has no business goals or tech initiatives to judge."


@dataclass(frozen=True)
class Finding:
    severity: Severity
    rule: str
    item_ids: tuple[ItemId, ...]
    message: str
    action: str


@dataclass(frozen=True)
class ScorePart:
    name: str
    score: int  # 0-100
    weight: int
    detail: str


# A finding's place in its (severity, rule) group, stable from one report to the next while it stands
# for the same thing: the id of the entity it is about (an item, link or metric; -inf for the roadmap)
# and its number among that entity's findings of the group.
FindingKey: TypeAlias = tuple[float, int]


@dataclass(frozen=True)
class AlignmentReport:
    findings: tuple[Finding, ...]  # errors first, then by rule (RULES order)
    score: int | None  # 0-100; None when there is nothing to judge (see score_reason)
    parts: tuple[ScorePart, ...]
    score_reason: str = ""  # why there is no score
    keys: tuple[FindingKey, ...] = field(default=(), compare=False, repr=False)  # one per finding, if known

    @property
    def score_text(self) -> str:
        """'82/100', or '—' when there is no score."""
        return "—" if self.score is None else f"{self.score}/100"

    @cached_property
    def counts_by_severity(self) -> dict[Severity, int]:
        counts = Counter(f.severity for f in self.findings)
        return {s: counts.get(s, 0) for s in Severity}

    @cached_property
    def counts_by_rule(self) -> dict[str, int]:
        """Rule id -> number of findings, for the rules that fired, in RULES order."""
        counts = Counter(f.rule for f in self.findings)
        return {rule: counts[rule] for rule in RULES if rule in counts}

    @property
    def has_errors(self) -> bool:
        return self.counts_by_severity[Severity.ERROR] > 0

    @cached_property
    def by_item(self) -> dict[ItemId, tuple[Finding, ...]]:
        """Item id -> its findings, most severe first (for badges and tooltips)."""
        out: dict[ItemId, list[Finding]] = {}
        for f in self.findings:
            for i in f.item_ids:
                out.setdefault(i, []).append(f)
        return {i: tuple(fs) for i, fs in out.items()}

    def worst_severity(self, item_id: ItemId) -> Severity | None:
        fs = self.by_item.get(item_id)
        return fs[0].severity if fs else None


# One rule unit's verdict on one key (planner/alignment_rules.py): its findings, the items it counts
# against plan hygiene, its counts towards the score, its money (budget, of which outside the strategy)
# and the depends links it judged (the late-enabler rule's).
Result: TypeAlias = tuple[tuple[Finding, ...], tuple[ItemId, ...], tuple[int, ...], "tuple[float, float | None] | None", tuple[LinkId, ...]]


class RuleContext(Protocol):
    """What a rule unit sees of an analysis (planner/alignment_incremental.py): the roadmap and its indexes."""

    roadmap: Roadmap
    today: date
    enables: dict[ItemId, list[ItemId]]  # tech item -> business items it supports (links as drawn)
    enabled_by: dict[ItemId, list[ItemId]]  # business item -> tech items supporting it
    justified: set[ItemId]  # tech items on a branch with a supports link
    supported: set[ItemId]  # business items on a branch with a supports link
    metrics_of: dict[ItemId, dict[MetricId, Metric]]  # business item -> metrics measuring it
    latest: dict[MetricId, date]  # each metric's latest measurement up to today
    fresh: set[MetricId]  # metrics measured recently enough
    judged: set[LinkId]  # depends links the late-enabler rule judged
    any_budget: bool  # some tech item has a budget
    open_budget: dict[ItemId, float]
    outside_budget: dict[ItemId, float]
    last_business_end: date | None
    sums: dict[str, list[int]]  # unit name -> its counts summed over every key
    open_items: int
    flagged: int  # open items counted against plan hygiene
    # thresholds, read once per analysis
    window_start: date
    window_end: date
    lead_days: int
    stranded: timedelta
    max_months: int
    surely_short: timedelta  # no run of max_months months is shorter
    max_share: float
    business_years: tuple[float, float]
    review_max_age: int

    def timed_link(self, source: ItemId, target: ItemId) -> Link | None: ...


@dataclass(frozen=True)
class ReportDelta:
    """What one update changed in the findings: (severity, rule, key, the finding now, None if gone).

    `base` and `version` number the reports before and after, so a view can tell it missed one;
    `items` are the items whose findings (`AlignmentReport.by_item`) may have changed.
    """

    changes: tuple[tuple[Severity, str, FindingKey, Finding | None], ...]
    base: int
    version: int
    items: frozenset[ItemId] = frozenset()


# --- output -----------------------------------------------------------------


def report_to_json(report: AlignmentReport) -> dict[str, Any]:
    """The report as plain JSON values (for `roadmap-planner check --json`)."""
    return {
        "score": report.score,
        **({"score_reason": report.score_reason} if report.score is None else {}),
        "parts": [{"name": p.name, "score": p.score, "weight": p.weight, "detail": p.detail} for p in report.parts],
        "counts": {str(s): n for s, n in report.counts_by_severity.items()},
        "rules": report.counts_by_rule,
        "findings": [
            {"severity": str(f.severity), "rule": f.rule, "items": list(f.item_ids),
             "message": f.message, "action": f.action}
            for f in report.findings
        ],
    }


def format_report(report: AlignmentReport, roadmap: Roadmap) -> str:
    """Plain text for a terminal: the score and its parts, then findings by severity, one line each."""
    lines = [f"{roadmap.info.title}: alignment score {report.score_text}"]
    if report.score is None:
        lines.append(f"  {report.score_reason}")
    width = max((len(p.name) for p in report.parts), default=0)
    lines += [f"  {p.name:<{width}}  {p.score:>3}  (weight {p.weight}; {p.detail})" for p in report.parts]
    counts = report.counts_by_severity
    lines += ["", ", ".join(plural(counts[s], str(s)) for s in Severity)]
    for s in Severity:
        group = [f for f in report.findings if f.severity == s]
        if group:
            lines += ["", f"{_HEADINGS[s]} ({len(group)})"]
            lines += [f"  [{f.rule}] {f.message} {f.action}" for f in group]
    return "\n".join(lines) + "\n"


# --- wording -----------------------------------------------------------------


def quote(title: str, limit: int = 60) -> str:
    return f"“{title if len(title) <= limit else title[: limit - 1] + '…'}”"


@lru_cache(maxsize=8192)
def day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


@lru_cache(maxsize=8192)
def month(d: date) -> str:
    return f"{d:%b %Y}"


def when(item: Item) -> str:
    return f"on {day(item.end)}" if item.is_milestone else f"ending {day(item.end)}"


def span(item: Item) -> str:
    return day(item.start) if item.is_milestone else f"{month(item.start)} – {month(item.end)}"


def month_count(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months + (end.day >= start.day)


def years(y: float) -> str:
    return f"{y:g}"


def money(x: float) -> str:
    if abs(x) >= 1e6:
        return f"{x / 1e6:.1f}m"
    if abs(x) >= 1e3:
        return f"{x / 1e3:.0f}k"
    return f"{x:.0f}"


def days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"
