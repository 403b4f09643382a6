"""Drawing slide blocks with python-pptx: text boxes, tables, charts, and the shape styling they share.

Every string goes in as a run's text, so nothing a user typed is read as a
formula, markup or a field: "=1+1" and "<b>" show as typed.
"""

from __future__ import annotations

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from exports.slide_blocks import CELL_PAD_X, CELL_PAD_Y, ChartBlock, Para, TableBlock, TextBlock, value_axis
from exports.slide_style import FONT, GRID, MIN_PT, MUTED, TEXT, WHITE, rgb, text_on

ALIGN = {"left": PP_ALIGN.LEFT, "centre": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}


def emu(inches: float) -> Emu:
    return Emu(round(inches * 914400))


def colour(hex_colour: str) -> RGBColor:
    return RGBColor(*rgb(hex_colour))


def one_line(text: str) -> str:
    """Titles are set on one line; a typed line break becomes a space (it would otherwise split the run)."""
    return " ".join(text.split("\n")).replace("\r", " ").replace("\v", " ")


def run(paragraph, text: str, pt: float, *, bold: bool = False, colour_hex: str = TEXT) -> None:
    r = paragraph.add_run()
    r.text = text
    f = r.font
    f.size = Pt(max(pt, MIN_PT))
    f.bold = bold
    f.name = FONT
    f.color.rgb = colour(colour_hex)


def plain_frame(shape, *, wrap: bool, anchor=MSO_ANCHOR.MIDDLE, left=0.0, right=0.0, top=0.0, bottom=0.0):
    tf = shape.text_frame
    tf.word_wrap = wrap
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.vertical_anchor = anchor
    tf.margin_left, tf.margin_right = emu(left), emu(right)
    tf.margin_top, tf.margin_bottom = emu(top), emu(bottom)
    return tf





def text_box(slide, block: TextBlock, name: str = ""):
    box = slide.shapes.add_textbox(emu(block.x), emu(block.y), emu(block.w), emu(block.h))
    if name:
        box.name = name
    tf = plain_frame(box, wrap=True, anchor=MSO_ANCHOR.TOP)
    for n, para in enumerate(block.paras):
        p = tf.paragraphs[0] if n == 0 else tf.add_paragraph()
        p.alignment = ALIGN[block.align]
        _lines(p, tf, para)
    return box


def _lines(p, tf, para: Para) -> None:
    """A paragraph per typed line, so a line break in a description stays a line break."""
    for n, text in enumerate(para.text.split("\n")):
        if n:
            align = p.alignment
            p = tf.add_paragraph()
            p.alignment = align
        run(p, text, para.pt, bold=para.bold, colour_hex=para.colour)


def draw_table(slide, block: TableBlock, name: str = "table"):
    rows = block.all_rows()
    shape = slide.shapes.add_table(len(rows), len(block.columns), emu(block.x), emu(block.y), emu(block.w), emu(block.h))
    shape.name = name
    tbl = shape.table
    tbl.first_row = block.has_header
    tbl.horz_banding = False
    for j, col in enumerate(block.columns):
        tbl.columns[j].width = emu(col.width)
    for i, h in enumerate(block.heights):
        tbl.rows[i].height = emu(h)
    for i, row in enumerate(rows):
        header = block.has_header and i == 0
        for j, (cell, col) in enumerate(zip(row, block.columns)):
            _cell(tbl.cell(i, j), cell.text, cell.sub, cell.colour, cell.bold, col.align, block.pt, block.sub_pt, header)
    return shape


def _cell(c, text: str, sub: str, chip: str | None, bold: bool, align: str, pt: float, sub_pt: float,
          header: bool = False) -> None:
    c.margin_left = c.margin_right = emu(CELL_PAD_X)
    c.margin_top = c.margin_bottom = emu(CELL_PAD_Y)
    c.vertical_anchor = MSO_ANCHOR.TOP
    fill = chip or ("#e8ecf2" if header else WHITE)
    c.fill.solid()
    c.fill.fore_color.rgb = colour(fill)
    tf = c.text_frame
    tf.word_wrap = True
    p = tf.paragraphs[0]
    p.alignment = ALIGN[align]
    _lines(p, tf, Para(text, pt, bold=bold, colour=text_on(fill) if chip else TEXT))
    if sub:
        q = tf.add_paragraph()
        q.alignment = ALIGN[align]
        _lines(q, tf, Para(sub, sub_pt, colour=MUTED))


def draw_chart(slide, block: ChartBlock, name: str = "chart"):
    data = CategoryChartData(number_format=block.number_format)
    data.categories = list(block.categories)
    data.categories.number_format = "mmm yyyy"
    for s in block.series:
        data.add_series(s.name, list(s.values), number_format=block.number_format)
    frame = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, emu(block.x), emu(block.y), emu(block.w), emu(block.h), data)
    frame.name = name
    chart = frame.chart
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(12)
    chart.font.size = Pt(12)
    chart.font.name = FONT
    _value_range(chart.value_axis, block)
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.major_gridlines.format.line.color.rgb = colour(GRID)
    chart.value_axis.tick_labels.font.size = Pt(12)
    chart.category_axis.tick_labels.font.size = Pt(12)
    chart.category_axis.format.line.color.rgb = colour(MUTED)
    _date_step(chart.category_axis._element, block)
    for plot_series, s in zip(chart.plots[0].series, block.series):
        plot_series.smooth = False
        plot_series.format.line.color.rgb = colour(s.colour)
        plot_series.format.line.width = Pt(2.5 if s.markers else 1.75)
        if s.dashed:
            plot_series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        marker = plot_series.marker
        if s.markers:
            marker.size = 8
            marker.format.fill.solid()
            marker.format.fill.fore_color.rgb = colour(s.colour)
        else:
            marker.style = XL_MARKER_STYLE.NONE
    return frame


def _value_range(axis, block: ChartBlock) -> None:
    """Scale the value axis to the figures in round steps: 99.5% against 99.95% must not be a flat line."""
    scale = value_axis(block)
    if scale is None:
        return
    axis.minimum_scale, axis.maximum_scale, axis.major_unit = scale
    axis.tick_labels.number_format = block.number_format
    axis.tick_labels.number_format_is_linked = False


def _date_step(axis, block: ChartBlock) -> None:
    """Label the date axis every quarter (every half year on long spans) rather than every month."""
    if axis.tag != qn("c:dateAx") or not block.categories:
        return
    first, last = block.categories[0], block.categories[-1]
    months = (last.year - first.year) * 12 + last.month - first.month
    for tag in ("c:majorUnit", "c:majorTimeUnit"):
        for old in axis.findall(qn(tag)):
            axis.remove(old)
    anchor = axis.find(qn("c:baseTimeUnit"))
    if anchor is None:
        anchor = axis.find(qn("c:lblOffset"))
    unit = etree.Element(qn("c:majorUnit"), val=str(6 if months > 24 else 3))
    time_unit = etree.Element(qn("c:majorTimeUnit"), val="months")
    anchor.addnext(unit)
    unit.addnext(time_unit)




def set_notes(slide, text: str) -> None:
    tf = slide.notes_slide.notes_text_frame
    lines = text.split("\n")
    tf.text = ""
    tf.paragraphs[0].add_run().text = lines[0]
    for extra in lines[1:]:
        tf.add_paragraph().add_run().text = extra


