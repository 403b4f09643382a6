"""An `ImportedPlan` placed in a roadmap: new lanes, items and depends links, as one edit.

`ImportPlan(plan, placement)` is a planner `Edit`: the document pushes it as
one undoable step, and `new_roadmap()` applies the same edit to an empty
roadmap for a new file, so both paths share one mapping. Every task becomes an
item in the chosen band (its lane: the chosen one, or its top-level group's),
parents stay parents, milestones stay milestones, each dependency becomes a
depends link with its type and lag. Links the roadmap cannot hold (between a
task and its own parent) are listed, not dropped silently; so is text cut to
the roadmap's limits (planner.validation.TEXT_LIMITS).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from planner import validation as v
from planner.model import (
    Band,
    ChangeSet,
    DependencyType,
    Insert,
    Item,
    ItemId,
    Lane,
    LaneId,
    Link,
    LinkId,
    LinkKind,
    Roadmap,
    RoadmapInfo,
    apply_changes,
)
from planner.templates import empty_roadmap

from imports.plan import ImportedPlan, Skipped, groups, summary

PALETTE = ("#4a7fb5", "#3a9a94", "#c0813c", "#b8615a", "#a0648f", "#8f8a3a", "#5d6fc4", "#4f9a62", "#9468bf")


@dataclass(frozen=True)
class Placement:
    band: Band = Band.TECH
    lane: str | None = None  # a lane name (existing in the band, or made); None: one lane per top-level group


@dataclass(frozen=True)
class Prepared:
    lanes: tuple[Lane, ...]  # lanes to create
    items: tuple[Item, ...]
    links: tuple[Link, ...]
    lane_names: tuple[str, ...]  # every lane the import puts items in
    skipped: tuple[Skipped, ...]


def lane_names(plan: ImportedPlan, placement: Placement) -> list[str]:
    return [placement.lane] if placement.lane else plan.top_groups() or ["Imported"]


def prepare(plan: ImportedPlan, roadmap: Roadmap, placement: Placement) -> Prepared:
    existing = {l.name.casefold(): l for l in roadmap.lanes_of(placement.band)}
    position = max((l.position for l in roadmap.lanes_of(placement.band)), default=-1) + 1
    next_lane = roadmap.next_id(Lane)
    new_lanes: list[Lane] = []
    lane_by_name: dict[str, LaneId] = {}
    for name in lane_names(plan, placement):
        lane = existing.get(name.casefold())
        if lane is None:
            colour = PALETTE[(len(new_lanes) + position) % len(PALETTE)]
            lane = Lane(LaneId(next_lane + len(new_lanes)), placement.band, name[: v.LANE_NAME_MAX], colour, position + len(new_lanes))
            new_lanes.append(lane)
        lane_by_name[name] = lane.id
    first_item = roadmap.next_id(Item)
    id_of = {t.key: ItemId(first_item + n) for n, t in enumerate(plan.tasks)}
    by_key = {t.key: t for t in plan.tasks}
    group = groups(plan)
    items, skipped = [], []
    for t in plan.tasks:
        lane_name = placement.lane or group[t.key]
        texts = {"title": t.title, "description": t.description + ("\n(dates not in the imported file)" if t.undated else ""),
                 "owner": t.owner}
        for field, text in texts.items():
            limit = v.TEXT_LIMITS[Item][field]
            if len(text) > limit:
                texts[field] = text[:limit]
                skipped.append(Skipped(f"the end of the {field} of '{t.title[:60]}'", f"{len(text):,} characters; a roadmap keeps {limit:,}"))
        items.append(
            Item(
                id=id_of[t.key],
                band=placement.band,
                lane_id=lane_by_name.get(lane_name) or next(iter(lane_by_name.values())),
                start=t.start,
                end=t.end,
                status=t.status or Item.__dataclass_fields__["status"].default,
                budget=t.budget,
                parent_id=id_of[t.parent] if t.parent is not None else None,
                **texts,
            )
        )
    ancestors = _ancestor_sets(plan)
    links = []
    first_link = roadmap.next_id(Link)
    for l in plan.links:
        a, b = by_key[l.predecessor], by_key[l.successor]
        if l.predecessor in ancestors[l.successor] or l.successor in ancestors[l.predecessor]:
            skipped.append(Skipped(f"dependency '{a.title}' → '{b.title}'", "it joins a task and its own parent"))
            continue
        if abs(l.lag_days) > v.LAG_MAX_DAYS:
            skipped.append(Skipped(f"lag of '{a.title}' → '{b.title}'", f"{l.lag_days} days is beyond {v.LAG_MAX_DAYS}; kept as 0"))
            l = replace(l, lag_days=0)
        links.append(
            Link(LinkId(first_link + len(links)), LinkKind.DEPENDS, id_of[l.predecessor], id_of[l.successor],
                 dep_type=DependencyType(l.dep_type), lag_days=l.lag_days)
        )
    return Prepared(tuple(new_lanes), tuple(items), tuple(links), tuple(lane_by_name), tuple(skipped))


def _ancestor_sets(plan: ImportedPlan) -> dict[str, set[str]]:
    by_key = {t.key: t for t in plan.tasks}
    out = {}
    for t in plan.tasks:
        seen, p = set(), t.parent
        while p is not None:
            seen.add(p)
            p = by_key[p].parent
        out[t.key] = seen
    return out


@dataclass(frozen=True)
class ImportPlan:
    """The planner edit that adds an imported plan to a roadmap (one undo step)."""

    plan: ImportedPlan
    placement: Placement

    @property
    def label(self) -> str:
        return f"Import {self.plan.source.name}"

    def changes(self, roadmap: Roadmap) -> ChangeSet:
        p = prepare(self.plan, roadmap, self.placement)
        changes = tuple(Insert(e) for e in (*p.lanes, *p.items, *p.links))
        after = apply_changes(roadmap, changes)
        for lane in p.lanes:
            v.check_lane(lane)
        for item in p.items:
            v.check_item(item, after)
        _check_links(p.links, after)
        return changes


def _check_links(links: tuple[Link, ...], after: Roadmap) -> None:
    """Each new link's own rules. Against a roadmap without links: the rules across links (no
    duplicate, no cycle) were checked for the whole plan by complete(), and checking each link
    against all the others would be quadratic in a 2,000-task plan."""
    bare = replace(after, links={})
    for link in links:
        v.check_link(link, bare)


def preview(plan: ImportedPlan, roadmap: Roadmap, placement: Placement) -> str:
    """What the import will create in `roadmap`: the one paragraph the CLI prints and the dialog shows."""
    p = prepare(plan, roadmap, placement)
    text = summary(plan, list(p.lane_names), p.skipped)
    new = [l.name for l in p.lanes]
    return text + (f" New {'lane' if len(new) == 1 else 'lanes'} in the {placement.band} band: {', '.join(new)}." if new else "")


def new_roadmap(plan: ImportedPlan, placement: Placement, today: date) -> Roadmap:
    """A roadmap holding only the import: standard lanes, a horizon starting at the plan's first year."""
    base = empty_roadmap(plan.title.strip() or plan.source.stem, today)
    keep = {(placement.lane or "").casefold()}  # the band's standard lanes give way to the plan's own
    base = replace(base, lanes={k: l for k, l in base.lanes.items() if l.band != placement.band or l.name.casefold() in keep})
    starts = [t.start for t in plan.tasks if t.start is not None]
    if starts:
        first = min(starts)
        info: RoadmapInfo = replace(base.info, horizon_start=date(first.year, 1, 1), tech_start=date(first.year, first.month, 1))
        base = replace(base, info=info)
    return apply_changes(base, ImportPlan(plan, placement).changes(base))
