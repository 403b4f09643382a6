"""One graphics item that paints every bar, milestone and title of a band.

Bars are kept in column arrays, grouped by style (lane colour x status);
after an edit only the bars that moved are written into them. Each paint
draws only the visible bars, one `drawRects` call per style (coordinates
relative to an origin, keeping numbers small for Qt's paint engine). Where
titles and count badges go is decided per frame by `frame()`
(ui/timeline/band_titles.py) and cached, so the links item can keep clear of
the same titles; `band_painter` draws it (with paint_band, the first frame's painter). Clicks and hovers are hit-tested
against the band's `BandLayout`; nothing here decides what a click means
beyond reporting it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QStaticText, QTransform

from planner.layout import DAY, BandLayout, Bar, Hit
from planner.model import ItemId
from ui.timeline import band_painter
from ui.timeline.band_titles import TitlesMixin
from ui.timeline.outline_marks import OutlineMarks
from ui.timeline.band_frame import BandFrame, FrameTitle
from ui.timeline.paint_band import DIAMOND_PX, HANDLE_PX, bar_style, handle_point, title_font
from ui.timeline.style import TimelineColours

EDGE_PX = 5  # how close to a bar's end counts as its edge


class BandItem(TitlesMixin, pg.GraphicsObject):
    """Paints one band and reports what the mouse does on its items.

    Clicks on items arrive as `clicked(item_id, additive)`, double-clicks as
    `double_clicked(item_id)`, right-clicks as `context_requested(item_id, screen_pos)`,
    the item under a resting or moving pointer as `hovered(item_id or None)`,
    a click on a parent's disclosure triangle as `disclosure_clicked(item_id)`;
    clicks on empty space are left to the view box. Drags go to
    `drag_handler` (the editor) when one is set, otherwise they pan the view.
    """

    clicked = Signal(object, bool)
    double_clicked = Signal(object)
    context_requested = Signal(object, object)
    hovered = Signal(object)
    disclosure_clicked = Signal(object)  # a parent's triangle: fold or unfold it

    def __init__(self) -> None:
        super().__init__()
        self.layout = BandLayout((), {}, 0.0)
        self.colours: TimelineColours | None = None
        self.drag_handler: Callable[[BandItem, object], None] | None = None
        self.link_handles = False  # tech band: selected items show a handle to drag links from
        self.painted: list[FrameTitle] = []  # titles and badges of the last frame on screen (device = viewport)
        self._bars: list[Bar] = []
        self._origin = 0.0
        self._data_rect = QRectF()
        self._font = QFont()
        self._metrics = QFontMetricsF(self._font)
        self._x0 = self._x1 = self._top = self._title_width = np.zeros(0)
        self._milestone = np.zeros(0, dtype=bool)
        self._style_code = np.zeros(0, dtype=int)
        self._style_list: list[tuple[QBrush, QPen, QColor]] = []
        self._style_keys: list[tuple[str, str]] = []  # (lane colour, status) of each style
        self._font_given: QFont | None = None
        self._lane_colours: dict = {}
        self._rects: list[QRectF | None] = []  # each bar's rectangle, made when first painted
        self._styles: list[tuple[QBrush, QPen, QColor]] = []
        self._index: dict[ItemId, int] = {}
        self._marks: dict[ItemId, QColor] = {}  # corner badge colour per flagged item
        self._ghosts: list[tuple[int, float, float]] = []  # (bar index, x0, x1) relative to the origin
        self._marked = np.zeros(0, dtype=bool)
        self._mark_code = np.zeros(0, dtype=int)
        self._mark_colours: list[QColor] = []
        self._highlighted = np.zeros(0, dtype=bool)
        self._dimmed = np.zeros(0, dtype=bool)
        self._counts: dict[int, int] = {}  # bar index -> enablers shown as a badge
        self._selected: frozenset[ItemId] = frozenset()
        self._related: frozenset[ItemId] = frozenset()
        self._keep: frozenset[ItemId] | None = None
        self._hover: ItemId | None = None
        self._frame_key: tuple | None = None
        self._elisions: dict[tuple[int, int], tuple[str, float]] = {}
        self._static: dict[str, QStaticText] = {}
        self._frame: BandFrame | None = None
        self.generation = 0
        self._outline: OutlineMarks | None = None  # the band's parents, when it has any
        self.screen_frame: BandFrame | None = None  # the last frame painted on screen: what a click on a triangle meets
        self.setAcceptHoverEvents(True)

    # --- content -----------------------------------------------------------------

    def set_band(
        self, layout: BandLayout, lane_colours: dict, origin: float, font: QFont, colours: TimelineColours,
        marks: dict[ItemId, QColor],
    ) -> None:
        """Show `layout`. The same items in the same order as now, in the same look: only the bars that
        changed are written into the column arrays (an edit moves a few of 10,000 bars)."""
        if (
            (origin, font, colours, lane_colours) == (self._origin, self._font_given, self.colours, self._lane_colours)
            and marks is self._marks and list(layout.bars) == list(self.layout.bars)
        ):
            self._update_bars(layout)
            return
        self.prepareGeometryChange()
        self._font_given, self._lane_colours = font, lane_colours
        self.layout = layout
        self.colours = colours
        self._bars = list(layout.bars.values())
        self._index = {bar.item.id: n for n, bar in enumerate(self._bars)}
        self._origin = origin
        self._font = title_font(font)
        self._metrics = QFontMetricsF(self._font)
        self._marks = marks
        self._ghosts = []
        self.setPos(origin, 0)
        # Column arrays let each paint find the visible bars without a Python loop.
        self._x0 = np.array([b.x0 - origin for b in self._bars], dtype=float)
        self._x1 = np.array([b.x1 - origin for b in self._bars], dtype=float)
        self._top = np.array([b.top for b in self._bars], dtype=float)
        self._milestone = np.array([b.item.is_milestone for b in self._bars], dtype=bool)
        self._title_width = np.full(len(self._bars), np.nan)  # measured when first needed
        self._elisions: dict[tuple[int, int], tuple[str, float]] = {}
        self._static = {}
        style_ids: dict[tuple[str, str], int] = {}
        self._style_list, self._style_keys = [], []
        codes = []
        for b in self._bars:
            key = (lane_colours[b.item.lane_id], str(b.item.status))
            if key not in style_ids:
                style_ids[key] = len(self._style_list)
                self._style_keys.append(key)
                self._style_list.append(self._style_of(b, key[0]))
            codes.append(style_ids[key])
        self._style_code = np.array(codes, dtype=int)
        self._styles = [self._style_list[c] for c in codes]
        self._rects = [None] * len(self._bars)
        self._counts = {}
        self._outline = OutlineMarks(layout, self._index, self._x0, self._x1, self._top, self._milestone, origin) if layout.outline.parents else None
        self.screen_frame = None
        self._index_marks()
        self.set_highlight(self._selected, self._related)
        self.set_dimmed(self._keep)
        self._set_data_rect()
        self._changed()

    def _update_bars(self, layout: BandLayout) -> None:
        bars, before = list(layout.bars.values()), self._bars
        changed = [n for n, (new, old) in enumerate(zip(bars, before)) if new is not old]
        self.layout, self._bars = layout, bars
        if not changed:
            return
        self.prepareGeometryChange()
        # Re-packing a lane moves many bars to other rows and changes few items: a moved bar needs its top.
        moved = [n for n in changed if bars[n].item is before[n].item]
        if moved:
            self._top[moved] = [bars[n].top for n in moved]
            for n in moved:
                self._rects[n] = None
        changed = [n for n in changed if bars[n].item is not before[n].item]
        style_ids = {key: n for n, key in enumerate(self._style_keys)}
        for n in changed:
            b = bars[n]
            self._x0[n], self._x1[n], self._top[n] = b.x0 - self._origin, b.x1 - self._origin, b.top
            self._milestone[n] = b.item.is_milestone
            self._title_width[n] = np.nan
            key = (self._lane_colours[b.item.lane_id], str(b.item.status))
            if key not in style_ids:
                style_ids[key] = len(self._style_list)
                self._style_keys.append(key)
                self._style_list.append(self._style_of(b, key[0]))
            self._style_code[n] = style_ids[key]
            self._styles[n] = self._style_list[style_ids[key]]
            self._rects[n] = None
        gone = set(changed)
        self._elisions = {k: v for k, v in self._elisions.items() if k[0] not in gone}
        if self._outline is not None or layout.outline.parents:
            self._outline = OutlineMarks(layout, self._index, self._x0, self._x1, self._top, self._milestone, self._origin) if layout.outline.parents else None
            self.screen_frame = None
        self._set_data_rect()
        self._changed()

    def rect(self, n: int) -> QRectF:
        """Bar `n`'s rectangle (relative to the origin): 10,000 of them are not made before the first paint."""
        rect = self._rects[n]
        if rect is None:
            b = self._bars[n]
            rect = self._rects[n] = QRectF(self._x0[n], b.top, b.x1 - b.x0, b.bottom - b.top)
        return rect

    def _set_data_rect(self) -> None:
        if self._bars:
            left, right = float(self._x0.min()), float(self._x1.max())
            self._data_rect = QRectF(left, 0.0, max(right - left, 1.0), max(self.layout.height, 1.0))
        else:
            self._data_rect = QRectF()

    def _changed(self) -> None:
        self._frame_key = None
        self.generation += 1  # the links item reads bar positions again when this moves on
        self.update()

    def set_marks(self, marks: dict[ItemId, QColor], changed=None) -> None:
        """Badge colours by item; `changed` names the only items whose badge may differ from the last call's."""
        if changed is None:
            self._marks = marks
            self._index_marks()
        else:
            self._marks = marks
            mine = [i for i in changed if i in self._index]
            if not mine:
                return  # none of this band's badges moved: its titles need not be placed again
            for item_id in mine:
                n = self._index[item_id]
                colour = marks.get(item_id)
                self._marked[n] = colour is not None
                if colour is not None:
                    names = [c.name() for c in self._mark_colours]
                    if colour.name() not in names:
                        self._mark_colours.append(QColor(colour))
                        names.append(colour.name())
                    self._mark_code[n] = names.index(colour.name())
        self._changed()

    def _index_marks(self) -> None:
        """Per-bar arrays for the marks: flagged or not, and which colour."""
        distinct = {id(c): c for c in self._marks.values()}  # a few severity colours, shared by thousands of items
        names = sorted({c.name() for c in distinct.values()})
        self._mark_colours = [QColor(n) for n in names]
        code_of = {key: names.index(c.name()) for key, c in distinct.items()}
        self._marked = np.zeros(len(self._bars), dtype=bool)
        self._mark_code = np.zeros(len(self._bars), dtype=int)
        index = self._index
        pairs = [(n, code_of[id(c)]) for item_id, c in self._marks.items() if (n := index.get(item_id)) is not None]
        if pairs:
            at, codes = np.array(pairs, dtype=int).T
            self._marked[at] = True
            self._mark_code[at] = codes

    def set_counts(self, counts: dict[ItemId, int]) -> None:
        """Badges with a number on items (a business item's enablers, when links are hidden)."""
        mine = {self._index[i]: c for i, c in counts.items() if i in self._index and c > 0}
        if mine == self._counts:
            return  # the same badges (a hover in selection mode asks again): titles need not be placed again
        self._counts = mine
        self._changed()

    def set_ghosts(self, ghosts: list[tuple[ItemId, float, float]]) -> None:
        """Dashed outlines at other dates (a review's baseline): (item, x0, x1) in view coordinates."""
        self._ghosts = [(self._index[i], x0 - self._origin, x1 - self._origin) for i, x0, x1 in ghosts if i in self._index]
        self.update()

    def set_highlight(self, selected: frozenset[ItemId], related: frozenset[ItemId]) -> None:
        self._selected, self._related = selected, related
        self._highlighted = self._mask(selected | related)
        self.update()

    def set_dimmed(self, keep: frozenset[ItemId] | None) -> None:
        """Fade every item not in `keep` (None: fade nothing)."""
        self._keep = keep
        self._dimmed = ~self._mask(keep) if keep is not None else np.zeros(len(self._bars), dtype=bool)
        self.update()

    def is_dimmed(self, item_id: ItemId) -> bool:
        n = self._index.get(item_id)
        return n is not None and bool(self._dimmed[n])

    def is_highlighted(self, item_id: ItemId) -> bool:
        """Outlined as selected or as related to the selection or hover."""
        return item_id in self._selected or item_id in self._related

    def _mask(self, ids) -> np.ndarray:
        mask = np.zeros(len(self._bars), dtype=bool)
        for item_id in ids:
            n = self._index.get(item_id)
            if n is not None:
                mask[n] = True
        return mask

    def _style_of(self, bar: Bar, lane_colour: str) -> tuple[QBrush, QPen, QColor]:
        return bar_style(self.colours, bar, lane_colour)

    # --- geometry ----------------------------------------------------------------

    def bar_rect(self, item_id: ItemId) -> QRectF | None:
        """The item's rectangle in view (data) coordinates; a milestone's is its day."""
        bar = self.layout.bars.get(item_id)
        return None if bar is None else QRectF(bar.x0, bar.top, bar.x1 - bar.x0, bar.bottom - bar.top)

    def anchor(self, item_id: ItemId) -> tuple[float, float, float, float] | None:
        """(x0, x1, top, bottom) of an item in view coordinates, for links (a milestone: its day);
        an item under a collapsed parent is anchored on the parent."""
        bar = self.layout.bars.get(self.layout.outline.hidden.get(item_id, item_id))
        return None if bar is None else (bar.x0, bar.x1, bar.top, bar.bottom)

    def dataBounds(self, axis, frac=1.0, orthoRange=None):  # noqa: N802  (pyqtgraph API)
        if self._data_rect.isNull():
            return (None, None)
        r = self._data_rect
        return (r.left() + self._origin, r.right() + self._origin) if axis == 0 else (r.top(), r.bottom())

    def boundingRect(self) -> QRectF:  # noqa: N802
        # Titles beside bars may go anywhere in view: cover the data and the visible range.
        rect = QRectF(self._data_rect)
        vb = self.getViewBox()
        if vb is not None:
            rect = rect.united(vb.viewRect().translated(-self._origin, 0))
        px, py = self.pixelVectors()
        pw = 0.0 if px is None else px.length()
        ph = 0.0 if py is None else py.length()
        pad = max(DIAMOND_PX, 2 * HANDLE_PX) + 2
        return rect.adjusted(-pad * pw, -pad * ph, pad * pw, pad * ph)

    def viewTransformChanged(self) -> None:  # noqa: N802
        self.prepareGeometryChange()
        super().viewTransformChanged()

    def visible_rect(self, scene_to_device: QTransform) -> QRectF:
        """The view box's area in device pixels."""
        vb = self.getViewBox()
        return scene_to_device.mapRect(vb.sceneBoundingRect()) if vb is not None else QRectF()

    # --- painting ----------------------------------------------------------------

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not self._bars:
            return
        to_device = painter.transform()
        scene_to_device = self.sceneTransform().inverted()[0] * to_device
        visible = self.visible_rect(scene_to_device)
        band_painter.paint_bars(painter, self, visible)
        if self._ghosts:
            band_painter.paint_ghosts(painter, self)
        frame = self.frame(to_device, visible)
        band_painter.paint_overlay(painter, self, frame, to_device)
        if widget is not None:  # on screen (not a picture): what tests and checks read
            self.screen_frame = frame
            self.painted = frame.titles + [FrameTitle(n, self._bars[n].item.id, "count", r, t, t, True) for n, r, t in frame.pills]

    # --- link handles -----------------------------------------------------------------

    handle_point = staticmethod(handle_point)

    def on_link_handle(self, scene_pos: QPointF) -> ItemId | None:
        """The selected tech item whose link handle is under `scene_pos`, if any."""
        if not self.link_handles:
            return None
        vb = self.getViewBox()
        for item_id in self._selected:
            rect = self.bar_rect(item_id)
            if rect is None:
                continue
            scene_rect = vb.mapViewToScene(rect).boundingRect()
            c = self.handle_point(scene_rect)
            if (scene_pos - c).manhattanLength() <= 2 * HANDLE_PX + 2:
                return item_id
        return None

    # --- mouse ----------------------------------------------------------------------

    def hit_at(self, pos: QPointF) -> Hit | None:
        """The item under `pos` (this item's coordinates), with a few pixels' tolerance."""
        px, _ = self.pixelVectors()
        per_px = 0.0 if px is None else px.length()
        x = pos.x() + self._origin
        return self.layout.hit(x, pos.y(), edge=EDGE_PX * per_px, milestone_half=max((DIAMOND_PX + 1) * per_px, DAY / 2))

    def disclosure_at(self, pos: QPointF) -> ItemId | None:
        """The parent whose disclosure triangle, as last painted on screen, is under `pos` (this item's coordinates).
        Not painted yet (a press the first frame took, handed on at the swap): the frame it will paint, which the
        first frame showed."""
        if self._outline is None:
            return None
        frame, views = self.screen_frame, self.scene().views() if self.scene() is not None else []
        if frame is None and views:
            to_device = self.deviceTransform(views[0].viewportTransform())
            frame = self.frame(to_device, self.visible_rect(views[0].viewportTransform()))
        return self._outline.disclosure_at(frame, pos)

    def mouseClickEvent(self, ev) -> None:  # noqa: N802
        folded = self.disclosure_at(ev.pos()) if ev.button() == Qt.MouseButton.LeftButton else None
        if folded is not None:
            ev.accept()
            if not ev.double():  # the second click of a double-click would only undo the first
                self.disclosure_clicked.emit(folded)
            return
        hit = self.hit_at(ev.pos())
        if hit is None:
            ev.ignore()  # empty space: the view box clears the selection or creates an item
            return
        ev.accept()
        if ev.button() == Qt.MouseButton.RightButton:
            self.context_requested.emit(hit.item_id, ev.screenPos().toPoint())
        elif ev.button() == Qt.MouseButton.LeftButton:
            if ev.double():
                self.double_clicked.emit(hit.item_id)
            else:
                additive = bool(ev.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier))
                self.clicked.emit(hit.item_id, additive)

    def mouseDragEvent(self, ev) -> None:  # noqa: N802
        if self.drag_handler is None:
            ev.ignore()
            return
        self.drag_handler(self, ev)

    def hoverEvent(self, ev) -> None:  # noqa: N802
        hit = None if ev.isExit() else self.hit_at(ev.pos())
        item_id = hit.item_id if hit is not None else None
        if item_id != self._hover:
            self._hover = item_id
            self.hovered.emit(item_id)
        if hit is not None and self.drag_handler is not None:
            # Claim the drag over items below us (the tech window region spans the business band).
            ev.acceptDrags(Qt.MouseButton.LeftButton)
        elif not ev.isExit() and self.drag_handler is not None and self.on_link_handle(ev.scenePos()) is not None:
            ev.acceptDrags(Qt.MouseButton.LeftButton)

