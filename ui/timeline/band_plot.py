"""One band of the timeline: its view box, axes, bars, lane tints, today line and empty-band hint.

Rows have a height in pixels that the view chooses for both bands alike
(planner.band_fit); the band shows as many rows as its height holds and
scrolls through the rest (Shift+wheel, or its scroll bar), so rows never get
too thin for their titles.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QLineF, QRectF, Qt, Signal  # noqa: E402  (PySide6 before pyqtgraph)
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPen  # noqa: E402
from PySide6.QtWidgets import QGraphicsSimpleTextItem  # noqa: E402

import pyqtgraph as pg  # noqa: E402

from planner.band_fit import BandNeed  # noqa: E402
from planner.dates import MAX_DATE, MIN_DATE  # noqa: E402
from planner.layout import DAY, BandLayout, to_x  # noqa: E402
from planner.model import Band, ItemId, Roadmap  # noqa: E402
from ui.timeline.axes import STRIP_PX, CalendarAxis  # noqa: E402
from ui.timeline.band_item import BandItem  # noqa: E402
from ui.timeline.packing import Reaches  # noqa: E402
from ui.timeline.style import TimelineColours, with_alpha  # noqa: E402

MIN_X_RANGE = 14 * DAY
MAX_X_RANGE = 40 * 365.25 * DAY
LANE_LABEL_MAX_PX = 230
FOOTROOM = 0.1  # rows below the last lane
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
    """Lane tints, their separators and the calendar grid, as one item under the bars.

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
        self.pens = tuple(QPen(with_alpha(colours.text, a), 1) for a in (0.12, 0.16, 0.08))
        for pen in self.pens:
            pen.setCosmetic(True)
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
        for top, bottom, colour in self.lanes:
            painter.fillRect(QRectF(rect.left(), top, rect.width(), bottom - top), colour)
        tiers = self.axis.tiers_for(rect.left(), rect.right(), vb.width())
        for n, tier in enumerate(tiers):
            painter.setPen(self.pens[1 if n == 0 and len(tiers) == 2 else 2])
            painter.drawLines([QLineF(x, rect.top(), x, rect.bottom()) for x in tier.boundaries])
        painter.setPen(self.pens[0])
        painter.drawLines([QLineF(rect.left(), y, rect.right(), y) for top, bottom, _ in self.lanes for y in (top, bottom)])


class BandPlot:
    """One band's plot: view box, calendar axis, lane axis, bars, lane tints and today line."""

    def __init__(self, band: Band):
        self.band = band
        self.view_box = TimeViewBox(enableMenu=False)
        date_side = "top" if band == Band.BUSINESS else "bottom"
        # The business axis keeps a strip by the plot for the tech window's and today's labels.
        self.date_axis = CalendarAxis(date_side, strip=STRIP_PX if band == Band.BUSINESS else 0.0)
        self.plot = pg.PlotItem(viewBox=self.view_box, axisItems={date_side: self.date_axis})
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.showAxis(date_side)
        self.plot.hideAxis("bottom" if band == Band.BUSINESS else "top")
        vb = self.view_box
        vb.invertY(True)
        vb.disableAutoRange()
        vb.setMouseEnabled(x=True, y=False)  # lanes scroll by Shift+wheel and the scroll bar, never by drags
        vb.setLimits(xMin=to_x(MIN_DATE), xMax=to_x(MAX_DATE), minXRange=MIN_X_RANGE, maxXRange=MAX_X_RANGE)
        self.lane_axis = self.plot.getAxis("left")
        self.lane_axis.setStyle(tickLength=0)
        # WORKAROUND: a zero-length tick still paints a dot, and AxisItem recolours
        # solid tick pens (even NoPen ones); a pen without a brush draws nothing.
        self.lane_axis.setTickPen(QPen(QBrush(Qt.BrushStyle.NoBrush), 0))
        self.lane_axis.setLabel("Business strategy" if band == Band.BUSINESS else "Technology strategy")
        self.bars = BandItem()
        self.plot.addItem(self.bars)
        self.tints = BackdropItem(self.date_axis)
        self.plot.addItem(self.tints)
        self.today_line = pg.InfiniteLine(angle=90, movable=False)
        self.today_line.setZValue(20)
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
        self.tints.set_lanes([
            (box.top, box.bottom, with_alpha(box.lane.colour, colours.lane_alpha * (1 if n % 2 == 0 else 0.55)))
            for n, box in enumerate(self.layout.lanes)
        ], colours)
        colours_by_lane = {lane.id: lane.colour for lane in roadmap.lanes.values()}
        self.bars.set_band(self.layout, colours_by_lane, origin, font, colours, marks)
        metrics = QFontMetricsF(font)
        ticks = [((b.top + b.bottom) / 2, metrics.elidedText(b.lane.name, Qt.TextElideMode.ElideRight, LANE_LABEL_MAX_PX - 40)) for b in self.layout.lanes]
        self.lane_axis.setTicks([ticks, []])
        self.apply_rows()
        return True

    def _set_hint(self, roadmap: Roadmap, font, colours: TimelineColours) -> None:
        what = "business goal" if self.band == Band.BUSINESS else "tech initiative"
        if not self.layout.lanes:
            text = f"No {self.band} lanes yet: add one with Edit > Lanes…"
        elif not self.layout.bars:
            text = f"Double-click a lane to add a {what}"
        else:
            text = ""
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
        metrics = QFontMetricsF(font)
        widest = max((metrics.horizontalAdvance(b.lane.name) for b in self.layout.lanes), default=40)
        return min(widest + 44, LANE_LABEL_MAX_PX)  # room for the rotated band label too

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
