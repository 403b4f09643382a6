"""Which items are connected to a selection: for hover highlights and the focus view.

Both kinds of link point from the item that enables to the item enabled: a
tech item *supports* a business item; a *depends* link's source must finish
before its target. "What enables this goal?" follows links backwards from it,
"what is this for?" forwards; focus shows both, each followed all the way in
its own direction (so an enabler's enabler counts, but an enabler's other
goals do not).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from planner.model import ItemId, Link, LinkId, LinkKind, Roadmap


def neighbours(roadmap: Roadmap, ids: Iterable[ItemId], kind: LinkKind = LinkKind.SUPPORTS) -> frozenset[ItemId]:
    """Items at the other end of `kind` links touching `ids` (not `ids` themselves)."""
    ids = frozenset(ids)
    if not ids:
        return ids  # nothing selected or hovered (a new roadmap shown): no index to make
    ends = _ends_of(roadmap.links, kind)
    found = set().union(*(ends.get(i, ()) for i in ids))
    return frozenset(found - ids)


def links_at(roadmap: Roadmap, item_id: ItemId) -> list[Link]:
    """The links to or from `item_id`, in id order (`Roadmap.links_of` without a pass over every link)."""
    cached = _ENDS.get("at")
    if cached is None or cached[0] is not roadmap.links:
        at: dict[ItemId, list[Link]] = {}
        for link in roadmap.links.values():
            at.setdefault(link.source_id, []).append(link)
            if link.target_id != link.source_id:
                at.setdefault(link.target_id, []).append(link)
        cached = _ENDS["at"] = (roadmap.links, at)
    return sorted(cached[1].get(item_id, ()), key=lambda link: link.id)


_ENDS: dict = {}  # what is indexed -> (the links mapping indexed, the index)


def _ends_of(links: Mapping[LinkId, Link], kind: LinkKind) -> dict[ItemId, set[ItemId]]:
    """Each item's other ends of `kind` links, indexed once per links mapping.

    A roadmap's links only change by replacing the mapping (planner.model.apply_changes), so the
    index made for the last one serves every hover and selection until an edit touches links.
    """
    cached = _ENDS.get(kind)
    if cached is not None and cached[0] is links:
        return cached[1]
    ends: dict[ItemId, set[ItemId]] = {}
    for link in links.values():
        if link.kind == kind:
            ends.setdefault(link.source_id, set()).add(link.target_id)
            ends.setdefault(link.target_id, set()).add(link.source_id)
    _ENDS[kind] = (links, ends)
    return ends


def connected(roadmap: Roadmap, ids: Iterable[ItemId]) -> frozenset[ItemId]:
    """`ids`, everything enabling them (transitively) and everything they enable (transitively)."""
    forward: dict[ItemId, list[ItemId]] = defaultdict(list)
    backward: dict[ItemId, list[ItemId]] = defaultdict(list)
    for link in roadmap.links.values():
        if link.source_id in roadmap.items and link.target_id in roadmap.items:
            forward[link.source_id].append(link.target_id)
            backward[link.target_id].append(link.source_id)
    start = frozenset(i for i in ids if i in roadmap.items)
    found = set(start)
    for edges in (forward, backward):
        seen, todo = set(start), list(start)
        while todo:
            for nxt in edges[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        found |= seen
    return frozenset(found)


@dataclass(frozen=True)
class Emphasis:
    """What the timeline lights up: items at full strength (`keep`; None: all), items outlined as related,
    and the links drawn strong (touching `strong`, or with `both_ends` between two of them, or `link`)."""

    keep: frozenset[ItemId] | None
    related: frozenset[ItemId]
    strong: frozenset[ItemId]
    link: LinkId | None = None
    both_ends: bool = False


def emphasis(
    roadmap: Roadmap, selected: Iterable[ItemId], *, hover_item: ItemId | None = None, hover_link: LinkId | None = None,
    focused: bool = False,
) -> Emphasis:
    """Focus (a deliberate mode) wins over hover, hover over the plain selection.

    Focus keeps everything `connected` to the selection; hovering an item
    keeps it and the items at the other ends of its supports links; hovering
    a link keeps its two ends. The selection's neighbours stay outlined.
    """
    ids = frozenset(selected)
    around = neighbours(roadmap, ids)
    if focused and ids:
        keep = connected(roadmap, ids)
        return Emphasis(keep, around & keep, keep, both_ends=True)
    link = roadmap.links.get(hover_link) if hover_link is not None else None
    if link is not None:
        ends = frozenset({link.source_id, link.target_id})
        return Emphasis(ends, ends | around, frozenset(), link.id)
    if hover_item is not None and hover_item in roadmap.items:
        hovered = frozenset({hover_item})
        keep = hovered | neighbours(roadmap, hovered)
        return Emphasis(keep, keep | around, hovered)
    return Emphasis(None, around, ids)
