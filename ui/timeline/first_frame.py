"""The timeline's first picture, painted before pyqtgraph (or numpy) is imported.

A plain QWidget showing exactly what the live view will show at the same size
once built (chart_plan decides where, the paint_* modules draw). The main
window shows it as soon as the roadmap is read, builds the interactive view
behind it after the first paint and swaps; input reaching this widget first
asks for the swap at once and is then handed to the live view.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QTransform
from PySide6.QtWidgets import QScrollBar, QWidget

from planner.layout import DAY, to_x
from planner.link_routes import LinkEnds
from planner.model import Band, ItemId, Roadmap
from planner.ticks import axis_tiers
from ui.timeline.chart_plan import BandPlan, ChartPlan, header_parts, hint_text, lane_names, lane_tints, plan_chart
from ui.timeline.paint_band import BandPaint, title_font
from ui.timeline.paint_chrome import (backdrop_pens, paint_backdrop, paint_calendar_axis, paint_header, paint_lane_axis,
                                      paint_legend, paint_markers, paint_today, paint_window)
from ui.timeline.paint_links import (LinkMode, clip_region, drawn_links, link_specs, paint_counts, paint_routes, pill_sizer,
                                     routes_for)
from ui.timeline.style import TimelineColours

BAND_TITLES = {Band.BUSINESS: "Business strategy", Band.TECH: "Technology strategy"}
INPUT = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.KeyPress, QEvent.Type.Wheel}


class FirstFrame(QWidget):
    """The dual timeline as a picture; `swap_requested` is called with the input event that wants the live view."""

    def __init__(self, parent: QWidget | None = None, *, today: date) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.today = today
        self.roadmap: Roadmap | None = None
        self.collapsed: frozenset[ItemId] = frozenset()
        self.colours = TimelineColours.for_palette(self.palette())
        self.plan: ChartPlan | None = None
        self.bands = {Band.BUSINESS: BandPaint(), Band.TECH: BandPaint()}
        self.swap_requested: Callable[[QEvent | None], None] | None = None
        self.painted: Callable[[], None] | None = None  # called after each paint of a roadmap
        self.scroll_bars = {band: QScrollBar(Qt.Orientation.Vertical, self) for band in self.bands}
        for band, bar in self.scroll_bars.items():
            bar.setObjectName(f"{band}ScrollBar")
            bar.hide()

    def set_roadmap(self, roadmap: Roadmap | None, collapsed=frozenset()) -> None:
        """Show `roadmap` with the `collapsed` parents folded (the live view's folds for the file)."""
        self.roadmap = roadmap
        self.collapsed = frozenset(collapsed)
        self.plan = None
        self.update()

    def minimumSizeHint(self):  # noqa: N802  (the live view's, so the window does not jump at the swap)
        from PySide6.QtCore import QSize

        from ui.timeline.chart_plan import GAP_PX, MARGINS, row_limits
        from ui.timeline.paint_chrome import LEGEND_PX, STRIP_PX, calendar_axis_height, header_fonts

        low, _ = row_limits(self.font())
        fixed = calendar_axis_height(self.font(), STRIP_PX) + calendar_axis_height(self.font(), 0.0) + 4
        chrome = MARGINS[1] + MARGINS[3] + header_fonts(self.font())[2] + GAP_PX + LEGEND_PX
        return QSize(400, int(chrome + fixed + 2 * 4 * low))

    def _ensure_plan(self) -> ChartPlan | None:
        if self.roadmap is None:
            return None
        size = (self.width(), self.height())
        if self.plan is None or self.plan.size != size:
            self.plan = plan_chart(self.roadmap, self.font(), size, self.today, self.collapsed)
            lane_colours = {lane.id: lane.colour for lane in self.roadmap.lanes.values()}
            for band, art in self.bands.items():
                plan = self._band(band)
                art.set_band(plan.layout, lane_colours, to_x(self.roadmap.info.horizon_start), self.font(), self.colours)
                bar = self.scroll_bars[band]
                bar.setVisible(plan.scroll_bar is not None)
                if plan.scroll_bar is not None:
                    bar.setGeometry(plan.scroll_bar)
                    bar.setRange(0, plan.scroll_max)
                    bar.setPageStep(plan.scroll_page)
                    bar.setSingleStep(plan.scroll_step)
                    bar.setValue(0)
        return self.plan

    def _band(self, band: Band) -> BandPlan:
        return self.plan.business if band == Band.BUSINESS else self.plan.tech

    # --- painting, in the live scene's order ---------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), self.colours.background)
        plan = self._ensure_plan()
        if plan is None:
            return
        origin = to_x(self.roadmap.info.horizon_start)
        item_to_device = {band: QTransform.fromTranslate(origin, 0) * self._band(band).to_device() for band in self.bands}
        frames = {band: self.bands[band].frame(item_to_device[band], self._band(band).bounding) for band in self.bands}
        self._paint_links(p, plan, frames)
        p.save()
        p.translate(plan.header.topLeft())
        info = self.roadmap.info
        title, details = header_parts(info, self.today)
        paint_header(p, (plan.header.width(), plan.header.height()), title, details, self.font(), self.colours)
        p.restore()
        for band in self.bands:
            self._paint_band(p, band, item_to_device[band])
        p.save()
        p.translate(plan.legend.topLeft())
        paint_legend(p, plan.legend.width(), self.font(), self.colours)
        p.restore()
        paint_markers(p, plan.markers, title_font(self.font()), self.colours)
        p.end()
        if self.painted is not None:
            self.painted()

    def _paint_band(self, p: QPainter, band: Band, item_to_device: QTransform) -> None:
        plan = self._band(band)
        m = plan.to_device()
        (x0, x1), (y0, y1) = plan.x_range, plan.y_range
        view_rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        metrics = QFontMetricsF(self.font())
        tiers = axis_tiers(x0, x1, round(plan.view.width()), metrics.horizontalAdvance, self.roadmap.info.fiscal_year_start_month)
        p.save()
        p.setClipRect(plan.bounding)
        p.setTransform(m)
        paint_backdrop(p, view_rect, lane_tints(plan.layout, self.colours), tiers, backdrop_pens(self.colours))
        if band == Band.BUSINESS:
            paint_window(p, *self.plan.window, view_rect, self.colours)
        p.setTransform(item_to_device)
        self.bands[band].paint(p, plan.bounding)
        p.setTransform(m)
        paint_today(p, to_x(self.today) + DAY / 2, view_rect, self.colours)
        p.restore()
        text = hint_text(band, plan.layout)
        if text:
            from ui.timeline.paint_chrome import paint_hint

            box = metrics.boundingRect(text)
            lane_h = plan.layout.lanes[0].bottom * plan.row_px if plan.layout.lanes else plan.view.height()
            paint_hint(p, QPointF(plan.view.center().x() - box.width() / 2, plan.view.top() + min(lane_h, plan.view.height()) / 2 - metrics.height() / 2),
                       text, self.font(), self.colours)
        p.save()
        p.translate(plan.date_axis.topLeft())
        paint_calendar_axis(p, QRectF(0, 0, plan.date_axis.width(), plan.date_axis.height()), tiers, band == Band.BUSINESS,
                            self.font(), self.colours)
        p.restore()
        p.save()
        p.translate(plan.lane_axis.topLeft())
        lanes = [(m.map(QPointF(0, row)).y() - plan.lane_axis.top(), name) for row, name in lane_names(plan.layout, self.font())]
        height = plan.lane_axis.height()
        paint_lane_axis(p, QRectF(0, 0, plan.lane_axis.width(), height), (0.0, height), lanes, BAND_TITLES[band], self.font(), self.colours)
        p.restore()

    def _paint_links(self, p: QPainter, plan: ChartPlan, frames: dict) -> None:
        hidden = {**plan.business.layout.outline.hidden, **plan.tech.layout.outline.hidden}
        specs = link_specs(self.roadmap, hidden)  # a folded item's links end at its collapsed parent
        b_art = self.bands[Band.BUSINESS]
        mb, mt = plan.business.to_device(), plan.tech.to_device()
        ends = []
        known = []
        for spec in specs:
            tb, bb = plan.tech.layout.bars.get(spec.tech_id), plan.business.layout.bars.get(spec.business_id)
            if tb is None or bb is None:
                continue
            t0, t1 = mt.map(QPointF(tb.x0, tb.top)), mt.map(QPointF(tb.x1, tb.top))
            b0, b1 = mb.map(QPointF(bb.x0, bb.bottom)), mb.map(QPointF(bb.x1, bb.bottom))
            ends.append(LinkEnds(len(known), int(spec.tech_id), int(spec.business_id), t0.x(), t1.x(), t0.y(), b0.x(), b1.x(), b0.y()))
            known.append(spec)
        if not ends:
            return
        bbox, tbox = plan.business.bounding, plan.tech.bounding
        chosen = drawn_links(ends, bbox, tbox, LinkMode.ALL, [False] * len(ends), len(ends))
        routes, bundles = routes_for([ends[k] for k in chosen], bbox, tbox, pill_sizer(b_art.font))
        clear = [r.adjusted(-1, 0, 1, 0) for band in self.bands for r in frames[band].clear_rects()]
        p.save()
        p.setClipRegion(clip_region(bbox, tbox, clear))
        paint_routes(p, [(known[r.key], r) for r in routes], set(), False, self.colours)
        paint_counts(p, bundles, frozenset(), False, b_art.font, self.colours)
        p.restore()

    # --- input: the live view takes over -----------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() in INPUT and self.swap_requested is not None:
            self.swap_requested(event)
            return True
        return super().event(event)
