"""A deterministic synthetic roadmap of any size, for the timeline benchmark.

    python -m benchmarks.roadmap_gen 10000 big.roadmap [--seed 7]

`n_items` items, half per band, across the standard four business and five
tech lanes. Business items spread over a five-year horizon and run 3-24
months (some are milestones); tech items sit in a 24-month tech window and
run two weeks to nine months. Most tech items (88%) support one business
item near them in time, some of those a second one, so a roadmap of N items
holds about N/2 supports links (10,000 items: about 5,000 links). The same
size and seed always give the same roadmap.
"""

from __future__ import annotations

import argparse
import bisect
import random
from datetime import date, timedelta
from pathlib import Path

from planner.dates import add_months
from planner.model import Band, Item, ItemId, Lane, LaneId, Link, LinkId, LinkKind, Roadmap, RoadmapInfo, Status
from planner.templates import BUSINESS_LANES, TECH_LANES

HORIZON_START = date(2026, 1, 1)
BUSINESS_YEARS = 5
TECH_START = date(2026, 7, 1)
TECH_MONTHS = 24
LINKED_SHARE = 0.88  # tech items with a supports link
SECOND_LINK_SHARE = 0.14  # of those, the ones supporting a second business item

_STATUS_WEIGHTS = {Status.PLANNED: 40, Status.ON_TRACK: 30, Status.AT_RISK: 12, Status.OFF_TRACK: 6, Status.DONE: 12}
_OWNERS = ("CEO", "CFO", "CTO", "CIO", "COO", "CMO", "CISO", "Head of Data", "Head of Sales", "Head of Platform")
_BUSINESS_VERBS = ("Grow", "Launch", "Expand into", "Win", "Defend", "Reposition", "Cut cost of", "Double", "Enter", "Retain")
_BUSINESS_NOUNS = ("SME lending", "Nordic market", "premium tier", "partner channel", "online sales", "loyalty scheme",
                   "B2B accounts", "subscription revenue", "wholesale margin", "German retail", "customer service")
_TECH_VERBS = ("Migrate", "Replace", "Build", "Automate", "Harden", "Consolidate", "Modernise", "Pilot", "Retire", "Roll out")
_TECH_NOUNS = ("data warehouse", "payments API", "identity platform", "CRM", "ERP finance module", "Kubernetes cluster",
               "fraud model", "mobile app", "customer data platform", "SIEM", "network edge", "document AI")


def generate(n_items: int, seed: int = 7) -> Roadmap:
    """The roadmap of `n_items` items (half per band) for `seed`; see the module docstring."""
    rnd = random.Random(seed)
    info = RoadmapInfo(
        title=f"Synthetic roadmap · {n_items:,} items", horizon_start=HORIZON_START, organisation="Benchmark Group",
        business_years=BUSINESS_YEARS, tech_start=TECH_START, tech_months=TECH_MONTHS, fiscal_year_start_month=4,
    )
    lanes: dict[LaneId, Lane] = {}
    for band, specs in ((Band.BUSINESS, BUSINESS_LANES), (Band.TECH, TECH_LANES)):
        for position, (name, colour) in enumerate(specs):
            lane_id = LaneId(len(lanes) + 1)
            lanes[lane_id] = Lane(lane_id, band, name, colour, position)
    business_lanes = [l.id for l in lanes.values() if l.band == Band.BUSINESS]
    tech_lanes = [l.id for l in lanes.values() if l.band == Band.TECH]
    statuses, status_weights = list(_STATUS_WEIGHTS), list(_STATUS_WEIGHTS.values())
    horizon_days = (add_months(HORIZON_START, 12 * BUSINESS_YEARS) - HORIZON_START).days
    tech_days = (add_months(TECH_START, TECH_MONTHS) - TECH_START).days

    items: dict[ItemId, Item] = {}
    for n in range(1, n_items + 1):
        business = n % 2 == 1
        if business:
            milestone = rnd.random() < 0.10
            days = 0 if milestone else int(30.4 * rnd.uniform(3, 24))
            start = HORIZON_START + timedelta(days=rnd.randrange(max(horizon_days - days, 1)))
            title = f"{rnd.choice(_BUSINESS_VERBS)} {rnd.choice(_BUSINESS_NOUNS)}"
            lane = rnd.choice(business_lanes)
        else:
            milestone = rnd.random() < 0.05
            days = 0 if milestone else int(rnd.uniform(14, 274))
            start = TECH_START + timedelta(days=rnd.randrange(max(tech_days - days, 1)))
            title = f"{rnd.choice(_TECH_VERBS)} {rnd.choice(_TECH_NOUNS)}"
            lane = rnd.choice(tech_lanes)
        items[ItemId(n)] = Item(
            id=ItemId(n), band=Band.BUSINESS if business else Band.TECH, lane_id=lane,
            title=f"{title} {'phase ' + str(rnd.randint(1, 4)) if rnd.random() < 0.4 else ''}".rstrip() + f" #{n}",
            start=start, end=start + timedelta(days=days),
            description=f"Synthetic item {n}.", owner=rnd.choice(_OWNERS),
            status=rnd.choices(statuses, status_weights)[0],
            budget=None if rnd.random() < 0.5 else float(rnd.randint(1, 400) * 25_000),
        )

    # Each linked tech item supports a business item near it in time, as real enablers do.
    goals = sorted((i for i in items.values() if i.band == Band.BUSINESS), key=lambda i: i.end)
    goal_ends = [g.end for g in goals]
    links: dict[LinkId, Link] = {}
    for item in items.values():
        if item.band != Band.TECH or not goals or rnd.random() >= LINKED_SHARE:
            continue
        k = 2 if rnd.random() < SECOND_LINK_SHARE else 1
        near = bisect.bisect_left(goal_ends, item.end)
        lo, hi = max(near - 200, 0), min(near + 200, len(goals))
        for goal in rnd.sample(goals[lo:hi], min(k, hi - lo)):
            link_id = LinkId(len(links) + 1)
            links[link_id] = Link(link_id, LinkKind.SUPPORTS, item.id, goal.id, "Enables the goal")
    return Roadmap(info, lanes, items, links)


def write(path: Path | str, n_items: int, seed: int = 7) -> Roadmap:
    """Create the roadmap file at `path` (which must not exist); returns what was written."""
    from planner.store import Store

    roadmap = generate(n_items, seed)
    Store.create(Path(path), roadmap).close()
    return roadmap


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.roadmap_gen", description=__doc__.split("\n\n")[0])
    parser.add_argument("items", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    roadmap = write(args.out, args.items, args.seed)
    print(f"{args.out}: {len(roadmap.items):,} items, {len(roadmap.links):,} links")


if __name__ == "__main__":
    main()
