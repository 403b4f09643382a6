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

from planner.model import ItemId, LinkKind, Roadmap


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
