"""One band of the timeline: its view box, axes, bars, lane tints, today line and empty-band hint.

Rows have a height in pixels that the view chooses for both bands alike
(planner.band_fit); the band shows as many rows as its height holds and
scrolls through the rest (Shift+wheel, or its scroll bar), so rows never get
too thin for their titles.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QRectF, Qt, Signal  # noqa: E402  (PySide6 before pyqtgraph)
from PySide6.QtGui import QColor, QPen  # noqa: E402
from PySide6.QtWidgets import QGraphicsSimpleTextItem  # noqa: E402

import pyqtgraph as pg  # noqa: E402

from planner.band_fit import BandNeed  # noqa: E402
from planner.dates import MAX_DATE, MIN_DATE  # noqa: E402
from planner.layout import DAY, BandLayout, to_x  # noqa: E402
from planner.model import Band, ItemId, Roadmap  # noqa: E402
from ui.timeline.axes import STRIP_PX, CalendarAxis, LaneAxis  # noqa: E402
from ui.timeline.band_item import BandItem  # noqa: E402
from ui.timeline.chart_plan import FOOTROOM, hint_text, lane_label_width, lane_names, lane_tints  # noqa: E402
from ui.timeline.packing import Reaches  # noqa: E402
from ui.timeline.paint_chrome import backdrop_pens, paint_backdrop, paint_today, paint_window, window_pens  # noqa: E402
from ui.timeline.style import TimelineColours  # noqa: E402

MIN_X_RANGE = 14 * DAY
MAX_X_RANGE = 40 * 365.25 * DAY
SCROLL_ROWS = 3  # rows per Shift+wheel step


class TimeViewBox(pg.ViewBox):
    """Wheel zooms time only, about the cursor; Shift+wheel scrolls lanes; clicks on empty space report."""

    emptyClicked = Signal(bool)  # additive
    emptyDoubleClicked = Signal(object)  # QPointF in view coordinates
    scrolled = Signal(float)  # rows to scroll by (Shift+wheel)

    def wheelEvent(self, ev, axis=None):  # noqa: N802
        if ev.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.scrolled.emit(-SCROLL_ROWS if ev.delta() > 0 else SCROLL_ROWS)
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


class BackdropItem(pg.GraphicsObject):
    """Lane tints, their separators and the calendar grid, as one item under the bars (paint_chrome draws them).

    One item (not a region item per lane and pyqtgraph's grid) because those
    cost about a millisecond per lane and 15 ms of grid lines a frame.
    """

    def __init__(self, axis: CalendarAxis) -> None:
        super().__init__()
        self.axis = axis
        self.lanes: list[tuple[float, float, QColor]] = []
        self.pens = (QPen(), QPen(), QPen())  # separators, coarse grid, fine grid
        self.setZValue(-20)

    def set_lanes(self, lanes: list[tuple[float, float, QColor]], colours: TimelineColours) -> None:
        self.prepareGeometryChange()
        self.lanes = lanes
        self.pens = backdrop_pens(colours)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        vb = self.getViewBox()
        if vb is None:
            return QRectF()
        return vb.viewRect()

    def viewTransformChanged(self) -> None:  # noqa: N802
        self.prepareGeometryChange()
        super().viewTransformChanged()

    def paint(self, painter, option, widget=None) -> None:
        rect = self.boundingRect()
        vb = self.getViewBox()
        if rect.isNull() or vb is None:
            return
        paint_backdrop(painter, rect, self.lanes, self.axis.tiers_for(rect.left(), rect.right(), vb.width()), self.pens)


class TodayLine(pg.GraphicsObject):
    """Today's dashed line across the band (paint_chrome.paint_today), over the bars."""

    def __init__(self) -> None:
        super().__init__()
        self.x = 0.0
        self.colours: TimelineColours | None = None
        self.setZValue(20)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_x(self, x: float) -> None:
        self.x = x
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        vb = self.getViewBox()
        return vb.viewRect() if vb is not None else QRectF()

    def viewTransformChanged(self) -> None:  # noqa: N802
        self.prepareGeometryChange()
        super().viewTransformChanged()

    def paint(self, painter, option, widget=None) -> None:
        if self.colours is not None:
            paint_today(painter, self.x, self.boundingRect(), self.colours)


class TechWindowItem(pg.LinearRegionItem):
    """The tech window on the business band: pyqtgraph's draggable region, drawn by paint_chrome.paint_window."""

    def __init__(self) -> None:
        super().__init__(values=(0, 1), movable=True, swapMode="block")
        self.colours: TimelineColours | None = None
        self.setZValue(-10)

    def set_colours(self, colours: TimelineColours) -> None:
        self.colours = colours
        _, lit = window_pens(colours)
        for line in self.lines:
            line.setPen(QPen(Qt.PenStyle.NoPen))  # the painter draws the edges; a line lights up under the pointer
            line.setHoverPen(lit)
        self.update()

    def paint(self, painter, *args) -> None:
        vb = self.getViewBox()
        if self.colours is None or vb is None:
            return
        lo, hi = self.getRegion()
        paint_window(painter, lo, hi, vb.viewRect(), self.colours, hover=self.mouseHovering)


class BandPlot:
    """One band's plot: view box, calendar axis, lane axis, bars, lane tints and today line."""

    def __init__(self, band: Band):
        self.band = band
        self.view_box = TimeViewBox(enableMenu=False)
        date_side = "top" if band == Band.BUSINESS else "bottom"
        # The business axis keeps a strip by the plot for the tech window's and today's labels.
        self.date_axis = CalendarAxis(date_side, strip=STRIP_PX if band == Band.BUSINESS else 0.0)
        self.lane_axis = LaneAxis("Business strategy" if band == Band.BUSINESS else "Technology strategy")
        self.plot = pg.PlotItem(viewBox=self.view_box, axisItems={date_side: self.date_axis, "left": self.lane_axis})
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.showAxis(date_side)
        self.plot.hideAxis("bottom" if band == Band.BUSINESS else "top")
        vb = self.view_box
        vb.invertY(True)
        vb.disableAutoRange()
        vb.setMouseEnabled(x=True, y=False)  # lanes scroll by Shift+wheel and the scroll bar, never by drags
        vb.setLimits(xMin=to_x(MIN_DATE), xMax=to_x(MAX_DATE), minXRange=MIN_X_RANGE, maxXRange=MAX_X_RANGE)
        self.bars = BandItem()
        self.plot.addItem(self.bars)
        self.tints = BackdropItem(self.date_axis)
        self.plot.addItem(self.tints)
        self.today_line = TodayLine()
        self.plot.addItem(self.today_line)
        self.hint = QGraphicsSimpleTextItem(vb)  # says how to start when the band is empty
        self.hint.setZValue(30)
        self.layout = BandLayout((), {}, 0.0)
        self.layouts = [self.layout]
        self.choice = 0
        self._content = None
        self.reaches = Reaches()  # what each item's title asks of the packing, kept between edits
        self.row_px = 20.0
        self.scroll = 0.0  # the first row shown

    @property
    def height(self) -> float:
        """The lanes' height in rows."""
        return max(self.layout.height, 1.0)

    @property
    def rows(self) -> float:
        """Content height in rows: every lane and a strip below."""
        return max(self.layout.height, 1.0) + FOOTROOM

    def need(self) -> BandNeed:
        return self.need_of(self.choice)

    def show(self, roadmap: Roadmap, origin: float, font, colours: TimelineColours, marks: dict,
             reaches: list[tuple[dict, dict]], collapsed: frozenset[ItemId] = frozenset(), choice: int = 0, *,
             follow: bool = False, items: list | None = None, changed: set[ItemId] | None = None) -> None:
        """Lay the band out once per `reaches` (roomiest first, see `use`), the descendants of `collapsed`
        parents left out, and show layout `choice` (or the tightest there is).

        `follow`: `roadmap` is the shown one after an edit. Each packing is built from the last
        (lanes the edit did not touch keep theirs: planner.layout); `changed` names the items the
        edit touched (None: look at them all).
        """
        lanes, items = roadmap.lanes_of(self.band), items if items is not None else roadmap.items_of(self.band)
        follow = follow and len(self.layouts) == len(reaches) and self._content is not None
        previous = self.layouts if follow else [None] * len(reaches)
        self.layouts = [
            BandLayout.build(lanes, items, reach, optional, collapsed, previous=last, changed=changed if follow else None)
            for (reach, optional), last in zip(reaches, previous)
        ]
        self._content = (roadmap, origin, font, colours, marks)
        self.choice = -1
        self.use(min(choice, len(self.layouts) - 1))
        self.date_axis.set_font(font)
        self._set_hint(roadmap, font, colours)

    def need_of(self, choice: int) -> BandNeed:
        return BandNeed(max(self.layouts[choice].height, 1.0) + FOOTROOM, self.date_axis.height() + 2)

    def use(self, choice: int) -> bool:
        """Show layout `choice` (0 leaves room beside bars for their titles; the last packs tightest).

        True if it changed.
        """
        if choice == self.choice:
            return False
        self.choice = choice
        self.layout = self.layouts[choice]
        roadmap, origin, font, colours, marks = self._content
        self.tints.set_lanes(lane_tints(self.layout, colours), colours)
        colours_by_lane = {lane.id: lane.colour for lane in roadmap.lanes.values()}
        self.bars.set_band(self.layout, colours_by_lane, origin, font, colours, marks)
        self.lane_axis.set_lanes(lane_names(self.layout, font), font)
        self.apply_rows()
        return True

    def _set_hint(self, roadmap: Roadmap, font, colours: TimelineColours) -> None:
        text = hint_text(self.band, self.layout)
        self.hint.setText(text)
        self.hint.setFont(font)
        self.hint.setBrush(colours.muted)
        self.hint.setVisible(bool(text))
        self.place_hint()

    def place_hint(self) -> None:
        rect = self.view_box.rect()
        box = self.hint.boundingRect()
        lane_h = self.layout.lanes[0].bottom * self.row_px if self.layout.lanes else rect.height()
        self.hint.setPos(rect.center().x() - box.width() / 2, min(lane_h, rect.height()) / 2 - box.height() / 2)

    def clear(self, font, colours: TimelineColours) -> None:
        self.layout = BandLayout((), {}, 0.0)
        self.layouts, self.choice = [self.layout], 0
        self.bars.set_band(self.layout, {}, 0.0, font, colours, {})
        self.hint.setVisible(False)

    # --- rows and scrolling ----------------------------------------------------------

    def visible_rows(self) -> float:
        return max(self.view_box.height(), 1.0) / self.row_px

    def max_scroll(self) -> float:
        hidden = self.rows - self.visible_rows()
        return hidden if hidden > FOOTROOM + 0.05 else 0.0  # the strip below the last lane may be cut

    def apply_rows(self) -> None:
        """Set the y range from the row height and the scroll position."""
        shown = self.visible_rows()
        self.scroll = min(max(self.scroll, 0.0), self.max_scroll())
        # Only when it moves: setting the same range still makes pyqtgraph redo the view's matrix at the
        # next paint, whose items then ask for a second frame.
        (y0, y1) = self.view_box.viewRange()[1]
        if abs(y0 - self.scroll) > 1e-6 or abs(y1 - self.scroll - shown) > 1e-6:
            self.view_box.setLimits(yMin=None, yMax=None, minYRange=None, maxYRange=None)
            self.view_box.setYRange(self.scroll, self.scroll + shown, padding=0)
        self.place_hint()

    def scroll_to(self, row: float) -> None:
        self.scroll = row
        self.apply_rows()

    def reveal_rows(self, top: float, bottom: float) -> None:
        """Scroll the least so rows top..bottom are in view."""
        shown = self.visible_rows()
        if top < self.scroll:
            self.scroll_to(top - 0.2)
        elif bottom > self.scroll + shown:
            self.scroll_to(bottom - shown + 0.2)

    def lane_label_width(self, font) -> float:
        return lane_label_width(self.layout, font)

    def x_range(self) -> tuple[float, float]:
        (x0, x1), _ = self.view_box.viewRange()
        return x0, x1

    def item_rows(self, item_ids) -> tuple[float, float] | None:
        bars = [self.layout.bars[i] for i in item_ids if i in self.layout.bars]
        return (min(b.top for b in bars), max(b.bottom for b in bars)) if bars else None


def enabler_counts(roadmap: Roadmap) -> dict[ItemId, int]:
    """How many tech items support each business item."""
    counts: dict[ItemId, int] = {}
    for link in roadmap.links.values():
        if link.kind == "supports" and link.target_id in roadmap.items:
            counts[link.target_id] = counts.get(link.target_id, 0) + 1
    return counts
