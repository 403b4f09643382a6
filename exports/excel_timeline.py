"""The Timeline sheet: the dual timeline as a picture rendered for the printed page.

The exporter owns the page, the caller owns the drawing. `plan_pictures` decides
how many pages the timeline gets (both bands on one page, or a page per band
when one page cannot hold both legibly) and what each picture must be: its exact
pixel size, the print resolution, and the smallest text it may draw. The caller's
renderer (Qt lives in ui/, never here) draws each `PictureRequest` and returns
PNG bytes of exactly that size; the sheet places each at the printed size, so a
font of `text_px` pixels prints at `text_pt` points.
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
FIXED_PT = 96.0


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


TimelineRenderer = Callable[[PictureRequest], bytes]


def picture_area_pt() -> tuple[float, float]:
    """The printed size of one timeline picture: the page body below the caption."""
    width = print_layout.BODY_WIDTH_PT - 4
    height = print_layout.BODY_HEIGHT_PT - print_layout.HEIGHT_SLACK_PT - CAPTION_PT - GAP_PT - 3
    return width, height


def plan_pictures(roadmap: Roadmap, dpi: int = PICTURE_DPI,
                  text_pt: float = print_layout.MIN_PICTURE_TEXT_PT) -> list[PictureRequest]:
    """One request for both bands when a page holds them with `text_pt` titles, else one per band."""
    width_pt, height_pt = picture_area_pt()
    rows = {band: BandLayout.build(roadmap.lanes_of(band), roadmap.items_of(band)).height for band in Band}
    needed = sum(max(r, 1.0) for r in rows.values()) * ROW_PER_TEXT_PT * text_pt + FIXED_PT
    bands: list[Band | None] = [None] if needed <= height_pt else [Band.BUSINESS, Band.TECH]
    size = (math.floor(width_pt * dpi / 72), math.floor(height_pt * dpi / 72))
    return [PictureRequest(band, *size, dpi=dpi, text_pt=text_pt) for band in bands]


def build_timeline(roadmap: Roadmap, *, renderer: TimelineRenderer | None = None,
                   picture_png: bytes | None = None) -> Sheet | None:
    """The Timeline sheet from `renderer` (pictures made for the page), or from a ready-made
    `picture_png` scaled to fit; None when there is neither."""
    if renderer is None and picture_png is None:
        return None
    sheet = Sheet(SHEET_NAME, widths=[print_layout.PAGE_UNITS / COLUMNS] * COLUMNS, title_rows=1, show_gridlines=False)
    width_pt, height_pt = picture_area_pt()
    if renderer is not None:
        requests = plan_pictures(roadmap)
        pictures = []
        for request in requests:
            png = renderer(request)
            if png_size(png) != (request.width_px, request.height_px):
                raise ValueError(f"the timeline picture is {'x'.join(map(str, png_size(png)))} pixels, "
                                 f"not the {request.width_px}x{request.height_px} asked for")
            pictures.append((png, *request.printed_size_pt, request.band))
        one_page = requests[0].band is None
    else:
        w, h = png_size(picture_png)
        scale = min(width_pt / w, height_pt / h)
        pictures = [(picture_png, w * scale, h * scale, None)]
        one_page = True
    caption = ("The dual timeline, drawn for this page: business strategy above, the technology work that enables "
               "it below; curves link each tech item to the business goal it supports." if one_page else
               "The dual timeline, a band to a page so that its titles stay legible; the Alignment and Links "
               "sheets say which tech work supports which goal.")
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
