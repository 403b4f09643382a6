"""Helpers shared by the slide tests (a plain module: tests/ has no packages)."""

from __future__ import annotations

import dataclasses

from pptx.oxml.ns import qn

from planner.model import Roadmap


def keep_lanes(roadmap: Roadmap, lane_ids: set[int]) -> Roadmap:
    """The roadmap with only the items in `lane_ids` (and the links, metrics and risks still whole)."""
    items = {i: item for i, item in roadmap.items.items() if item.lane_id in lane_ids}
    links = {k: l for k, l in roadmap.links.items() if l.source_id in items and l.target_id in items}
    lanes = {k: l for k, l in roadmap.lanes.items() if k in lane_ids}
    return dataclasses.replace(roadmap, items=items, links=links, lanes=lanes)


def item_shapes(slide) -> list:
    return [s for s in slide.shapes if s.name.startswith("item ")]


def connectors(slide) -> list:
    return [s for s in slide.shapes if s.name.startswith("link ")]


def glued_ids(connector) -> tuple[int | None, int | None]:
    """The shape ids a connector's start and end are glued to (None when loose)."""
    nv = connector._element.find(qn("p:nvCxnSpPr")).find(qn("p:cNvCxnSpPr"))
    st, end = nv.find(qn("a:stCxn")), nv.find(qn("a:endCxn"))
    return (None if st is None else int(st.get("id")), None if end is None else int(end.get("id")))


def font_sizes(prs) -> list[float]:
    """Every explicit run size in the deck, slides and tables, in points."""
    sizes = []
    for slide in prs.slides:
        for el in slide._element.iter(qn("a:rPr")):
            if el.get("sz"):
                sizes.append(int(el.get("sz")) / 100)
    return sizes
