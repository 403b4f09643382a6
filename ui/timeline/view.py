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

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal  # noqa: E402  (PySide6 before pyqtgraph)
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QToolTip, QWidget  # noqa: E402

import pyqtgraph as pg  # noqa: E402

from planner import clock  # noqa: E402
from planner.dates import add_months  # noqa: E402
from planner.layout import DAY, from_x, to_x  # noqa: E402
from planner.model import Band, ItemId, LinkKind, Roadmap  # noqa: E402
from ui.document.selection import SelectionModel  # noqa: E402
from ui.timeline.paint_band import title_font  # noqa: E402
from ui.timeline.paint_band import DIAMOND_PX  # noqa: E402
from ui.timeline.band_plot import BandPlot, TechWindowItem, enabler_counts  # noqa: E402
from ui.timeline.band_sizer import BandSizer, row_limits  # noqa: E402
from ui.timeline.drag_preview import PendingLinkItem  # noqa: E402
from ui.timeline.chart_plan import header_parts  # noqa: E402
from ui.timeline.header import HeaderItem  # noqa: E402
from ui.timeline.legend import HEIGHT as LEGEND_PX, LegendItem  # noqa: E402
from ui.timeline.links_item import LinksItem  # noqa: E402
from ui.timeline.paint_links import LinkMode, LinkSpec  # noqa: E402
from ui.timeline.markers import MarkersItem  # noqa: E402
from ui.timeline.following import NOMINAL_PLOT_PX, FollowingMixin  # noqa: E402
from ui.timeline.navigation import NavigationMixin  # noqa: E402
from ui.timeline.outline_view import OutlineMixin, link_specs  # noqa: E402
from ui.timeline.painted import PaintedLabel, PaintedOutline, painted_labels, painted_link_paths, painted_outline  # noqa: E402
from ui.timeline.style import TimelineColours, apply_colours  # noqa: E402
from ui.timeline.tooltips import item_tooltip, show_tooltip  # noqa: E402
from ui.timeline.view_actions import build_actions  # noqa: E402

GAP_PX = 32  # between the bands, where links cross (two lines of counts)
MARGINS = (6, 2, 14, 2)  # left, top, right (room for the scroll bars), bottom
MIN_ROWS = 4  # rows of each band the view always has room for
PAN_STEP = 0.1  # of the visible width, per arrow key
ZOOM_STEP = 1.25


class TimelineView(FollowingMixin, OutlineMixin, NavigationMixin, pg.GraphicsLayoutWidget):
    """The main screen's dual timeline: what is shown, navigation, folding, hover and focus, pictures."""

    scales_locked_changed = Signal(bool)
    collapsed_changed = Signal(object)  # the frozenset of collapsed parents (view state, see OutlineMixin)
    focus_changed = Signal(bool)
    message = Signal(str)  # for the status bar
    painted = Signal()  # once after each new roadmap is first drawn on screen

    def __init__(self, parent: QWidget | None = None, *, selection: SelectionModel | None = None, today: date | None = None,
                 actions=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.today = today or clock.today()
        self.roadmap: Roadmap | None = None
        self.selection = selection or SelectionModel(self)
        self.colours = TimelineColours.for_palette(self.palette())
        self.locked = False
        self.focused = False
        self.link_mode = LinkMode.ALL
        self._syncing = False
        self.editor = None  # a TimelineEditor attaches itself here
        self._announce_paint = False
        self.report = None  # the alignment report behind the badges, handed in by set_report
        self.badges: dict = {}  # item -> badge colour of its worst finding (one dict, shared with the bands)
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

        self.tech_window = TechWindowItem()
        self.business.plot.addItem(self.tech_window)
        self.tech_window.sigRegionChanged.connect(self._on_tech_window_dragged)
        self.tech.view_box.sigXRangeChanged.connect(self._on_tech_range_changed)

        self.links = LinksItem(self.business.bars, self.tech.bars)
        self.scene().addItem(self.links)
        self.pending_link = PendingLinkItem(self.business.bars, self.tech.bars)
        self.scene().addItem(self.pending_link)
        self.markers = MarkersItem()
        self.markers.font = title_font(self.font())
        self.scene().addItem(self.markers)
        self.links.hovered.connect(self._on_link_hovered)
        for band in self.bands:
            band.view_box.sigResized.connect(self._on_band_resized)
            band.view_box.sigRangeChanged.connect(self._on_range_changed)
            band.view_box.scrolled.connect(lambda rows, b=band: self._scroll(b, b.scroll + rows))
            band.bars.clicked.connect(self._on_item_clicked)
            band.bars.hovered.connect(self._on_item_hovered)
            band.bars.disclosure_clicked.connect(self.toggle_collapsed)
            band.view_box.emptyClicked.connect(self._on_empty_clicked)
        self.sizer = BandSizer(self, self.ci.layout, self.business, self.tech)
        self.scroll_bars = {band.band: bar for band, bar in self.sizer.scroll_bars.items()}
        self.selection.changed.connect(self._on_selection_changed)
        # The window may hold the toggles already (its toolbar shows them over the first frame).
        self.focus_action, self.link_mode_group, self.link_mode_actions = actions or build_actions(self, self.set_focus_mode, self.set_link_mode)
        self.addAction(self.focus_action)
        apply_colours(self)

    @property
    def bands(self) -> tuple[BandPlot, BandPlot]:
        return self.business, self.tech

    def band(self, band: Band) -> BandPlot:
        return self.business if band == Band.BUSINESS else self.tech

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
        self._keep_selection_shown(roadmap)
        self.set_report(self.report) if self.report is not None else self.badges.clear()
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
        """Scroll each band so the given items are in view (keeping the zoom), unfolding what hides them."""
        if self.roadmap is None:
            return
        self.expand_to(item_ids)
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
            self.sizer.sync(band)

    def tooltip_for(self, item_id: ItemId) -> str:
        if self.roadmap is None:
            return ""
        return item_tooltip(self.roadmap, item_id, self.report, self.colours.severity, self.folded_items(item_id))

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
        if self.expand_to(ids):  # chosen in a table or the findings while folded away: show it
            self.reveal(ids)
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
        """Outlines, fading and strong links from the hover, focus and selection (planner.connections.emphasis)."""
        if self.roadmap is None:
            return
        ids = self.selection.ids
        e = self._emphasis(ids, self._hover_link.link_id if self._hover_link is not None else None)
        for band in self.bands:
            band.bars.set_highlight(ids, frozenset(e.related - ids))
            band.bars.set_dimmed(e.keep)
        self.links.set_emphasis(e.strong, e.link, faded=e.keep is not None, both_ends=e.both_ends)
        keep = e.keep if e.both_ends else frozenset()  # focus also draws the prerequisites it kept
        self.links.set_depends([(l.source_id, l.target_id) for l in self.roadmap.links.values()
                                if l.kind == LinkKind.DEPENDS and l.source_id in keep and l.target_id in keep] if keep else [])
        if self.link_mode is not LinkMode.ALL:
            self.business.bars.set_counts(enabler_counts(self.roadmap))

    # --- the bands' heights, rows and scroll bars -------------------------------------------

    def show_all_rows(self, band: Band | None = None) -> None:
        """For pictures: every lane of both bands (or of `band` alone) in view and nothing to scroll;
        rows as tall as the height allows, thinner than on screen if they must be."""
        self.sizer.picture_mode(band, self.gap, self.links)
        self._fit_bands()

    def row_limits(self) -> tuple[float, float]:
        return row_limits(self.font())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """Room for the header, both axes, the gap, the legend and a few rows of each band: docks cannot squeeze
        the chart into one without titles, even from a restored layout."""
        low, _ = self.row_limits()
        fixed = sum(band.need().fixed for band in self.bands)
        return QSize(400, int(self._chrome() + fixed + 2 * MIN_ROWS * low))

    def _chrome(self) -> float:
        return MARGINS[1] + MARGINS[3] + self.header.line_height + GAP_PX + LEGEND_PX

    def _fit_bands(self, force: bool = False) -> None:
        """Row height and band heights for the space there is; the roomiest lane packing that fits."""
        if getattr(self, "roadmap", None) is None:  # pyqtgraph resizes us before __init__ is done
            return
        width = self.business.view_box.width()
        if not force and width > 200 and abs(width - self._layout_width) > 0.1 * self._layout_width:
            self._build_layouts()  # titles beside bars need room at this width, not the last one
            force = True
        if self.sizer.fit(self._available()) or force:
            self.links.set_links(link_specs(self.roadmap, self.bands), self.colours)
            self._refresh_emphasis()

    def _available(self) -> float:
        """Pixels the two bands share."""
        return self.viewport().height() - self._chrome() + (GAP_PX if self.sizer.only is not None else 0)

    def _scroll(self, band: BandPlot, row: float) -> None:
        self.sizer.scroll(band, row)

    def _on_band_resized(self) -> None:
        self._keep_fitted()
        self.sizer.refresh()
        self.links.relayout()
        self._place_markers()

    def resizeEvent(self, ev) -> None:  # noqa: N802
        super().resizeEvent(ev)
        if not getattr(self, "closed", False):  # WORKAROUND: pyqtgraph's close() clears the scene, then Qt resizes us
            self._fit_bands()

    # --- events ------------------------------------------------------------------------

    def viewportEvent(self, ev) -> bool:  # noqa: N802
        kind = ev.type()
        if kind == QEvent.Type.ToolTip:
            show_tooltip(self, ev)
            return True
        if kind == QEvent.Type.MouseButtonPress:
            QToolTip.hideText()  # a drag starts here: no tooltip covers the drop target
            self.clear_hover()
        return super().viewportEvent(ev)

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
        elif key == Qt.Key.Key_Space and not ev.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.fold_selection()
        elif key == Qt.Key.Key_Escape:
            self.selection.clear()
        else:
            super().keyPressEvent(ev)
            return
        ev.accept()

    # --- what was painted, and geometry for tests and gestures ---------------------------------

    def painted_labels(self) -> list[PaintedLabel]:
        """Every label of the last frame on screen, in viewport coordinates (see PaintedLabel)."""
        return painted_labels(self)

    def painted_outline(self) -> PaintedOutline:
        """The outline's triangles, spines and a collapsed parent's milestones, as last painted on screen."""
        return painted_outline(self)

    def painted_link_paths(self) -> list[tuple[LinkSpec, list[QPointF], bool]]:
        """Each link of the last frame on screen: its polyline in viewport coordinates, and whether it was drawn strong."""
        return painted_link_paths(self)

    def place_items(self) -> None:
        """Put the items where the next paint will: a press handed on from the first frame before this view has
        painted then meets what the first frame showed. (Qt lays out the plots on a posted request, pyqtgraph
        moves a view box's contents when it paints.)"""
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.scene().prepareForPaint()

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
            apply_colours(self)
            if self.roadmap is not None:
                self.set_roadmap(self.roadmap, fit=False)
        super().changeEvent(event)
