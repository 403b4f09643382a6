"""Where everything of the dual timeline goes for a viewport size, without pyqtgraph (QtCore/QtGui only).

The live view and the first frame share these decisions: lane packings per
band, the row height and band heights (planner.band_fit), the fitted time
ranges, lane tints and lane names. `plan_chart` also works out the rectangles
pyqtgraph's layout gives the header, plots, axes, gap and legend, so the first
frame can paint the very picture the live view will (a test holds them equal).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import product

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QTransform

from planner.band_fit import BandFit, BandNeed, fit_bands
from planner.dates import add_months
from planner.layout import BAR_FILL, DAY, BandLayout, from_x, to_x
from planner.model import Band, ItemId, Roadmap, RoadmapInfo
from ui.timeline.outline_marks import LEAD_PX
from ui.timeline.packing import Reaches
from ui.timeline.paint_band import title_font
from ui.timeline.paint_chrome import LEGEND_PX, STRIP_PX, calendar_axis_height, header_fonts
from ui.timeline.style import TimelineColours, with_alpha

GAP_PX = 32  # between the bands, where links cross (two lines of counts)
MARGINS = (6, 2, 14, 2)  # left, top, right (room for the scroll bars), bottom
NOMINAL_PLOT_PX = 800  # the plot width lane packing assumes before the view is laid out
LANE_LABEL_MAX_PX = 230
FOOTROOM = 0.1  # rows below the last lane
FIT_MARGIN = 0.02  # of the span, either side, when fitting
SCROLL_BAR_PX = 11
MAX_ROW_GROWTH = 1.45  # spare room makes rows up to this much taller
PLOT_MARGIN = 1.0  # pyqtgraph's PlotItem keeps a pixel round its axes and view box


def row_limits(font: QFont) -> tuple[float, float]:
    """Shortest and tallest row in pixels: a row always holds a line of the UI font, and a bar its title."""
    ui = QFontMetricsF(font).height()
    title = QFontMetricsF(title_font(font)).height()
    low = max(ui + 4, (title + 1) / BAR_FILL)
    return float(int(low + 0.999)), float(int(low * MAX_ROW_GROWTH))


def spans(roadmap: Roadmap) -> dict[Band, tuple[date, date]]:
    info = roadmap.info
    return {
        Band.BUSINESS: (info.horizon_start, add_months(info.horizon_start, 12 * info.business_years)),
        Band.TECH: (info.tech_window_start, add_months(info.tech_window_start, info.tech_months)),
    }


def header_parts(info: RoadmapInfo, today: date) -> tuple[str, str]:
    """(title, details) for the header line."""
    end = add_months(info.horizon_start, 12 * info.business_years) - timedelta(days=1)
    org = f" · {info.organisation}" if info.organisation else ""
    return info.title, (f"{org} · business {info.horizon_start:%b %Y} – {end:%b %Y}"
                        f" · tech cycle {info.tech_months} months · as of {today:%d %b %Y}")


def layout_width(plot_px: float, last: float | None = None) -> float:
    """The plot width lane packing is done for: the plot's once it is laid out (and differs by a tenth)."""
    if last is None:
        return plot_px if plot_px > 200 else NOMINAL_PLOT_PX
    return plot_px if plot_px > 200 and abs(plot_px - last) > 0.1 * last else last


def band_layouts(roadmap: Roadmap, band: Band, font: QFont, width: float,
                 collapsed: frozenset[ItemId] = frozenset()) -> list[BandLayout]:
    """The band's lane packings for a plot `width` px wide, roomiest first (see packing.Reaches), the
    descendants of `collapsed` parents folded into them."""
    lanes, items = roadmap.lanes_of(band), roadmap.items_of(band)
    variants = Reaches().measure(items, title_font(font), spans(roadmap)[band], width)
    return [BandLayout.build(lanes, items, reach, optional, collapsed) for reach, optional in variants]


def need_of(layout: BandLayout, fixed: float) -> BandNeed:
    return BandNeed(max(layout.height, 1.0) + FOOTROOM, fixed)


def choose_fit(available: float, business: list[BandNeed], tech: list[BandNeed], low: float, high: float,
               all_rows: bool = False) -> tuple[int, int, BandFit]:
    """The roomiest pair of packings whose rows fit `available` px unscrolled (else the tightest), and the fit.

    In picture mode (`all_rows`) nothing scrolls: rows get thinner when even the tightest does not fit.
    """
    slack = FOOTROOM + 0.05  # the strip below the last lane may be cut
    for i, j in sorted(product(range(len(business)), range(len(tech))), key=sum):
        fit = fit_bands(max(available, 0.0), business[i], tech[j], low, high)
        if not fit.scrolls(business[i], fit.business_px, slack) and not fit.scrolls(tech[j], fit.tech_px, slack):
            return i, j, fit
    if all_rows:
        fit = fit_bands(max(available, 0.0), business[i], tech[j], 1.0, high)
    return i, j, fit


def lane_tints(layout: BandLayout, colours: TimelineColours) -> list[tuple[float, float, QColor]]:
    return [(box.top, box.bottom, with_alpha(box.lane.colour, colours.lane_alpha * (1 if n % 2 == 0 else 0.55)))
            for n, box in enumerate(layout.lanes)]


def lane_names(layout: BandLayout, font: QFont) -> list[tuple[float, str]]:
    """(centre row, name as shown) of each lane."""
    metrics = QFontMetricsF(font)
    return [((b.top + b.bottom) / 2, metrics.elidedText(b.lane.name, Qt.TextElideMode.ElideRight, LANE_LABEL_MAX_PX - 40))
            for b in layout.lanes]


def lane_label_width(layout: BandLayout, font: QFont) -> float:
    metrics = QFontMetricsF(font)
    widest = max((metrics.horizontalAdvance(b.lane.name) for b in layout.lanes), default=40)
    return min(widest + 44, LANE_LABEL_MAX_PX)  # room for the turned band label too


def fit_range(layout: BandLayout, span: tuple[date, date], width: float,
              bounds: tuple[float | None, float | None] | None = None) -> tuple[float, float]:
    """The x range Fit All shows in a plot `width` px wide: the span widened to every bar, with a margin each
    side, and on the left room for the triangles of parents that start first. `bounds`: the bars' leftmost
    x0 and rightmost x1, where the host has them at hand (the live band item keeps them; 10,000 bars)."""
    x0, x1 = to_x(span[0]), to_x(span[1])
    if bounds is None and layout.bars:
        bounds = min(b.x0 for b in layout.bars.values()), max(b.x1 for b in layout.bars.values())
    if bounds is not None and bounds[0] is not None:
        x0, x1 = min(x0, bounds[0]), max(x1, bounds[1])
    margin = (x1 - x0) * FIT_MARGIN
    lead = margin
    if layout.outline.parents and width > 2 * LEAD_PX:
        lead = max(margin, (LEAD_PX + 2) * (x1 - x0 + margin) / (width - LEAD_PX - 2))
    return x0 - lead, x1 + margin


def max_scroll(layout: BandLayout, plot_h: float, row_px: float) -> float:
    rows = max(layout.height, 1.0) + FOOTROOM
    hidden = rows - max(plot_h, 1.0) / row_px
    return hidden if hidden > FOOTROOM + 0.05 else 0.0  # the strip below the last lane may be cut


def hint_text(band: Band, layout: BandLayout) -> str:
    what = "business goal" if band == Band.BUSINESS else "tech initiative"
    if not layout.lanes:
        return f"No {band} lanes yet: add one with Edit > Lanes…"
    return f"Double-click a lane to add a {what}" if not layout.bars else ""


def window_text(lo: float, hi: float) -> str:
    return f"Tech window · {from_x(lo):%b %Y} – {from_x(hi - 1):%b %Y}"


def view_transform(rect: QRectF, x_range: tuple[float, float], y_range: tuple[float, float]) -> QTransform:
    """View -> device for a view box at `rect` (device pixels) showing the ranges, y down; composed the way
    pyqtgraph's ViewBox composes it, so both round alike."""
    (x0, x1), (y0, y1) = x_range, y_range
    m = QTransform()
    m.translate(rect.left(), rect.top())
    m.translate(rect.width() / 2, rect.height() / 2)
    m.scale(rect.width() / (x1 - x0), rect.height() / (y1 - y0))
    m.translate(-(x0 + x1) / 2, -(y0 + y1) / 2)
    return m


@dataclass
class BandPlan:
    band: Band
    layout: BandLayout
    plot: QRectF  # the PlotItem
    view: QRectF  # the view box (its rect; it clips its items to this plus half a pixel)
    date_axis: QRectF
    lane_axis: QRectF
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    row_px: float
    scroll_bar: QRect | None  # where the band's scroll bar goes, if its rows do not all fit
    scroll_max: int = 0
    scroll_page: int = 0
    scroll_step: int = 0

    @property
    def bounding(self) -> QRectF:
        return self.view.adjusted(0, 0, 0.5, 0.5)

    def to_device(self) -> QTransform:
        return view_transform(self.view, self.x_range, self.y_range)


@dataclass
class ChartPlan:
    size: tuple[int, int]
    header: QRectF
    business: BandPlan
    tech: BandPlan
    legend: QRectF
    window: tuple[float, float]  # the tech window on the business band, view x
    markers: list  # paint_chrome.place_markers output


def plan_chart(roadmap: Roadmap, font: QFont, size: tuple[int, int], today: date,
               collapsed: frozenset[ItemId] = frozenset()) -> ChartPlan:
    """The live view's first picture of `roadmap` in a viewport of `size`, fitted (View > Fit All), unscrolled,
    with the `collapsed` parents folded."""
    from ui.timeline.paint_chrome import place_markers

    width, height = size
    left, top, right, bottom = MARGINS
    inner = width - left - right
    _, _, header_h = header_fonts(font)
    axis_h = {Band.BUSINESS: calendar_axis_height(font, STRIP_PX), Band.TECH: calendar_axis_height(font, 0.0)}
    lane_w = 0.0
    layouts = {}
    plot_w = inner - 2 * PLOT_MARGIN  # the view box's width once the lane axis is known
    for band in (Band.BUSINESS, Band.TECH):
        layouts[band] = band_layouts(roadmap, band, font, NOMINAL_PLOT_PX, collapsed)
        lane_w = max(lane_w, lane_label_width(layouts[band][0], font))
    lane_w = int(lane_w)
    view_w = plot_w - lane_w
    if layout_width(view_w, NOMINAL_PLOT_PX) != NOMINAL_PLOT_PX:
        layouts = {band: band_layouts(roadmap, band, font, view_w, collapsed) for band in layouts}
    low, high = row_limits(font)
    available = height - top - bottom - header_h - GAP_PX - LEGEND_PX
    needs = {band: [need_of(lay, axis_h[band] + 2) for lay in layouts[band]] for band in layouts}
    i, j, fit = choose_fit(available, needs[Band.BUSINESS], needs[Band.TECH], low, high)
    business_y = top + header_h
    tech_y = business_y + fit.business_px + GAP_PX
    legend_y = height - bottom - LEGEND_PX
    plans = {}
    for band, choice, y, h in ((Band.BUSINESS, i, business_y, fit.business_px), (Band.TECH, j, tech_y, legend_y - tech_y)):
        layout = layouts[band][choice]
        plot = QRectF(left, y, inner, h)
        x = left + PLOT_MARGIN + lane_w
        view_h = h - 2 * PLOT_MARGIN - axis_h[band]
        if band == Band.BUSINESS:
            axis = QRectF(x, y + PLOT_MARGIN, view_w, axis_h[band])
            view = QRectF(x, axis.bottom(), view_w, view_h)
        else:
            view = QRectF(x, y + PLOT_MARGIN, view_w, view_h)
            axis = QRectF(x, view.bottom(), view_w, axis_h[band])
        lane_axis = QRectF(left + PLOT_MARGIN, view.top(), lane_w, view_h)
        shown = max(view_h, 1.0) / fit.row_px
        plan = BandPlan(band, layout, plot, view, axis, lane_axis, fit_range(layout, spans(roadmap)[band], view_w), (0.0, shown), fit.row_px, None)
        scroll = max_scroll(layout, view_h, fit.row_px)
        if scroll > 0.01:
            box = QRectF(view.left(), view.top(), view.width() + 0.5, view.height() + 0.5)
            r = QRect(QPoint(_round(box.left()), _round(box.top())), QPoint(_round(box.right()), _round(box.bottom())))
            plan.scroll_bar = QRect(r.right() + 2, r.top(), SCROLL_BAR_PX, r.height())
            plan.scroll_max, plan.scroll_page, plan.scroll_step = int(round(scroll * fit.row_px)), int(view_h), int(fit.row_px)
        plans[band] = plan
    b, t = plans[Band.BUSINESS], plans[Band.TECH]
    window = t.x_range
    m = b.to_device()
    box = b.bounding
    strip = QRectF(box.left(), box.top() - STRIP_PX, box.width(), STRIP_PX)
    lo, hi = m.map(QPointF(window[0], 0)).x(), m.map(QPointF(window[1], 0)).x()
    today_x = m.map(QPointF(to_x(today) + DAY / 2, 0)).x()
    markers = place_markers(strip, (lo, hi) if hi > box.left() and lo < box.right() else None,
                            today_x if box.left() <= today_x <= box.right() else None, window_text(*window), title_font(font))
    return ChartPlan(size, QRectF(left, top, inner, header_h), b, t, QRectF(left, legend_y, inner, LEGEND_PX), window, markers)


def _round(v: float) -> int:
    """qRound, as QGraphicsView.mapFromScene rounds."""
    return int(v + 0.5) if v >= 0 else -int(-v + 0.5)
