"""Drift since a quarterly review: which items were added, removed, slipped or pulled in.

A review's baseline snapshots every item's dates when the review was held
(`edits.AddReview`). Comparing it with the roadmap now gives, per item:

- added: in the roadmap, not in the baseline;
- removed: in the baseline, gone from the roadmap (its title comes from the baseline);
- slipped / pulled in: the end moved later / earlier, with the days moved;
- start moved: the end stayed put but the start moved.

Every entry carries both start and end shifts in days, so a slipped item
whose start also moved shows it. Links added or removed since the review are
listed too when the review recorded its links (reviews recorded by the app
do; older ones and imports without them say so through `links_compared`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from planner.model import ItemId, LinkKind, Review, Roadmap


class DriftKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    SLIPPED = "slipped"
    PULLED_IN = "pulled in"
    START_MOVED = "start moved"


_KIND_ORDER = {k: n for n, k in enumerate(DriftKind)}


@dataclass(frozen=True)
class DriftEntry:
    kind: DriftKind
    item_id: ItemId
    title: str
    baseline_start: date | None  # None for an added item
    baseline_end: date | None
    start: date | None  # None for a removed item
    end: date | None

    @property
    def start_days(self) -> int | None:
        """Days the start moved (later is positive); None for added or removed items."""
        if self.start is None or self.baseline_start is None:
            return None
        return (self.start - self.baseline_start).days

    @property
    def end_days(self) -> int | None:
        """Days the end moved (later is positive); None for added or removed items."""
        if self.end is None or self.baseline_end is None:
            return None
        return (self.end - self.baseline_end).days


@dataclass(frozen=True)
class LinkChange:
    added: bool  # False: removed since the review
    kind: LinkKind
    source_title: str
    target_title: str

    def describe(self) -> str:
        verb = "supports" if self.kind == LinkKind.SUPPORTS else "leads to"
        return f"{'+' if self.added else '−'} '{self.source_title}' {verb} '{self.target_title}'"


@dataclass(frozen=True)
class Drift:
    review: Review
    entries: tuple[DriftEntry, ...]  # by kind (DriftKind order), then in item id order
    link_changes: tuple[LinkChange, ...] = ()  # removed first, then added
    links_compared: bool = False  # False: the review did not record its links

    def of_kind(self, kind: DriftKind) -> tuple[DriftEntry, ...]:
        return tuple(e for e in self.entries if e.kind == kind)

    @property
    def added(self) -> tuple[DriftEntry, ...]:
        return self.of_kind(DriftKind.ADDED)

    @property
    def removed(self) -> tuple[DriftEntry, ...]:
        return self.of_kind(DriftKind.REMOVED)

    @property
    def slipped(self) -> tuple[DriftEntry, ...]:
        return self.of_kind(DriftKind.SLIPPED)

    @property
    def pulled_in(self) -> tuple[DriftEntry, ...]:
        return self.of_kind(DriftKind.PULLED_IN)

    @property
    def start_moved(self) -> tuple[DriftEntry, ...]:
        return self.of_kind(DriftKind.START_MOVED)

    def __bool__(self) -> bool:
        return bool(self.entries)


def drift_since(roadmap: Roadmap, review: Review) -> Drift:
    """How the roadmap's items have moved since `review` took its baseline."""
    baseline = {b.item_id: b for b in review.baseline}
    entries: list[DriftEntry] = []
    for item in roadmap.items.values():
        b = baseline.get(item.id)
        if b is None:
            entries.append(DriftEntry(DriftKind.ADDED, item.id, item.title, None, None, item.start, item.end))
            continue
        if item.end > b.end:
            kind = DriftKind.SLIPPED
        elif item.end < b.end:
            kind = DriftKind.PULLED_IN
        elif item.start != b.start:
            kind = DriftKind.START_MOVED
        else:
            continue
        entries.append(DriftEntry(kind, item.id, item.title, b.start, b.end, item.start, item.end))
    for b in review.baseline:
        if b.item_id not in roadmap.items:
            entries.append(DriftEntry(DriftKind.REMOVED, b.item_id, b.title, b.start, b.end, None, None))
    entries.sort(key=lambda e: (_KIND_ORDER[e.kind], e.item_id))
    if review.links is None:
        return Drift(review, tuple(entries))
    then = {(l.kind, l.source_id, l.target_id): l for l in review.links}
    now = {(l.kind, l.source_id, l.target_id): l for l in roadmap.links.values()}
    changes = [LinkChange(False, l.kind, l.source_title, l.target_title) for key, l in then.items() if key not in now]
    titles = {i.id: i.title for i in roadmap.items.values()}
    changes += [
        LinkChange(True, l.kind, titles.get(l.source_id, "?"), titles.get(l.target_id, "?")) for key, l in now.items() if key not in then
    ]
    return Drift(review, tuple(entries), tuple(changes), True)


def latest_review(roadmap: Roadmap) -> Review | None:
    """The most recently held review (the later id wins a tie), or None."""
    return max(roadmap.reviews.values(), key=lambda r: (r.held_on, r.id), default=None)


def drift_since_latest(roadmap: Roadmap) -> Drift | None:
    """Drift since the latest review, or None when no review has been held."""
    review = latest_review(roadmap)
    return None if review is None else drift_since(roadmap, review)
