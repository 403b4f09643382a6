"""Board-slides export time beside python-pptx's own floor for the same number of shapes.

    python -m benchmarks.slides_export [--sizes 40,1000,5000] [--repeats 3]

For each size a synthetic roadmap is generated (benchmarks/excel_export.py's:
linked, measured, reviewed, with risks, so every kind of slide is made). The
table shows the median time of `export_slides` (planning the split, every
shape, table, chart and note, the atomic write) and of python-pptx's own API
adding the same number of plain rectangles to the same number of slides and
saving (the floor for this library, measured in the same run), their ratio,
and how many slides and timeline slides the deck holds. Target: 1,000 items
within 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches

from benchmarks.excel_export import synthetic_roadmap
from exports.slides import build_deck, export_slides

TODAY = date(2026, 11, 16)


def _shape_counts(path: Path) -> list[int]:
    return [len(slide.shapes) for slide in Presentation(str(path)).slides]


def _floor(counts: list[int], path: Path) -> None:
    """python-pptx's shape API: the same number of slides and plain rectangles, then save."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    layout = deck.slide_layouts[6]
    for n in counts:
        slide = deck.slides.add_slide(layout)
        for k in range(n):
            slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(0.1 + k % 100 * 0.12), Inches(0.1 + k // 100 * 0.2),
                                   Inches(0.1), Inches(0.1))
    deck.save(str(path))


def _median(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="40,1000,5000")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"{'items':>6} {'slides':>6} {'timeline':>8} {'shapes':>7} {'export s':>9} {'floor s':>8} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            roadmap = synthetic_roadmap(size)
            deck = Path(tmp) / f"deck-{size}.pptx"
            export = _median(lambda: export_slides(roadmap, deck, today=TODAY, source="synthetic.roadmap"), args.repeats)
            counts = _shape_counts(deck)
            floor = _median(lambda: _floor(counts, Path(tmp) / "floor.pptx"), args.repeats)
            timeline = sum(1 for s in build_deck(roadmap, TODAY, "synthetic.roadmap") if s.kind == "timeline")
            print(f"{size:>6} {len(counts):>6} {timeline:>8} {sum(counts):>7} {export:>9.2f} {floor:>8.2f} {export / floor:>6.2f}")


if __name__ == "__main__":
    main()
