"""What the outline (issue 13) costs the timeline: lane packing and folding, beside flat packing in the same run.

    python -m benchmarks.outline [--items 10000] [--repeats 7]

The roadmap is `benchmarks.roadmap_gen`'s, given an outline made here: in each
lane, in start order, an item of four months or more becomes a parent and up
to four of the items starting inside its span become its children (about a
third of the items end up under a parent). Figures are medians of --repeats:

- pack, per band: `BandLayout.build` of both bands with no reach, for the same
  items without parents (the baseline: the flat packer), with the outline
  expanded, and with every parent collapsed.
- fold, in the real main window (offscreen, 1280x800): folding one parent and
  unfolding it again (`TimelineView.set_collapsed`, which re-lays out one band),
  beside what any edit costs the view today (`set_roadmap(fit=False)`).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks import roadmap_gen
from planner.layout import BandLayout
from planner.model import Band, Roadmap

MONTHS_FOR_PARENT = 120  # days
KIDS = 4


def with_outline(roadmap: Roadmap) -> Roadmap:
    items = dict(roadmap.items)
    by_lane: dict = {}
    for item in items.values():
        by_lane.setdefault(item.lane_id, []).append(item)
    for members in by_lane.values():
        parent, kids = None, 0
        for item in sorted(members, key=lambda i: (i.start, i.id)):
            if parent is not None and kids < KIDS and parent.start <= item.start and item.end <= parent.end:
                items[item.id] = dataclasses.replace(item, parent_id=parent.id)
                kids += 1
            elif (item.end - item.start).days >= MONTHS_FOR_PARENT:
                parent, kids = item, 0
    return dataclasses.replace(roadmap, items=items)


def median_ms(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def pack_figures(flat: Roadmap, outlined: Roadmap, repeats: int) -> list[tuple[str, float, float]]:
    parents = frozenset(i.parent_id for i in outlined.items.values() if i.parent_id is not None)

    def build(roadmap, collapsed=frozenset()):
        return lambda: [BandLayout.build(roadmap.lanes_of(b), roadmap.items_of(b), collapsed=collapsed) for b in Band]

    base = median_ms(build(flat), repeats)
    return [("pack both bands, no parents (flat packer)", base, base),
            ("pack both bands, outline expanded", median_ms(build(outlined), repeats), base),
            ("pack both bands, every parent collapsed", median_ms(build(outlined, parents), repeats), base)]


def fold_figures(outlined: Roadmap, repeats: int) -> list[tuple[str, float, float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from planner.store import Store
    from ui.qt_app import application
    from ui.shell.main_window import MainWindow

    app = application(["roadmap-planner"])
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_DATA_HOME"] = folder
        path = Path(folder) / "outline.roadmap"
        Store.create(path, outlined).close()
        window = MainWindow(persistent=False)
        window.load(path)
        window.resize(1280, 800)
        window.show()
        for _ in range(5):
            app.processEvents()
        view = window.timeline
        parent = next(iter(view.tech.layout.outline.parents))

        def fold():
            view.set_collapsed({parent})
            view.set_collapsed(())

        base = median_ms(lambda: view.set_roadmap(view.roadmap, fit=False), repeats)
        out = [("view: set_roadmap (what an edit costs now)", base, base),
               ("view: fold and unfold one tech parent (two re-layouts)", median_ms(fold, repeats), base)]
        window.close()
        window.document.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.outline", description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    outlined = with_outline(roadmap_gen.generate(args.items))
    flat = dataclasses.replace(outlined, items={k: dataclasses.replace(v, parent_id=None) for k, v in outlined.items.items()})
    under = sum(1 for i in outlined.items.values() if i.parent_id is not None)
    parents = len({i.parent_id for i in outlined.items.values() if i.parent_id is not None})
    print(f"{args.items:,} items, {parents:,} parents, {under:,} items under a parent; medians of {args.repeats}")
    rows = pack_figures(flat, outlined, args.repeats) + fold_figures(outlined, args.repeats)
    print(f"{'case':58} {'ms':>8} {'baseline ms':>12} {'ratio':>7}")
    for name, ms, base in rows:
        print(f"{name:58} {ms:8.1f} {base:12.1f} {ms / base:6.2f}x")


if __name__ == "__main__":
    main()
