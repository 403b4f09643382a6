"""The dual timeline: business band above tech band in one scene, with links between.

One `GraphicsLayoutWidget` holds a title, the business plot (dates on top),
a gap the alignment links cross, the tech plot (dates below) and a legend, so
a picture of the widget is a complete board-pack figure. The tech window is a
draggable region on the business band kept in step with the tech band's view.
"""

from __future__ import annotations

import html
import os
from datetime import date, timedelta

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, QTimer, Signal  # noqa: E402  (PySide6 before pyqtgraph)
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QKeyEvent, QPen  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

import pyqtgraph as pg  # noqa: E402

from planner import clock  # noqa: E402
from planner.money import exact  # noqa: E402
from planner.dates import MAX_DATE, MIN_DATE, add_months, months_between  # noqa: E402
from planner.layout import DAY, BandLayout, from_x, to_x  # noqa: E402
from planner.model import Band, ItemId, LinkKind, Roadmap  # noqa: E402
from ui.document.selection import SelectionModel  # noqa: E402
from ui.timeline.axes import CalendarAxis  # noqa: E402
from ui.timeline.band_item import DIAMOND_PX, BandItem  # noqa: E402
from ui.timeline.legend import LegendItem  # noqa: E402
from ui.timeline.links_item import LinksItem, LinkSpec  # noqa: E402
from ui.timeline.style import TimelineColours  # noqa: E402

MIN_X_RANGE = 14 * DAY
MAX_X_RANGE = 40 * 365.25 * DAY
LANE_LABEL_MAX_PX = 230
HEADROOM_PX = 20  # empty strip above the first lane, for the today and tech-window labels
FOOTROOM = 0.15  # rows below the last lane
MIN_ROW_PX = 8  # below this, "fit" shows the top rows and the band scrolls
GAP_PX = 36  # between the bands, where links cross
PAN_STEP = 0.1  # of the visible width, per arrow key
ZOOM_STEP = 1.25


class TimeViewBox(pg.ViewBox):
    """Wheel zooms time only, about the cursor; Shift+wheel scrolls lanes; clicks on empty space report."""

    emptyClicked = Signal(bool)  # additive
    emptyDoubleClicked = Signal(object)  # QPointF in view coordinates

    def wheelEvent(self, ev, axis=None):  # noqa: N802
        if ev.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            (y0, y1) = self.viewRange()[1]
            step = (y1 - y0) * 0.1 * (-1 if ev.delta() > 0 else 1)
            self.translateBy(y=step)
            ev.accept()
            return
        super().wheelEvent(ev, axis=0)

    def mouseClickEvent(self, ev):  # noqa: N802
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            if ev.double():
                self.emptyDoubleClicked.emit(self.mapSceneToView(ev.scenePos()))
            else:
                self.emptyClicked.emit(bool(ev.modifiers() & Qt.KeyboardModifier.ControlModifier))
            return
        super().mouseClickEvent(ev)


class BandPlot:
    """One band's plot: view box, calendar axis, lane axis, bars, lane tints and today line."""

    def __init__(self, band: Band):
        self.band = band
        self.view_box = TimeViewBox(enableMenu=False)
        date_side = "top" if band == Band.BUSINESS else "bottom"
        self.date_axis = CalendarAxis(date_side)
        self.plot = pg.PlotItem(viewBox=self.view_box, axisItems={date_side: self.date_axis})
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.showAxis(date_side)
        self.plot.hideAxis("bottom" if band == Band.BUSINESS else "top")
        self.plot.showGrid(x=True, y=False, alpha=0.18)
        vb = self.view_box
        vb.invertY(True)
        vb.disableAutoRange()
        vb.setLimits(xMin=to_x(MIN_DATE), xMax=to_x(MAX_DATE), minXRange=MIN_X_RANGE, maxXRange=MAX_X_RANGE)
        self.lane_axis = self.plot.getAxis("left")
        self.lane_axis.setStyle(tickLength=0)
        # WORKAROUND: a zero-length tick still paints a dot, and AxisItem recolours
        # solid tick pens (even NoPen ones); a pen without a brush draws nothing.
        self.lane_axis.setTickPen(QPen(QBrush(Qt.BrushStyle.NoBrush), 0))
        self.lane_axis.setLabel("Business strategy" if band == Band.BUSINESS else "Technology strategy")
        self.bars = BandItem()
        self.plot.addItem(self.bars)
        self.lane_tints: list[pg.LinearRegionItem] = []  # kept: items need a Python reference
        self.today_line = pg.InfiniteLine(angle=90, movable=False)
        self.today_line.setZValue(20)
        self.plot.addItem(self.today_line)
        self.today_label = pg.InfLineLabel(
            self.today_line, text="Today" if band == Band.TECH else "", position=0.015, anchors=[(0, 0), (0, 0)]
        )
        self.layout = BandLayout((), {}, 0.0)

    @property
    def height(self) -> float:
        return max(self.layout.height, 1.0)

    def show(self, roadmap: Roadmap, origin: float, font, colours: TimelineColours, marks: dict) -> None:
        self.layout = BandLayout.build(roadmap.lanes_of(self.band), roadmap.items_of(self.band))
        for tint in self.lane_tints:
            self.plot.removeItem(tint)
        self.lane_tints = []
        for n, box in enumerate(self.layout.lanes):
            tint = QColor(box.lane.colour)
            tint.setAlphaF(colours.lane_alpha if n % 2 == 0 else colours.lane_alpha * 0.55)
            region = pg.LinearRegionItem(
                values=(box.top, box.bottom), orientation="horizontal", movable=False,
                brush=tint, pen=pg.mkPen(colours.separator, width=1),
            )
            region.setZValue(-20)
            self.plot.addItem(region)
            self.lane_tints.append(region)
        colours_by_lane = {lane.id: lane.colour for lane in roadmap.lanes.values()}
        self.bars.set_band(self.layout, colours_by_lane, origin, font, colours, marks)
        metrics = QFontMetricsF(font)
        ticks = [((b.top + b.bottom) / 2, metrics.elidedText(b.lane.name, Qt.TextElideMode.ElideRight, LANE_LABEL_MAX_PX - 40)) for b in self.layout.lanes]
        self.lane_axis.setTicks([ticks, []])
        self.fit_height()

    def fit_height(self) -> None:
        """Show every lane (with a strip above for line labels) or, if too many rows, the top ones."""
        pixels = self.view_box.height()
        total = self.height + FOOTROOM
        headroom = HEADROOM_PX * total / (pixels - HEADROOM_PX) if pixels > 3 * HEADROOM_PX else 0.9
        shown = min(total, max(pixels / MIN_ROW_PX, 1.0)) if pixels > 0 else total
        self.view_box.setLimits(yMin=-headroom, yMax=total, maxYRange=total + headroom)
        self.view_box.setYRange(-headroom, shown, padding=0)

    def lane_label_width(self, font) -> float:
        metrics = QFontMetricsF(font)
        widest = max((metrics.horizontalAdvance(b.lane.name) for b in self.layout.lanes), default=40)
        return min(widest + 44, LANE_LABEL_MAX_PX)  # room for the rotated band label too

    def x_range(self) -> tuple[float, float]:
        (x0, x1), _ = self.view_box.viewRange()
        return x0, x1


class TimelineView(pg.GraphicsLayoutWidget):
    """The main screen's dual timeline. Read-only for now: selection, navigation, pictures."""

    scales_locked_changed = Signal(bool)
    painted = Signal()  # once after each new roadmap is first drawn on screen

    def __init__(self, parent: QWidget | None = None, *, selection: SelectionModel | None = None, today: date | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.today = today or clock.today()
        self.roadmap: Roadmap | None = None
        self.selection = selection or SelectionModel(self)
        self.colours = TimelineColours.for_palette(self.palette())
        self.locked = False
        self._syncing = False
        self.editor = None  # a TimelineEditor attaches itself here
        self._announce_paint = False
        self.report = None  # the alignment report behind the badges, handed in by set_report
        self.baseline = None  # a Review whose dates show as ghost bars

        self.title = pg.LabelItem(justify="left")
        self.ci.addItem(self.title, row=0, col=0)
        self.business = BandPlot(Band.BUSINESS)
        self.tech = BandPlot(Band.TECH)
        self.ci.addItem(self.business.plot, row=1, col=0)
        self.gap = pg.GraphicsWidget()
        self.gap.setMinimumHeight(GAP_PX)
        self.gap.setMaximumHeight(GAP_PX)
        self.ci.addItem(self.gap, row=2, col=0)
        self.ci.addItem(self.tech.plot, row=3, col=0)
        self.legend = LegendItem()
        self.ci.addItem(self.legend, row=4, col=0)
        self.ci.layout.setVerticalSpacing(0)
        self.ci.setContentsMargins(6, 4, 10, 4)

        self.tech_window = pg.LinearRegionItem(values=(0, 1), movable=True, swapMode="block")
        self.tech_window.setZValue(-10)
        self.business.plot.addItem(self.tech_window)
        self.tech_window_label = pg.InfLineLabel(self.tech_window.lines[1], text="", position=0.015, anchors=[(1, 0), (1, 0)])
        self.tech_window.sigRegionChanged.connect(self._on_tech_window_dragged)
        self.tech.view_box.sigXRangeChanged.connect(self._on_tech_range_changed)

        self.links = LinksItem(self.business.bars, self.tech.bars)
        self.scene().addItem(self.links)
        for band in self.bands:
            band.view_box.sigResized.connect(self._on_band_resized)
            band.view_box.sigRangeChanged.connect(lambda *_: self.links.update())
            band.bars.clicked.connect(self._on_item_clicked)
            band.bars.tooltip_for = self.tooltip_for
            band.view_box.emptyClicked.connect(self._on_empty_clicked)
        self.selection.changed.connect(self._on_selection_changed)
        self._apply_colours()

    @property
    def bands(self) -> tuple[BandPlot, BandPlot]:
        return self.business, self.tech

    def band(self, band: Band) -> BandPlot:
        return self.business if band == Band.BUSINESS else self.tech

    # --- content -------------------------------------------------------------------

    def set_roadmap(self, roadmap: Roadmap | None, *, fit: bool = True) -> None:
        """Show `roadmap`; `fit` resets both bands to their horizons, else the view stays put."""
        self.roadmap = roadmap
        if roadmap is None:
            self.title.setText("")
            for band in self.bands:
                band.layout = BandLayout((), {}, 0.0)
                band.bars.set_band(band.layout, {}, 0.0, self.font(), self.colours, {})
            self.links.set_links([], self.colours)
            return
        info = roadmap.info
        origin = to_x(info.horizon_start)
        marks = self._marks()
        for band in self.bands:
            band.show(roadmap, origin, self.font(), self.colours, marks)
            band.date_axis.set_fiscal_year_start(info.fiscal_year_start_month)
            band.today_line.setPos(to_x(self.today) + DAY / 2)
        width = int(max(band.lane_label_width(self.font()) for band in self.bands))
        for band in self.bands:
            band.lane_axis.setWidth(width)  # both bands' dates line up
        # Each band's share of the height follows its rows (within reason), so
        # both get the same height per row: preferred heights set the split,
        # stretch factors share any extra the same way.
        for row, band in ((1, self.business), (3, self.tech)):
            rows = min(max(band.height, 3.0), 40.0)
            band.plot.setPreferredHeight(rows * 2)  # small: a large hint would grow the window
            band.plot.setMinimumHeight(60)
            self.ci.layout.setRowStretchFactor(row, int(rows * 10))
        self.links.set_links(_link_specs(roadmap), self.colours)
        self.selection.retain(roadmap.items)
        self._on_selection_changed(self.selection.ids)
        self._set_title(roadmap)
        self._show_baseline()
        self._announce_paint = True
        self.links.relayout()
        months = info.tech_months
        self.tech_window_label.setFormat(f"Tech window · {months} months ")
        if fit:
            self.fit_all()
        else:
            self._on_tech_range_changed()

    def _marks(self) -> dict:
        if self.report is None or self.roadmap is None:
            return {}
        severity = self.colours.severity
        return {i: severity[str(fs[0].severity)] for i, fs in self.report.by_item.items() if i in self.roadmap.items}

    def set_report(self, report) -> None:
        """Badges (and tooltip findings) from an alignment report of the shown roadmap."""
        self.report = report
        marks = self._marks()
        for band in self.bands:
            band.bars.set_marks(marks)

    def set_baseline(self, review) -> None:
        """Ghost bars at a review's baseline dates (None hides them)."""
        self.baseline = review
        self._show_baseline()

    def _show_baseline(self) -> None:
        entries = self.baseline.baseline if self.baseline is not None else ()
        ghosts = [(e.item_id, to_x(e.start), to_x(e.end) + DAY) for e in entries]
        for band in self.bands:
            band.bars.set_ghosts(ghosts)

    def reveal(self, item_ids) -> None:
        """Scroll each band so the given items are in view (keeping the zoom)."""
        if self.roadmap is None:
            return
        for band in self.bands:
            bars = [band.layout.bars[i] for i in item_ids if i in band.layout.bars]
            if not bars:
                continue
            x0, x1 = band.x_range()
            lo, hi = min(b.x0 for b in bars), max(b.x1 for b in bars)
            if lo < x0 or hi > x1:
                half = (x1 - x0) / 2
                centre = (lo + hi) / 2 if hi - lo < x1 - x0 else lo + half * 0.9
                band.view_box.setXRange(centre - half, centre + half, padding=0)
            (y0, y1) = band.view_box.viewRange()[1]
            top = min(b.top for b in bars)
            if top < y0 or top > y1 - 1:
                span = y1 - y0
                band.view_box.setYRange(top - span * 0.3, top + span * 0.7, padding=0)

    def _set_title(self, roadmap: Roadmap) -> None:
        info = roadmap.info
        end = add_months(info.horizon_start, 12 * info.business_years) - timedelta(days=1)
        c = self.colours
        org = f" · {html.escape(info.organisation)}" if info.organisation else ""
        self.title.setText(
            f"<span style='font-size:12pt; font-weight:600; color:{c.text.name()}'>{html.escape(info.title)}</span>"
            f"<span style='color:{c.muted.name()}'>{org} · business {info.horizon_start:%b %Y} – {end:%b %Y}"
            f" · tech cycle {info.tech_months} months · as of {self.today:%d %b %Y}</span>"
        )

    def tooltip_for(self, item_id: ItemId) -> str:
        roadmap = self.roadmap
        if roadmap is None or item_id not in roadmap.items:
            return ""
        item = roadmap.items[item_id]
        lane = roadmap.lanes[item.lane_id].name
        if item.is_milestone:
            when = f"{item.start:%d %b %Y}"
        else:
            months = max(1, months_between(item.start, item.end + timedelta(days=1)))
            when = f"{item.start:%d %b %Y} – {item.end:%d %b %Y} ({months} month{'s' if months != 1 else ''})"
        lines = [f"<b>{html.escape(item.title)}</b>", f"{html.escape(lane)} · {item.status.label}", when]
        if item.owner:
            lines.append(f"Owner: {html.escape(item.owner)}")
        if item.budget is not None:
            lines.append(f"Budget: {exact(item.budget, roadmap.info.currency)}")
        supports = [l for l in roadmap.links.values() if l.kind == LinkKind.SUPPORTS]
        if item.band == Band.TECH:
            names = [roadmap.items[l.target_id].title for l in supports if l.source_id == item_id]
            lines.append("Supports: " + html.escape("; ".join(names)) if names else "<i>No business goal is linked to this initiative</i>")
        else:
            names = [roadmap.items[l.source_id].title for l in supports if l.target_id == item_id]
            lines.append("Enabled by: " + html.escape("; ".join(names)) if names else "<i>No tech initiative supports this goal</i>")
        findings = self.report.by_item.get(item_id, ()) if self.report else ()
        for finding in findings[:3]:
            colour = self.colours.severity[str(finding.severity)].name()
            lines.append(f"<span style='color:{colour}'>●</span> {html.escape(finding.message)}")
        if len(findings) > 3:
            lines.append(f"<i>and {len(findings) - 3} more findings</i>")
        return "<br>".join(lines)

    # --- selection -------------------------------------------------------------------

    def _on_item_clicked(self, item_id: ItemId | None, additive: bool) -> None:
        self.setFocus()
        if item_id is None:
            self._on_empty_clicked(additive)
        elif additive:
            self.selection.toggle(item_id)
        else:
            self.selection.set({item_id})

    def _on_empty_clicked(self, additive: bool) -> None:
        self.setFocus()
        if not additive:
            self.selection.clear()

    def _on_selection_changed(self, ids: frozenset) -> None:
        related: set[ItemId] = set()
        if self.roadmap is not None:
            for link in self.roadmap.links.values():
                if link.kind != LinkKind.SUPPORTS:
                    continue
                if link.source_id in ids:
                    related.add(link.target_id)
                if link.target_id in ids:
                    related.add(link.source_id)
        related_ids = frozenset(related - ids)
        for band in self.bands:
            band.bars.set_highlight(ids, related_ids)
        self.links.set_emphasis(ids)

    # --- navigation ------------------------------------------------------------------

    def _tech_window(self) -> tuple[date, date]:
        info = self.roadmap.info
        return info.tech_window_start, add_months(info.tech_window_start, info.tech_months)

    def fit_all(self) -> None:
        """Business band over its horizon, tech band over its cycle, each widened to fit every item."""
        if self.roadmap is None:
            return
        info = self.roadmap.info
        spans = {
            Band.BUSINESS: (info.horizon_start, add_months(info.horizon_start, 12 * info.business_years)),
            Band.TECH: self._tech_window(),
        }
        for band in self.bands:
            lo, hi = spans[band.band]
            x0, x1 = to_x(lo), to_x(hi)
            data_lo, data_hi = band.bars.dataBounds(0)
            if data_lo is not None:
                x0, x1 = min(x0, data_lo), max(x1, data_hi)
            margin = (x1 - x0) * 0.02
            if not (self.locked and band is self.tech):
                band.view_box.setXRange(x0 - margin, x1 + margin, padding=0)
            band.fit_height()

    def show_span(self, months: int) -> None:
        """Zoom preset: up to 24 months sets the tech band's span, longer the business band's."""
        target = self.tech if months <= 24 and not self.locked else self.business
        x0, _ = target.x_range()
        start = from_x(x0)
        target.view_box.setXRange(x0, x0 + to_x(add_months(start, months)) - to_x(start), padding=0)

    def pan(self, fraction: float) -> None:
        """Move both bands by `fraction` of their visible width (positive: later)."""
        for band in self.bands:
            if self.locked and band is self.tech:
                continue
            x0, x1 = band.x_range()
            shift = (x1 - x0) * fraction
            band.view_box.setXRange(x0 + shift, x1 + shift, padding=0)

    def zoom(self, factor: float) -> None:
        """Zoom both bands about their centres: `factor` > 1 zooms in."""
        for band in self.bands:
            if self.locked and band is self.tech:
                continue
            band.view_box.scaleBy(x=1 / factor, y=1)

    def go_today(self) -> None:
        """Centre both bands on today, keeping their spans."""
        centre = to_x(self.today) + DAY / 2
        for band in self.bands:
            if self.locked and band is self.tech:
                continue
            x0, x1 = band.x_range()
            half = (x1 - x0) / 2
            band.view_box.setXRange(centre - half, centre + half, padding=0)

    def set_scales_locked(self, locked: bool) -> None:
        """Put both bands on one shared scale (the business band's) and keep them in step."""
        if locked == self.locked:
            return
        self.locked = locked
        self.tech.view_box.setXLink(self.business.view_box if locked else None)
        self.tech_window.setVisible(not locked)
        self.scales_locked_changed.emit(locked)

    def _on_tech_window_dragged(self) -> None:
        if self._syncing or self.locked:
            return
        self._syncing = True
        try:
            lo, hi = self.tech_window.getRegion()
            self.tech.view_box.setXRange(lo, hi, padding=0)
        finally:
            self._syncing = False

    def _on_tech_range_changed(self, *args) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            self.tech_window.setRegion(self.tech.x_range())
        finally:
            self._syncing = False

    def _on_band_resized(self) -> None:
        for band in self.bands:
            band.fit_height()
        self.links.relayout()

    def paintEvent(self, ev) -> None:  # noqa: N802
        super().paintEvent(ev)
        if self._announce_paint:
            self._announce_paint = False
            QTimer.singleShot(0, self.painted.emit)  # after this paint has reached the screen

    def keyPressEvent(self, ev: QKeyEvent) -> None:  # noqa: N802
        if self.editor is not None and self.editor.handle_key(ev):
            ev.accept()
            return
        key = ev.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(ZOOM_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_Left:
            self.pan(-PAN_STEP)
        elif key == Qt.Key.Key_Right:
            self.pan(PAN_STEP)
        elif key == Qt.Key.Key_Home:
            self.go_today()
        elif key == Qt.Key.Key_Escape:
            self.selection.clear()
        else:
            super().keyPressEvent(ev)
            return
        ev.accept()

    # --- geometry for tests and gestures -----------------------------------------------

    def item_rect(self, item_id: ItemId) -> QRect | None:
        """The item's bar (or milestone diamond) in viewport coordinates; None if not shown."""
        if self.roadmap is None or item_id not in self.roadmap.items:
            return None
        band = self.band(self.roadmap.items[item_id].band)
        rect = band.bars.bar_rect(item_id)
        if rect is None:
            return None
        scene = band.view_box.mapViewToScene(rect).boundingRect()
        if self.roadmap.items[item_id].is_milestone:
            c = scene.center()
            scene = QRectF(c.x() - DIAMOND_PX, c.y() - DIAMOND_PX, 2 * DIAMOND_PX, 2 * DIAMOND_PX)
        return self.mapFromScene(scene).boundingRect()

    def x_for_date(self, band: Band, d: date) -> float:
        """Viewport x of the start of day `d` on a band."""
        plot = self.band(band)
        scene = plot.view_box.mapViewToScene(QPointF(to_x(d), 0))
        return self.mapFromScene(scene).x()

    def date_at(self, band: Band, viewport_x: float) -> date:
        plot = self.band(band)
        view = plot.view_box.mapSceneToView(self.mapToScene(int(round(viewport_x)), 0))
        return from_x(view.x())

    # --- look --------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        # pyqtgraph's constructor changes the palette before our bands exist.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and hasattr(self, "legend"):
            self.colours = TimelineColours.for_palette(self.palette())
            self._apply_colours()
            if self.roadmap is not None:
                self.set_roadmap(self.roadmap, fit=False)
        super().changeEvent(event)

    def _apply_colours(self) -> None:
        c = self.colours
        self.setBackground(c.background)
        for band in self.bands:
            for axis in (band.date_axis, band.lane_axis):
                axis.setPen(pg.mkPen(c.separator))
                axis.setTextPen(pg.mkPen(c.text if axis is band.lane_axis else c.muted))
            band.lane_axis.label.setDefaultTextColor(c.muted)
            band.today_line.setPen(pg.mkPen(c.today, width=1.5, style=Qt.PenStyle.DashLine))
            band.today_label.setColor(c.today)
        self.tech_window.setBrush(c.window)
        hover = QColor(c.window)
        hover.setAlphaF(min(1.0, c.window.alphaF() * 1.8))
        self.tech_window.setHoverBrush(hover)
        edge = QColor(c.window)
        edge.setAlphaF(0.7)
        for line in self.tech_window.lines:
            line.setPen(pg.mkPen(edge, width=1))
            line.setHoverPen(pg.mkPen(c.highlight, width=2))
        self.tech_window_label.setColor(c.muted)
        self.legend.set_colours(c)


def _link_specs(roadmap: Roadmap) -> list[LinkSpec]:
    out = []
    for link in roadmap.links.values():
        if link.kind != LinkKind.SUPPORTS:
            continue
        tech, business = roadmap.items.get(link.source_id), roadmap.items.get(link.target_id)
        if tech is None or business is None:
            continue
        out.append(LinkSpec(link.id, tech.id, business.id, late=tech.end > business.end))
    return out
