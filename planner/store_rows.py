"""Rows <-> entities: how each part of a roadmap is laid out in the SQLite tables.

Used only by the store (planner/store.py), which owns connections,
transactions and errors. Tables are documented in docs/file-format.md.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from planner.model import (
    Band,
    BaselineEntry,
    Change,
    Decision,
    DependencyType,
    Delete,
    Entity,
    Insert,
    Item,
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
    Risk,
    RiskCategory,
    RiskId,
    Roadmap,
    RoadmapInfo,
    Setting,
    Status,
    Update,
)

if TYPE_CHECKING:
    import sqlite_utils


class MissingRow(LookupError):
    """A change expected a row the file does not have."""


# Enum members by value: a dict lookup, where calling the enum costs ten times as much per row.
_BAND = {b.value: b for b in Band}
_STATUS = {s.value: s for s in Status}
_KIND = {k.value: k for k in LinkKind}
_DEP_TYPE = {d.value: d for d in DependencyType}
_ITEM_FIELDS = tuple(f.name for f in dataclasses.fields(Item))
_LINK_FIELDS = tuple(f.name for f in dataclasses.fields(Link))


def _entity(cls: type, names: tuple[str, ...], values: tuple):
    """A frozen dataclass from column values the schema has checked, without its __init__.

    A frozen __init__ sets each field through object.__setattr__: for the thousands of items and
    links of a large roadmap that was most of the time `load` took. `values` must give every field
    in order (strict: a field added to the class and not here fails loudly, not silently).
    """
    entity = object.__new__(cls)
    entity.__dict__.update(zip(names, values, strict=True))
    return entity


def read_roadmap(conn: sqlite3.Connection) -> Roadmap:
    """The whole roadmap from an open connection, converting rows to entities in one place."""
    q = conn.execute
    info = _info_from_row(q("SELECT * FROM roadmap WHERE id = 1").fetchone())
    lanes = {LaneId(r[0]): Lane(LaneId(r[0]), Band(r[1]), r[2], r[3], r[4]) for r in q("SELECT id, band, name, colour, position FROM lane ORDER BY id")}
    band, status, kind, dep_type = _BAND.__getitem__, _STATUS.__getitem__, _KIND.__getitem__, _DEP_TYPE.__getitem__
    day = date.fromisoformat
    items = {
        r[0]: _entity(Item, _ITEM_FIELDS, (  # in Item's field order
            r[0], band(r[1]), r[2], r[3], day(r[5]), day(r[6]), r[4], r[7], status(r[8]), r[9], r[10], r[11], r[12],
        ))
        for r in q('SELECT id, band, lane_id, title, description, start, "end", owner, status, budget, metric_notes, "row", parent_id FROM item ORDER BY id')
    }
    links = {
        r[0]: _entity(Link, _LINK_FIELDS, (r[0], kind(r[1]), r[2], r[3], r[4], dep_type(r[5]), r[6]))
        for r in q("SELECT id, kind, source_id, target_id, rationale, dep_type, lag_days FROM link ORDER BY id")
    }
    tech_of: dict[int, list[ItemId]] = {}
    for metric_id, item_id in q("SELECT metric_id, item_id FROM metric_tech_item ORDER BY metric_id, position"):
        tech_of.setdefault(metric_id, []).append(ItemId(item_id))
    metrics = {
        MetricId(r[0]): Metric(
            id=MetricId(r[0]), name=r[1], unit=r[2], baseline=r[3], target=r[4],
            target_date=_date_or_none(r[5]), business_item_id=r[6], tech_item_ids=tuple(tech_of.get(r[0], ())), notes=r[7],
        )
        for r in q("SELECT id, name, unit, baseline, target, target_date, business_item_id, notes FROM metric ORDER BY id")
    }
    measurements = {
        MeasurementId(r[0]): Measurement(MeasurementId(r[0]), MetricId(r[1]), date.fromisoformat(r[2]), r[3], r[4])
        for r in q("SELECT id, metric_id, measured_on, value, note FROM measurement ORDER BY id")
    }
    risks = {
        RiskId(r[0]): Risk(RiskId(r[0]), ItemId(r[1]), RiskCategory(r[2]), r[3], r[4], r[5], r[6])
        for r in q("SELECT id, item_id, category, likelihood, impact, description, mitigation FROM risk ORDER BY id")
    }
    decisions: dict[int, list[ReviewDecision]] = {}
    for r in q("SELECT review_id, item_id, item_title, decision, note FROM review_decision ORDER BY review_id, position"):
        decisions.setdefault(r[0], []).append(ReviewDecision(ItemId(r[1]), r[2], Decision(r[3]), r[4]))
    link_baselines: dict[int, list[LinkBaseline]] = {}
    for r in q("SELECT review_id, kind, source_id, target_id, source_title, target_title FROM review_link_baseline ORDER BY review_id, position"):
        link_baselines.setdefault(r[0], []).append(LinkBaseline(LinkKind(r[1]), ItemId(r[2]), ItemId(r[3]), r[4], r[5]))
    baselines: dict[int, list[BaselineEntry]] = {}
    for r in q('SELECT review_id, item_id, title, start, "end" FROM review_baseline ORDER BY review_id, position'):
        baselines.setdefault(r[0], []).append(BaselineEntry(ItemId(r[1]), r[2], date.fromisoformat(r[3]), date.fromisoformat(r[4])))
    reviews = {
        ReviewId(r[0]): Review(
            ReviewId(r[0]), date.fromisoformat(r[1]), r[2], tuple(decisions.get(r[0], ())), tuple(baselines.get(r[0], ())),
            tuple(link_baselines.get(r[0], ())) if r[3] else None,
        )
        for r in q("SELECT id, held_on, notes, links_recorded FROM review ORDER BY id")
    }
    settings = {r[0]: Setting(r[0], r[1]) for r in q("SELECT id, value FROM setting ORDER BY id")}
    return Roadmap(info, lanes, items, links, metrics, measurements, risks, reviews, settings)




def _date_or_none(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _info_from_row(r: sqlite3.Row | tuple) -> RoadmapInfo:
    _, title, org, vision, mission, horizon, years, tech_start, months, fy, currency = r
    return RoadmapInfo(
        title=title, organisation=org, vision=vision, mission=mission, horizon_start=date.fromisoformat(horizon),
        business_years=years, tech_start=_date_or_none(tech_start), tech_months=months, fiscal_year_start_month=fy,
        currency=currency,
    )


def _info_row(info: RoadmapInfo) -> dict:
    return {
        "id": 1, "title": info.title, "organisation": info.organisation, "vision": info.vision,
        "mission": info.mission, "horizon_start": info.horizon_start.isoformat(),
        "business_years": info.business_years, "tech_start": _iso(info.tech_start),
        "tech_months": info.tech_months, "fiscal_year_start_month": info.fiscal_year_start_month,
        "currency": info.currency,
    }


def _row(entity: Entity) -> tuple[str, dict]:
    match entity:
        case Lane():
            return "lane", {"id": entity.id, "band": str(entity.band), "name": entity.name, "colour": entity.colour, "position": entity.position}
        case Item():
            return "item", {
                "id": entity.id, "band": str(entity.band), "lane_id": entity.lane_id, "title": entity.title,
                "description": entity.description, "start": entity.start.isoformat(), "end": entity.end.isoformat(),
                "owner": entity.owner, "status": str(entity.status), "budget": entity.budget,
                "metric_notes": entity.metric_notes, "row": entity.row, "parent_id": entity.parent_id,
            }
        case Link():
            return "link", {
                "id": entity.id, "kind": str(entity.kind), "source_id": entity.source_id, "target_id": entity.target_id,
                "rationale": entity.rationale, "dep_type": str(entity.dep_type), "lag_days": entity.lag_days,
            }
        case Metric():
            return "metric", {
                "id": entity.id, "name": entity.name, "unit": entity.unit, "baseline": entity.baseline,
                "target": entity.target, "target_date": _iso(entity.target_date),
                "business_item_id": entity.business_item_id, "notes": entity.notes,
            }
        case Measurement():
            return "measurement", {"id": entity.id, "metric_id": entity.metric_id, "measured_on": entity.measured_on.isoformat(), "value": entity.value, "note": entity.note}
        case Risk():
            return "risk", {
                "id": entity.id, "item_id": entity.item_id, "category": str(entity.category), "likelihood": entity.likelihood,
                "impact": entity.impact, "description": entity.description, "mitigation": entity.mitigation,
            }
        case Review():
            return "review", {
                "id": entity.id, "held_on": entity.held_on.isoformat(), "notes": entity.notes,
                "links_recorded": int(entity.links is not None),
            }
        case Setting():
            return "setting", {"id": entity.id, "value": entity.value}
    raise TypeError(f"not a roadmap entity: {entity!r}")


def _children(entity: Entity) -> Iterator[tuple[str, dict]]:
    """Rows owned by `entity` in other tables (written and replaced with it)."""
    if isinstance(entity, Metric):
        for position, item_id in enumerate(entity.tech_item_ids):
            yield "metric_tech_item", {"metric_id": entity.id, "item_id": item_id, "position": position}
    elif isinstance(entity, Review):
        for position, d in enumerate(entity.decisions):
            yield "review_decision", {
                "review_id": entity.id, "item_id": d.item_id, "item_title": d.item_title,
                "decision": str(d.decision), "note": d.note, "position": position,
            }
        for position, l in enumerate(entity.links or ()):
            yield "review_link_baseline", {
                "review_id": entity.id, "kind": str(l.kind), "source_id": l.source_id, "target_id": l.target_id,
                "source_title": l.source_title, "target_title": l.target_title, "position": position,
            }
        for position, b in enumerate(entity.baseline):
            yield "review_baseline", {
                "review_id": entity.id, "item_id": b.item_id, "title": b.title,
                "start": b.start.isoformat(), "end": b.end.isoformat(), "position": position,
            }


_CHILD_TABLES = {
    "metric": (("metric_tech_item", "metric_id"),),
    "review": (("review_decision", "review_id"), ("review_baseline", "review_id"), ("review_link_baseline", "review_id")),
}


def _insert(db: sqlite_utils.Database, table: str, row: dict) -> None:
    columns = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" for _ in row)
    db.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(row.values()))


def apply_one(db: sqlite_utils.Database, change: Change) -> None:
    """Write one change; a row it expects but the file lacks raises MissingRow."""
    if isinstance(change, Update) and isinstance(change.after, RoadmapInfo):
        row = _info_row(change.after)
        sets = ", ".join(f'"{c}" = ?' for c in row if c != "id")
        cur = db.execute(f"UPDATE roadmap SET {sets} WHERE id = 1", [v for c, v in row.items() if c != "id"])
        if cur.rowcount != 1:
            raise MissingRow("has no roadmap settings row")
        return
    entity = change.after if isinstance(change, Update) else change.entity
    table, row = _row(entity)
    if isinstance(change, Insert):
        _insert(db, table, row)
    else:
        if isinstance(change, Update):
            sets = ", ".join(f'"{c}" = ?' for c in row if c != "id")
            cur = db.execute(f'UPDATE "{table}" SET {sets} WHERE id = ?', [v for c, v in row.items() if c != "id"] + [entity.id])
        else:
            cur = db.execute(f'DELETE FROM "{table}" WHERE id = ?', [entity.id])
        if cur.rowcount != 1:
            raise MissingRow(f"has no {table} {entity.id}; it may have been changed elsewhere")
        for child_table, key in _CHILD_TABLES.get(table, ()):
            db.execute(f'DELETE FROM "{child_table}" WHERE "{key}" = ?', [entity.id])
    if not isinstance(change, Delete):
        for child_table, child in _children(entity):
            _insert(db, child_table, child)


def write_all(db: sqlite_utils.Database, roadmap: Roadmap) -> None:
    """Every row of a new roadmap, in one transaction."""
    with db.atomic():
        _insert(db, "roadmap", _info_row(roadmap.info))
        for coll in (roadmap.lanes, roadmap.items, roadmap.links, roadmap.metrics, roadmap.measurements, roadmap.risks, roadmap.reviews, roadmap.settings):
            for entity in coll.values():
                apply_one(db, Insert(entity))
