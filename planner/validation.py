"""Rules every roadmap must satisfy, with messages a user can act on.

Each check raises `ValidationError(field, message)`; edits and the JSON import
call them so that nothing invalid reaches the file.

Text: every text field must be storable (no unpaired surrogates) and within its
limit in `TEXT_LIMITS`; titles and names must not be blank. Control characters are kept
as typed: the file and the JSON export hold them exactly, and the Excel export
drops the ones a cell cannot hold. Refusing them would make an older file's
JSON unimportable, and stripping them would change data without saying so.

Numbers must be finite and fit the file exactly (whole numbers up to 2**53).
"""

from __future__ import annotations

import math
import re
from datetime import date

from planner.dates import MAX_DATE, MIN_DATE
from planner.hierarchy import ancestors
from planner.money import SYMBOLS
from planner.model import (
    Band,
    BaselineEntry,
    DependencyType,
    Item,
    ItemId,
    Lane,
    Link,
    LinkBaseline,
    LinkKind,
    Measurement,
    Metric,
    Review,
    ReviewDecision,
    Risk,
    Roadmap,
    RoadmapInfo,
    Setting,
)

# Text limits in characters. Long text stops at what one spreadsheet cell holds
# (Excel and LibreOffice), so the board pack shows every field whole; titles and
# names stay short enough to read on a bar or a table row (500 was the title
# limit before the others existed, so no file that was valid then is refused now).
CELL_MAX = 32_767
TITLE_MAX = 500
LANE_NAME_MAX = 120
NAME_MAX = 200  # owners, organisations
UNIT_MAX = 100
SETTING_NAME_MAX = 100
LAG_MAX_DAYS = 3650  # ten years either way: longer is a typing slip, not a plan
EXACT_INT = 2**53  # whole numbers up to this survive the file's REAL columns exactly
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


# Every text field, by model class and attribute: edits and the JSON import check
# them through check_texts, and so should any other importer. docs/file-format.md lists them.
TEXT_LIMITS: dict[type, dict[str, int]] = {
    RoadmapInfo: {"title": TITLE_MAX, "organisation": NAME_MAX, "vision": CELL_MAX, "mission": CELL_MAX},
    Lane: {"name": LANE_NAME_MAX},
    Item: {"title": TITLE_MAX, "description": CELL_MAX, "owner": NAME_MAX, "metric_notes": CELL_MAX},
    Link: {"rationale": CELL_MAX},
    Metric: {"name": TITLE_MAX, "unit": UNIT_MAX, "notes": CELL_MAX},
    Measurement: {"note": CELL_MAX},
    Risk: {"description": CELL_MAX, "mitigation": CELL_MAX},
    Review: {"notes": CELL_MAX},
    ReviewDecision: {"item_title": TITLE_MAX, "note": CELL_MAX},
    BaselineEntry: {"title": TITLE_MAX},
    LinkBaseline: {"source_title": TITLE_MAX, "target_title": TITLE_MAX},
    Setting: {"id": SETTING_NAME_MAX},
}
REQUIRED_TEXT = {(RoadmapInfo, "title"), (Lane, "name"), (Item, "title"), (Metric, "name"), (Setting, "id")}
# What messages call a field, where the attribute name alone would not say.
_LABELS = {
    (Lane, "name"): "lane name", (Metric, "name"): "metric name", (Setting, "id"): "setting name",
    (ReviewDecision, "item_title"): "decision title", (ReviewDecision, "note"): "decision note",
    (BaselineEntry, "title"): "baseline title",
}


class ValidationError(ValueError):
    """A value the roadmap cannot accept; `field` names what to fix."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def check_date(field: str, d: date) -> None:
    if not MIN_DATE <= d <= MAX_DATE:
        raise ValidationError(field, f"{field} {d.isoformat()} is outside {MIN_DATE.year}-{MAX_DATE.year}")


def check_text(field: str, text: str, *, required: bool = False, limit: int | None = None) -> None:
    if not isinstance(text, str):
        raise ValidationError(field, f"{field} must be text, not {_short(text)}")
    if required and not text.strip():
        raise ValidationError(field, f"{field} must not be empty")
    if limit is not None and len(text) > limit:
        raise ValidationError(field, f"{field} is {len(text):,} characters; the limit is {limit:,}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(field, f"{field} contains a character that cannot be stored (an unpaired surrogate)") from None


def check_texts(entity: object) -> None:
    """Every text field of `entity` storable and within its limit in TEXT_LIMITS; titles and names not blank."""
    kind = type(entity)
    for attr, limit in TEXT_LIMITS[kind].items():
        label = _LABELS.get((kind, attr), attr.replace("_", " "))
        check_text(label, getattr(entity, attr), required=(kind, attr) in REQUIRED_TEXT, limit=limit)


def check_number(field: str, value: float | None, *, minimum: float | None = None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not _finite(value):
        raise ValidationError(field, f"{field} must be a finite number, not {_short(value)}")
    if isinstance(value, int) and abs(value) > EXACT_INT:
        # The file keeps numbers as REAL: a bigger whole number would come back
        # changed (or, past 64 bits, not be written at all).
        raise ValidationError(field, f"{field} {value:,} is too large; the limit is {EXACT_INT:,}")
    if minimum is not None and value < minimum:
        raise ValidationError(field, f"{field} must not be below {minimum:g}")


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value) and abs(value) < 1e300
    except OverflowError:  # an int beyond float range
        return False


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def check_review_entries(review: Review) -> None:
    """One decision and one baseline entry per item; storable text within its limits."""
    check_texts(review)
    for entry in (*review.decisions, *review.baseline, *(review.links or ())):
        check_texts(entry)
    for name, entries in (("decisions", review.decisions), ("baseline", review.baseline)):
        seen = set()
        for entry in entries:
            if entry.item_id in seen:
                raise ValidationError(name, f"item {entry.item_id} appears twice in the review's {name}")
            seen.add(entry.item_id)


def check_info(info: RoadmapInfo) -> None:
    check_texts(info)
    check_date("horizon start", info.horizon_start)
    check_date("tech start", info.tech_window_start)
    if not 3 <= info.business_years <= 5:
        raise ValidationError("business years", f"the business horizon must be 3-5 years, not {info.business_years}")
    if not 12 <= info.tech_months <= 24:
        raise ValidationError("tech months", f"the tech cycle must be 12-24 months, not {info.tech_months}")
    if not 1 <= info.fiscal_year_start_month <= 12:
        raise ValidationError("fiscal year start", f"the fiscal year start month must be 1-12, not {info.fiscal_year_start_month}")
    if info.currency not in SYMBOLS:
        raise ValidationError("currency", f"the currency must be one of {', '.join(SYMBOLS)}, not {info.currency!r}")


def check_lane(lane: Lane) -> None:
    check_texts(lane)
    if not _COLOUR.match(lane.colour):
        raise ValidationError("colour", f"colour must look like #1a2b3c, not {lane.colour!r}")


def check_item(item: Item, roadmap: Roadmap) -> None:
    check_texts(item)
    check_date("start", item.start)
    check_date("end", item.end)
    if item.end < item.start:
        raise ValidationError("end", f"end {item.end.isoformat()} is before start {item.start.isoformat()}")
    check_number("budget", item.budget, minimum=0)
    lane = roadmap.lanes.get(item.lane_id)
    if lane is None:
        raise ValidationError("lane", f"lane {item.lane_id} does not exist")
    if lane.band != item.band:
        raise ValidationError("lane", f"lane '{lane.name}' is a {lane.band} lane; '{item.title}' is a {item.band} item")
    if item.row < 0:
        raise ValidationError("row", "row must not be negative")
    if item.parent_id is not None:
        _check_parent(item, roadmap)


def _check_parent(item: Item, roadmap: Roadmap) -> None:
    """Same band, same lane, no cycle; `roadmap` is the roadmap as the edit leaves it."""
    if item.parent_id == item.id:
        raise ValidationError("parent", f"'{item.title}' cannot be its own parent")
    parent = roadmap.items.get(item.parent_id)
    if parent is None:
        raise ValidationError("parent", f"the parent item {item.parent_id} of '{item.title}' does not exist")
    if parent.band != item.band:
        raise ValidationError(
            "parent", f"'{parent.title}' is a {parent.band} item and '{item.title}' a {item.band} item: a parent must be in the same band"
        )
    if any(a.id == item.id for a in ancestors(roadmap, parent.id)):
        raise ValidationError("parent", f"'{parent.title}' is already part of '{item.title}': this would make a cycle")
    if parent.lane_id != item.lane_id:
        lane = roadmap.lanes.get(parent.lane_id)
        raise ValidationError(
            "lane",
            f"'{item.title}' is part of '{parent.title}' and stays in its lane '{lane.name if lane else parent.lane_id}'; "
            f"move '{parent.title}', or take '{item.title}' out of it first",
        )


def check_link(link: Link, roadmap: Roadmap) -> None:
    source = roadmap.items.get(link.source_id)
    target = roadmap.items.get(link.target_id)
    if source is None or target is None:
        raise ValidationError("link", "a link must join two existing items")
    check_texts(link)
    if link.source_id == link.target_id:
        raise ValidationError("link", f"'{source.title}' cannot be linked to itself")
    _check_timing(link)
    if link.kind == LinkKind.SUPPORTS and (source.band, target.band) != (Band.TECH, Band.BUSINESS):
        raise ValidationError("link", "a supports link must go from a tech item to a business item")
    for other in roadmap.links.values():
        if other.id != link.id and (other.kind, other.source_id, other.target_id) == (
            link.kind,
            link.source_id,
            link.target_id,
        ):
            raise ValidationError("link", f"'{source.title}' already {link.kind} '{target.title}'")
    if link.kind == LinkKind.DEPENDS:
        if _reaches(roadmap, link.target_id, link.source_id, skip=link.id):
            raise ValidationError("link", f"'{target.title}' already leads to '{source.title}': this would make a dependency cycle")
        check_branch_link(source, target, roadmap)


def _check_timing(link: Link) -> None:
    if not isinstance(link.dep_type, DependencyType):
        raise ValidationError("type", f"dependency type must be one of FS, SS, FF, SF, not {_short(link.dep_type)}")
    if isinstance(link.lag_days, bool) or not isinstance(link.lag_days, int):
        raise ValidationError("lag", f"lag must be a whole number of days, not {_short(link.lag_days)}")
    if abs(link.lag_days) > LAG_MAX_DAYS:
        raise ValidationError("lag", f"lag {link.lag_days:,} days is beyond the limit of {LAG_MAX_DAYS:,} days either way")
    if link.kind != LinkKind.DEPENDS and (link.dep_type, link.lag_days) != (DependencyType.FS, 0):
        raise ValidationError("type", "only a dependency has a type and a lag; a supports link has neither")


def check_branch_link(a: Item, b: Item, roadmap: Roadmap) -> None:
    """A dependency may not join an item and one of its own parents: a parent spans its children,
    so the pair could never be timed against each other (MS Project refuses the same)."""
    for upper, lower in ((a, b), (b, a)):
        if any(x.id == upper.id for x in ancestors(roadmap, lower.id)):
            raise ValidationError(
                "link", f"'{lower.title}' is part of '{upper.title}': a dependency cannot join an item and its parent"
            )


def _reaches(roadmap: Roadmap, start: ItemId, goal: ItemId, skip: int) -> bool:
    successors: dict[ItemId, list[ItemId]] = {}
    for l in roadmap.links.values():
        if l.kind == LinkKind.DEPENDS and l.id != skip:
            successors.setdefault(l.source_id, []).append(l.target_id)
    seen, stack = set(), [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(successors.get(node, ()))
    return False


def check_metric(metric: Metric, roadmap: Roadmap) -> None:
    check_texts(metric)
    check_number("baseline", metric.baseline)
    check_number("target", metric.target)
    if metric.target_date is not None:
        check_date("target date", metric.target_date)
    if metric.business_item_id is not None:
        item = roadmap.items.get(metric.business_item_id)
        if item is None or item.band != Band.BUSINESS:
            raise ValidationError("business item", "a metric measures an existing business item")
    for tech_id in metric.tech_item_ids:
        item = roadmap.items.get(tech_id)
        if item is None or item.band != Band.TECH:
            raise ValidationError("tech items", "a metric is moved by existing tech items")
    if len(set(metric.tech_item_ids)) != len(metric.tech_item_ids):
        raise ValidationError("tech items", "a tech item is listed twice")


def check_measurement(m: Measurement, roadmap: Roadmap) -> None:
    if m.metric_id not in roadmap.metrics:
        raise ValidationError("metric", f"metric {m.metric_id} does not exist")
    check_date("date", m.measured_on)
    check_number("value", m.value)
    if m.value is None:
        raise ValidationError("value", "a measurement needs a value")
    check_texts(m)


def check_risk(risk: Risk, roadmap: Roadmap) -> None:
    if risk.item_id not in roadmap.items:
        raise ValidationError("item", f"item {risk.item_id} does not exist")
    check_texts(risk)
    for name, value in (("likelihood", risk.likelihood), ("impact", risk.impact)):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            raise ValidationError(name, f"{name} must be a whole number 1-5, not {value!r}")
