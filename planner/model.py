"""The roadmap domain: frozen dataclasses and the changes that edit them.

Everything here is plain data. A `Roadmap` is an immutable snapshot; an edit
produces a tuple of `Change`s which the store writes in one transaction and
`apply_changes` applies to the snapshot, so the model in memory and the file
on disk move in step. Each change holds full before/after values, which makes
its inverse exact and free.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import NewType, TypeAlias, Union

LaneId = NewType("LaneId", int)
ItemId = NewType("ItemId", int)
LinkId = NewType("LinkId", int)
MetricId = NewType("MetricId", int)
MeasurementId = NewType("MeasurementId", int)
RiskId = NewType("RiskId", int)
ReviewId = NewType("ReviewId", int)


class Band(StrEnum):
    BUSINESS = "business"
    TECH = "tech"


class Status(StrEnum):
    PLANNED = "planned"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    DONE = "done"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class LinkKind(StrEnum):
    SUPPORTS = "supports"  # tech item enables a business item
    DEPENDS = "depends"  # target (successor) is timed against source (predecessor) by the link's dep_type and lag_days


class DependencyType(StrEnum):
    """How a depends link times its successor against its predecessor (the MS Project four).

    An item starts at the beginning of its start day and finishes at the end of its
    end day; a milestone is at the end of its day. With lag 0, FS lets the successor
    start the day after the predecessor's last day (planner/dependencies.py).
    """

    FS = "FS"  # finish-to-start: successor starts after predecessor finishes (+ lag)
    SS = "SS"  # start-to-start
    FF = "FF"  # finish-to-finish
    SF = "SF"  # start-to-finish: successor finishes after predecessor starts (+ lag)


class RiskCategory(StrEnum):
    MARKET_SHIFT = "market_shift"
    COMPETITIVE_THREAT = "competitive_threat"
    ECONOMIC_CHANGE = "economic_change"
    BREACH = "breach"
    SYSTEM_FAILURE = "system_failure"
    VENDOR_DEPENDENCY = "vendor_dependency"


class Decision(StrEnum):
    CONTINUE = "continue"
    RESCOPE = "re-scope"
    REDATE = "re-date"
    STOP = "stop"


@dataclass(frozen=True)
class RoadmapInfo:
    title: str
    horizon_start: date
    organisation: str = ""
    vision: str = ""
    mission: str = ""
    business_years: int = 5
    tech_start: date | None = None  # None: the tech cycle starts with the horizon
    tech_months: int = 18
    fiscal_year_start_month: int = 1
    currency: str = "GBP"  # ISO 4217; every budget and amount of the roadmap is in it (planner.money)

    @property
    def tech_window_start(self) -> date:
        return self.tech_start or self.horizon_start


@dataclass(frozen=True)
class Lane:
    id: LaneId
    band: Band
    name: str
    colour: str
    position: int


@dataclass(frozen=True)
class Item:
    id: ItemId
    band: Band
    lane_id: LaneId
    title: str
    start: date
    end: date
    description: str = ""
    owner: str = ""
    status: Status = Status.PLANNED
    budget: float | None = None
    metric_notes: str = ""
    row: int = 0
    parent_id: ItemId | None = None  # an item of the same band and lane (planner/hierarchy.py)

    @property
    def is_milestone(self) -> bool:
        return self.start == self.end


@dataclass(frozen=True)
class Link:
    id: LinkId
    kind: LinkKind
    source_id: ItemId
    target_id: ItemId
    rationale: str = ""
    dep_type: DependencyType = DependencyType.FS  # meaningful for DEPENDS; supports links keep FS
    lag_days: int = 0  # calendar days, may be negative (a lead); meaningful for DEPENDS


@dataclass(frozen=True)
class Metric:
    """A shared outcome: a business result that named tech items should move."""

    id: MetricId
    name: str
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    target_date: date | None = None
    business_item_id: ItemId | None = None
    tech_item_ids: tuple[ItemId, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class Measurement:
    id: MeasurementId
    metric_id: MetricId
    measured_on: date
    value: float
    note: str = ""


@dataclass(frozen=True)
class Risk:
    id: RiskId
    item_id: ItemId
    category: RiskCategory
    likelihood: int
    impact: int
    description: str = ""
    mitigation: str = ""


@dataclass(frozen=True)
class ReviewDecision:
    item_id: ItemId  # kept after the item is deleted, hence title too
    item_title: str
    decision: Decision
    note: str = ""


@dataclass(frozen=True)
class BaselineEntry:
    item_id: ItemId
    title: str
    start: date
    end: date


@dataclass(frozen=True)
class LinkBaseline:
    """A link as it stood at a review; titles kept so removed items can still be named."""

    kind: LinkKind
    source_id: ItemId
    target_id: ItemId
    source_title: str
    target_title: str


@dataclass(frozen=True)
class Review:
    id: ReviewId
    held_on: date
    notes: str = ""
    decisions: tuple[ReviewDecision, ...] = ()
    baseline: tuple[BaselineEntry, ...] = ()
    links: tuple[LinkBaseline, ...] | None = None  # None: not recorded (older reviews, imports)


@dataclass(frozen=True)
class Setting:
    """A named number the roadmap keeps, such as an alignment rule's threshold."""

    id: str
    value: float


Entity: TypeAlias = Union[Lane, Item, Link, Metric, Measurement, Risk, Review, Setting]

# Which Roadmap attribute holds each entity type.
COLLECTIONS: dict[type, str] = {
    Lane: "lanes",
    Item: "items",
    Link: "links",
    Metric: "metrics",
    Measurement: "measurements",
    Risk: "risks",
    Review: "reviews",
    Setting: "settings",
}


@dataclass(frozen=True)
class Roadmap:
    """One roadmap. Collections map id -> entity, in id order."""

    info: RoadmapInfo
    lanes: dict[LaneId, Lane] = field(default_factory=dict)
    items: dict[ItemId, Item] = field(default_factory=dict)
    links: dict[LinkId, Link] = field(default_factory=dict)
    metrics: dict[MetricId, Metric] = field(default_factory=dict)
    measurements: dict[MeasurementId, Measurement] = field(default_factory=dict)
    risks: dict[RiskId, Risk] = field(default_factory=dict)
    reviews: dict[ReviewId, Review] = field(default_factory=dict)
    settings: dict[str, Setting] = field(default_factory=dict)

    def setting(self, name: str, default: float) -> float:
        s = self.settings.get(name)
        return default if s is None else s.value

    def lanes_of(self, band: Band) -> list[Lane]:
        return sorted((l for l in self.lanes.values() if l.band == band), key=lambda l: l.position)

    def items_of(self, band: Band) -> list[Item]:
        return [i for i in self.items.values() if i.band == band]

    def links_of(self, item_id: ItemId) -> list[Link]:
        return [l for l in self.links.values() if item_id in (l.source_id, l.target_id)]

    def next_id(self, kind: type) -> int:
        ids = getattr(self, COLLECTIONS[kind])
        return max(ids, default=0) + 1


# --- changes --------------------------------------------------------------


@dataclass(frozen=True)
class Insert:
    entity: Entity


@dataclass(frozen=True)
class Update:
    before: Entity | RoadmapInfo
    after: Entity | RoadmapInfo


@dataclass(frozen=True)
class Delete:
    entity: Entity


Change: TypeAlias = Union[Insert, Update, Delete]
ChangeSet: TypeAlias = tuple[Change, ...]


def invert(changes: ChangeSet) -> ChangeSet:
    """The change set that exactly undoes `changes`."""

    def flip(c: Change) -> Change:
        if isinstance(c, Insert):
            return Delete(c.entity)
        if isinstance(c, Delete):
            return Insert(c.entity)
        return Update(c.after, c.before)

    return tuple(flip(c) for c in reversed(changes))


def apply_changes(roadmap: Roadmap, changes: ChangeSet) -> Roadmap:
    """Return the roadmap with `changes` applied (the model-side twin of Store.apply)."""
    touched: dict[str, dict] = {}
    inserted: set[str] = set()
    info = roadmap.info
    for change in changes:
        if isinstance(change, Update) and isinstance(change.after, RoadmapInfo):
            info = change.after
            continue
        entity = change.entity if isinstance(change, (Insert, Delete)) else change.after
        name = COLLECTIONS[type(entity)]
        coll = touched.setdefault(name, dict(getattr(roadmap, name)))
        if isinstance(change, Delete):
            del coll[entity.id]
        else:
            inserted.update([name] if isinstance(change, Insert) else [])
            coll[entity.id] = entity
    for name in inserted:  # an undone delete re-inserts mid-range; keep id order
        touched[name] = dict(sorted(touched[name].items()))
    return dataclasses.replace(roadmap, info=info, **touched)
