"""Alignment analysis time beside the floor of merely touching the same data.

    python -m benchmarks.alignment [--sizes 1000,10000,50000] [--repeats 7]

For each size a synthetic roadmap is built in code (half business, half tech
items, links = half the items, a metric per 100 items with quarterly
measurements, four reviews). The table shows the median time of
`analyse(roadmap, today)` and of a floor measured in the same run: one pass
over the items plus building a dict of supports links by source, the least
any whole-roadmap analysis must do. Target: 10,000 items within 50 ms (the
app re-runs the analysis after every edit).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date

from planner.alignment import analyse
from planner.dates import add_months
from planner.model import (
    Band,
    Item,
    ItemId,
    Lane,
    LaneId,
    Link,
    LinkId,
    LinkKind,
    Measurement,
    MeasurementId,
    Metric,
    MetricId,
    Review,
    ReviewId,
    Roadmap,
    RoadmapInfo,
    Status,
)

TODAY = date(2026, 11, 16)
TARGET_S = {10_000: 0.050}
OWNERS = ["CEO", "CFO", "COO", "CMO", "Chief Digital Officer", "CTO", "CIO", "Head of Data", "CISO",
          "Head of Engineering", "Jane Smith", ""]


def synthetic_roadmap(n_items: int, seed: int = 1) -> Roadmap:
    """A roadmap of `n_items` items with n/2 supports links and a realistic mix of problems."""
    rnd = random.Random(seed)
    info = RoadmapInfo(title="Synthetic", horizon_start=date(2026, 1, 1), business_years=5,
                       tech_start=date(2026, 7, 1), tech_months=18)
    roadmap = Roadmap(info)
    for n in range(1, 10):
        band = Band.BUSINESS if n <= 4 else Band.TECH
        roadmap.lanes[LaneId(n)] = Lane(LaneId(n), band, f"Lane {n}", "#4a7fb5", n)
    business: list[ItemId] = []
    tech: list[ItemId] = []
    statuses = list(Status)
    for n in range(1, n_items + 1):
        band = Band.BUSINESS if n % 2 else Band.TECH
        lane = LaneId(rnd.randint(1, 4) if band == Band.BUSINESS else rnd.randint(5, 9))
        start = add_months(date(2026, 1, 1), rnd.randint(0, 54 if band == Band.BUSINESS else 20))
        months = 0 if rnd.random() < 0.1 else rnd.randint(1, 24 if band == Band.BUSINESS else 26)
        item = Item(
            ItemId(n), band, lane, f"Item {n}", start, add_months(start, months),
            owner=rnd.choice(OWNERS), status=rnd.choice(statuses),
            budget=None if rnd.random() < 0.2 else rnd.randint(1, 500) * 10_000,
        )
        roadmap.items[item.id] = item
        (business if band == Band.BUSINESS else tech).append(item.id)
    link_id = 0
    sources = rnd.sample(tech, int(len(tech) * 0.9))
    sources += rnd.sample(sources, n_items // 2 - len(sources))  # a few tech items support two goals
    for t in sources:
        link_id += 1
        roadmap.links[LinkId(link_id)] = Link(LinkId(link_id), LinkKind.SUPPORTS, t, rnd.choice(business))
    for n in range(1, max(n_items // 100, 1) + 1):
        metric = Metric(MetricId(n), f"Metric {n}", "%", 10.0, 20.0, date(2028, 3, 31), rnd.choice(business),
                        tuple(rnd.sample(tech, min(len(tech), 2))))
        roadmap.metrics[metric.id] = metric
        for k in range(4):
            mid = MeasurementId(len(roadmap.measurements) + 1)
            roadmap.measurements[mid] = Measurement(mid, metric.id, add_months(date(2025, 12, 31), 3 * k), 10.0 + k)
    for n in range(1, 5):
        roadmap.reviews[ReviewId(n)] = Review(ReviewId(n), add_months(date(2026, 3, 31), 3 * (n - 1)))
    return roadmap


def floor(roadmap: Roadmap) -> None:
    """The least a whole-roadmap analysis does: look at every item, index the links once."""
    for _ in roadmap.items.values():
        pass
    by_source: dict[ItemId, list[Link]] = {}
    for link in roadmap.links.values():
        by_source.setdefault(link.source_id, []).append(link)


def _median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.alignment")
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    print(f"{'items':>7} {'links':>7} {'findings':>8} {'analyse ms':>10} {'floor ms':>9} {'ratio':>7}  target")
    for n in (int(s) for s in args.sizes.split(",")):
        roadmap = synthetic_roadmap(n)
        report = analyse(roadmap, TODAY)  # warm-up
        floor(roadmap)
        analyse_s = _median_time(lambda: analyse(roadmap, TODAY), args.repeats)
        floor_s = _median_time(lambda: floor(roadmap), args.repeats)
        target = TARGET_S.get(n)
        verdict = "" if target is None else f"<= {target * 1000:.0f} ms {'met' if analyse_s <= target else 'MISSED'}"
        print(f"{n:>7,} {len(roadmap.links):>7,} {len(report.findings):>8,} {analyse_s * 1000:>10.1f} "
              f"{floor_s * 1000:>9.2f} {analyse_s / floor_s:>6.1f}x  {verdict}")


if __name__ == "__main__":
    main()
