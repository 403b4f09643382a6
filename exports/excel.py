"""The Excel board pack: a workbook a board can read on screen and print.

`build_board_pack` turns a roadmap into plain `Sheet`s (testable without a
workbook); `export_board_pack` writes them through openpyxl's streaming writer
to a temporary file beside the target and renames it into place when complete.
Every sheet is laid out for A4 landscape at 100% (see print_layout); each
sheet's `printed_pages` says how many pages it prints on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from exports.board_facts import SupportLinks
from exports.excel_alignment import build_alignment, build_links
from exports.excel_cells import Sheet
from exports.excel_investment import build_investment
from exports.excel_item_tables import build_item_table
from exports.excel_outcomes import build_outcomes
from exports.excel_registers import build_reviews, build_risks
from exports.excel_roadmap_grid import build_roadmap_grid
from exports.excel_summary import build_summary
from exports.excel_timeline import PictureRequest, TimelineRenderer, build_timeline, plan_pictures
from exports.excel_writer import PageInfo, discard, new_workbook, write_sheet
from planner.alignment import AlignmentReport, analyse
from planner.atomic import WriteError as ExportError  # the name the exporters' callers know
from planner.atomic import atomic_path
from planner.model import Band, Roadmap

__all__ = ["ExportError", "PictureRequest", "SHEET_NAMES", "TimelineRenderer", "build_board_pack",
           "export_board_pack", "plan_pictures"]

# The Timeline sheet is there when a picture of the timeline is given.
SHEET_NAMES = ("Summary", "Timeline", "Business roadmap", "Tech roadmap", "Business", "Technology", "Alignment",
               "Links", "Outcomes", "Measurements", "Investment", "Risks", "Reviews")
SUBJECT = "Strategy roadmap board pack"

Progress = Callable[[int, int], None]


def build_board_pack(
    roadmap: Roadmap,
    today: date,
    *,
    timeline: TimelineRenderer | None = None,
    picture_png: bytes | None = None,
    report: AlignmentReport | None = None,
) -> list[Sheet]:
    """Every sheet of the board pack, in order, as plain content. `report` is the roadmap's alignment
    as of `today` (analysed here when not given)."""
    links = SupportLinks.of(roadmap)
    report = report if report is not None else analyse(roadmap, today)
    sheets = [
        build_summary(roadmap, today, findings=report.findings, alignment_score=report.score,
                      score_reason=report.score_reason, links=links),
        build_timeline(roadmap, renderer=timeline, picture_png=picture_png),
        build_roadmap_grid(roadmap, today, Band.BUSINESS),
        build_roadmap_grid(roadmap, today, Band.TECH),
        build_item_table(roadmap, Band.BUSINESS, links),
        build_item_table(roadmap, Band.TECH, links),
        build_alignment(roadmap, links),
        build_links(roadmap, links),
        *build_outcomes(roadmap, today),
        build_investment(roadmap),
        build_risks(roadmap),
        build_reviews(roadmap),
    ]
    return [s for s in sheets if s is not None]


def export_board_pack(
    roadmap: Roadmap,
    path: Path | str,
    *,
    today: date,
    timeline: TimelineRenderer | None = None,
    picture_png: bytes | Path | None = None,
    report: AlignmentReport | None = None,
    progress: Progress | None = None,
) -> None:
    """Write the board pack workbook to `path`.

    `today` is the as-of date (the current month is marked, metric status is
    judged against it). `timeline` draws the Timeline sheet's pictures: it is
    called with each `PictureRequest` (see excel_timeline) and returns PNG bytes
    of exactly the size asked for. Failing that, `picture_png` (bytes or a file)
    is placed on the Timeline sheet scaled to fit; with neither there is no
    Timeline sheet and the workbook is complete all the same.
    `report` (planner.alignment's, as of `today`) fills the Summary's alignment
    section; without it the exporter analyses the roadmap itself. `progress(done, total)` is
    called as the work advances; an exception raised from it cancels the
    export. Raises ExportError naming the file when it cannot be written; an
    existing file at `path` is then left as it was.
    """
    path = Path(path)
    if isinstance(picture_png, (str, Path)):
        try:
            picture_png = Path(picture_png).read_bytes()
        except OSError as e:
            raise ExportError(picture_png, f"cannot read the timeline picture ({e.strerror or e})") from e
    notify = progress or (lambda done, total: None)
    sheets = build_board_pack(roadmap, today, timeline=timeline, picture_png=picture_png, report=report)
    rows = sum(s.n_rows for s in sheets)
    total = rows + rows // 8 + 1  # the final save is roughly an eighth of the row writing
    done = 0
    notify(done, total)

    def tick(n: int) -> None:
        nonlocal done
        if n:
            done += n
            notify(done, total)

    info = roadmap.info
    wb = new_workbook(info.title, info.organisation, SUBJECT)
    page = PageInfo(info.title, info.organisation, today, info.currency)

    with atomic_path(path) as tmp:
        try:
            for sheet in sheets:
                write_sheet(wb, sheet, page, tick)
            wb.save(tmp)
        except BaseException:
            discard(wb)
            raise
    notify(total, total)
