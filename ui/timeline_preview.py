"""A first dual-timeline preview: business band on top, tech band below.

An honest stand-in that the timeline issue will replace: read-only, no
selection or dragging. Each band is a pyqtgraph plot with x in Unix seconds
(UTC midnight of each date, so `DateAxisItem(utcOffset=0)` labels match),
lanes stacked top to bottom, and ONE graphics item painting every bar of the
band from a cached `QPicture`; milestones and titles are drawn in device
pixels so they keep their size at any zoom.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt  # noqa: E402  (PySide6 before pyqtgraph)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen, QPicture, QPolygonF  # noqa: E402
from PySide6.QtWidgets import QVBoxLayout, QWidget  # noqa: E402

import numpy as np  # noqa: E402
import pyqtgraph as pg  # noqa: E402

from planner.dates import MAX_DATE, MIN_DATE, add_months  # noqa: E402
from planner.layout import BAR_FILL, DAY, BandLayout, to_x  # noqa: E402
from planner.model import Band, Roadmap, Status  # noqa: E402

BAR_HEIGHT = BAR_FILL  # of a row
DIAMOND_PX = 6.5  # half-diagonal of a milestone
LABEL_MIN_PX = 40  # bars showing less than this go untitled
MILESTONE_LABEL_PX = 170
LANE_LABEL_MAX_PX = 190
MIN_X_RANGE = 14 * DAY
HEADROOM_PX = 20  # empty strip above the first lane, where the today and tech-cycle labels sit
FOOTROOM = 0.15  # rows below the last lane
MAX_X_RANGE = 40 * 365.25 * DAY


# --- layout (plain values) ---------------------------------------------------


@dataclass(frozen=True)
class LaneSlot:
    name: str
    colour: str
    top: float  # y of the lane's first row; y grows downwards in row units
    bottom: float

    @property
    def centre(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class BarShape:
    x0: float  # seconds
    x1: float
    y: float  # centre of the bar's row
    title: str
    colour: str
    status: Status
    milestone: bool
    label_limit: float  # x where the next item in the same row starts (titles stop there)


def band_layout(roadmap: Roadmap, band: Band, gap_days: float = 0.0) -> tuple[list[LaneSlot], list[BarShape], float]:
    """Lanes, every item's shape (rows packed by `planner.layout`) and the band's height."""
    layout = BandLayout.build(roadmap.lanes_of(band), roadmap.items_of(band), milestone_days=gap_days)
    slots = [LaneSlot(box.lane.name, box.lane.colour, box.top, box.bottom) for box in layout.lanes]
    colour = {box.lane.id: box.lane.colour for box in layout.lanes}
    rows: dict[float, list] = {}
    for bar in layout.bars.values():
        rows.setdefault(bar.top, []).append(bar)
    shapes: list[BarShape] = []
    for row in rows.values():
        row.sort(key=lambda b: b.x0)
        for n, bar in enumerate(row):
            item = bar.item
            limit = row[n + 1].x0 if n + 1 < len(row) else float("inf")
            x0, x1 = (bar.x0 + DAY / 2,) * 2 if item.is_milestone else (bar.x0, bar.x1)
            shapes.append(BarShape(x0, x1, bar.centre_y, item.title, colour[item.lane_id], item.status, item.is_milestone, limit))
    return slots, shapes, layout.height


# --- painting ------------------------------------------------------------------


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def _mix(a: QColor, b: QColor, amount_of_a: float) -> QColor:
    t = amount_of_a
    return QColor.fromRgbF(a.redF() * t + b.redF() * (1 - t), a.greenF() * t + b.greenF() * (1 - t), a.blueF() * t + b.blueF() * (1 - t))


def _text_on(fill: QColor) -> QColor:
    luminance = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF()
    return QColor("#1d1f21") if luminance > 0.6 else QColor("#ffffff")


_STATUS_OUTLINE = {Status.AT_RISK: "#d89a1c", Status.OFF_TRACK: "#cf4a3c"}


class BandItem(pg.GraphicsObject):
    """Paints every bar, milestone and title of one band.

    Bars are recorded once into a `QPicture` (in coordinates relative to
    `origin`, keeping numbers small for Qt's paint engine); milestones and
    titles are drawn per paint in device pixels, only where visible.
    """

    def __init__(self) -> None:
        super().__init__()
        self._shapes: list[BarShape] = []
        self._origin = 0.0
        self._picture: QPicture | None = None
        self._data_rect = QRectF()
        self._font = QFont()
        self._x0 = self._x1 = self._y = np.zeros(0)
        self._milestone = np.zeros(0, dtype=bool)
        self._styles: list[tuple[QBrush, QPen, QColor]] = []
        self.palette_text = QColor("#333333")  # milestone titles sit on the background
        self.background = QColor("#ffffff")

    def fill_of(self, s: BarShape) -> QColor:
        """The bar's colour as seen: finished work fades into the background."""
        colour = QColor(s.colour)
        return _mix(colour, self.background, 0.45) if s.status == Status.DONE else colour

    def set_shapes(self, shapes: list[BarShape], origin: float, font: QFont) -> None:
        """Show `shapes`; `palette_text` and `background` must already be set."""
        self.prepareGeometryChange()
        self._shapes = shapes
        self._origin = origin
        self._font = font
        self._picture = None
        self.setPos(origin, 0)
        # Column arrays let each paint find the visible shapes without a Python loop.
        self._x0 = np.array([s.x0 - origin for s in shapes], dtype=float)
        self._x1 = np.array([s.x1 - origin for s in shapes], dtype=float)
        self._y = np.array([s.y for s in shapes], dtype=float)
        self._milestone = np.array([s.milestone for s in shapes], dtype=bool)
        self._styles = [self._style_of(s) for s in shapes]
        if shapes:
            self._data_rect = QRectF(self._x0.min(), self._y.min() - 0.5, max(self._x1.max() - self._x0.min(), 1.0), self._y.max() - self._y.min() + 1.0)
        else:
            self._data_rect = QRectF()
        self.update()

    def _style_of(self, s: BarShape) -> tuple[QBrush, QPen, QColor]:
        fill = self.fill_of(s)
        outline = _STATUS_OUTLINE.get(s.status)
        pen = QPen(QColor(outline) if outline else QColor(s.colour).darker(135))
        pen.setWidthF(2 if outline else 1)
        pen.setCosmetic(True)
        return QBrush(fill), pen, _text_on(fill)

    def dataBounds(self, axis, frac=1.0, orthoRange=None):  # noqa: N802  (pyqtgraph API)
        if self._data_rect.isNull():
            return (None, None)
        r = self._data_rect
        return (r.left() + self._origin, r.right() + self._origin) if axis == 0 else (r.top(), r.bottom())

    def boundingRect(self) -> QRectF:  # noqa: N802
        if self._data_rect.isNull():
            return QRectF()
        # Diamonds and milestone titles reach a fixed number of pixels past the data.
        px, py = self.pixelVectors()
        pw = 0.0 if px is None else px.length()
        ph = 0.0 if py is None else py.length()
        pad = DIAMOND_PX + 2
        return self._data_rect.adjusted(-pad * pw, -pad * ph, (pad + MILESTONE_LABEL_PX) * pw, pad * ph)

    def viewTransformChanged(self) -> None:  # noqa: N802
        self.prepareGeometryChange()
        super().viewTransformChanged()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not self._shapes:
            return
        if self._picture is None:
            self._picture = self._record_bars()
        painter.drawPicture(0, 0, self._picture)
        self._paint_overlay(painter)

    def _record_bars(self) -> QPicture:
        picture = QPicture()
        p = QPainter(picture)
        for s, (brush, pen, _) in zip(self._shapes, self._styles):
            if not s.milestone:
                p.setPen(pen)
                p.setBrush(brush)
                p.drawRect(QRectF(s.x0 - self._origin, s.y - BAR_HEIGHT / 2, s.x1 - s.x0, BAR_HEIGHT))
        p.end()
        return picture

    def _paint_overlay(self, painter: QPainter) -> None:
        """Milestone diamonds and every title, in device pixels, for visible shapes only."""
        to_device = painter.transform()
        from_device, invertible = to_device.inverted()
        sx = abs(to_device.m11())
        if not invertible or sx == 0:
            return
        painter.save()
        painter.resetTransform()
        device = painter.device()
        visible = QRectF(0, 0, device.width(), device.height())
        if painter.hasClipping():  # the view box clips to its plot area: titles stick to its left edge
            visible = visible.intersected(painter.clipBoundingRect())
        local = from_device.mapRect(visible)
        metrics = QFontMetricsF(self._font)
        bar_titles = BAR_HEIGHT * abs(to_device.m22()) >= metrics.height() * 0.8
        reach = (DIAMOND_PX + MILESTONE_LABEL_PX) / sx  # a milestone left of view may show its title
        shown = (
            (self._x1 >= local.left() - reach) & (self._x0 <= local.right() + DIAMOND_PX / sx)
            & (self._y >= local.top() - 1) & (self._y <= local.bottom() + 1)
        )
        if bar_titles:
            visible_px = (np.minimum(self._x1, local.right()) - np.maximum(self._x0, local.left())) * sx
            shown &= self._milestone | (visible_px >= LABEL_MIN_PX)
        else:
            shown &= self._milestone
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(self._font)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        for n in np.flatnonzero(shown):
            s = self._shapes[n]
            brush, pen, text_colour = self._styles[n]
            if s.milestone:
                centre = to_device.map(QPointF(self._x0[n], s.y))
                self._paint_diamond(painter, centre, brush, pen)
                limit = float("inf") if s.label_limit == float("inf") else to_device.map(QPointF(s.label_limit - self._origin, s.y)).x()
                left = centre.x() + DIAMOND_PX + 3
                width = min(MILESTONE_LABEL_PX, limit - left - 4)
                if width >= LABEL_MIN_PX:
                    painter.setPen(self.palette_text)
                    box = QRectF(left, centre.y() - metrics.height() / 2, width, metrics.height())
                    painter.drawText(box, align, metrics.elidedText(s.title, Qt.TextElideMode.ElideRight, width))
                continue
            rect = to_device.mapRect(QRectF(self._x0[n], s.y - BAR_HEIGHT / 2, s.x1 - s.x0, BAR_HEIGHT))
            inner = rect.intersected(visible).adjusted(5, 0, -4, 0)
            if inner.width() >= LABEL_MIN_PX - 9:
                painter.setPen(text_colour)
                painter.drawText(inner, align, metrics.elidedText(s.title, Qt.TextElideMode.ElideRight, inner.width()))
        painter.restore()

    @staticmethod
    def _paint_diamond(painter: QPainter, c: QPointF, brush: QBrush, pen: QPen) -> None:
        d = DIAMOND_PX
        painter.setPen(pen)
        painter.setBrush(brush)
        painter.drawPolygon(QPolygonF([QPointF(c.x(), c.y() - d), QPointF(c.x() + d, c.y()),
                                       QPointF(c.x(), c.y() + d), QPointF(c.x() - d, c.y())]))


# --- one band ----------------------------------------------------------------


class BandView(pg.PlotWidget):
    """One band: lanes down the left, dates along the bottom, x-only zoom and pan."""

    def __init__(self, band: Band, parent: QWidget | None = None):
        super().__init__(parent, axisItems={"bottom": pg.DateAxisItem(orientation="bottom", utcOffset=0)})
        self.band = band
        self.slots: list[LaneSlot] = []
        self.height = 0.0  # in row units
        plot = self.getPlotItem()
        plot.hideButtons()
        plot.setMenuEnabled(False)
        plot.showGrid(x=True, y=False, alpha=0.18)
        vb = plot.getViewBox()
        vb.setMouseEnabled(x=True, y=False)
        vb.invertY(True)
        vb.disableAutoRange()
        vb.setLimits(xMin=to_x(MIN_DATE), xMax=to_x(MAX_DATE), minXRange=MIN_X_RANGE, maxXRange=MAX_X_RANGE)
        left = plot.getAxis("left")
        left.setStyle(tickLength=0)
        # WORKAROUND: a zero-length tick still paints a dot, and AxisItem recolours
        # solid tick pens (even NoPen ones); a pen without a brush draws nothing.
        left.setTickPen(QPen(QBrush(Qt.BrushStyle.NoBrush), 0))
        vb.sigResized.connect(self.fit_height)
        self.bars = BandItem()
        plot.addItem(self.bars)
        self.lane_regions: list[pg.LinearRegionItem] = []  # kept: items need a Python reference
        self.today_line = pg.InfiniteLine(angle=90, movable=False)
        self.today_line.setZValue(20)
        plot.addItem(self.today_line)
        # Only the tech band names the line: on the business band its label
        # would collide with the tech-cycle label, which usually starts nearby.
        self.today_label = pg.InfLineLabel(self.today_line, text="Today" if band == Band.TECH else "", position=0.015, anchors=[(0, 0), (0, 0)])

    @property
    def view_box(self) -> pg.ViewBox:
        return self.getPlotItem().getViewBox()

    def show_band(self, slots: list[LaneSlot], shapes: list[BarShape], height: float, origin: float, colours: _Colours) -> None:
        plot = self.getPlotItem()
        for region in self.lane_regions:
            plot.removeItem(region)
        self.lane_regions = []
        for n, slot in enumerate(slots):
            tint = QColor(slot.colour)
            tint.setAlphaF(colours.lane_alpha if n % 2 == 0 else colours.lane_alpha * 0.55)
            region = pg.LinearRegionItem(
                values=(slot.top, slot.bottom), orientation="horizontal", movable=False,
                brush=tint, pen=pg.mkPen(colours.separator, width=1),
            )
            region.setZValue(-20)
            plot.addItem(region)
            self.lane_regions.append(region)
        self.slots = slots
        self.height = max(height, 1.0)
        self.bars.palette_text = colours.text
        self.bars.background = colours.background
        self.bars.set_shapes(shapes, origin, self.font())
        metrics = QFontMetricsF(self.font())
        ticks = [(s.centre, metrics.elidedText(s.name, Qt.TextElideMode.ElideRight, LANE_LABEL_MAX_PX - 14)) for s in slots]
        self.getPlotItem().getAxis("left").setTicks([ticks, []])
        self.fit_height()

    def fit_height(self) -> None:
        """Show every lane, with a strip of HEADROOM_PX above them whatever the view's height."""
        pixels = self.view_box.height()
        rows = self.height + FOOTROOM
        headroom = HEADROOM_PX * rows / (pixels - HEADROOM_PX) if pixels > 3 * HEADROOM_PX else 0.9
        self.view_box.setLimits(yMin=-headroom, yMax=self.height + FOOTROOM)
        self.view_box.setYRange(-headroom, self.height + FOOTROOM, padding=0)

    def lane_label_width(self) -> float:
        metrics = QFontMetricsF(self.font())
        widest = max((metrics.horizontalAdvance(s.name) for s in self.slots), default=40)
        return min(widest + 18, LANE_LABEL_MAX_PX)


@dataclass(frozen=True)
class _Colours:
    background: QColor
    text: QColor
    muted: QColor
    separator: QColor
    today: QColor
    window: QColor
    lane_alpha: float

    @classmethod
    def for_palette(cls, palette: QPalette) -> _Colours:
        dark = _is_dark(palette)
        text = palette.color(QPalette.ColorRole.Text)
        muted = QColor(text)
        muted.setAlphaF(0.65)
        separator = QColor(text)
        separator.setAlphaF(0.12)
        window = QColor("#6fa8dc" if dark else "#3d7cc9")
        window.setAlphaF(0.16 if dark else 0.10)
        return cls(
            background=palette.color(QPalette.ColorRole.Base),
            text=text,
            muted=muted,
            separator=separator,
            today=QColor("#ef8a62" if dark else "#d0602f"),
            window=window,
            lane_alpha=0.16 if dark else 0.10,
        )


# --- the preview widget -----------------------------------------------------------


class TimelinePreview(QWidget):
    """The two bands stacked, with a today line and the tech window on the business band."""

    def __init__(self, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self._today = today or date.today()
        self.roadmap: Roadmap | None = None
        self.business = BandView(Band.BUSINESS)
        self.tech = BandView(Band.TECH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.business, 1)
        layout.addWidget(self.tech, 1)
        self.tech_window = pg.LinearRegionItem(values=(0, 1), movable=False)
        self.tech_window.setZValue(-10)
        self.business.addItem(self.tech_window)
        # Right-aligned against the window's end: today usually falls near its start.
        self.tech_window_label = pg.InfLineLabel(self.tech_window.lines[1], text="", position=0.015, anchors=[(1, 0), (1, 0)])
        self._colours = _Colours.for_palette(self.palette())
        self._apply_colours()

    @property
    def bands(self) -> tuple[BandView, BandView]:
        return self.business, self.tech

    # --- content ----------------------------------------------------------------

    def set_roadmap(self, roadmap: Roadmap | None, *, fit: bool = True) -> None:
        """Show `roadmap` (None: empty); `fit` resets both bands to their horizons."""
        self.roadmap = roadmap
        if roadmap is None:
            for view in self.bands:
                view.show_band([], [], 0.0, 0.0, self._colours)
            return
        origin = to_x(roadmap.info.horizon_start)
        for view in self.bands:
            slots, shapes, height = band_layout(roadmap, view.band)
            view.show_band(slots, shapes, height, origin, self._colours)
        lane_width = max(view.lane_label_width() for view in self.bands)
        for view in self.bands:
            view.getPlotItem().getAxis("left").setWidth(int(lane_width))  # both bands' dates line up
        layout = self.layout()
        layout.setStretch(0, int(self.business.height * 10) + 25)
        layout.setStretch(1, int(self.tech.height * 10) + 25)
        start, end = self._tech_window()
        self.tech_window.setRegion((to_x(start), to_x(end)))
        self.tech_window_label.setFormat(f"Tech cycle · {roadmap.info.tech_months} months ")
        info = roadmap.info
        self.business.setTitle(
            f"Business strategy · {info.horizon_start:%b %Y} – {add_months(info.horizon_start, 12 * info.business_years) - timedelta(days=1):%b %Y}",
            color=self._colours.muted, size="10pt",
        )
        self.tech.setTitle(f"Technology strategy · {start:%b %Y} – {end - timedelta(days=1):%b %Y}", color=self._colours.muted, size="10pt")
        for view in self.bands:
            view.today_line.setPos(to_x(self._today) + DAY / 2)
        if fit:
            self.fit_all()

    def _tech_window(self) -> tuple[date, date]:
        info = self.roadmap.info
        return info.tech_window_start, add_months(info.tech_window_start, info.tech_months)

    # --- navigation -------------------------------------------------------------

    def fit_all(self) -> None:
        """Business band over the business horizon, tech band over the tech cycle, widened to fit every item."""
        if self.roadmap is None:
            return
        info = self.roadmap.info
        spans = {
            Band.BUSINESS: (info.horizon_start, add_months(info.horizon_start, 12 * info.business_years)),
            Band.TECH: self._tech_window(),
        }
        for view in self.bands:
            lo, hi = spans[view.band]
            x0, x1 = to_x(lo), to_x(hi)
            data_lo, data_hi = view.bars.dataBounds(0)
            if data_lo is not None:
                x0, x1 = min(x0, data_lo), max(x1, data_hi)
            margin = (x1 - x0) * 0.02
            view.view_box.setXRange(x0 - margin, x1 + margin, padding=0)
            view.fit_height()

    def pan(self, fraction: float) -> None:
        """Move both bands by `fraction` of their visible width (positive: later)."""
        for view in self.bands:
            (x0, x1), _ = view.view_box.viewRange()
            shift = (x1 - x0) * fraction
            view.view_box.setXRange(x0 + shift, x1 + shift, padding=0)

    def zoom(self, factor: float) -> None:
        """Zoom both bands about their centres: `factor` > 1 zooms in."""
        for view in self.bands:
            view.view_box.scaleBy(x=1 / factor, y=1)

    # --- look --------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._colours = _Colours.for_palette(self.palette())
            self._apply_colours()
            if self.roadmap is not None:
                self.set_roadmap(self.roadmap, fit=False)
        super().changeEvent(event)

    def _apply_colours(self) -> None:
        c = self._colours
        for view in self.bands:
            view.setBackground(c.background)
            for name in ("left", "bottom"):
                axis = view.getPlotItem().getAxis(name)
                axis.setPen(pg.mkPen(c.separator))
                axis.setTextPen(pg.mkPen(c.text if name == "left" else c.muted))
            view.today_line.setPen(pg.mkPen(c.today, width=1.5, style=Qt.PenStyle.DashLine))
            view.today_label.setColor(c.today)
        self.tech_window.setBrush(c.window)
        edge = QColor(c.window)
        edge.setAlphaF(0.7)
        for line in self.tech_window.lines:
            line.setPen(pg.mkPen(edge, width=1))
        self.tech_window_label.setColor(c.muted)
