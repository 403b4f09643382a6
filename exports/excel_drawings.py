"""Charts and pictures on the board pack's sheets: plain specs, and the openpyxl drawings made from them.

The chart XML is kept to what Excel opens without a repair prompt and LibreOffice
draws: one chart type per chart, axis ids that cross each other, axes marked as
not deleted (openpyxl 3.1 leaves that out, and Excel then hides them), every
text size given, and series that point at cell ranges holding values (never
formulas or cached literals).
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.chart import BarChart, LineChart, Reference, Series as ChartSeries
from openpyxl.chart.axis import DateAxis
from openpyxl.chart.data_source import AxDataSource, NumRef, StrRef
from openpyxl.chart.marker import DataPoint, Marker
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.image import Image
from openpyxl.drawing.line import LineProperties
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, OneCellAnchor
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun
from openpyxl.drawing.text import Font as TextFont
from openpyxl.drawing.xdr import XDRPositiveSize2D
from openpyxl.utils import absolute_coordinate, quote_sheetname

from exports.excel_cells import Picture, in_currency

EMU_PER_PT = 12700
TITLE_PT = 10
TEXT_PT = 9  # axis labels and legends: the pack's smallest printed text
LINE_EMU = 22225  # 1.75 pt lines, so a printed series is easy to follow
FONT = "Calibri"


@dataclass(frozen=True)
class Series:
    title: str
    values: str  # a one-column or one-row range on the chart's sheet, e.g. "F5:F9"
    colour: str  # RRGGBB
    dashed: bool = False
    markers: bool = False
    highlight: tuple[int, str] | None = None  # (point index, RRGGBB): one bar set apart


@dataclass(frozen=True)
class ChartSpec:
    """A native chart placed at a cell, `width` x `height` points as printed at 100%."""

    kind: str  # "line": values over dates; "bar": horizontal bars, first category on top
    title: str
    categories: str  # a range on the chart's sheet: dates (line) or labels (bar)
    series: tuple[Series, ...]
    row: int
    col: int
    width: float
    height: float
    col_offset: float = 0.0  # points into the column
    value_format: str = "General"
    value_min: float | None = None
    value_max: float | None = None
    value_step: float | None = None  # between value-axis labels
    stacked: bool = False
    legend: bool = True
    major_months: int = 3  # line charts: months between date labels
    data_sheet: str | None = None  # where the ranges are, when not on the chart's own sheet

    def ranges(self) -> list[str]:
        return [self.categories] + [s.values for s in self.series]


def anchor(row: int, col: int, width_pt: float, height_pt: float, col_offset_pt: float = 0.0) -> OneCellAnchor:
    """Top-left at the cell (or `col_offset_pt` into it), an exact size in points (openpyxl's own anchors
    assume 96-dpi pixels)."""
    return OneCellAnchor(
        _from=AnchorMarker(col=col - 1, colOff=round(col_offset_pt * EMU_PER_PT), row=row - 1, rowOff=0),
        ext=XDRPositiveSize2D(cx=round(width_pt * EMU_PER_PT), cy=round(height_pt * EMU_PER_PT)),
    )


class PngImage(Image):
    """A PNG placed from bytes at its printed size; openpyxl's Image needs Pillow only to learn what we know."""

    def __init__(self, picture: Picture):
        self.ref = None
        self._png = picture.png
        self.format = "png"
        self.width, self.height = round(picture.width * 4 / 3), round(picture.height * 4 / 3)  # 96-dpi pixels
        self.anchor = anchor(picture.row, picture.col, picture.width, picture.height)

    def _data(self) -> bytes:
        return self._png


def _characters(size: float, bold: bool = False) -> CharacterProperties:
    return CharacterProperties(sz=round(size * 100), b=bold, latin=TextFont(typeface=FONT))


def _text_properties(size: float) -> RichText:
    props = _characters(size)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props, r=[])])


def _title(text: str) -> Title:
    props = _characters(TITLE_PT, bold=True)
    paragraph = Paragraph(pPr=ParagraphProperties(defRPr=props), r=[RegularTextRun(rPr=props, t=text)])
    return Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def _absolute(cells: str) -> str:
    first, _, last = cells.partition(":")
    return f"{absolute_coordinate(first)}:{absolute_coordinate(last or first)}"


def _ref(sheet_name: str, cells: str) -> Reference:
    return Reference(range_string=f"{quote_sheetname(sheet_name)}!{_absolute(cells)}")


def make_chart(spec: ChartSpec, sheet_name: str, currency: str = "GBP"):
    """The openpyxl chart for `spec`, placed on the sheet named `sheet_name`."""
    sheet_name = spec.data_sheet or sheet_name
    if spec.kind == "line":
        chart = LineChart()
        chart.x_axis = DateAxis(axId=500, crossAx=100, axPos="b", majorTimeUnit="months", baseTimeUnit="months")
        chart.x_axis.majorUnit = spec.major_months
        chart.x_axis.number_format = "mmm yy"
        chart.y_axis.axId, chart.y_axis.crossAx = 100, 500
    elif spec.kind == "bar":
        chart = BarChart()
        chart.type = "bar"
        chart.grouping = "stacked" if spec.stacked else "clustered"
        if spec.stacked:
            chart.overlap = 100
        chart.gapWidth = 60
        chart.x_axis.scaling.orientation = "maxMin"  # first category at the top, as in the table
        chart.y_axis.crosses = "max"  # which keeps the value axis below the bars
    else:
        raise ValueError(f"unknown chart kind {spec.kind!r}")
    chart.title = _title(spec.title)
    chart.style = 2
    chart.width, chart.height = spec.width / 28.3465, spec.height / 28.3465  # centimetres, as openpyxl keeps them
    chart.anchor = anchor(spec.row, spec.col, spec.width, spec.height, spec.col_offset)
    if spec.legend:
        chart.legend.position = "b"
        chart.legend.txPr = _text_properties(TEXT_PT)
    else:
        chart.legend = None
    for axis in (chart.x_axis, chart.y_axis):
        axis.delete = False
        axis.txPr = _text_properties(TEXT_PT)
    chart.y_axis.number_format = in_currency(spec.value_format, currency)
    chart.y_axis.scaling.min = spec.value_min
    chart.y_axis.scaling.max = spec.value_max
    chart.y_axis.majorUnit = spec.value_step
    categories = f"{quote_sheetname(sheet_name)}!{_absolute(spec.categories)}"
    for s in spec.series:
        series = ChartSeries(_ref(sheet_name, s.values), title=s.title)
        # Dates are numbers; labels are text, which Excel itself refers to as strings.
        series.cat = AxDataSource(numRef=NumRef(f=categories)) if spec.kind == "line" else AxDataSource(strRef=StrRef(f=categories))
        _dress(series, s, spec.kind)
        chart.series.append(series)
    chart.display_blanks = "gap"
    return chart


def _dress(series: ChartSeries, s: Series, kind: str) -> None:
    props = GraphicalProperties()
    if kind == "line":
        props.line = LineProperties(solidFill=s.colour, w=LINE_EMU, prstDash="dash" if s.dashed else "solid")
        series.smooth = False
        if s.markers:
            series.marker = Marker(symbol="circle", size=6)
            series.marker.graphicalProperties = GraphicalProperties(solidFill=s.colour)
            series.marker.graphicalProperties.line.solidFill = s.colour
        else:
            series.marker = Marker(symbol="none")
    else:
        props.solidFill = s.colour
        props.line = LineProperties(solidFill=s.colour)
        if s.highlight is not None:
            index, colour = s.highlight
            point = DataPoint(idx=index, invertIfNegative=False)
            point.graphicalProperties = GraphicalProperties(solidFill=colour)
            point.graphicalProperties.line.solidFill = colour
            series.dPt.append(point)
        series.invertIfNegative = False
    series.graphicalProperties = props
