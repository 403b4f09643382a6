"""A new, empty roadmap: the standard business and tech lanes, no items."""

from __future__ import annotations

from datetime import date

from planner.model import Band, Lane, LaneId, Roadmap, RoadmapInfo

BUSINESS_LANES = (
    ("Growth objectives", "#c0813c"),
    ("Market positioning", "#b8615a"),
    ("Revenue model", "#a0648f"),
    ("Resource allocation", "#8f8a3a"),
)
TECH_LANES = (
    ("Infrastructure", "#4a7fb5"),
    ("Applications", "#3a9a94"),
    ("Data", "#5d6fc4"),
    ("Cybersecurity", "#4f9a62"),
    ("Innovation (AI/automation)", "#9468bf"),
)


def empty_roadmap(title: str, today: date) -> Roadmap:
    """A roadmap starting this January with the standard lanes."""
    start = date(today.year, 1, 1)
    info = RoadmapInfo(title=title, horizon_start=start, tech_start=date(today.year, today.month, 1))
    lanes: dict[LaneId, Lane] = {}
    for band, specs in ((Band.BUSINESS, BUSINESS_LANES), (Band.TECH, TECH_LANES)):
        for position, (name, colour) in enumerate(specs):
            lane_id = LaneId(len(lanes) + 1)
            lanes[lane_id] = Lane(lane_id, band, name, colour, position)
    return Roadmap(info, lanes)
