"""The board slides: a 16:9 PowerPoint deck of native, editable shapes and charts.

`build_deck` turns a roadmap into plain `Slide`s in the order a board meets
them (title, the timeline, alignment, shared outcomes, since the last review,
risks); the presentation mode shows the same sequence. `export_slides` draws
them with python-pptx and writes the deck atomically. Every slide's speaker
notes say where its figures come from: the file and the as-of date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from exports.board_facts import BAND_NAMES, SupportLinks
from exports.slide_blocks import Slide
from exports.slide_content import alignment_slide, day, drift_slide, outcome_slides, risks_slide, title_slide
from exports.slide_timeline import plan_timeline
from planner.alignment import AlignmentReport, analyse
from planner.atomic import WriteError as ExportError  # the name the exporters' callers know
from planner.atomic import atomic_path
from planner.drift import drift_since_latest
from planner.model import Band, Roadmap, Status

__all__ = ["ExportError", "build_deck", "export_slides"]

Progress = Callable[[int, int], None]


def build_deck(roadmap: Roadmap, today: date, source: str, report: AlignmentReport | None = None) -> list[Slide]:
    """Every slide of the deck, in order, as plain content. `source` names the file in the notes."""
    report = report or analyse(roadmap, today)
    where = f"Figures from {source} as of {day(today)}."
    slides = [title_slide(roadmap, today, f"{where}\nTitle, organisation, vision and mission as recorded in the roadmap.")]
    late = [f.item_ids for f in report.findings if f.rule == "late-enabler" and len(f.item_ids) == 2]
    links = SupportLinks.of(roadmap)
    pages = plan_timeline(roadmap, today, late)
    for n, page in enumerate(pages, 1):
        counts = {band: sum(1 for b in page.blocks if b.band == band for _ in b.bars) for band in Band}
        shown = ", ".join(f"{c} {BAND_NAMES[b].lower()} items" for b, c in counts.items() if c)
        notes = (f"{where}\nTimeline slide {n} of {len(pages)}: {shown}, bars clipped to this slide's period; "
                 f"today ({day(today)}) is the orange line. Status colours as in the app.")
        goals = tuple(dict.fromkeys(b.item_id for b in page.bars  # finished goals are history: not brought into focus
                                    if b.item_id in links.supported_by and roadmap.items[b.item_id].status != Status.DONE))
        slides.append(Slide(page.title, page.subtitle, (), page, notes, "timeline", goals))
    slides.append(alignment_slide(roadmap, report, f"{where}\nScore and findings from the alignment rules "
                                                   f"(roadmap-planner check) run on {day(today)}."))
    slides += outcome_slides(roadmap, today, f"{where}\nMeasurements, baseline and target as recorded for this "
                                             f"shared outcome; status judged as of {day(today)}.")
    drift = drift_since_latest(roadmap)
    since = f"baseline recorded at the review of {day(drift.review.held_on)}" if drift else "no review recorded"
    slides.append(drift_slide(drift, f"{where}\nDrift compares item dates with the {since}; "
                                     "decisions as recorded at that review."))
    slides.append(risks_slide(roadmap, f"{where}\nRisk register: score = likelihood × impact (1-5 each); "
                                       "15 or more is high, 8 or more medium."))
    return slides


def export_slides(roadmap: Roadmap, path: Path | str, *, today: date, source: str | None = None,
                  report: AlignmentReport | None = None, progress: Progress | None = None) -> int:
    """Write the deck to `path`; returns the number of slides.

    Raises ExportError naming the file when it cannot be written; an existing
    file at `path` is then left as it was. `progress(done, total)` is called per
    slide; an exception raised from it cancels the export.
    """
    from exports.pptx_deck import draw_deck

    path = Path(path)
    slides = build_deck(roadmap, today, source or path.name, report)
    with atomic_path(path) as tmp:
        draw_deck(slides, roadmap, tmp, progress)
    return len(slides)
