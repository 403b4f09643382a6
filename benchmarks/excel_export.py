"""Board-pack export time beside openpyxl's own floor for the same cell values.

    python -m benchmarks.excel_export [--sizes 100,1000,10000] [--repeats 3]

For each size a synthetic roadmap is generated; the table shows the median
time of `export_board_pack` (building every sheet, styles, tables, print
settings, atomic write) and of openpyxl writing the very same cell values in
write-only mode with no styles (the floor for this library), both measured in
the same run, and their ratio. Targets: 1,000 items within 1 s; 10,000 items
within 2x the floor.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from exports.excel import build_board_pack, export_board_pack
from planner.dates import add_months
from planner.model import (
    Band,
    Decision,
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
    ReviewDecision,
    ReviewId,
    Risk,
    RiskCategory,
    RiskId,
    Roadmap,
    RoadmapInfo,
    Status,
)

TODAY = date(2026, 11, 16)
WORDS = ("platform customer data cloud store online growth margin security market revenue supplier "
         "automation service launch programme migration analytics loyalty payments network").split()


def synthetic_roadmap(n_items: int, seed: int = 1) -> Roadmap:
    """A roadmap of `n_items` items, half per band, linked, measured and reviewed like a real one."""
    rnd = random.Random(seed)
    info = RoadmapInfo(
        title="Synthetic Group Strategy", organisation="Synthetic Group", vision="Grow. " * 20,
        mission="Serve. " * 20, horizon_start=date(2026, 1, 1), business_years=5,
        tech_start=date(2026, 7, 1), tech_months=18, fiscal_year_start_month=4,
    )
    roadmap = Roadmap(info)
    colours = ["#c0813c", "#b8615a", "#a0648f", "#8f8a3a", "#4a7fb5", "#3a9a94", "#5d6fc4", "#4f9a62", "#9468bf"]
    for n, colour in enumerate(colours, 1):
        band = Band.BUSINESS if n <= 4 else Band.TECH
        roadmap.lanes[LaneId(n)] = Lane(LaneId(n), band, f"Lane {n} {rnd.choice(WORDS)}", colour, n)

    def sentence(k: int) -> str:
        return " ".join(rnd.choice(WORDS) for _ in range(k)).capitalize() + "."

    business, tech = [], []
    for n in range(1, n_items + 1):
        band = Band.BUSINESS if n % 2 else Band.TECH
        lane = LaneId(rnd.randint(1, 4) if band == Band.BUSINESS else rnd.randint(5, 9))
        start = add_months(date(2026, 1, 1), rnd.randint(0, 54 if band == Band.BUSINESS else 20))
        months = 0 if rnd.random() < 0.1 else rnd.randint(1, 24 if band == Band.BUSINESS else 12)
        end = add_months(start, months) if months else start
        item = Item(
            ItemId(n), band, lane, f"{sentence(4)[:-1]} {n}", start, end, description=sentence(16),
            owner=rnd.choice(["CEO", "CFO", "CTO", "CIO", "COO", "CMO", "Head of Data"]),
            status=rnd.choice(list(Status)), budget=rnd.choice([None, rnd.randint(1, 500) * 10_000]),
        )
        roadmap.items[item.id] = item
        (business if band == Band.BUSINESS else tech).append(item.id)
    link_id = 0
    for t in tech:
        if rnd.random() < 0.9:
            for b in rnd.sample(business, min(len(business), rnd.randint(1, 2))):
                link_id += 1
                roadmap.links[LinkId(link_id)] = Link(LinkId(link_id), LinkKind.SUPPORTS, t, b, sentence(12))
    for n in range(1, max(n_items // 100, 1) + 1):
        metric = Metric(MetricId(n), f"Metric {n}", "%", 10.0, 20.0, date(2028, 3, 31), rnd.choice(business),
                        tuple(rnd.sample(tech, min(len(tech), 2))), sentence(8))
        roadmap.metrics[metric.id] = metric
        for k in range(4):
            mid = MeasurementId(len(roadmap.measurements) + 1)
            roadmap.measurements[mid] = Measurement(mid, metric.id, add_months(date(2025, 12, 31), 3 * k), 10 + k * 1.5)
    for n in range(1, max(n_items // 20, 1) + 1):
        roadmap.risks[RiskId(n)] = Risk(RiskId(n), rnd.choice(business + tech), rnd.choice(list(RiskCategory)),
                                        rnd.randint(1, 5), rnd.randint(1, 5), sentence(14), sentence(14))
    for n in range(1, 5):
        decisions = tuple(
            ReviewDecision(i, roadmap.items[i].title, rnd.choice(list(Decision)), sentence(10))
            for i in rnd.sample(business + tech, min(n_items, max(n_items // 200, 2)))
        )
        roadmap.reviews[ReviewId(n)] = Review(ReviewId(n), add_months(date(2026, 3, 31), 3 * (n - 1)), sentence(30), decisions)
    return roadmap


def floor_values(roadmap: Roadmap) -> list[tuple[str, list[list]]]:
    """The export's cell values, sheet by sheet, as plain Python values (openpyxl's input)."""
    return [(s.name, [[c.value if c else None for c in row] for row in s.rows]) for s in build_board_pack(roadmap, TODAY)]


def write_floor(sheets: list[tuple[str, list[list]]], path: Path) -> None:
    """openpyxl write-only with those values and nothing else: no styles, tables or print settings."""
    wb = Workbook(write_only=True)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        for values in rows:
            ws.append(values)
    wb.save(path)


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.excel_export")
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    print(f"{'items':>7} {'cells':>9} {'export s':>9} {'floor s':>8} {'ratio':>6} {'MB':>6}  target")
    with tempfile.TemporaryDirectory() as tmp:
        out, floor_out = Path(tmp) / "pack.xlsx", Path(tmp) / "floor.xlsx"
        for n in sizes:
            roadmap = synthetic_roadmap(n)
            values = floor_values(roadmap)
            cells = sum(v is not None for _, rows in values for row in rows for v in row)
            write_floor(values, floor_out)  # warm-up
            export_board_pack(roadmap, out, today=TODAY)
            exports, floors = [], []
            for _ in range(args.repeats):  # interleaved, so drift on a noisy machine hits both alike
                exports.append(_time(lambda: export_board_pack(roadmap, out, today=TODAY)))
                floors.append(_time(lambda: write_floor(values, floor_out)))
            export_s, floor_s = statistics.median(exports), statistics.median(floors)
            ratio = export_s / floor_s
            target = "<= 1 s" if n == 1000 else "<= 2x floor" if n >= 10000 else ""
            ok = {"<= 1 s": export_s <= 1.0, "<= 2x floor": ratio <= 2.0}.get(target)
            verdict = "" if ok is None else ("met" if ok else "MISSED")
            mb = out.stat().st_size / 1e6
            print(f"{n:>7,} {cells:>9,} {export_s:>9.3f} {floor_s:>8.3f} {ratio:>5.2f}x {mb:>6.2f}  {target} {verdict}")


if __name__ == "__main__":
    main()
