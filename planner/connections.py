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
from collections.abc import Iterable
from dataclasses import dataclass

from planner.model import ItemId, LinkId, LinkKind, Roadmap


def neighbours(roadmap: Roadmap, ids: Iterable[ItemId], kind: LinkKind = LinkKind.SUPPORTS) -> frozenset[ItemId]:
    """Items at the other end of `kind` links touching `ids` (not `ids` themselves)."""
    ids = frozenset(ids)
    found = set()
    for link in roadmap.links.values():
        if link.kind != kind:
            continue
        if link.source_id in ids:
            found.add(link.target_id)
        if link.target_id in ids:
            found.add(link.source_id)
    return frozenset(found - ids)


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
