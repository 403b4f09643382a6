"""What the alignment rules read besides the entity they judge, indexed once and kept in step with edits.

`AlignmentIndex` holds the roadmap's thresholds, its supports links both
ways, depends links by (predecessor, successor), the outline's children and
which items a supports link justifies or supports (a link counts for the
whole branch it touches), metrics by the business item they measure, each
metric's latest measurement, and the totals the roadmap-wide rules need.
The reverse indexes only an edit needs (links and metrics by the items they
name, measurements by metric) are made at the first edit, so a one-off
analysis does not pay for them. Each `follow_*` method takes an entity as
it was and as it is, updates the indexes and adds to `dirty` the rule units
(planner/alignment_incremental.py) whose keys may now judge differently.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from planner.alignment_settings import threshold
from planner.dates import add_months
from planner.model import Band, Item, ItemId, Link, LinkId, LinkKind, Measurement, Metric, MetricId, Roadmap, Status

Dirty = dict[str, set[int]]  # unit name -> keys to re-run


class AlignmentIndex:
    """The indexes of one roadmap as of `today` (planner.alignment_report.RuleContext is what rules see)."""

    roadmap: Roadmap
    today: date

    def _index(self, roadmap: Roadmap) -> None:
        self.roadmap = roadmap
        self.read_thresholds()
        items = roadmap.items.values()
        self.children: dict[ItemId, set[ItemId]] = {}
        for item in items:
            if item.parent_id is not None:
                self.children.setdefault(item.parent_id, set()).add(item.id)
        self._business_ends = Counter(i.end for i in items if i.band == Band.BUSINESS)
        self._budgeted = sum(1 for i in items if i.band == Band.TECH and i.budget is not None)  # done ones too
        self.open_items = sum(1 for i in items if i.status != Status.DONE)
        self.pairs: dict[tuple[ItemId, ItemId], set[LinkId]] = {}
        self.enables: dict[ItemId, list[ItemId]] = {}
        self.enabled_by: dict[ItemId, list[ItemId]] = {}
        for link in roadmap.links.values():
            if link.kind == LinkKind.DEPENDS:
                self.pairs.setdefault((link.source_id, link.target_id), set()).add(link.id)
            elif self._supports(link):
                self.enables.setdefault(link.source_id, []).append(link.target_id)
                self.enabled_by.setdefault(link.target_id, []).append(link.source_id)
        self.justified, self.supported = set(self.enables), set(self.enabled_by)
        if self.children:
            self.remark(set(self.enables) | set(self.enabled_by))
        self.metrics_of: dict[ItemId, dict[MetricId, Metric]] = {}
        for metric in roadmap.metrics.values():
            if metric.business_item_id is not None:
                self.metrics_of.setdefault(metric.business_item_id, {})[metric.id] = metric
        self.latest: dict[MetricId, date] = {}
        for m in roadmap.measurements.values():
            d = m.measured_on
            if d <= self.today and (m.metric_id not in self.latest or d > self.latest[m.metric_id]):
                self.latest[m.metric_id] = d
        self.fresh = {mid for mid, d in self.latest.items() if d >= self.cutoff}
        self._links_at: dict[ItemId, set[LinkId]] | None = None  # made at the first edit
        self._metrics_at: dict[ItemId, set[MetricId]] = {}
        self._measured: dict[MetricId, set] = {}

    def read_thresholds(self) -> None:
        r, info = self.roadmap, self.roadmap.info
        self.window_start = info.tech_window_start
        self.window_end = add_months(info.tech_window_start, info.tech_months) - timedelta(days=1)
        self.lead_days = round(threshold(r, "late_enabler_lead_days"))
        self.stranded = timedelta(days=round(threshold(r, "stranded_enabler_days")))
        self.max_months = round(threshold(r, "tech_max_months"))
        self.surely_short = timedelta(days=28 * self.max_months)  # no run of max_months months is shorter
        self.max_share = threshold(r, "budget_outside_strategy_max_share")
        self.business_years = (threshold(r, "business_min_years"), threshold(r, "business_max_years"))
        self.review_max_age = round(threshold(r, "review_max_age_days"))
        self.cutoff = self.today - timedelta(days=round(threshold(r, "measurement_max_age_days")))

    def start_following(self) -> None:
        """The reverse indexes edits need: links and metrics by the items they name, measurements by metric."""
        self._links_at = {}
        for link in self.roadmap.links.values():
            for end in (link.source_id, link.target_id):
                self._links_at.setdefault(end, set()).add(link.id)
        for metric in self.roadmap.metrics.values():
            for item_id in (metric.business_item_id, *metric.tech_item_ids):
                if item_id is not None:
                    self._metrics_at.setdefault(item_id, set()).add(metric.id)
        for m in self.roadmap.measurements.values():
            self._measured.setdefault(m.metric_id, set()).add(m.id)

    # --- what the rule units read ---------------------------------------------------------------

    @property
    def any_budget(self) -> bool:
        return self._budgeted > 0

    @property
    def last_business_end(self) -> date | None:
        return max(self._business_ends) if self._business_ends else None

    def timed_link(self, source: ItemId, target: ItemId) -> Link | None:
        """The depends link timing `target` against `source` (of several, the newest, as a dict by pair keeps)."""
        ids = self.pairs.get((source, target))
        return self.roadmap.links[max(ids)] if ids else None

    def _supports(self, link: Link) -> bool:
        """A supports link from an existing tech item to an existing business item (others are ignored)."""
        if link.kind != LinkKind.SUPPORTS:
            return False
        items = self.roadmap.items
        source, target = items.get(link.source_id), items.get(link.target_id)
        return source is not None and target is not None and source.band == Band.TECH and target.band == Band.BUSINESS

    # --- the outline: a supports link counts for its whole branch ---------------------------------

    def _root(self, item_id: ItemId) -> ItemId:
        items, seen = self.roadmap.items, {item_id}
        while (parent := items[item_id].parent_id) is not None and parent in items and parent not in seen:
            seen.add(parent)
            item_id = parent
        return item_id

    def remark(self, anchors: set[ItemId]) -> tuple[set[ItemId], set[ItemId]]:
        """Recompute 'justified' and 'supported' over the outline trees holding `anchors`; return what changed.

        An item is justified when it, an item above it or an item below it has a supports link.
        """
        items = self.roadmap.items
        changed_j: set[ItemId] = set()
        changed_s: set[ItemId] = set()
        seen: set[ItemId] = set()
        for root in {self._root(a) for a in anchors if a in items}:
            if root in seen:
                continue
            parent_of: dict[ItemId, ItemId | None] = {root: None}
            order = [root]  # parents before their children
            for x in order:
                for child in self.children.get(x, ()):
                    if child not in parent_of:
                        parent_of[child] = x
                        order.append(child)
            seen.update(order)
            for linked, marked, changed in ((self.enables, self.justified, changed_j),
                                            (self.enabled_by, self.supported, changed_s)):
                up = {x: bool(linked.get(x)) for x in order}
                down = dict(up)
                for x in order[1:]:
                    up[x] = up[x] or up[parent_of[x]]
                for x in reversed(order[1:]):
                    if down[x]:
                        down[parent_of[x]] = True
                for x in order:
                    if (up[x] or down[x]) != (x in marked):
                        marked.symmetric_difference_update((x,))
                        changed.add(x)
        return changed_j, changed_s

    # --- following edits ---------------------------------------------------------------------

    def follow_item(self, before: Item | None, after: Item | None, dirty: Dirty, anchors: set, ends: set) -> None:
        """An item changed: its own units, its goal's enablers, its children, links and metrics naming it."""
        item_id = (after or before).id
        for item, step in ((before, -1), (after, +1)):
            if item is None:
                continue
            if item.band == Band.BUSINESS:
                self._business_ends[item.end] += step
                if not self._business_ends[item.end]:
                    del self._business_ends[item.end]
            elif item.budget is not None:
                self._budgeted += step
            if item.status != Status.DONE:
                self.open_items += step
        if before is not None and before.parent_id is not None:
            self.children.get(before.parent_id, set()).discard(item_id)
        if after is not None and after.parent_id is not None:
            self.children.setdefault(after.parent_id, set()).add(item_id)
        if before is None or after is None:
            ends.add(item_id)  # links at it start or stop counting
            if after is None:
                self.justified.discard(item_id)
                self.supported.discard(item_id)
        if before is None or after is None or before.parent_id != after.parent_id:
            anchors.update(i for i in (item_id, before and before.parent_id, after and after.parent_id) if i is not None)
            anchors.update(self.children.get(item_id, ()))
        for unit in ("owner", "outline", "tech", "enabler", "goal"):
            dirty[unit].add(item_id)
        dirty["outline"].update(self.children.get(item_id, ()))
        dirty["enabler"].update(self.enabled_by.get(item_id, ()))
        dirty["dependency"].update(self._links_at.get(item_id, ()))
        dirty["metric"].update(self._metrics_at.get(item_id, ()))

    def follow_link(self, before: Link | None, after: Link | None, dirty: Dirty, ends: set) -> None:
        """A link changed: the supports of its ends are read again; a depends link may time an enabler."""
        for link, add in ((before, False), (after, True)):
            if link is None:
                continue
            for end in (link.source_id, link.target_id):
                at = self._links_at.setdefault(end, set())
                at.add(link.id) if add else at.discard(link.id)
            ends.update((link.source_id, link.target_id))
            if link.kind == LinkKind.DEPENDS:
                pair = self.pairs.setdefault((link.source_id, link.target_id), set())
                pair.add(link.id) if add else pair.discard(link.id)
                if not pair:
                    del self.pairs[(link.source_id, link.target_id)]
                dirty["enabler"].add(link.source_id)
                dirty["dependency"].add(link.id)

    def reread_supports(self, item_id: ItemId, dirty: Dirty, anchors: set) -> None:
        """The business items `item_id` supports and the tech items supporting it, from its links."""
        links = self.roadmap.links
        supports = [links[i] for i in sorted(self._links_at.get(item_id, ())) if self._supports(links[i])]
        for index, unit, new in (
            (self.enables, "enabler", [l.target_id for l in supports if l.source_id == item_id]),
            (self.enabled_by, "goal", [l.source_id for l in supports if l.target_id == item_id]),
        ):
            old = index.get(item_id, [])
            if new == old:
                continue
            if new:
                index[item_id] = new
            else:
                del index[item_id]
            dirty[unit].add(item_id)
            if bool(new) != bool(old):
                anchors.add(item_id)

    def follow_metric(self, before: Metric | None, after: Metric | None, dirty: Dirty, reread: set) -> None:
        for metric, add in ((before, False), (after, True)):
            if metric is None:
                continue
            if metric.business_item_id is not None:
                of = self.metrics_of.setdefault(metric.business_item_id, {})
                if add:
                    of[metric.id] = metric
                else:
                    of.pop(metric.id, None)
                dirty["goal"].add(metric.business_item_id)
            for item_id in (metric.business_item_id, *metric.tech_item_ids):
                if item_id is not None:
                    at = self._metrics_at.setdefault(item_id, set())
                    at.add(metric.id) if add else at.discard(metric.id)
        metric_id = (after or before).id
        dirty["metric"].add(metric_id)
        reread.add(metric_id)

    def follow_measurement(self, before: Measurement | None, after: Measurement | None, reread: set) -> None:
        for m, add in ((before, False), (after, True)):
            if m is not None:
                measured = self._measured.setdefault(m.metric_id, set())
                measured.add(m.id) if add else measured.discard(m.id)
                reread.add(m.metric_id)

    def reread_freshness(self, metric_ids: set[MetricId], dirty: Dirty) -> None:
        """Each metric's latest measurement and whether it is fresh; a change re-judges it and its goal."""
        measurements, metrics = self.roadmap.measurements, self.roadmap.metrics
        for metric_id in metric_ids:
            days = [measurements[i].measured_on for i in self._measured.get(metric_id, ())]
            latest = max((d for d in days if d <= self.today), default=None)
            fresh = latest is not None and latest >= self.cutoff
            if latest == self.latest.get(metric_id) and fresh == (metric_id in self.fresh):
                continue
            if latest is None:
                self.latest.pop(metric_id, None)
            else:
                self.latest[metric_id] = latest
            if fresh:
                self.fresh.add(metric_id)
            else:
                self.fresh.discard(metric_id)
            dirty["metric"].add(metric_id)
            metric = metrics.get(metric_id)
            if metric is not None and metric.business_item_id is not None:
                dirty["goal"].add(metric.business_item_id)

    def follow_thresholds(self, dirty: Dirty, reread: set) -> None:
        """The roadmap's settings or thresholds changed: every key of the units reading what moved."""
        before = (self.lead_days, self.stranded, self.max_months, self.window_start, self.window_end, self.cutoff)
        self.read_thresholds()
        items = self.roadmap.items.values()
        if (self.lead_days, self.stranded) != before[:2]:
            dirty["enabler"].update(i.id for i in items if i.band == Band.TECH)
        if self.max_months != before[2]:
            dirty["tech"].update(i.id for i in items if i.band == Band.TECH)
        if (self.window_start, self.window_end) != before[3:5]:
            dirty["goal"].update(i.id for i in items if i.band == Band.BUSINESS)
        if self.cutoff != before[5]:
            reread.update(self._measured)  # a metric never measured is never fresh
