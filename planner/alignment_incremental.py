"""The alignment analysis kept up to date edit by edit: only the rules and keys a change can affect re-run.

`IncrementalAnalysis(roadmap, today)` indexes the roadmap once (supports
links both ways, depends links by pair, the outline's children, metrics by
the items they name, measurements by metric) and runs every rule unit
(planner/alignment_rules.py) on every key, keeping each unit's `Result` per
key. `update(roadmap, changes)` then takes the next roadmap and the change
set that made it, updates the indexes for the entities the changes name,
and re-runs only:

- the units of each touched item; the enablers of a touched goal; the
  children of a touched parent (their span is judged against it); the
  depends links and metrics that name a touched item;
- for a touched link, the units of its ends; for a touched depends link
  the enabler whose timing it sets, and any depends link whose judging
  moved between the late-enabler and the dependency rules;
- every item of an outline tree whose 'justified' or 'supported' standing
  changed (a supports link counts for the whole branch it touches);
- a metric whose latest measurement or freshness changed, and its goal;
- every tech item when the first budget appears or the last one goes.

A change to a threshold or to the tech window re-runs every key of the
units that read it. Roadmap-wide parts (budget share, horizons, the
review, the score) are recomputed from totals kept beside the per-key
results: sums of counts, a budget per tech item (summed with `math.fsum`,
exact in any order), the business items' end dates, the number of open and
of flagged items. A new `today` needs a new analysis.

Findings live in buckets by (severity, rule), ordered by `FindingKey`
(the entity's id, then the finding's number among its own), which is the
order a full analysis lists them in; `report` concatenates the buckets and
`update` returns a `ReportDelta` naming exactly the findings that came,
went or changed. tests/planner/test_alignment_incremental.py checks after
random sequences of every kind of edit, undo and redo that the report
equals a fresh analysis, by_item and counts included.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from datetime import date
from itertools import chain

from planner.alignment_index import AlignmentIndex
from planner.alignment_owners import owner_unit
from planner.alignment_report import NO_SCORE_REASON, RULE_RANK, RULES, AlignmentReport, Finding, FindingKey, ReportDelta, Result, Severity
from planner.alignment_rules import global_findings, goal_unit, metric_unit, score_parts, tech_unit
from planner.alignment_timing import dependency_unit, enabler_unit, outline_unit
from planner.model import Band, ChangeSet, Item, ItemId, Link, LinkId, LinkKind, Measurement, Metric, Roadmap, RoadmapInfo, Setting, Update

GLOBAL = float("-inf")  # the FindingKey entity of roadmap-wide findings: before every item's
Bucket = tuple[int, int]  # (severity rank, rule rank): the report's order of groups
_BUCKET = {(s, rule): (s.rank, n) for s in Severity for rule, n in RULE_RANK.items()}
_SEVERITY_OF_RANK = {s.rank: s for s in Severity}
_VERSIONS = itertools.count(1)  # report versions, unique in the process so no two analyses' deltas are confused
_RULE_OF_RANK = {n: rule for rule, n in RULE_RANK.items()}

# Unit name -> (function, what its keys are), in the order they re-run: the dependency rule reads what
# the enabler rule judged; the others read only the indexes.
_ITEMS, _TECH, _BUSINESS, _LINKS, _METRICS = "items", "tech", "business", "links", "metrics"
UNITS = {
    "enabler": (enabler_unit, _TECH),
    "dependency": (dependency_unit, _LINKS),
    "metric": (metric_unit, _METRICS),
    "goal": (goal_unit, _BUSINESS),
    "tech": (tech_unit, _TECH),
    "owner": (owner_unit, _ITEMS),
    "outline": (outline_unit, _ITEMS),
}
_COUNTS = {"enabler": 2, "goal": 4, "tech": 2}  # how many counts each unit's Result carries


class _Bucket:
    """One (severity, rule) group: its findings by key, the keys kept sorted."""

    __slots__ = ("keys", "by_key", "cached")

    def __init__(self) -> None:
        self.keys: list[FindingKey] = []
        self.by_key: dict[FindingKey, Finding] = {}
        self.cached: tuple[Finding, ...] | None = None

    def findings(self) -> tuple[Finding, ...]:
        if self.cached is None:
            self.cached = tuple(map(self.by_key.__getitem__, self.keys))
        return self.cached


class IncrementalAnalysis(AlignmentIndex):
    """The alignment report of one roadmap as of `today`, following its edits (see the module docstring)."""

    def __init__(self, roadmap: Roadmap, today: date):
        self.today = today
        self.version = next(_VERSIONS)
        self._build(roadmap)

    # --- building -----------------------------------------------------------------------------

    def _build(self, roadmap: Roadmap) -> None:
        self._index(roadmap)
        self.results: dict[str, dict[int, Result]] = {unit: {} for unit in UNITS}
        self.sums = {unit: [0] * _COUNTS.get(unit, 0) for unit in UNITS}
        self._flags: Counter[ItemId] = Counter()
        self.open_budget: dict[ItemId, float] = {}
        self.outside_budget: dict[ItemId, float] = {}
        self.judged: set[LinkId] = set()
        self._buckets: dict[Bucket, _Bucket] = {}
        self._global: tuple[Finding, ...] = ()
        self._delta: list | None = None  # collects changes during an update only
        self._dirty: dict[str, set[int]] = {unit: set() for unit in UNITS}
        self._refs: dict[ItemId, dict[tuple, Finding]] | None = None  # item -> its findings, once updates begin
        self._by_item: dict[ItemId, tuple[Finding, ...]] = {}
        self._stale_items: set[ItemId] = set()
        self._report: AlignmentReport | None = None
        items = roadmap.items.values()
        entities = {
            _ITEMS: items,
            _TECH: [i for i in items if i.band == Band.TECH],
            _BUSINESS: [i for i in items if i.band == Band.BUSINESS],
            _LINKS: [l for l in roadmap.links.values() if l.kind == LinkKind.DEPENDS],
            _METRICS: roadmap.metrics.values(),
        }
        buckets = self._buckets
        flags: list[ItemId] = []
        for unit, (function, what) in UNITS.items():
            # Whole columns at a time: a first analysis of 10,000 items is as quick as one pass per rule.
            results = [(e.id, r) for e in entities[what] if (r := function(self, e)) is not None]
            self.results[unit] = dict(results)
            if unit in _COUNTS and results:
                self.sums[unit] = [sum(column) for column in zip(*(r[2] for _, r in results))]
            flags += chain.from_iterable(r[1] for _, r in results)
            self.judged.update(chain.from_iterable(r[4] for _, r in results))
            if unit == "tech":
                for key, (_, _, _, money, _) in results:
                    if money is not None:
                        self.open_budget[key], outside = money
                        if outside is not None:
                            self.outside_budget[key] = outside
            for key, (findings, *_) in results:
                if not findings:
                    continue
                if len(findings) == 1:
                    f = findings[0]
                    places = (((_BUCKET[f.severity, f.rule], (key, 0)), f),)
                else:
                    places = _keyed(key, findings).items()
                for (bucket_id, place), finding in places:
                    bucket = buckets.get(bucket_id) or buckets.setdefault(bucket_id, _Bucket())
                    bucket.keys.append(place)
                    bucket.by_key[place] = finding
        for bucket in buckets.values():
            bucket.keys.sort()  # already in order when the roadmap's dicts are in id order, as the store keeps them
        self._flags = Counter(flags)
        self.flagged = len(self._flags)
        self._run_global()

    # --- running units and filing their findings ------------------------------------------------

    def _entity(self, what: str, key: int):
        if what == _LINKS:
            return self.roadmap.links.get(key)
        if what == _METRICS:
            return self.roadmap.metrics.get(key)
        item = self.roadmap.items.get(key)
        if item is None or what == _ITEMS:
            return item
        return item if item.band == (Band.TECH if what == _TECH else Band.BUSINESS) else None

    def _run(self, unit: str, key: int) -> None:
        """Re-run one unit on one key and file what changed."""
        function, what = UNITS[unit]
        entity = self._entity(what, key)
        new = function(self, entity) if entity is not None else None
        results = self.results[unit]
        old = results.get(key)
        if new == old:
            return
        if new is None:
            del results[key]
        else:
            results[key] = new
        if old is not None:
            self._count(unit, key, old, -1)
        if new is not None:
            self._count(unit, key, new, +1)
        if unit == "enabler":  # links it judged or stopped judging: the dependency rule's call now
            self._dirty["dependency"].update(set(old[4] if old else ()) ^ set(new[4] if new else ()))
        self._refile(key, old[0] if old else (), new[0] if new else ())

    def _count(self, unit: str, key: int, result: Result, step: int) -> None:
        """Add (step +1) or take away (-1) what `result` counts: score counts, hygiene flags, money, judged links."""
        _, flags, counts, money, judged = result
        if counts:
            sums = self.sums[unit]
            for n, v in enumerate(counts):
                sums[n] += step * v
        for item_id in flags:
            self._flag(item_id, step)
        if money is not None:
            if step > 0:
                self.open_budget[key], outside = money
                if outside is not None:
                    self.outside_budget[key] = outside
            else:
                del self.open_budget[key]
                self.outside_budget.pop(key, None)
        if judged:
            (self.judged.update if step > 0 else self.judged.difference_update)(judged)

    def _flag(self, item_id: ItemId, step: int) -> None:
        """Count one more (or one fewer) finding against `item_id` in plan hygiene."""
        n = self._flags[item_id] + step
        if n:
            self._flags[item_id] = n
        else:
            del self._flags[item_id]
        if n == 0:
            self.flagged -= 1
        elif n == 1 and step > 0:
            self.flagged += 1

    def _refile(self, entity: float, old: tuple[Finding, ...], new: tuple[Finding, ...]) -> None:
        if not old and not new:
            return
        before, after = _keyed(entity, old), _keyed(entity, new)
        for place, finding in before.items():
            if place not in after:
                self._file(place, None)
        for place, finding in after.items():
            if before.get(place) != finding:
                self._file(place, finding)

    def _file(self, place: tuple[Bucket, FindingKey], finding: Finding | None) -> None:
        """Put `finding` at `place` (None: remove what is there), noting it for the delta and by_item."""
        bucket_id, key = place
        bucket = self._buckets.get(bucket_id)
        if bucket is None:
            bucket = self._buckets[bucket_id] = _Bucket()
        old = bucket.by_key.get(key)
        if finding is None:
            del bucket.keys[bisect.bisect_left(bucket.keys, key)]
            del bucket.by_key[key]
            if not bucket.keys:
                del self._buckets[bucket_id]
        else:
            if old is None:
                bisect.insort(bucket.keys, key)
            bucket.by_key[key] = finding
        bucket.cached = None
        self._report = None
        if self._delta is not None:
            self._delta.append((_SEVERITY_OF_RANK[bucket_id[0]], _RULE_OF_RANK[bucket_id[1]], key, finding))
            for f in (old, finding):
                self._delta_items.update(f.item_ids if f is not None else ())
        if self._refs is not None:
            for f, present in ((old, False), (finding, True)):
                for item_id in f.item_ids if f is not None else ():
                    refs = self._refs.setdefault(item_id, {})
                    if present:
                        refs[place] = f
                    else:
                        refs.pop(place, None)
                    self._stale_items.add(item_id)

    def _run_global(self) -> None:
        new = global_findings(self)
        old, self._global = self._global, new
        if new != old:
            self._refile(GLOBAL, old, new)
        parts = score_parts(self, not any(f.rule == "business-horizon" for f in new))
        if self._report is not None and (self._report.parts, self._report.score) != parts:
            self._report = None
        self._parts = parts

    # --- the report -------------------------------------------------------------------------

    @property
    def report(self) -> AlignmentReport:
        if self._report is None:
            order = sorted(self._buckets)
            buckets = [self._buckets[b] for b in order]
            findings = tuple(chain.from_iterable(b.findings() for b in buckets))
            keys = tuple(chain.from_iterable(b.keys for b in buckets))
            parts, score = self._parts
            if self.roadmap.items:
                report = AlignmentReport(findings, score, parts, keys=keys)
            else:  # a number would flatter (or blame) a plan with nothing in it
                report = AlignmentReport(findings, None, (), NO_SCORE_REASON, keys=keys)
            by_severity = dict.fromkeys(Severity, 0)
            by_rule: dict[str, int] = {}
            for (severity, rule), bucket in zip(order, buckets):
                by_severity[_SEVERITY_OF_RANK[severity]] += len(bucket.keys)
                by_rule[_RULE_OF_RANK[rule]] = by_rule.get(_RULE_OF_RANK[rule], 0) + len(bucket.keys)
            # Filled in here because they are known: a report of 13,000 findings need not count them again.
            report.__dict__["counts_by_severity"] = by_severity
            report.__dict__["counts_by_rule"] = {rule: by_rule[rule] for rule in RULES if rule in by_rule}
            if self._refs is not None:
                self._refresh_by_item()
                report.__dict__["by_item"] = dict(self._by_item)
            self._report = report
        return self._report

    def _refresh_by_item(self) -> None:
        for item_id in self._stale_items:
            refs = self._refs.get(item_id)
            if refs:
                self._by_item[item_id] = tuple(
                    f for _, f in sorted(refs.items(), key=lambda kv: kv[0]) for _ in range(f.item_ids.count(item_id))
                )
            else:
                self._by_item.pop(item_id, None)
                self._refs.pop(item_id, None)
        self._stale_items.clear()

    def _start_refs(self) -> None:
        """Begin keeping each item's findings, so later reports need not rebuild by_item from scratch."""
        self._refs = {}
        for bucket_id in sorted(self._buckets):
            bucket = self._buckets[bucket_id]
            for key in bucket.keys:
                f = bucket.by_key[key]
                for item_id in f.item_ids:
                    self._refs.setdefault(item_id, {})[(bucket_id, key)] = f
        self._stale_items = set(self._refs)
        self._refresh_by_item()
        self._report = None

    # --- following edits ---------------------------------------------------------------------

    def update(self, roadmap: Roadmap, changes: ChangeSet) -> ReportDelta:
        """Follow `changes`, which turned the roadmap analysed so far into `roadmap`; say what changed in the findings."""
        touched: dict[type, set] = {Item: set(), Link: set(), Metric: set(), Measurement: set()}
        thresholds = False
        for change in changes:
            entity = change.after if isinstance(change, Update) else change.entity
            kind = type(entity)
            if kind in touched:
                touched[kind].add(entity.id)
            elif kind in (RoadmapInfo, Setting):
                thresholds = True
        if self._refs is None:
            self._start_refs()
            self.start_following()
        base, self.version = self.version, next(_VERSIONS)
        old, self.roadmap = self.roadmap, roadmap
        dirty = self._dirty = {unit: set() for unit in UNITS}
        self._delta, self._delta_items = [], set()
        anchors: set[ItemId] = set()  # items whose outline tree must be marked again
        ends: set[ItemId] = set()  # items whose supports links must be read again
        reread: set = set()  # metrics whose latest measurement must be read again
        had_budget = self.any_budget
        if thresholds:
            self.follow_thresholds(dirty, reread)
        for item_id in touched[Item]:
            self.follow_item(old.items.get(item_id), roadmap.items.get(item_id), dirty, anchors, ends)
        for link_id in touched[Link]:
            self.follow_link(old.links.get(link_id), roadmap.links.get(link_id), dirty, ends)
        for item_id in ends:
            self.reread_supports(item_id, dirty, anchors)
        if anchors:
            changed_j, changed_s = self.remark(anchors)
            dirty["tech"] |= changed_j
            dirty["goal"] |= changed_s
        for metric_id in touched[Metric]:
            self.follow_metric(old.metrics.get(metric_id), roadmap.metrics.get(metric_id), dirty, reread)
        for measurement_id in touched[Measurement]:
            self.follow_measurement(old.measurements.get(measurement_id), roadmap.measurements.get(measurement_id), reread)
        self.reread_freshness(reread, dirty)
        if had_budget != self.any_budget:  # budget-missing starts or stops asking for one
            dirty["tech"].update(i.id for i in roadmap.items.values() if i.band == Band.TECH)
        for unit in UNITS:  # in order: what the enabler rule judged reaches the dependency rule's keys
            for key in sorted(dirty[unit]):
                self._run(unit, key)
        self._run_global()
        delta, self._delta = self._delta, None
        return ReportDelta(tuple(delta), base, self.version, frozenset(self._delta_items))


def _keyed(entity: float, findings: tuple[Finding, ...]) -> dict[tuple[Bucket, FindingKey], Finding]:
    """Each finding at its place: its bucket and (entity, its number among the entity's findings there)."""
    out: dict[tuple[Bucket, FindingKey], Finding] = {}
    numbers: dict[Bucket, int] = {}
    for f in findings:
        bucket = _BUCKET[f.severity, f.rule]
        n = numbers.get(bucket, 0)
        numbers[bucket] = n + 1
        out[(bucket, (entity, n))] = f
    return out

