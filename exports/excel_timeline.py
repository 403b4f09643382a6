"""The Timeline sheet: the dual timeline as a picture rendered for the printed page.

The exporter owns the page, the caller owns the drawing. `plan_pictures` decides
how many pages the timeline gets (both bands on one page, or a page per band
when one page cannot hold both legibly) and what each picture must be: its exact
pixel size, the print resolution, and the smallest text it may draw. The caller's
renderer (Qt lives in ui/, never here) draws each `PictureRequest` and returns
PNG bytes of exactly that size; the sheet places each at the printed size, so a
font of `text_px` pixels prints at `text_pt` points. A renderer that cannot
title both bands on one picture answers None, and gets asked for a band a page.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from exports import print_layout
from exports.excel_cells import TEXT_PT, Cell, Picture, Sheet, Style, png_size
from planner.layout import BandLayout
from planner.model import Band, Roadmap

SHEET_NAME = "Timeline"
PICTURE_DPI = 200  # sharp in print, about 2,200 x 1,300 pixels a page
CAPTION_PT = 18.0
GAP_PT = 4.0  # between the caption and the picture: a picture starting on a page's edge is drawn on both pages
CAPTION = Style(italic=True, colour="6B7280", size=TEXT_PT, valign="center")
COLUMNS = 16
# What one page must hold, in printed points, for titles of `text_pt`: a lane row per packed row
# (a bar of 70% of the row holding its title) plus the title line, the two date axes, the gap between
# the bands and the legend.
ROW_PER_TEXT_PT = 1.5
FIXED_LINES = 12.0  # title, axes, gap and legend, in lines of text
MAX_TEXT_PT = 10.0  # a band alone on a page gets larger text, up to this


@dataclass(frozen=True)
class PictureRequest:
    """One picture of the timeline, drawn for one printed page.

    `band` is None for both bands (with the links between them), or the one band
    to draw. The PNG must be exactly `width_px` x `height_px`; it prints at
    `dpi` pixels per inch, so text drawn `text_px` pixels high prints at `text_pt`.
    """

    band: Band | None
    width_px: int
    height_px: int
    dpi: int
    text_pt: float = print_layout.MIN_PICTURE_TEXT_PT

    @property
    def text_px(self) -> float:
        """The smallest font size, in pixels, the picture may draw."""
        return self.text_pt * self.dpi / 72

    def font_scale(self, screen_text_px: float) -> float:
        """How much to enlarge fonts that are `screen_text_px` on screen, so they print at `text_pt` or more."""
        return max(self.text_px / screen_text_px, 1.0)

    @property
    def printed_size_pt(self) -> tuple[float, float]:
        return self.width_px * 72 / self.dpi, self.height_px * 72 / self.dpi


TimelineRenderer = Callable[[PictureRequest], "bytes | None"]


def picture_area_pt() -> tuple[float, float]:
    """The printed size of one timeline picture: the page body below the caption."""
    width = print_layout.BODY_WIDTH_PT - 4
    height = print_layout.BODY_HEIGHT_PT - print_layout.HEIGHT_SLACK_PT - CAPTION_PT - GAP_PT - 3
    return width, height


def plan_pictures(roadmap: Roadmap, *, separate: bool = False, dpi: int = PICTURE_DPI) -> list[PictureRequest]:
    """One request for both bands when a page may hold them with 8 pt titles (and not `separate`),
    else one per band, each with the largest text (up to 10 pt) its rows leave room for."""
    width_pt, height_pt = picture_area_pt()
    size = (math.floor(width_pt * dpi / 72), math.floor(height_pt * dpi / 72))
    rows = {band: max(BandLayout.build(roadmap.lanes_of(band), roadmap.items_of(band)).height, 1.0) for band in Band}

    def text_pt(n_rows: float) -> float:
        return height_pt / (n_rows * ROW_PER_TEXT_PT + FIXED_LINES)

    smallest = print_layout.MIN_PICTURE_TEXT_PT
    if not separate and text_pt(sum(rows.values())) >= smallest:
        return [PictureRequest(None, *size, dpi=dpi, text_pt=smallest)]
    return [PictureRequest(band, *size, dpi=dpi, text_pt=min(max(text_pt(rows[band]), smallest), MAX_TEXT_PT))
            for band in (Band.BUSINESS, Band.TECH)]


def build_timeline(roadmap: Roadmap, *, renderer: TimelineRenderer | None = None,
                   picture_png: bytes | None = None) -> Sheet | None:
    """The Timeline sheet from `renderer` (pictures made for the page), or from a ready-made
    `picture_png` scaled to fit; None when there is neither."""
    if renderer is None and picture_png is None:
        return None
    sheet = Sheet(SHEET_NAME, widths=[print_layout.PAGE_UNITS / COLUMNS] * COLUMNS, title_rows=1, show_gridlines=False)
    width_pt, height_pt = picture_area_pt()
    if renderer is not None:
        pictures = _render(renderer, plan_pictures(roadmap))
        if pictures is None:  # both bands would not keep their titles on one page
            pictures = _render(renderer, plan_pictures(roadmap, separate=True))
        if pictures is None:
            raise ValueError("the timeline renderer drew no picture of a single band")
        one_page = pictures[0][3] is None
    else:
        w, h = png_size(picture_png)
        scale = min(width_pt / w, height_pt / h)
        pictures = [(picture_png, w * scale, h * scale, None)]
        one_page = True
    caption = ("Business strategy above, the technology that enables it below; each curve links a tech item "
               "to the goal it supports." if one_page else
               "A band to a page, so that every title stays legible; the Alignment and Links sheets say "
               "which tech work supports which goal.")
    r = sheet.append([Cell(caption, CAPTION)])
    sheet.heights[r] = CAPTION_PT
    for n, (png, width, height, _band) in enumerate(pictures):
        first = sheet.append()
        sheet.heights[first] = GAP_PT
        sheet.pictures.append(Picture(png, first + 1, 1, width, height))
        for half in (1, 2):  # a row holds at most 409 pt: two rows under each picture
            sheet.heights[sheet.append()] = math.ceil(height / 2) + (1 if half == 2 else 0)
        sheet.keep_together(first, sheet.n_rows)
        if n < len(pictures) - 1:
            sheet.page_breaks.append(sheet.n_rows)
    return sheet


def _render(renderer: TimelineRenderer, requests: list[PictureRequest]):
    """(png, printed width, printed height, band) for each request, or None when the renderer declines."""
    pictures = []
    for request in requests:
        png = renderer(request)
        if png is None:
            return None
        if png_size(png) != (request.width_px, request.height_px):
            raise ValueError(f"the timeline picture is {'x'.join(map(str, png_size(png)))} pixels, "
                             f"not the {request.width_px}x{request.height_px} asked for")
        pictures.append((png, *request.printed_size_pt, request.band))
    return pictures
