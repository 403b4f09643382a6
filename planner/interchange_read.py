"""Reading the JSON interchange format (docs/json-format.md) into a checked Roadmap.

Every field and every rule is checked, and an error names the JSON path of
the first bad value (`$.items[3].end: ...`), so a hand-edited file can be fixed
quickly. Writing, and reading from a file, are in planner/interchange.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from planner import validation as v
from planner.model import (
    Band,
    BaselineEntry,
    Decision,
    DependencyType,
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
)

FORMAT = "roadmap-planner"
VERSION = 2  # 2 added items' parent and depends links' type and lag_days; version 1 files read as top-level, FS, 0
INT_LIMIT = 2**31 - 1  # ids, rows and positions; far beyond any real roadmap, well inside SQLite

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


class InterchangeError(ValueError):
    """Bad JSON content; `path` is the JSON path of the offending value."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass
class _Node:
    """A JSON object with its path, read field by field with type checks."""

    value: dict
    path: str

    def _raw(self, key: str, default: Any = ..., *, nullable: bool = False) -> Any:
        if key not in self.value:
            if default is ...:
                raise InterchangeError(f"{self.path}.{key}", "is missing")
            return default
        value = self.value[key]
        if value is None and not nullable and default is not None:
            raise InterchangeError(f"{self.path}.{key}", "must not be null")
        return value

    def text(self, key: str, default: Any = ...) -> str:
        value = self._raw(key, default)
        if not isinstance(value, str):
            raise InterchangeError(f"{self.path}.{key}", f"must be text, not {_kind(value)}")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InterchangeError(f"{self.path}.{key}", "contains an unpaired surrogate (\\ud800-\\udfff)") from None
        return value

    def int(self, key: str, default: Any = ...) -> int:
        value = self._raw(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise InterchangeError(f"{self.path}.{key}", f"must be a whole number, not {_kind(value)}")
        if abs(value) > INT_LIMIT:
            raise InterchangeError(f"{self.path}.{key}", f"{value} is too large")
        return value

    def number(self, key: str) -> float | None:
        value = self._raw(key, None, nullable=True)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InterchangeError(f"{self.path}.{key}", f"must be a number, not {_kind(value)}")
        try:
            v.check_number(key, value)
        except v.ValidationError:
            raise InterchangeError(f"{self.path}.{key}", "is too large") from None
        return float(value)

    def date(self, key: str, default: Any = ...) -> date | None:
        value = self._raw(key, default, nullable=default is None)
        if value is None:
            return None
        if not isinstance(value, str):
            raise InterchangeError(f"{self.path}.{key}", f"must be a date like 2026-04-01, not {_kind(value)}")
        try:
            d = date.fromisoformat(value)
        except ValueError:
            raise InterchangeError(f"{self.path}.{key}", f"{value!r} is not a date like 2026-04-01") from None
        try:
            v.check_date(key, d)
        except v.ValidationError as e:
            raise InterchangeError(f"{self.path}.{key}", e.message) from None
        return d

    def enum(self, key: str, kind: type[E], default: Any = ...) -> E:
        value = self._raw(key, default)
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(m.value for m in kind)
            raise InterchangeError(f"{self.path}.{key}", f"{value!r} is not one of: {allowed}") from None

    def list(self, key: str) -> list[_Node]:
        value = self._raw(key, [])
        if not isinstance(value, list):
            raise InterchangeError(f"{self.path}.{key}", f"must be a list, not {_kind(value)}")
        out = []
        for n, element in enumerate(value):
            if not isinstance(element, dict):
                raise InterchangeError(f"{self.path}.{key}[{n}]", f"must be an object, not {_kind(element)}")
            out.append(_Node(element, f"{self.path}.{key}[{n}]"))
        return out


def _kind(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: "an object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


class _Ids:
    """Maps one list's JSON ids to integer ids: integers kept, strings numbered after them."""

    def __init__(self, nodes: list[_Node], what: str):
        self.what = what
        self.map: dict[Any, int] = {}
        raw = []
        for node in nodes:
            key = node._raw("id")
            if isinstance(key, bool) or not isinstance(key, (int, str)) or (isinstance(key, int) and not 1 <= key <= INT_LIMIT):
                raise InterchangeError(f"{node.path}.id", f"must be text or a whole number 1-{INT_LIMIT}")
            if key in self.map or key in raw:
                raise InterchangeError(f"{node.path}.id", f"{key!r} is used twice")
            raw.append(key)
            if isinstance(key, int):
                self.map[key] = key
        next_id = max((k for k in raw if isinstance(k, int)), default=0) + 1
        for key in raw:
            if isinstance(key, str):
                self.map[key] = next_id
                next_id += 1

    def own(self, node: _Node) -> int:
        return self.map[node._raw("id")]

    def ref(self, node: _Node, key: str, *, nullable: bool = False) -> int | None:
        value = node._raw(key, None if nullable else ..., nullable=nullable)
        if value is None and nullable:
            return None
        return self.lookup(value, f"{node.path}.{key}")

    def lookup(self, value: Any, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, (int, str)) or value not in self.map:
            raise InterchangeError(path, f"{value!r} is not the id of any {self.what}")
        return self.map[value]


def roadmap_from_json(data: Any) -> Roadmap:
    """Build a checked Roadmap from parsed JSON, or raise InterchangeError."""
    if not isinstance(data, dict):
        raise InterchangeError("$", f"must be an object, not {_kind(data)}")
    root = _Node(data, "$")
    if data.get("format") != FORMAT:
        raise InterchangeError("$.format", f"must be {FORMAT!r}: this is not a Roadmap Planner JSON file")
    version = root.int("version")
    if version > VERSION:
        raise InterchangeError("$.version", f"{version} is newer than this app reads ({VERSION}); update the app")
    if version < 1:
        raise InterchangeError("$.version", f"{version} is not a known version")

    if not isinstance(data.get("roadmap"), dict):
        raise InterchangeError("$.roadmap", "is missing or not an object")
    r = _Node(data["roadmap"], "$.roadmap")
    info = RoadmapInfo(
        title=r.text("title"), organisation=r.text("organisation", ""), vision=r.text("vision", ""),
        mission=r.text("mission", ""), horizon_start=r.date("horizon_start"),
        business_years=r.int("business_years", 5), tech_start=r.date("tech_start", None),
        tech_months=r.int("tech_months", 18), fiscal_year_start_month=r.int("fiscal_year_start_month", 1),
        currency=r.text("currency", "GBP"),
    )
    _check("$.roadmap", lambda: v.check_info(info))
    roadmap = Roadmap(info)

    lane_nodes, item_nodes = root.list("lanes"), root.list("items")
    lane_ids, item_ids = _Ids(lane_nodes, "lane"), _Ids(item_nodes, "item")
    for n in lane_nodes:
        lane = Lane(LaneId(lane_ids.own(n)), n.enum("band", Band), n.text("name"), n.text("colour"), n.int("position", 0))
        _check(n.path, lambda: v.check_lane(lane))
        roadmap.lanes[lane.id] = lane
    read_items = []
    for n in item_nodes:
        parent = item_ids.ref(n, "parent", nullable=True)
        item = Item(
            id=ItemId(item_ids.own(n)), band=n.enum("band", Band), lane_id=LaneId(lane_ids.ref(n, "lane")),
            title=n.text("title"), description=n.text("description", ""), start=n.date("start"), end=n.date("end"),
            owner=n.text("owner", ""), status=n.enum("status", Status, "planned"), budget=n.number("budget"),
            metric_notes=n.text("metric_notes", ""), row=n.int("row", 0), parent_id=None if parent is None else ItemId(parent),
        )
        read_items.append((n, item))
        roadmap.items[item.id] = item
    for n, item in read_items:  # checked once all are read: a parent may come after its children
        _check(n.path, lambda: v.check_item(item, roadmap))

    link_nodes = root.list("links")
    link_ids = _Ids(link_nodes, "link")
    for n in link_nodes:
        link = Link(
            LinkId(link_ids.own(n)), n.enum("kind", LinkKind), ItemId(item_ids.ref(n, "source")),
            ItemId(item_ids.ref(n, "target")), n.text("rationale", ""), n.enum("type", DependencyType, "FS"),
            n.int("lag_days", 0),
        )
        _check(n.path, lambda: v.check_link(link, roadmap))
        roadmap.links[link.id] = link

    metric_nodes = root.list("metrics")
    metric_ids = _Ids(metric_nodes, "metric")
    for n in metric_nodes:
        tech = n._raw("tech_items", [])
        if not isinstance(tech, list):
            raise InterchangeError(f"{n.path}.tech_items", f"must be a list, not {_kind(tech)}")
        business = item_ids.ref(n, "business_item", nullable=True)
        metric = Metric(
            id=MetricId(metric_ids.own(n)), name=n.text("name"), unit=n.text("unit", ""), baseline=n.number("baseline"),
            target=n.number("target"), target_date=n.date("target_date", None),
            business_item_id=ItemId(business) if business else None,
            tech_item_ids=tuple(ItemId(item_ids.lookup(t, f"{n.path}.tech_items[{k}]")) for k, t in enumerate(tech)),
            notes=n.text("notes", ""),
        )
        _check(n.path, lambda: v.check_metric(metric, roadmap))
        roadmap.metrics[metric.id] = metric

    measurement_nodes = root.list("measurements")
    measurement_ids = _Ids(measurement_nodes, "measurement")
    for n in measurement_nodes:
        value = n.number("value")
        if value is None:
            raise InterchangeError(f"{n.path}.value", "is missing")
        m = Measurement(MeasurementId(measurement_ids.own(n)), MetricId(metric_ids.ref(n, "metric")), n.date("date"), value, n.text("note", ""))
        _check(n.path, lambda: v.check_measurement(m, roadmap))
        roadmap.measurements[m.id] = m

    risk_nodes = root.list("risks")
    risk_ids = _Ids(risk_nodes, "risk")
    for n in risk_nodes:
        risk = Risk(
            RiskId(risk_ids.own(n)), ItemId(item_ids.ref(n, "item")), n.enum("category", RiskCategory),
            n.int("likelihood"), n.int("impact"), n.text("description", ""), n.text("mitigation", ""),
        )
        _check(n.path, lambda: v.check_risk(risk, roadmap))
        roadmap.risks[risk.id] = risk

    review_nodes = root.list("reviews")
    review_ids = _Ids(review_nodes, "review")
    for n in review_nodes:
        decisions = tuple(
            _texts_checked(d, ReviewDecision(
                ItemId(_loose_item(d, item_ids)), d.text("title", _title_of(roadmap, d, item_ids)), d.enum("decision", Decision), d.text("note", "")
            ))
            for d in n.list("decisions")
        )
        baseline = tuple(
            _texts_checked(b, BaselineEntry(
                ItemId(_loose_item(b, item_ids)), b.text("title", _title_of(roadmap, b, item_ids)), b.date("start"), b.date("end")
            ))
            for b in n.list("baseline")
        )
        links = None
        if "links" in n.value:
            links = tuple(
                _texts_checked(l, LinkBaseline(
                    l.enum("kind", LinkKind), ItemId(_loose_ref(l, "source", item_ids)), ItemId(_loose_ref(l, "target", item_ids)),
                    l.text("source_title"), l.text("target_title"),
                ))
                for l in n.list("links")
            )
        review = _texts_checked(n, Review(ReviewId(review_ids.own(n)), n.date("date"), n.text("notes", ""), decisions, baseline, links))
        for key, entries in (("decisions", review.decisions), ("baseline", review.baseline)):
            seen = set()
            for k, entry in enumerate(entries):
                if entry.item_id in seen:
                    raise InterchangeError(f"{n.path}.{key}[{k}].item", f"item {entry.item_id} appears twice in this review's {key}")
                seen.add(entry.item_id)
        roadmap.reviews[review.id] = review

    raw_settings = data.get("settings", {})
    if not isinstance(raw_settings, dict):
        raise InterchangeError("$.settings", f"must be an object of numbers, not {_kind(raw_settings)}")
    settings_node = _Node(raw_settings, "$.settings")
    for name in raw_settings:
        if len(name) > v.SETTING_NAME_MAX:
            raise InterchangeError("$.settings", f"a setting name is {len(name):,} characters; the limit is {v.SETTING_NAME_MAX:,}")
        value = settings_node.number(name)
        if value is None or not name.strip():
            raise InterchangeError(f"$.settings.{name}", "must be a number")
        roadmap.settings[name] = Setting(name, value)

    for name in ("lanes", "items", "links", "metrics", "measurements", "risks", "reviews", "settings"):
        coll = getattr(roadmap, name)
        ordered = dict(sorted(coll.items()))
        coll.clear()
        coll.update(ordered)
    return roadmap


def _loose_item(node: _Node, item_ids: _Ids) -> int:
    """Review entries may name deleted items: known ids map, unknown integers stay."""
    return _loose_ref(node, "item", item_ids)


def _loose_ref(node: _Node, key: str, item_ids: _Ids) -> int:
    value = node._raw(key)
    if not isinstance(value, bool) and value in item_ids.map:
        return item_ids.map[value]
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    raise InterchangeError(f"{node.path}.{key}", f"{value!r} is not the id of any item")


def _title_of(roadmap: Roadmap, node: _Node, item_ids: _Ids) -> Any:
    item = roadmap.items.get(ItemId(_loose_item(node, item_ids)))
    return item.title if item else ...


def _texts_checked(node: _Node, entity: T) -> T:
    _check(node.path, lambda: v.check_texts(entity))
    return entity


def _check(path: str, rule) -> None:
    try:
        rule()
    except v.ValidationError as e:
        raise InterchangeError(f"{path}.{_FIELD_KEYS.get(e.field, e.field)}", e.message) from None


# Validation names fields for people; the JSON path wants the key.
_FIELD_KEYS = {
    "lane name": "name", "business years": "business_years", "tech months": "tech_months",
    "fiscal year start": "fiscal_year_start_month", "currency": "currency", "horizon start": "horizon_start", "tech start": "tech_start",
    "metric name": "name", "target date": "target_date", "business item": "business_item",
    "tech items": "tech_items", "link": "target", "date": "date", "metric notes": "metric_notes", "lag": "lag_days",
    "decision title": "title", "decision note": "note", "baseline title": "title",
    "source title": "source_title", "target title": "target_title",
}
