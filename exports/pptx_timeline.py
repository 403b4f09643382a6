"""A timeline page as native PowerPoint shapes a person can click, move and retitle.

Lanes are tinted bands holding their names; items are rounded rectangles (or
diamonds for milestones) in lane colours holding their titles; links are
connectors glued to the items they join. Shapes go in back to front: lanes,
tech window, grid, today line, connectors, items, so links pass beneath the
titles. Item shapes are named "item <id>", connectors "link <source>-<target>".
"""

from __future__ import annotations

from exports.pptx_draw import one_line
from exports.pptx_xml import ShapeWriter
from exports.slide_style import (
    CONTENT_BOTTOM,
    GRID,
    LANE_ALPHA,
    LATE_LINK,
    LINK,
    MARGIN,
    MUTED,
    TEXT,
    TODAY,
    WINDOW,
    WINDOW_ALPHA,
    fill_of,
    outline_of,
)
from exports.slide_text import text_width
from exports.slide_timeline import (
    AXIS_PT,
    BAR_PT,
    GAP,
    INSET,
    LANE_PT,
    PLOT_X0,
    PLOT_X1,
    BandBlock,
    BarBox,
    TimelinePage,
)
from planner.model import LinkKind, Status

BAND_LABEL = {"business": "Business", "tech": "Technology"}
# Connection sites of rectangles and diamonds: top, left, bottom, right.
TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3
LEGEND_COLOUR = "#4a7fb5"
MAJOR_GRID = "#a9adb3"


def draw_timeline(slide, page: TimelinePage) -> None:
    out = ShapeWriter(slide)
    for block in page.blocks:
        _background(out, block)
    ids = {bar.item_id: out.new_id() for bar in page.bars}
    bars = {bar.item_id: bar for bar in page.bars}
    for c in page.connectors:
        source, target = bars[c.source_id], bars[c.target_id]
        if c.kind == LinkKind.SUPPORTS:  # a curve from the top of the tech item up to the bottom of the business item
            geometry = "curvedConnector3"
            begin, end = (TOP, (source.x + source.w / 2, source.y)), (BOTTOM, (target.x + target.w / 2, target.y + target.h))
        else:  # a straight line from the end of one item to the start of the next (a curve here loops round the bar)
            geometry = "straightConnector1"
            begin, end = (RIGHT, (source.x + source.w, source.y + source.h / 2)), (LEFT, (target.x, target.y + target.h / 2))
        out.connector(geometry, *begin[1], *end[1], name=f"link {c.source_id}-{c.target_id}",
                      colour=LATE_LINK if c.late else LINK, pt=1.75 if c.late else 1.0,
                      dashed=c.kind == LinkKind.DEPENDS, start=(ids[c.source_id], begin[0]), end=(ids[c.target_id], end[0]))
    for bar in page.bars:  # after the connectors, so every title sits above every link
        _bar(out, bar, ids[bar.item_id])
    _legend(out, page)


def _background(out: ShapeWriter, block: BandBlock) -> None:
    plot_top = block.lanes[0].y if block.lanes else block.top + block.height
    bottom = block.top + block.height
    for lane in block.lanes:
        out.shape("rect", MARGIN, lane.y, PLOT_X1 - MARGIN, lane.h, name=f"lane {lane.lane_id}", fill=lane.colour,
                  alpha=LANE_ALPHA, text=one_line(lane.name), pt=LANE_PT, bold=True, wrap=True, inset_l=0.08,
                  inset_r=PLOT_X1 - PLOT_X0 + 0.07)
    if block.window:
        x0, x1 = block.window
        out.shape("rect", x0, plot_top, x1 - x0, bottom - plot_top, name="tech window", fill=WINDOW,
                  alpha=WINDOW_ALPHA, outline=WINDOW, outline_pt=1.0, dashed=True)
    out.shape("rect", MARGIN, block.top, PLOT_X0 - MARGIN - 0.1, plot_top - block.top, name="band",
              text=BAND_LABEL[block.band.value], pt=13, bold=True, anchor="b", inset_l=0.08, text_box=True)
    ticks = list(block.ticks)
    row_h = (plot_top - block.top) / 2
    for n, tick in enumerate(ticks):
        y = block.top if tick.major else block.top + row_h
        out.connector("line", tick.x, y, tick.x, bottom, name="grid", colour=MAJOR_GRID if tick.major else GRID, pt=0.75)
        later = [t.x for t in ticks[n + 1:] if t.major or not tick.major]
        room = (later[0] if later else PLOT_X1) - tick.x
        if tick.text and text_width(tick.text, AXIS_PT, tick.major) + 0.1 <= room:
            out.shape("rect", tick.x, y, room, row_h, name="axis", text=tick.text, pt=AXIS_PT, bold=tick.major,
                      colour=TEXT if tick.major else MUTED, inset_l=0.05, text_box=True)
    if block.today_x is not None:
        out.connector("line", block.today_x, plot_top, block.today_x, bottom, name="today", colour=TODAY, pt=2.0)


def _bar(out: ShapeWriter, bar: BarBox, shape_id: int) -> None:
    # A diamond's text area is its middle half, so a title beside it starts a quarter width in.
    inner = bar.w / 4 if bar.milestone else 0.0
    beside = bar.w - inner + GAP
    placement = {
        "inside": dict(inset_l=INSET),
        "right": dict(indent_l=beside),  # the title starts just after the bar
        "left": dict(indent_r=beside, align="right"),  # the title ends just before the bar
    }[bar.label]
    out.shape("diamond" if bar.milestone else "roundRect", bar.x, bar.y, bar.w, bar.h, name=f"item {bar.item_id}",
              shape_id=shape_id, fill=bar.fill, outline=bar.outline, outline_pt=bar.outline_pt, text=one_line(bar.title),
              pt=BAR_PT, colour=bar.text_colour, **placement)


def _legend(out: ShapeWriter, page: TimelinePage) -> None:
    """Status and milestone keys along the foot of the slide, then today, tech window and links where shown."""
    y = CONTENT_BOTTOM + 0.12
    x = MARGIN
    for status in Status:
        outline, outline_pt = outline_of(LEGEND_COLOUR, status)
        out.shape("roundRect", x, y + 0.04, 0.28, 0.17, name="legend", fill=fill_of(LEGEND_COLOUR, status),
                  outline=outline, outline_pt=outline_pt)
        x = _label(out, x + 0.33, y, status.label)
    out.shape("diamond", x, y + 0.025, 0.2, 0.2, name="legend", fill=LEGEND_COLOUR)
    x = _label(out, x + 0.26, y, "Milestone")
    if any(b.today_x is not None for b in page.blocks):
        out.connector("line", x + 0.08, y, x + 0.08, y + 0.25, name="legend", colour=TODAY, pt=2.0)
        x = _label(out, x + 0.18, y, "Today")
    if any(b.window for b in page.blocks):
        out.shape("rect", x, y + 0.04, 0.28, 0.17, name="legend", fill=WINDOW, alpha=WINDOW_ALPHA, outline=WINDOW,
                  outline_pt=1.0, dashed=True)
        x = _label(out, x + 0.33, y, "Tech window")
    kinds = {(c.kind, c.late) for c in page.connectors}
    for label, key, colour, pt in (("Supports", (LinkKind.SUPPORTS, False), LINK, 1.0),
                                   ("Late enabler", (LinkKind.SUPPORTS, True), LATE_LINK, 1.75),
                                   ("Depends", (LinkKind.DEPENDS, False), LINK, 1.0)):
        if key in kinds or (key[0] == LinkKind.DEPENDS and (LinkKind.DEPENDS, True) in kinds):
            out.connector("line", x, y + 0.125, x + 0.3, y + 0.125, name="legend", colour=colour, pt=pt,
                          dashed=key[0] == LinkKind.DEPENDS)
            x = _label(out, x + 0.34, y, label)


def _label(out: ShapeWriter, x: float, y: float, text: str) -> float:
    w = text_width(text, 10) + 0.1
    out.shape("rect", x, y, w, 0.25, name="legend", text=text, pt=10, colour=MUTED, text_box=True)
    return x + w + 0.1
