"""A timeline page as native PowerPoint shapes a person can click, move and retitle.

Lanes are tinted bands holding their names; items are rounded rectangles (or
diamonds for milestones) in lane colours holding their titles; links are
connectors glued to the items they join. Shapes go in back to front: lanes,
tech window, grid, today line, connectors, items, so links pass beneath the
titles. Item shapes are named "item <id>", connectors "link <source>-<target>".
"""

from __future__ import annotations

from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

from exports.pptx_draw import add_line, add_rect, emu, line, no_shadow, one_line, plain_frame, run, solid
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


def draw_timeline(slide, page: TimelinePage) -> dict[int, object]:
    """Draw `page` on `slide`; returns item id -> its shape."""
    for block in page.blocks:
        _background(slide, block)
    shapes = {}
    for block in page.blocks:
        for bar in block.bars:
            shapes[bar.item_id] = _bar(slide, bar)
    first_bar = next(iter(shapes.values()), None)
    for c in page.connectors:
        source, target = shapes[c.source_id], shapes[c.target_id]
        conn = slide.shapes.add_connector(MSO_CONNECTOR.CURVE, 0, 0, 0, 0)
        conn.name = f"link {c.source_id}-{c.target_id}"
        no_shadow(conn)
        if c.kind == LinkKind.SUPPORTS:  # tech item up to the business item it enables
            conn.begin_connect(source, TOP)
            conn.end_connect(target, BOTTOM)
        else:  # a dependency runs from the end of one item to the start of the next
            conn.begin_connect(source, RIGHT)
            conn.end_connect(target, LEFT)
        line(conn, LATE_LINK if c.late else LINK, 1.75 if c.late else 1.0, dashed=c.kind == LinkKind.DEPENDS)
        first_bar._element.addprevious(conn._element)  # beneath every item and its title
    _legend(slide)
    return shapes


def _background(slide, block: BandBlock) -> None:
    plot_top = block.top + (block.lanes[0].y - block.top if block.lanes else 0)
    bottom = block.top + block.height
    for lane in block.lanes:
        band = add_rect(slide, MARGIN, lane.y, PLOT_X1 - MARGIN, lane.h, name=f"lane {lane.lane_id}")
        solid(band, lane.colour, LANE_ALPHA)
        line(band, None)
        tf = plain_frame(band, wrap=True, left=0.08, right=PLOT_X1 - PLOT_X0 + 0.07)
        tf.paragraphs[0].alignment = PP_ALIGN.LEFT
        run(tf.paragraphs[0], one_line(lane.name), LANE_PT, bold=True)
    if block.window:
        x0, x1 = block.window
        window = add_rect(slide, x0, plot_top, x1 - x0, bottom - plot_top, name="tech window")
        solid(window, WINDOW, WINDOW_ALPHA)
        line(window, WINDOW, 1.0, dashed=True)
    heading = slide.shapes.add_textbox(emu(MARGIN), emu(block.top), emu(PLOT_X0 - MARGIN - 0.1), emu(plot_top - block.top))
    tf = plain_frame(heading, wrap=True, anchor=MSO_ANCHOR.BOTTOM, left=0.08, bottom=0.04)
    run(tf.paragraphs[0], BAND_LABEL[block.band.value], 13, bold=True)
    ticks = list(block.ticks)
    row_h = (plot_top - block.top) / 2
    for n, tick in enumerate(ticks):
        add_line(slide, tick.x, block.top if tick.major else block.top + row_h, tick.x, bottom,
                 "#a9adb3" if tick.major else GRID, 0.75, name="grid")
        later = [t.x for t in ticks[n + 1:] if t.major or not tick.major]
        room = (later[0] if later else PLOT_X1) - tick.x
        if tick.text and text_width(tick.text, AXIS_PT) + 0.1 <= room:
            y = block.top if tick.major else block.top + row_h
            label = slide.shapes.add_textbox(emu(tick.x), emu(y), emu(room), emu(row_h))
            ltf = plain_frame(label, wrap=False, left=0.05)
            run(ltf.paragraphs[0], tick.text, AXIS_PT, bold=tick.major, colour_hex=TEXT if tick.major else MUTED)
    if block.today_x is not None:
        add_line(slide, block.today_x, plot_top, block.today_x, bottom, TODAY, 2.0, name="today")


def _bar(slide, bar: BarBox):
    shape = add_rect(slide, bar.x, bar.y, bar.w, bar.h, MSO_SHAPE.DIAMOND if bar.milestone else MSO_SHAPE.ROUNDED_RECTANGLE,
                     name=f"item {bar.item_id}")
    solid(shape, bar.fill)
    line(shape, bar.outline, bar.outline_pt)
    # A diamond's text area is its middle half, so a title beside it starts a quarter width in.
    inner = bar.w / 4 if bar.milestone else 0.0
    beside = bar.w - inner + GAP
    if bar.label == "inside":
        tf = plain_frame(shape, wrap=False, left=INSET)
        align = PP_ALIGN.LEFT
    elif bar.label == "right":
        tf = plain_frame(shape, wrap=False)
        tf.paragraphs[0]._pPr.set("marL", str(emu(beside)))  # the title starts just after the bar
        align = PP_ALIGN.LEFT
    else:
        tf = plain_frame(shape, wrap=False)
        tf.paragraphs[0]._pPr.set("marR", str(emu(beside)))  # the title ends just before the bar
        align = PP_ALIGN.RIGHT
    tf.paragraphs[0].alignment = align
    run(tf.paragraphs[0], one_line(bar.title), BAR_PT, colour_hex=bar.text_colour)
    return shape


def _legend(slide) -> None:
    """Status, milestone, today and tech window keys along the foot of the slide."""
    y = CONTENT_BOTTOM + 0.12
    x = MARGIN
    entries = [(s.label, fill_of(LEGEND_COLOUR, s), *outline_of(LEGEND_COLOUR, s)) for s in Status]
    for label, fill, outline, outline_pt in entries:
        key = add_rect(slide, x, y + 0.04, 0.32, 0.17, MSO_SHAPE.ROUNDED_RECTANGLE, name="legend")
        solid(key, fill)
        line(key, outline, outline_pt)
        x = _legend_label(slide, x + 0.38, y, label)
    diamond = add_rect(slide, x, y + 0.025, 0.2, 0.2, MSO_SHAPE.DIAMOND, name="legend")
    solid(diamond, LEGEND_COLOUR)
    line(diamond, None)
    x = _legend_label(slide, x + 0.26, y, "Milestone")
    add_line(slide, x + 0.08, y, x + 0.08, y + 0.25, TODAY, 2.0, name="legend")
    x = _legend_label(slide, x + 0.18, y, "Today")
    window = add_rect(slide, x, y + 0.04, 0.32, 0.17, name="legend")
    solid(window, WINDOW, WINDOW_ALPHA)
    line(window, WINDOW, 1.0, dashed=True)
    x = _legend_label(slide, x + 0.38, y, "Tech window")
    add_line(slide, x, y + 0.125, x + 0.35, y + 0.125, LINK, 1.0, name="legend")
    x = _legend_label(slide, x + 0.41, y, "Link")
    add_line(slide, x, y + 0.125, x + 0.35, y + 0.125, LATE_LINK, 1.75, name="legend")
    _legend_label(slide, x + 0.41, y, "Late enabler")


def _legend_label(slide, x: float, y: float, text: str) -> float:
    w = text_width(text, 10) + 0.1
    box = slide.shapes.add_textbox(emu(x), emu(y), emu(w), emu(0.25))
    box.name = "legend"
    tf = plain_frame(box, wrap=False)
    run(tf.paragraphs[0], text, 10, colour_hex=MUTED)
    no_shadow(box)
    return x + w + 0.2
