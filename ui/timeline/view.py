"""The dual timeline: business band above tech band in one scene, with links between.

One `GraphicsLayoutWidget` holds a header line, the business plot (dates on
top), a gap the alignment links cross, the tech plot (dates below) and a
legend, so a picture of the widget is a complete board-pack figure. The tech
window is a draggable region on the business band kept in step with the tech
band's view. Hovering an item (or a link) lights up its links and the items at
their other ends; focus does the same for the selection, through every link.
"""

from __future__ import annotations

import os
from datetime import date
from itertools import product

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, QTimer, Signal  # noqa: E402  (PySide6 before pyqtgraph)
from PySide6.QtGui import QAction, QActionGroup, QColor, QFontMetricsF, QKeyEvent, QKeySequence  # noqa: E402
from PySide6.QtWidgets import QScrollBar, QToolTip, QWidget  # noqa: E402

import pyqtgraph as pg  # noqa: E402

from planner.alignment import analyse  # noqa: E402
from planner.band_fit import fit_bands  # noqa: E402
from planner.connections import connected, neighbours  # noqa: E402
from planner.dates import add_months  # noqa: E402
from planner.label_layout import CLEARANCE, GAP, PAD  # noqa: E402
from planner.layout import BAR_FILL, DAY, from_x, to_x  # noqa: E402
from planner.model import Band, ItemId, LinkKind, Roadmap  # noqa: E402
from ui.selection import SelectionModel  # noqa: E402
from ui.timeline.band_item import title_font  # noqa: E402
from ui.timeline.band_painter import DIAMOND_PX, MARK_PX  # noqa: E402
from ui.timeline.band_plot import FOOTROOM, BandPlot, enabler_counts  # noqa: E402
from ui.timeline.drag_preview import PendingLinkItem  # noqa: E402
from ui.timeline.header import HeaderItem, header_parts  # noqa: E402
from ui.timeline.legend import HEIGHT as LEGEND_PX, LegendItem  # noqa: E402
from ui.timeline.links_item import LinkMode, LinksItem, LinkSpec  # noqa: E402
from ui.timeline.markers import MarkersItem  # noqa: E402
from ui.timeline.painted import PaintedLabel  # noqa: E402
from ui.timeline.style import TimelineColours  # noqa: E402
from ui.timeline.tooltips import item_tooltip, link_tooltip  # noqa: E402

GAP_PX = 32  # between the bands, where links cross (two lines of counts)
MARGINS = (6, 2, 14, 2)  # left, top, right (room for the scroll bars), bottom
SCROLL_BAR_PX = 11
NOMINAL_PLOT_PX = 800  # the plot width lane packing assumes before the view is laid out
ROOMY_LIMIT = 2000  # bands with more items than this pack tight (no room for titles beside bars)
PAN_STEP = 0.1  # of the visible width, per arrow key
ZOOM_STEP = 1.25


class TimelineView(pg.GraphicsLayoutWidget):
    """The main screen's dual timeline: what is shown, navigation, hover and focus, pictures."""

    scales_locked_changed = Signal(bool)
    focus_changed = Signal(bool)
    message = Signal(str)  # for the status bar
    painted = Signal()  # once after each new roadmap is first drawn on screen

    def __init__(self, parent: QWidget | None = None, *, selection: SelectionModel | None = None, today: date | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.today = today or date.today()
        self.roadmap: Roadmap | None = None
        self.selection = selection or SelectionModel(self)
        self.colours = TimelineColours.for_palette(self.palette())
        self.locked = False
        self.focused = False
        self.link_mode = LinkMode.ALL
        self._syncing = False
        self.editor = None  # a TimelineEditor attaches itself here
        self._announce_paint = False
        self.report = None  # the alignment report behind the badges
        self.computes_report = True  # False when a findings panel hands us its report (set_report)
        self.baseline = None  # a Review whose dates show as ghost bars
        self._hover_item: ItemId | None = None
        self._hover_link: LinkSpec | None = None
        self._layout_width = NOMINAL_PLOT_PX

        self.header = HeaderItem()
        self.ci.addItem(self.header, row=0, col=0)
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
        self.ci.setContentsMargins(*MARGINS)

        self.tech_window = pg.LinearRegionItem(values=(0, 1), movable=True, swapMode="block")
        self.tech_window.setZValue(-10)
        self.business.plot.addItem(self.tech_window)
        self.tech_window.sigRegionChanged.connect(self._on_tech_window_dragged)
        self.tech.view_box.sigXRangeChanged.connect(self._on_tech_range_changed)

        self.links = LinksItem(self.business.bars, self.tech.bars)
        self.scene().addItem(self.links)
        self.pending_link = PendingLinkItem(self.business.bars, self.tech.bars)
        self.scene().addItem(self.pending_link)
        self.markers = MarkersItem()
        self.scene().addItem(self.markers)
        self.links.hovered.connect(self._on_link_hovered)
        self.scroll_bars: dict[Band, QScrollBar] = {}
        for band in self.bands:
            band.view_box.sigResized.connect(self._on_band_resized)
            band.view_box.sigRangeChanged.connect(self._on_range_changed)
            band.view_box.scrolled.connect(lambda rows, b=band: self._scroll(b, b.scroll + rows))
            band.bars.clicked.connect(self._on_item_clicked)
            band.bars.hovered.connect(self._on_item_hovered)
            band.view_box.emptyClicked.connect(self._on_empty_clicked)
            bar = QScrollBar(Qt.Orientation.Vertical, self.viewport())
            bar.setObjectName(f"{band.band}ScrollBar")
            bar.hide()
            bar.valueChanged.connect(lambda value, b=band: self._scroll(b, value / b.row_px, from_bar=True))
            self.scroll_bars[band.band] = bar
        self.selection.changed.connect(self._on_selection_changed)
        self._build_actions()
        self._apply_colours()

    @property
    def bands(self) -> tuple[BandPlot, BandPlot]:
        return self.business, self.tech

    def band(self, band: Band) -> BandPlot:
        return self.business if band == Band.BUSINESS else self.tech

    def _build_actions(self) -> None:
        """Focus and link-visibility toggles, for the main window's toolbar and View menu."""
        self.focus_action = QAction("&Focus on Selection", self)
        self.focus_action.setCheckable(True)
        self.focus_action.setShortcut(QKeySequence("F"))
        self.focus_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.focus_action.setToolTip("Fade everything not connected to the selection, in both bands (F)")
        self.focus_action.toggled.connect(self.set_focus_mode)
        self.addAction(self.focus_action)
        self.link_mode_group = QActionGroup(self)
        self.link_mode_actions = {}
        for mode, text in ((LinkMode.ALL, "&All Links"), (LinkMode.SELECTION, "Links of the &Selection"), (LinkMode.NONE, "&No Links")):
            action = QAction(text, self.link_mode_group)
            action.setCheckable(True)
            action.setChecked(mode is self.link_mode)
            action.triggered.connect(lambda checked=False, m=mode: self.set_link_mode(m))
            self.link_mode_actions[mode] = action

    # --- content -------------------------------------------------------------------

    def set_roadmap(self, roadmap: Roadmap | None, *, fit: bool = True) -> None:
        """Show `roadmap`; `fit` resets both bands to their horizons, else the view stays put."""
        self.roadmap = roadmap
        self._hover_item, self._hover_link = None, None
        if roadmap is None:
            self.header.set_text("", "", self.colours)
            for band in self.bands:
                band.clear(self.font(), self.colours)
            self.links.set_links([], self.colours)
            return
        info = roadmap.info
        if self.computes_report:
            self.report = analyse(roadmap, self.today)
        self._build_layouts()
        width = int(max(band.lane_label_width(self.font()) for band in self.bands))
        for band in self.bands:
            band.lane_axis.setWidth(width)  # both bands' dates line up
        self.selection.retain(roadmap.items)
        self.header.set_text(*header_parts(info, self.today), self.colours)
        self._show_baseline()
        self._announce_paint = True
        self._fit_bands(force=True)
        self.links.relayout()
        self._refresh_emphasis()
        if fit:
            self.fit_all()
        else:
            self._on_tech_range_changed()

    def _spans(self) -> dict[Band, tuple[date, date]]:
        info = self.roadmap.info
        return {
            Band.BUSINESS: (info.horizon_start, add_months(info.horizon_start, 12 * info.business_years)),
            Band.TECH: (info.tech_window_start, add_months(info.tech_window_start, info.tech_months)),
        }

    def _build_layouts(self) -> None:
        """Pack both bands' lanes for the plot's current width (see `_reaches`)."""
        marks, spans = self._marks(), self._spans()
        width = self.business.view_box.width()
        self._layout_width = width if width > 200 else NOMINAL_PLOT_PX
        for band in self.bands:
            band.show(self.roadmap, to_x(self.roadmap.info.horizon_start), self.font(), self.colours, marks,
                      self._reaches(band, spans[band.band], self._layout_width))
            band.date_axis.set_fiscal_year_start(self.roadmap.info.fiscal_year_start_month)
            band.today_line.setPos(to_x(self.today) + DAY / 2)
        self.links.set_links(_link_specs(self.roadmap), self.colours)

    def _reaches(self, band: BandPlot, span: tuple[date, date], width: float) -> list[tuple[dict, dict]]:
        """(reach, optional reach) for each lane packing the band may use, roomiest first (see BandLayout.build).

        A milestone always keeps room for its diamond and title. A bar too short
        for its title asks for room beside it: the roomy packing grants it
        everywhere, the other only where it adds no row. The view takes the
        roomiest whose rows fit on screen.
        """
        px_per_day = width / (max((span[1] - span[0]).days, 1) * 1.06)  # fit_all adds margins
        metrics = QFontMetricsF(title_font(self.font()))
        items = self.roadmap.items_of(band.band)
        tight, beside = {}, {}
        for item in items:
            title = min(metrics.horizontalAdvance(item.title), 0.4 * width)
            if item.is_milestone:
                tight[item.id] = ((DIAMOND_PX + 2) / px_per_day, (DIAMOND_PX + GAP + title + CLEARANCE) / px_per_day)
            elif len(items) <= ROOMY_LIMIT:
                bar_px = ((item.end - item.start).days + 1) * px_per_day
                if title + 2 * PAD + MARK_PX > bar_px:
                    beside[item.id] = (0.0, (GAP + title + CLEARANCE) / px_per_day)
        return [({**tight, **beside}, {}), (tight, beside)] if beside else [(tight, {})]

    def _marks(self) -> dict:
        if self.report is None or self.roadmap is None:
            return {}
        severity = self.colours.severity
        return {i: severity[str(fs[0].severity)] for i, fs in self.report.by_item.items() if i in self.roadmap.items}

    def set_report(self, report) -> None:
        """Badges from an alignment report computed elsewhere (the findings panel)."""
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
            band.reveal_rows(min(b.top for b in bars), max(b.bottom for b in bars))
            self._sync_scroll_bar(band)

    def tooltip_for(self, item_id: ItemId) -> str:
        return item_tooltip(self.roadmap, item_id, self.report, self.colours.severity) if self.roadmap else ""

    # --- selection, hover and focus --------------------------------------------------------

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
        if self.focused and not ids:
            self.focus_action.setChecked(False)  # nothing left to focus on
        self._refresh_emphasis()

    def _on_item_hovered(self, item_id: ItemId | None) -> None:
        if self.editor is not None and self.editor.gesture is not None:
            return  # a drag is on: nothing lights up under it
        self._hover_item = item_id
        self._refresh_emphasis()

    def _on_link_hovered(self, spec: LinkSpec | None) -> None:
        if self.editor is not None and self.editor.gesture is not None:
            return
        self._hover_link = spec
        self._refresh_emphasis()

    def clear_hover(self) -> None:
        if self._hover_item is not None or self._hover_link is not None:
            self._hover_item, self._hover_link = None, None
            self._refresh_emphasis()

    def set_focus_mode(self, on: bool) -> None:
        """Fade everything not connected to the selection (through supports and depends links)."""
        if on and not self.selection.ids:
            self.message.emit("Select an item first: focus shows what it is connected to")
            on = False
        if self.focus_action.isChecked() != on:
            self.focus_action.setChecked(on)  # re-enters here through toggled
            return
        if on != self.focused:
            self.focused = on
            self._refresh_emphasis()
            self.focus_changed.emit(on)

    def set_link_mode(self, mode: LinkMode) -> None:
        """Links: all of them, only the selection's, or none (then business items count their enablers)."""
        self.link_mode = LinkMode(mode)
        self.link_mode_actions[self.link_mode].setChecked(True)
        self.links.set_mode(self.link_mode)
        counts = enabler_counts(self.roadmap) if self.roadmap and self.link_mode is not LinkMode.ALL else {}
        self.business.bars.set_counts(counts)

    def _refresh_emphasis(self) -> None:
        """One place decides what is outlined, faded and drawn strong: hover, then focus, then the selection."""
        roadmap = self.roadmap
        ids = self.selection.ids
        if roadmap is None:
            return
        link_id, both_ends = None, False
        if self._hover_link is not None:
            keep = frozenset({self._hover_link.tech_id, self._hover_link.business_id})
            strong, related, link_id = frozenset(), keep, self._hover_link.link_id
        elif self._hover_item is not None and self._hover_item in roadmap.items:
            strong = frozenset({self._hover_item})
            keep = strong | neighbours(roadmap, strong)
            related = keep | neighbours(roadmap, ids)
        elif self.focused and ids:
            keep = connected(roadmap, ids)
            strong, related, both_ends = keep, neighbours(roadmap, ids) & keep, True
        else:
            keep, strong, related = None, ids, neighbours(roadmap, ids)
        for band in self.bands:
            band.bars.set_highlight(ids, frozenset(related - ids))
            band.bars.set_dimmed(keep)
        self.links.set_emphasis(strong, link_id, faded=keep is not None, both_ends=both_ends)
        if self.link_mode is not LinkMode.ALL:
            self.business.bars.set_counts(enabler_counts(roadmap))

    # --- navigation ------------------------------------------------------------------

    def fit_all(self) -> None:
        """Business band over its horizon, tech band over its cycle, each widened to fit every item; lanes from the top."""
        if self.roadmap is None:
            return
        spans = self._spans()
        for band in self.bands:
            lo, hi = spans[band.band]
            x0, x1 = to_x(lo), to_x(hi)
            data_lo, data_hi = band.bars.dataBounds(0)
            if data_lo is not None:
                x0, x1 = min(x0, data_lo), max(x1, data_hi)
            margin = (x1 - x0) * 0.02
            if not (self.locked and band is self.tech):
                band.view_box.setXRange(x0 - margin, x1 + margin, padding=0)
            self._scroll(band, 0.0)

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
        self._place_markers()

    def _on_tech_window_dragged(self) -> None:
        if self._syncing or self.locked:
            return
        self._syncing = True
        try:
            lo, hi = self.tech_window.getRegion()
            self.tech.view_box.setXRange(lo, hi, padding=0)
        finally:
            self._syncing = False
        self._place_markers()

    def _on_tech_range_changed(self, *args) -> None:
        if not self._syncing:
            self._syncing = True
            try:
                self.tech_window.setRegion(self.tech.x_range())
            finally:
                self._syncing = False
        self._place_markers()

    def _on_range_changed(self, *args) -> None:
        self.links.update()
        self._place_markers()

    # --- the bands' heights, rows and scroll bars -------------------------------------------

    def row_limits(self) -> tuple[float, float]:
        """Shortest and tallest row in pixels: a row always holds a line of the UI font, and a bar its title."""
        ui = QFontMetricsF(self.font()).height()
        title = QFontMetricsF(title_font(self.font())).height()
        low = max(ui + 4, (title + 1) / BAR_FILL)
        return float(int(low + 0.999)), float(int(low * 1.45))

    def _fit_bands(self, force: bool = False) -> None:
        """Row height and band heights for the space there is; the roomiest lane packing that fits."""
        if getattr(self, "roadmap", None) is None:  # pyqtgraph resizes us before __init__ is done
            return
        width = self.business.view_box.width()
        if not force and width > 200 and abs(width - self._layout_width) > 0.1 * self._layout_width:
            self._build_layouts()  # titles beside bars need room at this width, not the last one
            force = True
        top, bottom = MARGINS[1], MARGINS[3]
        available = max(self.viewport().height() - top - bottom - self.header.line_height - GAP_PX - LEGEND_PX, 0.0)
        low, high = self.row_limits()
        b, t = self.business, self.tech
        choices = sorted(product(range(len(b.layouts)), range(len(t.layouts))), key=sum)
        for i, j in choices:
            fit = fit_bands(available, b.need_of(i), t.need_of(j), low, high)
            slack = FOOTROOM + 0.05
            if not fit.scrolls(b.need_of(i), fit.business_px, slack) and not fit.scrolls(t.need_of(j), fit.tech_px, slack):
                break
        for band in self.bands:
            band.row_px = fit.row_px
        if b.use(i) | t.use(j) or force:
            self.links.set_links(_link_specs(self.roadmap), self.colours)
            self._refresh_emphasis()
        plot = b.plot
        if abs(plot.minimumHeight() - fit.business_px) > 0.5:
            plot.setMinimumHeight(fit.business_px)
            plot.setMaximumHeight(fit.business_px)
        t.plot.setMinimumHeight(min(fit.tech_px, 3 * fit.row_px + t.need().fixed))
        self.ci.layout.setRowStretchFactor(3, 1)
        for band in self.bands:
            band.apply_rows()
            self._sync_scroll_bar(band)

    def _scroll(self, band: BandPlot, row: float, *, from_bar: bool = False) -> None:
        band.scroll_to(row)
        if not from_bar:
            self._sync_scroll_bar(band)

    def _sync_scroll_bar(self, band: BandPlot) -> None:
        bar = self.scroll_bars[band.band]
        vb = band.view_box
        rect = self.mapFromScene(vb.sceneBoundingRect()).boundingRect()
        scrolls = band.max_scroll() > 0.01 and self.roadmap is not None
        bar.setVisible(scrolls)
        if not scrolls:
            return
        bar.setGeometry(QRect(rect.right() + 2, rect.top(), SCROLL_BAR_PX, rect.height()))
        bar.blockSignals(True)
        bar.setRange(0, int(round(band.max_scroll() * band.row_px)))
        bar.setPageStep(int(vb.height()))
        bar.setSingleStep(int(band.row_px))
        bar.setValue(int(round(band.scroll * band.row_px)))
        bar.blockSignals(False)

    def _on_band_resized(self) -> None:
        for band in self.bands:
            band.apply_rows()
            self._sync_scroll_bar(band)
        self.links.relayout()
        self._place_markers()

    def resizeEvent(self, ev) -> None:  # noqa: N802
        super().resizeEvent(ev)
        if not getattr(self, "closed", False):  # WORKAROUND: pyqtgraph's close() clears the scene, then Qt resizes us
            self._fit_bands()

    def _place_markers(self) -> None:
        """The tech window's label (saying what it shows) and today's, in the business axis' strip."""
        vb = self.business.view_box
        box = vb.sceneBoundingRect()
        axis = self.business.date_axis
        strip = QRectF(box.left(), box.top() - axis.strip, box.width(), axis.strip)
        window = None
        if self.roadmap is not None and not self.locked:
            lo, hi = self.tech_window.getRegion()
            left, right = vb.mapViewToScene(QPointF(lo, 0)).x(), vb.mapViewToScene(QPointF(hi, 0)).x()
            if right > box.left() and left < box.right():
                window = (left, right)
            last = from_x(hi - 1)
            self.markers.window_text = f"Tech window · {from_x(lo):%b %Y} – {last:%b %Y}"
        today = vb.mapViewToScene(QPointF(to_x(self.today) + DAY / 2, 0)).x() if self.roadmap is not None else None
        if today is not None and not box.left() <= today <= box.right():
            today = None
        self.markers.place(strip, window, today)

    # --- events ------------------------------------------------------------------------

    def viewportEvent(self, ev) -> bool:  # noqa: N802
        kind = ev.type()
        if kind == QEvent.Type.ToolTip:
            self._show_tooltip(ev)
            return True
        if kind == QEvent.Type.MouseButtonPress:
            QToolTip.hideText()  # a drag starts here: no tooltip covers the drop target
            self.clear_hover()
        return super().viewportEvent(ev)

    def _show_tooltip(self, ev) -> None:
        """Qt's resting-pointer tooltip, held to the rectangle of what is under the pointer."""
        if self.roadmap is None or (self.editor is not None and self.editor.gesture is not None):
            QToolTip.hideText()
            return
        pos = ev.pos()
        scene = self.mapToScene(pos)
        for band in self.bands:
            if not band.view_box.sceneBoundingRect().contains(scene):
                continue
            hit = band.bars.hit_at(band.bars.mapFromScene(scene))
            if hit is not None:
                rect = self.item_rect(hit.item_id)
                rect = rect.adjusted(-2, -2, 2, 2).intersected(self.viewport().rect()) if rect else QRect(pos, pos)
                QToolTip.showText(ev.globalPos(), self.tooltip_for(hit.item_id), self.viewport(), rect)
                return
        spec = self.links.link_at(scene)
        if spec is not None:
            QToolTip.showText(ev.globalPos(), link_tooltip(self.roadmap, spec.link_id), self.viewport(), QRect(pos.x() - 5, pos.y() - 5, 10, 10))
            return
        text, rect = self.header.shown
        header = self.mapFromScene(self.header.mapRectToScene(rect)).boundingRect()
        if self.header.elided and header.contains(pos):
            QToolTip.showText(ev.globalPos(), self.header.full_text, self.viewport(), header)
            return
        QToolTip.hideText()

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

    # --- what was painted, and geometry for tests and gestures ---------------------------------

    def painted_labels(self) -> list[PaintedLabel]:
        """Every label of the last frame on screen, in viewport coordinates (see PaintedLabel)."""
        out = []

        def to_view(scene_rect: QRectF) -> QRectF:
            return QRectF(self.mapFromScene(scene_rect).boundingRect())

        text, rect = self.header.shown
        if text:
            out.append(PaintedLabel("header", text, self.header.full_text, to_view(self.header.mapRectToScene(rect))))
        for band in self.bands:
            for title in band.bars.painted:
                kind = "count" if title.placement == "count" else "title"
                out.append(PaintedLabel(kind, title.text, title.full_text, QRectF(title.rect), title.item_id, placement=str(title.placement)))
            for tier, rect, label in band.date_axis.painted:
                out.append(PaintedLabel("axis", label, label, to_view(band.date_axis.mapRectToScene(rect)), tier=f"{band.band}:{tier}"))
            if band.hint.isVisible():
                out.append(PaintedLabel("hint", band.hint.text(), band.hint.text(), to_view(band.hint.sceneBoundingRect())))
        for item_id, rect, label in self.links.painted_counts:
            out.append(PaintedLabel("count", label, label, to_view(rect), item_id))
        for key, rect, label in self.markers.placed:
            out.append(PaintedLabel("marker", label, label, to_view(rect), tier=key))
        return out

    def painted_link_paths(self) -> list[tuple[LinkSpec, list[QPointF]]]:
        """Each link of the last frame on screen as a polyline in viewport coordinates."""
        return [(spec, [QPointF(self.mapFromScene(QPointF(x, y))) for x, y in route.polyline()]) for spec, route in self.links.painted]

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

    def visible_days(self, band: Band) -> float:
        x0, x1 = self.band(band).x_range()
        return (x1 - x0) / DAY

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
        self.header.set_font(self.font())
        self.markers.font = title_font(self.font())
        self.markers.colours = c
        self.pending_link.colours = c
        for band in self.bands:
            for axis in (band.date_axis, band.lane_axis):
                axis.setPen(pg.mkPen(c.separator))
                axis.setTextPen(pg.mkPen(c.text if axis is band.lane_axis else c.muted))
            band.lane_axis.label.setDefaultTextColor(c.muted)
            band.today_line.setPen(pg.mkPen(c.today, width=1.5, style=Qt.PenStyle.DashLine))
        self.tech_window.setBrush(c.window)
        hover = QColor(c.window)
        hover.setAlphaF(min(1.0, c.window.alphaF() * 1.8))
        self.tech_window.setHoverBrush(hover)
        edge = QColor(c.window)
        edge.setAlphaF(0.7)
        for line in self.tech_window.lines:
            line.setPen(pg.mkPen(edge, width=1))
            line.setHoverPen(pg.mkPen(c.highlight, width=2))
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

