"""Edits: the only way a roadmap changes, and the home of the rules about how.

An edit is a small frozen value. `changes(roadmap)` validates it against the
current roadmap and returns the exact row-level `ChangeSet` it makes; the
document writes that through the store in one transaction, applies it to the
model, and keeps `invert(changes)` for undo. Cascades (deleting an item
removes its subtree, links, risks and metric references) are spelt out here
and in planner/item_edits.py, so the inverse restores every row exactly.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from planner import validation as v
from planner.item_edits import AddItem, DeleteItems, DuplicateItems, MoveItems, SetParent, UpdateItem
from planner.item_edits import existing, quote
from planner.model import (
    Band,
    BaselineEntry,
    Change,
    ChangeSet,
    Delete,
    DependencyType,
    Insert,
    ItemId,
    Lane,
    LaneId,
    Link,
    LinkBaseline,
    LinkId,
    LinkKind,
    Measurement,
    MeasurementId,
    Metric,
    MetricId,
    Review,
    ReviewDecision,
    ReviewId,
    Roadmap,
    RoadmapInfo,
    Setting,
    Update,
    apply_changes,
)


__all__ = [  # the item edits are defined in planner/item_edits.py
    "AddItem", "AddLane", "AddLink", "AddMeasurement", "AddMetric", "AddReview", "Batch", "DeleteItems",
    "DeleteLane", "DeleteMeasurement", "DeleteMetric", "DuplicateItems", "Edit", "MoveItems", "RecolourLane",
    "RemoveLink", "RenameLane", "ReorderLanes", "SetParent", "SetSetting", "UpdateItem", "UpdateLink",
    "UpdateMeasurement", "UpdateMetric", "UpdateRoadmapInfo",
]


class Edit(Protocol):
    @property
    def label(self) -> str: ...

    def changes(self, roadmap: Roadmap) -> ChangeSet: ...


@dataclass(frozen=True)
class Batch:
    """Several edits as one step: each sees the roadmap as the previous one left it."""

    label: str
    edits: tuple

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        out: list[Change] = []
        for edit in self.edits:
            step = edit.changes(roadmap)
            roadmap = apply_changes(roadmap, step)
            out.extend(step)
        return tuple(out)


# --- links ----------------------------------------------------------------


@dataclass(frozen=True)
class AddLink:
    kind: LinkKind
    source_id: ItemId
    target_id: ItemId
    rationale: str = ""
    dep_type: DependencyType = DependencyType.FS  # a dependency's timing; a supports link keeps FS and 0
    lag_days: int = 0

    @property
    def label(self) -> str:
        return "Link items" if self.kind == LinkKind.SUPPORTS else "Add dependency"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        link = Link(
            LinkId(roadmap.next_id(Link)), self.kind, self.source_id, self.target_id, self.rationale, self.dep_type, self.lag_days
        )
        v.check_link(link, roadmap)
        return (Insert(link),)


@dataclass(frozen=True)
class UpdateLink:
    """Change a link's rationale, or a dependency's type and lag; what it joins stays (remove and add to change that)."""

    link: Link

    label = "Edit link"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        before = existing(roadmap.links, self.link.id, "link")
        if (before.kind, before.source_id, before.target_id) != (self.link.kind, self.link.source_id, self.link.target_id):
            raise v.ValidationError("link", "a link keeps its kind and the items it joins; remove it and add another")
        v.check_link(self.link, roadmap)
        return () if before == self.link else (Update(before, self.link),)


@dataclass(frozen=True)
class RemoveLink:
    link_id: LinkId

    label = "Remove link"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        return (Delete(existing(roadmap.links, self.link_id, "link")),)


# --- lanes ----------------------------------------------------------------


@dataclass(frozen=True)
class AddLane:
    band: Band
    name: str
    colour: str

    @property
    def label(self) -> str:
        return f"Add lane {quote(self.name)}"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        position = max((l.position for l in roadmap.lanes_of(self.band)), default=-1) + 1
        lane = Lane(LaneId(roadmap.next_id(Lane)), self.band, self.name, self.colour, position)
        v.check_lane(lane)
        return (Insert(lane),)


@dataclass(frozen=True)
class RenameLane:
    lane_id: LaneId
    name: str

    @property
    def label(self) -> str:
        return f"Rename lane to {quote(self.name)}"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        before = existing(roadmap.lanes, self.lane_id, "lane")
        after = dataclasses.replace(before, name=self.name)
        v.check_lane(after)
        return (Update(before, after),)


@dataclass(frozen=True)
class RecolourLane:
    lane_id: LaneId
    colour: str

    label = "Recolour lane"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        before = existing(roadmap.lanes, self.lane_id, "lane")
        after = dataclasses.replace(before, colour=self.colour)
        v.check_lane(after)
        return (Update(before, after),)


@dataclass(frozen=True)
class ReorderLanes:
    """Put a band's lanes in the order given (every lane of the band, once)."""

    band: Band
    lane_ids: tuple[LaneId, ...]

    label = "Reorder lanes"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        current = roadmap.lanes_of(self.band)
        if sorted(self.lane_ids) != sorted(l.id for l in current):
            raise v.ValidationError("lanes", f"the new order must list each {self.band} lane exactly once")
        out: list[Change] = []
        for position, lane_id in enumerate(self.lane_ids):
            before = roadmap.lanes[lane_id]
            if before.position != position:
                out.append(Update(before, dataclasses.replace(before, position=position)))
        return tuple(out)


@dataclass(frozen=True)
class DeleteLane:
    lane_id: LaneId

    label = "Delete lane"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        lane = existing(roadmap.lanes, self.lane_id, "lane")
        used = sum(1 for i in roadmap.items.values() if i.lane_id == lane.id)
        if used:
            raise v.ValidationError("lane", f"lane '{lane.name}' still holds {used} item(s); move or delete them first")
        return (Delete(lane),)


# --- metrics, measurements, reviews, settings --------------------------------


@dataclass(frozen=True)
class AddMetric:
    metric: Metric

    @property
    def label(self) -> str:
        return f"Add metric {quote(self.metric.name)}"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        metric = dataclasses.replace(self.metric, id=MetricId(roadmap.next_id(Metric)))
        v.check_metric(metric, roadmap)
        return (Insert(metric),)


@dataclass(frozen=True)
class UpdateMetric:
    metric: Metric

    @property
    def label(self) -> str:
        return f"Edit metric {quote(self.metric.name)}"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        before = existing(roadmap.metrics, self.metric.id, "metric")
        v.check_metric(self.metric, roadmap)
        return () if before == self.metric else (Update(before, self.metric),)


@dataclass(frozen=True)
class DeleteMetric:
    metric_id: MetricId

    label = "Delete metric"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        metric = existing(roadmap.metrics, self.metric_id, "metric")
        measured = [Delete(m) for m in roadmap.measurements.values() if m.metric_id == metric.id]
        return (*measured, Delete(metric))


@dataclass(frozen=True)
class AddMeasurement:
    metric_id: MetricId
    measured_on: date
    value: float
    note: str = ""

    label = "Add measurement"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        m = Measurement(MeasurementId(roadmap.next_id(Measurement)), self.metric_id, self.measured_on, self.value, self.note)
        v.check_measurement(m, roadmap)
        return (Insert(m),)


@dataclass(frozen=True)
class UpdateMeasurement:
    measurement: Measurement

    label = "Edit measurement"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        before = existing(roadmap.measurements, self.measurement.id, "measurement")
        if before.metric_id != self.measurement.metric_id:
            raise v.ValidationError("metric", "a measurement cannot move to another metric")
        v.check_measurement(self.measurement, roadmap)
        return (Update(before, self.measurement),)


@dataclass(frozen=True)
class DeleteMeasurement:
    measurement_id: MeasurementId

    label = "Delete measurement"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        return (Delete(existing(roadmap.measurements, self.measurement_id, "measurement")),)


@dataclass(frozen=True)
class AddReview:
    """Record a quarterly review, snapshotting every item's dates as its baseline."""

    held_on: date
    notes: str = ""
    decisions: tuple[ReviewDecision, ...] = ()

    label = "Record quarterly review"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        v.check_date("review date", self.held_on)
        for d in self.decisions:
            existing(roadmap.items, d.item_id, "item")
        baseline = tuple(BaselineEntry(i.id, i.title, i.start, i.end) for i in roadmap.items.values())
        links = tuple(
            LinkBaseline(l.kind, l.source_id, l.target_id, roadmap.items[l.source_id].title, roadmap.items[l.target_id].title)
            for l in roadmap.links.values()
        )
        review = Review(ReviewId(roadmap.next_id(Review)), self.held_on, self.notes, self.decisions, baseline, links)
        v.check_review_entries(review)
        return (Insert(review),)


@dataclass(frozen=True)
class SetSetting:
    """Set a named number (None removes it, so the rule's default applies again)."""

    name: str
    value: float | None

    label = "Change setting"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        v.check_text("setting name", self.name, required=True, limit=v.SETTING_NAME_MAX)
        before = roadmap.settings.get(self.name)
        if self.value is None:
            return () if before is None else (Delete(before),)
        v.check_number(self.name, self.value)
        after = Setting(self.name, float(self.value))
        if before is None:
            return (Insert(after),)
        return () if before == after else (Update(before, after),)


@dataclass(frozen=True)
class UpdateRoadmapInfo:
    info: RoadmapInfo

    label = "Edit roadmap settings"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        v.check_info(self.info)
        return () if self.info == roadmap.info else (Update(roadmap.info, self.info),)
