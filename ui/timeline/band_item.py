"""One graphics item that paints every bar, milestone and title of a band.

Bars are grouped by style (lane colour x status) once per content change;
each paint draws only the visible bars, one `drawRects` call per style
(coordinates relative to an origin, keeping numbers small for Qt's paint
engine). Milestones, titles, alignment marks and selection outlines are drawn
per paint in device pixels, only for what is visible, so they keep their
size at any zoom. Clicks and hovers are hit-tested against the band's
`BandLayout`; nothing here decides what a click means beyond reporting it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QToolTip

from planner.layout import BAR_FILL, DAY, ROW_HEIGHT, BandLayout, Bar, Hit
from planner.model import ItemId
from ui.timeline.style import STATUS_OUTLINE, TimelineColours, text_on

DIAMOND_PX = 6.5  # half-diagonal of a milestone
LABEL_MIN_PX = 28  # narrower bars go unlabelled
MILESTONE_LABEL_PX = 170
LABEL_FONT_SCALE = 0.92
MARK_PX = 8  # side of the corner notch on items without an alignment link
EDGE_PX = 5  # how close to a bar's end counts as its edge
HANDLE_PX = 5  # radius of the link handle above a selected tech bar


class BandItem(pg.GraphicsObject):
    """Paints one band and reports what the mouse does on its items.

    Clicks on items arrive as `clicked(item_id, additive)`, double-clicks as
    `double_clicked(item_id)`, right-clicks as `context_requested(item_id, screen_pos)`;
    clicks on empty space are left to the view box. Drags go to `drag_handler`
    (the editor) when one is set, otherwise they pan the view.
    """

    clicked = Signal(object, bool)
    double_clicked = Signal(object)
    context_requested = Signal(object, object)

    def __init__(self) -> None:
        super().__init__()
        self.layout = BandLayout((), {}, 0.0)
        self.colours: TimelineColours | None = None
        self.tooltip_for: Callable[[ItemId], str] = lambda item_id: ""
        self.drag_handler: Callable[[BandItem, object], None] | None = None
        self.link_handles = False  # tech band: selected items show a handle to drag links from
        self._bars: list[Bar] = []
        self._origin = 0.0
        self._data_rect = QRectF()
        self._font = QFont()
        self._x0 = self._x1 = self._top = np.zeros(0)
        self._milestone = np.zeros(0, dtype=bool)
        self._next_x0 = np.zeros(0)
        self._style_code = np.zeros(0, dtype=int)
        self._style_list: list[tuple[QBrush, QPen, QColor]] = []
        self._rects: list[QRectF] = []
        self._styles: list[tuple[QBrush, QPen, QColor]] = []
        self._index: dict[ItemId, int] = {}
        self._marks: dict[ItemId, QColor] = {}  # corner badge colour per flagged item
        self._ghosts: list[tuple[int, float, float]] = []  # (bar index, x0, x1) relative to the origin
        self._marked = np.zeros(0, dtype=bool)
        self._mark_code = np.zeros(0, dtype=int)
        self._mark_colours: list[QColor] = []
        self._highlighted = np.zeros(0, dtype=bool)
        self._selected: frozenset[ItemId] = frozenset()
        self._related: frozenset[ItemId] = frozenset()
        self.setAcceptHoverEvents(True)

    # --- content -----------------------------------------------------------------

    def set_band(
        self, layout: BandLayout, lane_colours: dict, origin: float, font: QFont, colours: TimelineColours,
        marks: dict[ItemId, QColor],
    ) -> None:
        self.prepareGeometryChange()
        self.layout = layout
        self.colours = colours
        self._bars = list(layout.bars.values())
        self._index = {bar.item.id: n for n, bar in enumerate(self._bars)}
        self._origin = origin
        self._font = QFont(font)
        self._font.setPointSizeF(font.pointSizeF() * LABEL_FONT_SCALE)  # titles a touch smaller than the UI
        self._marks = marks
        self._ghosts = []
        self.setPos(origin, 0)
        # Column arrays let each paint find the visible bars without a Python loop.
        self._x0 = np.array([b.x0 - origin for b in self._bars], dtype=float)
        self._x1 = np.array([b.x1 - origin for b in self._bars], dtype=float)
        self._top = np.array([b.top for b in self._bars], dtype=float)
        self._milestone = np.array([b.item.is_milestone for b in self._bars], dtype=bool)
        self._next_x0 = self._next_starts()
        style_ids: dict[tuple[str, str], int] = {}
        self._style_list = []
        codes = []
        for b in self._bars:
            key = (lane_colours[b.item.lane_id], str(b.item.status))
            if key not in style_ids:
                style_ids[key] = len(self._style_list)
                self._style_list.append(self._style_of(b, key[0]))
            codes.append(style_ids[key])
        self._style_code = np.array(codes, dtype=int)
        self._styles = [self._style_list[c] for c in codes]
        self._rects = [QRectF(self._x0[n], b.top, b.x1 - b.x0, b.bottom - b.top) for n, b in enumerate(self._bars)]
        self._index_marks()
        self.set_highlight(self._selected, self._related)
        if self._bars:
            left, right = float(self._x0.min()), float(self._x1.max())
            self._data_rect = QRectF(left, 0.0, max(right - left, 1.0), max(layout.height, 1.0))
        else:
            self._data_rect = QRectF()
        self.update()

    def _next_starts(self) -> np.ndarray:
        """For each bar, where the next bar in its row starts (a milestone's title stops there)."""
        out = np.full(len(self._bars), np.inf)
        order = sorted(range(len(self._bars)), key=lambda n: (self._top[n], self._x0[n]))
        for a, b in zip(order, order[1:]):
            if self._top[a] == self._top[b]:
                out[a] = self._x0[b]
        return out

    def set_marks(self, marks: dict[ItemId, QColor]) -> None:
        self._marks = marks
        self._index_marks()
        self.update()

    def _index_marks(self) -> None:
        """Per-bar arrays for the marks: flagged or not, and which colour."""
        names = sorted({c.name() for c in self._marks.values()})
        self._mark_colours = [QColor(n) for n in names]
        code = {n: k for k, n in enumerate(names)}
        self._marked = np.zeros(len(self._bars), dtype=bool)
        self._mark_code = np.zeros(len(self._bars), dtype=int)
        for item_id, colour in self._marks.items():
            n = self._index.get(item_id)
            if n is not None:
                self._marked[n] = True
                self._mark_code[n] = code[colour.name()]

    def set_ghosts(self, ghosts: list[tuple[ItemId, float, float]]) -> None:
        """Dashed outlines at other dates (a review's baseline): (item, x0, x1) in view coordinates."""
        self._ghosts = [(self._index[i], x0 - self._origin, x1 - self._origin) for i, x0, x1 in ghosts if i in self._index]
        self.update()

    def set_highlight(self, selected: frozenset[ItemId], related: frozenset[ItemId]) -> None:
        self._selected, self._related = selected, related
        self._highlighted = np.zeros(len(self._bars), dtype=bool)
        for item_id in selected | related:
            n = self._index.get(item_id)
            if n is not None:
                self._highlighted[n] = True
        self.update()

    def _style_of(self, bar: Bar, lane_colour: str) -> tuple[QBrush, QPen, QColor]:
        fill = self.colours.fill_of(lane_colour, bar.item.status)
        outline = STATUS_OUTLINE.get(bar.item.status)
        pen = QPen(QColor(outline) if outline else QColor(lane_colour).darker(135))
        pen.setWidthF(2 if outline else 1)
        pen.setCosmetic(True)
        return QBrush(fill), pen, text_on(fill)

    # --- geometry ----------------------------------------------------------------

    def bar_rect(self, item_id: ItemId) -> QRectF | None:
        """The item's rectangle in view (data) coordinates; a milestone's is its day."""
        bar = self.layout.bars.get(item_id)
        return None if bar is None else QRectF(bar.x0, bar.top, bar.x1 - bar.x0, bar.bottom - bar.top)

    def anchor(self, item_id: ItemId) -> tuple[float, float, float] | None:
        """(x centre, top, bottom) of an item in view coordinates, for links."""
        bar = self.layout.bars.get(item_id)
        if bar is None:
            return None
        return (bar.x0 + bar.x1) / 2, bar.top, bar.bottom

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
        pad = max(DIAMOND_PX, 2 * HANDLE_PX) + 2
        return self._data_rect.adjusted(-pad * pw, -pad * ph, (pad + MILESTONE_LABEL_PX) * pw, pad * ph)

    def viewTransformChanged(self) -> None:  # noqa: N802
        self.prepareGeometryChange()
        super().viewTransformChanged()

    # --- painting ----------------------------------------------------------------

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not self._bars:
            return
        self._paint_bars(painter)
        if self._ghosts:
            self._paint_ghosts(painter)
        self._paint_overlay(painter)

    def _paint_ghosts(self, painter: QPainter) -> None:
        pen = QPen(self.colours.text, 1.2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for n, x0, x1 in self._ghosts:
            top = self._top[n]
            height = self._bars[n].bottom - top
            painter.drawRect(QRectF(x0, top + height * 0.15, max(x1 - x0, DAY), height * 0.7))

    def _paint_bars(self, painter: QPainter) -> None:
        """Visible bars only, one drawRects per style: cost follows what is on screen."""
        from_device, invertible = painter.transform().inverted()
        if not invertible:
            return
        device = painter.device()
        local = from_device.mapRect(QRectF(0, 0, device.width(), device.height()))
        if painter.hasClipping():  # the clip is in this item's coordinates already
            local = local.intersected(painter.clipBoundingRect())
        shown = (
            (self._x1 >= local.left()) & (self._x0 <= local.right())
            & (self._top + 1 >= local.top()) & (self._top <= local.bottom()) & ~self._milestone
        )
        codes = self._style_code[shown]
        indices = np.flatnonzero(shown)
        for code in np.unique(codes):
            brush, pen, _ = self._style_list[code]
            painter.setPen(pen)
            painter.setBrush(brush)
            painter.drawRects([self._rects[i] for i in indices[codes == code]])

    def _paint_overlay(self, painter: QPainter) -> None:
        """Milestones, titles, marks and selection, in device pixels, for visible bars only.

        Which bars need work is decided with numpy; Python loops only over
        milestones, bars wide enough for a title, and highlighted bars. Marks
        are gathered into one path per colour.
        """
        to_device = painter.transform()
        from_device, invertible = to_device.inverted()
        sx, sy = abs(to_device.m11()), abs(to_device.m22())
        if not invertible or sx == 0 or sy == 0:
            return
        painter.save()
        painter.resetTransform()
        device = painter.device()
        visible = QRectF(0, 0, device.width(), device.height())
        if painter.hasClipping():  # the view box clips to its plot area: titles stick to its left edge
            visible = visible.intersected(painter.clipBoundingRect())
        local = from_device.mapRect(visible)
        metrics = QFontMetricsF(self._font)
        # A title may spill a little past its bar, never past its row.
        bar_titles = ROW_HEIGHT * sy >= metrics.height() * 0.92
        reach = (DIAMOND_PX + MILESTONE_LABEL_PX) / sx  # a milestone left of view may show its title
        shown = (
            (self._x1 >= local.left() - reach) & (self._x0 <= local.right() + DIAMOND_PX / sx)
            & (self._top + 1 >= local.top()) & (self._top <= local.bottom())
        )
        if np.count_nonzero(shown) > 3000:  # too dense to read: skip titles, keep marks and selection
            bar_titles = False
        # Device geometry of every bar (the view transform is a scale and a shift).
        dx0 = to_device.m11() * self._x0 + to_device.m31()
        dx1 = to_device.m11() * self._x1 + to_device.m31()
        wide = (np.minimum(dx1, visible.right()) - np.maximum(dx0, visible.left())) >= LABEL_MIN_PX
        need = shown & (self._milestone | (wide if bar_titles else False) | self._highlighted)
        marked = shown & self._marked
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(self._font)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        colours = self.colours
        row_ends: dict[float, float] = {}  # device x where the last title in each row ended
        for n in np.flatnonzero(need):
            bar = self._bars[n]
            item = bar.item
            brush, pen, text_colour = self._styles[n]
            rect = to_device.mapRect(self._rects[n])
            if item.is_milestone:
                centre = QPointF(rect.center().x(), rect.center().y())
                self._paint_diamond(painter, centre, brush, pen, min(DIAMOND_PX, rect.height() / 2 + 1))
                if bar_titles:
                    left = centre.x() + DIAMOND_PX + 3
                    limit = to_device.map(QPointF(self._next_x0[n], bar.top)).x() if np.isfinite(self._next_x0[n]) else float("inf")
                    width = min(MILESTONE_LABEL_PX, limit - left - 4)
                    if width >= LABEL_MIN_PX and left >= row_ends.get(bar.top, -1e9):
                        painter.setPen(colours.text)
                        box = QRectF(left, centre.y() - metrics.height() / 2, width, metrics.height())
                        text = metrics.elidedText(item.title, Qt.TextElideMode.ElideRight, width)
                        painter.drawText(box, align, text)
                        row_ends[bar.top] = left + metrics.horizontalAdvance(text) + 6
            elif bar_titles and wide[n]:
                inner = rect.intersected(visible).adjusted(5, 0, -4 - (MARK_PX if self._marked[n] else 0), 0)
                if inner.width() >= LABEL_MIN_PX - 9:
                    painter.setPen(text_colour)
                    painter.drawText(inner, align, metrics.elidedText(item.title, Qt.TextElideMode.ElideRight, inner.width()))
            if item.id in self._selected or item.id in self._related:
                self._paint_outline(painter, rect, item.is_milestone, item.id in self._selected)
            if self.link_handles and item.id in self._selected:
                self._paint_handle(painter, self._handle_point(rect))
        self._paint_marks(painter, np.flatnonzero(marked), to_device)
        painter.restore()

    def _paint_marks(self, painter: QPainter, indices, to_device) -> None:
        """A notch in each flagged item's top-right corner, coloured by severity (see the legend).

        Built with numpy into one path per colour: thousands of marks cost one drawPath each.
        """
        if len(indices) == 0:
            return
        m11, m22, dx, dy = to_device.m11(), to_device.m22(), to_device.m31(), to_device.m32()
        x0, x1 = m11 * self._x0[indices] + dx, m11 * self._x1[indices] + dx
        top = m22 * self._top[indices] + dy
        bottom = m22 * (self._top[indices] + BAR_FILL) + dy
        milestone = self._milestone[indices]
        x = np.where(milestone, (x0 + x1) / 2 + DIAMOND_PX - 1, np.maximum(x0, x1))
        y = np.where(milestone, (top + bottom) / 2 - DIAMOND_PX - 1, np.minimum(top, bottom))
        s = MARK_PX
        # each notch: (x-s, y) -> (x, y) -> (x, y+s), closed
        px = np.stack([x - s, x, x], axis=1).ravel()
        py = np.stack([y, y, y + s], axis=1).ravel()
        connect = np.tile(np.array([1, 1, 0], dtype=np.int32), len(indices))
        codes = np.repeat(self._mark_code[indices], 3)
        painter.setPen(Qt.PenStyle.NoPen)
        for code in np.unique(codes):
            chosen = codes == code
            painter.setBrush(self._mark_colours[code])
            painter.drawPath(pg.arrayToQPath(px[chosen], py[chosen], connect=connect[chosen]))

    @staticmethod
    def _handle_point(rect: QRectF) -> QPointF:
        return QPointF(rect.center().x(), rect.top() - HANDLE_PX)

    def _paint_handle(self, painter: QPainter, c: QPointF) -> None:
        """The link handle: drag it onto a business item to link the two."""
        painter.setPen(QPen(self.colours.background, 1.5))
        painter.setBrush(self.colours.highlight)
        painter.drawEllipse(c, HANDLE_PX, HANDLE_PX)
        painter.drawLine(QPointF(c.x(), c.y() + HANDLE_PX), QPointF(c.x(), c.y() + HANDLE_PX + 2))

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
            c = self._handle_point(scene_rect)
            if (scene_pos - c).manhattanLength() <= 2 * HANDLE_PX + 2:
                return item_id
        return None

    def _paint_outline(self, painter: QPainter, rect: QRectF, milestone: bool, selected: bool) -> None:
        pen = QPen(self.colours.highlight, 2.5 if selected else 1.5)
        if not selected:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if milestone:
            c = rect.center()
            d = DIAMOND_PX + 3
            painter.drawPolygon(QPolygonF([QPointF(c.x(), c.y() - d), QPointF(c.x() + d, c.y()), QPointF(c.x(), c.y() + d), QPointF(c.x() - d, c.y())]))
        else:
            painter.drawRect(rect.adjusted(-2, -2, 2, 2))

    @staticmethod
    def _paint_diamond(painter: QPainter, c: QPointF, brush: QBrush, pen: QPen, d: float = DIAMOND_PX) -> None:
        painter.setPen(pen)
        painter.setBrush(brush)
        painter.drawPolygon(QPolygonF([QPointF(c.x(), c.y() - d), QPointF(c.x() + d, c.y()), QPointF(c.x(), c.y() + d), QPointF(c.x() - d, c.y())]))

    # --- mouse ----------------------------------------------------------------------

    def hit_at(self, pos: QPointF) -> Hit | None:
        """The item under `pos` (this item's coordinates), with a few pixels' tolerance."""
        px, _ = self.pixelVectors()
        per_px = 0.0 if px is None else px.length()
        x = pos.x() + self._origin
        return self.layout.hit(x, pos.y(), edge=EDGE_PX * per_px, milestone_half=max((DIAMOND_PX + 1) * per_px, DAY / 2))

    def mouseClickEvent(self, ev) -> None:  # noqa: N802
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
        if ev.isExit():
            QToolTip.hideText()
            return
        hit = self.hit_at(ev.pos())
        if hit is None and self.on_link_handle(ev.scenePos()) is None:
            QToolTip.hideText()
            return
        if self.drag_handler is not None:
            # Claim the drag over items below us (the tech window region spans the business band).
            ev.acceptDrags(Qt.MouseButton.LeftButton)
        if hit is not None:
            QToolTip.showText(ev.screenPos().toPoint(), self.tooltip_for(hit.item_id))
