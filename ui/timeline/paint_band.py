"""The one painter of a band's items: bars, milestones, titles, badges, marks and outlines (QtGui only).

The live band item, pictures and the first frame before pyqtgraph loads all
draw through `BandPaint`, so there is one answer to where a bar or a title
goes. It paints through whatever transform the painter holds (item
coordinates -> device pixels): pyqtgraph's in the live view, a plain
scale-and-shift in the first frame. Bars are culled by row with a bisect, so a
frame costs what is on screen, without numpy. Titles, marks and outlines are
drawn in device pixels so they keep their size at any zoom.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF, QStaticText, QTransform

from planner.layout import BAR_FILL, DAY, ROW_HEIGHT, BandLayout, Bar
from planner.model import ItemId
from ui.timeline.band_frame import DIAMOND_PX, MARK_PX, BandFrame, elided_title, place_titles, static_text
from ui.timeline.outline_marks import OutlineMarks, paint_outline
from ui.timeline.style import STATUS_OUTLINE, TimelineColours, text_on, with_alpha

HANDLE_PX = 5  # radius of the link handle above a selected tech bar
DIM_OPACITY = 0.22  # items outside a hover or focus
LABEL_FONT_SCALE = 0.92
TITLE_LIMIT = 3000  # more bars than this in view are too dense to title


def title_font(font: QFont) -> QFont:
    """Titles a touch smaller than the UI font."""
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * LABEL_FONT_SCALE)
    return small


class BandPaint:
    """A band's items ready to draw: styles per bar, rows for culling, and the state that marks them."""

    def __init__(self) -> None:
        self.layout = BandLayout((), {}, 0.0)
        self.colours: TimelineColours | None = None
        self.origin = 0.0
        self.font = QFont()
        self.metrics = QFontMetricsF(self.font)
        self.bars: list[Bar] = []
        self.index: dict[ItemId, int] = {}
        self.x0: list[float] = []  # relative to the origin: small numbers for Qt's paint engine
        self.x1: list[float] = []
        self.top: list[float] = []
        self.milestone: list[bool] = []
        self.rects: list[QRectF] = []
        self.styles: list[tuple[QBrush, QPen, QColor]] = []
        self._style_code: list[int] = []
        self._style_list: list[tuple[QBrush, QPen, QColor]] = []
        self._row_tops: list[float] = []
        self._rows: list[list[int]] = []  # bar indices per row, by x0
        self._title_width: dict[int, float] = {}
        self._elisions: dict[tuple[int, int], tuple[str, float]] = {}
        self._static: dict[str, QStaticText] = {}
        self.marks: dict[int, QColor] = {}  # bar index -> badge colour
        self.counts: dict[int, int] = {}  # bar index -> enablers shown as a badge
        self.ghosts: list[tuple[int, float, float]] = []  # (bar index, x0, x1) relative to the origin
        self.selected: frozenset[ItemId] = frozenset()
        self.related: frozenset[ItemId] = frozenset()
        self.keep: frozenset[ItemId] | None = None
        self.link_handles = False
        self.outline: OutlineMarks | None = None  # the band's parents, when it has any
        self._frame_key: tuple | None = None
        self._frame: BandFrame | None = None

    # --- content -----------------------------------------------------------------

    def set_band(self, layout: BandLayout, lane_colours: dict, origin: float, font: QFont, colours: TimelineColours) -> None:
        self.layout, self.colours, self.origin = layout, colours, origin
        self.bars = list(layout.bars.values())
        self.index = {bar.item.id: n for n, bar in enumerate(self.bars)}
        self.font = title_font(font)
        self.metrics = QFontMetricsF(self.font)
        self.x0 = [b.x0 - origin for b in self.bars]
        self.x1 = [b.x1 - origin for b in self.bars]
        self.top = [b.top for b in self.bars]
        self.milestone = [b.item.is_milestone for b in self.bars]
        self.rects = [QRectF(self.x0[n], b.top, b.x1 - b.x0, b.bottom - b.top) for n, b in enumerate(self.bars)]
        style_ids: dict[tuple[str, str], int] = {}
        self._style_list, self._style_code = [], []
        for b in self.bars:
            key = (lane_colours[b.item.lane_id], str(b.item.status))
            if key not in style_ids:
                style_ids[key] = len(self._style_list)
                self._style_list.append(self._style_of(b, key[0]))
            self._style_code.append(style_ids[key])
        self.styles = [self._style_list[c] for c in self._style_code]
        rows: dict[float, list[int]] = {}
        for n, top in enumerate(self.top):
            rows.setdefault(top, []).append(n)
        self._row_tops = sorted(rows)
        self._rows = [sorted(rows[t], key=lambda n: self.x0[n]) for t in self._row_tops]
        self._title_width, self._elisions, self._static = {}, {}, {}
        self.marks, self.counts, self.ghosts = {}, {}, []
        self.outline = OutlineMarks(layout, self.index, self.x0, self.x1, self.top, self.milestone, origin) if layout.outline.parents else None
        self.changed()

    def changed(self) -> None:
        self._frame_key = None

    def _style_of(self, bar: Bar, lane_colour: str) -> tuple[QBrush, QPen, QColor]:
        return bar_style(self.colours, bar, lane_colour)

    def set_marks(self, marks: dict[ItemId, QColor]) -> None:
        self.marks = {self.index[i]: c for i, c in marks.items() if i in self.index}
        self.changed()

    def set_counts(self, counts: dict[ItemId, int]) -> None:
        self.counts = {self.index[i]: c for i, c in counts.items() if i in self.index and c > 0}
        self.changed()

    def set_ghosts(self, ghosts: list[tuple[ItemId, float, float]]) -> None:
        self.ghosts = [(self.index[i], x0 - self.origin, x1 - self.origin) for i, x0, x1 in ghosts if i in self.index]

    def is_dimmed(self, n: int) -> bool:
        return self.keep is not None and self.bars[n].item.id not in self.keep

    def is_highlighted(self, n: int) -> bool:
        item_id = self.bars[n].item.id
        return item_id in self.selected or item_id in self.related

    # --- which bars are in view, and where their titles go ---------------------------

    def _rows_in(self, top: float, bottom: float) -> range:
        """Rows whose bars may reach into top..bottom (item coordinates)."""
        lo = bisect.bisect_left(self._row_tops, top - BAR_FILL - ROW_HEIGHT)
        hi = bisect.bisect_right(self._row_tops, bottom + ROW_HEIGHT)
        return range(lo, hi)

    def frame(self, to_device: QTransform, visible: QRectF) -> BandFrame:
        """Titles and badges for a frame drawn through `to_device` (item -> device pixels), cached."""
        key = tuple(f"{v:.9g}" for v in (to_device.m11(), to_device.m22(), to_device.m31(), to_device.m32(),
                                          visible.left(), visible.top(), visible.right(), visible.bottom()))
        if key != self._frame_key or self._frame is None:
            self._frame = self._compute_frame(to_device, visible)
            self._frame_key = key
        return self._frame

    def _compute_frame(self, to_device: QTransform, visible: QRectF) -> BandFrame:
        m11, m22, dx, dy = to_device.m11(), to_device.m22(), to_device.m31(), to_device.m32()
        frame = BandFrame(to_device=QTransform(to_device))
        if not self.bars or m11 == 0 or m22 == 0:
            return frame
        local = to_device.inverted()[0].mapRect(visible)
        text_h = self.metrics.height()
        v_left, v_right, v_top, v_bottom = visible.left(), visible.right(), visible.top(), visible.bottom()
        candidates = []  # (index, x0, x1, ext0, ext1, top, centre) in device pixels, by row then x
        for r in self._rows_in(local.top(), local.bottom()):
            for n in self._rows[r]:
                a, b = m11 * self.x0[n] + dx, m11 * self.x1[n] + dx
                top, bottom = m22 * self.top[n] + dy, m22 * (self.top[n] + BAR_FILL) + dy
                if self.milestone[n]:
                    mid = (a + b) / 2
                    e0, e1 = mid - DIAMOND_PX, mid + DIAMOND_PX
                else:
                    e0, e1 = a, b
                if e1 >= v_left and e0 <= v_right and bottom >= v_top and top <= v_bottom:
                    candidates.append((n, a, b, e0, e1, top, (top + bottom) / 2))
        frame.shown = sorted(c[0] for c in candidates)
        lead, obstacles = None, None
        if self.outline is not None:
            frame.outline = self.outline.frame(m11, m22, dx, dy, visible)
            lead, obstacles = frame.outline.lead, self.outline.obstacles_of(frame.outline)
        if abs(ROW_HEIGHT * m22) < text_h or len(frame.shown) > TITLE_LIMIT:
            return frame  # rows too thin for a line of text, or too many bars to read: no titles
        fits = [c for c in candidates if c[6] - text_h / 2 >= v_top and c[6] + text_h / 2 <= v_bottom]
        place_titles(self, frame, fits, visible, self.metrics, lead, obstacles)
        return frame

    # what place_titles asks of a band (the live BandItem answers the same)
    def marked_at(self, n: int) -> bool:
        return n in self.marks

    def count_at(self, n: int) -> int | None:
        return self.counts.get(n)

    def milestone_at(self, n: int) -> bool:
        return self.milestone[n]

    def title_at(self, n: int) -> str:
        return self.bars[n].item.title

    def item_id_at(self, n: int) -> ItemId:
        return self.bars[n].item.id

    def title_width_at(self, n: int) -> float:
        width = self._title_width.get(n)
        if width is None:
            width = self._title_width[n] = self.metrics.horizontalAdvance(self.bars[n].item.title)
        return width

    def _elided(self, n: int, room: float) -> tuple[str, float]:
        return elided_title(self._elisions, self.metrics, n, self.bars[n].item.title, room)

    def static_text(self, text: str) -> QStaticText:
        return static_text(self._static, self.font, text)

    # --- drawing -------------------------------------------------------------------

    def paint(self, painter: QPainter, visible: QRectF) -> BandFrame | None:
        """Draw the band through the painter's transform (item -> device); `visible` is the plot in device pixels."""
        if not self.bars:
            return None
        to_device = painter.transform()
        self._paint_bars(painter, to_device, visible)
        if self.ghosts:
            self._paint_ghosts(painter)
        frame = self.frame(to_device, visible)
        self._paint_overlay(painter, frame, to_device)
        return frame

    def _paint_bars(self, painter: QPainter, to_device: QTransform, visible: QRectF) -> None:
        """Visible bars only, one drawRects per style (faded ones first): cost follows what is on screen."""
        from_device, invertible = to_device.inverted()
        if not invertible:
            return
        local = from_device.mapRect(visible)
        left, right, top, bottom = local.left(), local.right(), local.top(), local.bottom()
        groups: dict[tuple[bool, int], list[QRectF]] = {}
        for r in self._rows_in(top, bottom):
            for n in self._rows[r]:
                if self.milestone[n] or self.x1[n] < left or self.x0[n] > right:
                    continue
                if self.top[n] + BAR_FILL < top or self.top[n] > bottom:
                    continue
                groups.setdefault((not self.is_dimmed(n), self._style_code[n]), []).append(self.rects[n])
        for (solid, code) in sorted(groups):
            painter.setOpacity(1.0 if solid else DIM_OPACITY)
            brush, pen, _ = self._style_list[code]
            painter.setPen(pen)
            painter.setBrush(brush)
            painter.drawRects(groups[(solid, code)])
        painter.setOpacity(1.0)

    def _paint_ghosts(self, painter: QPainter) -> None:
        pen = QPen(self.colours.text, 1.2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for n, x0, x1 in self.ghosts:
            top = self.top[n]
            height = self.bars[n].bottom - top
            painter.drawRect(QRectF(x0, top + height * 0.15, max(x1 - x0, DAY), height * 0.7))

    def _paint_overlay(self, painter: QPainter, frame: BandFrame, to_device: QTransform) -> None:
        """Milestones, titles, badges, marks and selection outlines, in device pixels."""
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        colours = self.colours
        for n in frame.shown:
            if self.milestone[n]:
                painter.setOpacity(DIM_OPACITY if self.is_dimmed(n) else 1.0)
                rect = to_device.mapRect(self.rects[n])
                brush, pen, _ = self.styles[n]
                _diamond(painter, rect.center(), brush, pen, min(DIAMOND_PX, rect.height() / 2 + 1))
        if frame.outline is not None:
            paint_outline(painter, colours, frame.outline, self.is_dimmed)
        painter.setFont(self.font)
        for title in frame.titles:
            painter.setOpacity(DIM_OPACITY + 0.1 if self.is_dimmed(title.index) else 1.0)
            painter.setPen(self.styles[title.index][2] if title.on_bar else colours.text)
            # QStaticText keeps the laid-out glyphs: redrawing the same titles while panning costs a third
            painter.drawStaticText(QPointF(title.rect.left(), title.rect.top()), self.static_text(title.text))
        for n, rect, text in frame.pills:
            painter.setOpacity(DIM_OPACITY + 0.1 if self.is_dimmed(n) else 1.0)
            painter.setPen(QPen(with_alpha(colours.text, 0.35), 1))
            painter.setBrush(with_alpha(colours.background, 0.9))
            painter.drawRoundedRect(rect.adjusted(0, 1, 0, -1), 5, 5)
            painter.setPen(colours.text)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.setOpacity(1.0)
        for n in frame.shown:
            if not self.is_highlighted(n):
                continue
            item_id = self.bars[n].item.id
            rect = to_device.mapRect(self.rects[n])
            _outline(painter, colours, rect, self.milestone[n], item_id in self.selected)
            if self.link_handles and item_id in self.selected:
                _handle(painter, colours, handle_point(rect))
        self._paint_marks(painter, [n for n in frame.shown if n in self.marks], to_device)
        painter.restore()

    def _paint_marks(self, painter: QPainter, indices: list[int], to_device: QTransform) -> None:
        """A notch in each flagged item's top-right corner, coloured by severity (see the legend): one path per colour."""
        if not indices:
            return
        m11, m22, dx, dy = to_device.m11(), to_device.m22(), to_device.m31(), to_device.m32()
        paths: dict[tuple[str, bool], QPainterPath] = {}
        colours: dict[str, QColor] = {}
        s = MARK_PX
        for n in indices:
            x0, x1 = m11 * self.x0[n] + dx, m11 * self.x1[n] + dx
            top, bottom = m22 * self.top[n] + dy, m22 * (self.top[n] + BAR_FILL) + dy
            if self.milestone[n]:
                x, y = (x0 + x1) / 2 + DIAMOND_PX - 1, (top + bottom) / 2 - DIAMOND_PX - 1
            else:
                x, y = max(x0, x1), min(top, bottom)
            colour = self.marks[n]
            colours[colour.name()] = colour
            path = paths.setdefault((colour.name(), self.is_dimmed(n)), QPainterPath())
            path.moveTo(x - s, y)
            path.lineTo(x, y)
            path.lineTo(x, y + s)
        painter.setPen(Qt.PenStyle.NoPen)
        for (name, faded), path in sorted(paths.items(), key=lambda kv: (kv[0][0], not kv[0][1])):
            painter.setOpacity(DIM_OPACITY if faded else 1.0)
            painter.setBrush(colours[name])
            painter.drawPath(path)
        painter.setOpacity(1.0)


def bar_style(colours: TimelineColours, bar: Bar, lane_colour: str) -> tuple[QBrush, QPen, QColor]:
    """(fill, outline pen, title colour on the bar) of a bar in its lane's colour and status."""
    fill = colours.fill_of(lane_colour, bar.item.status)
    outline = STATUS_OUTLINE.get(bar.item.status)
    pen = QPen(QColor(outline) if outline else QColor(lane_colour).darker(135))
    pen.setWidthF(2 if outline else 1)
    pen.setCosmetic(True)
    return QBrush(fill), pen, text_on(fill)


def handle_point(rect: QRectF) -> QPointF:
    return QPointF(rect.center().x(), rect.top() - HANDLE_PX)


def _handle(painter: QPainter, colours, c: QPointF) -> None:
    """The link handle: drag it onto a business item to link the two."""
    painter.setPen(QPen(colours.background, 1.5))
    painter.setBrush(colours.highlight)
    painter.drawEllipse(c, HANDLE_PX, HANDLE_PX)
    painter.drawLine(QPointF(c.x(), c.y() + HANDLE_PX), QPointF(c.x(), c.y() + HANDLE_PX + 2))


def _outline(painter: QPainter, colours, rect: QRectF, milestone: bool, selected: bool) -> None:
    pen = QPen(colours.highlight, 2.5 if selected else 1.5)
    if not selected:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if milestone:
        painter.drawPolygon(diamond(rect.center(), DIAMOND_PX + 3))
    else:
        painter.drawRect(rect.adjusted(-2, -2, 2, 2))


def diamond(c: QPointF, d: float) -> QPolygonF:
    return QPolygonF([QPointF(c.x(), c.y() - d), QPointF(c.x() + d, c.y()), QPointF(c.x(), c.y() + d), QPointF(c.x() - d, c.y())])


def _diamond(painter: QPainter, c: QPointF, brush: QBrush, pen: QPen, d: float = DIAMOND_PX) -> None:
    painter.setPen(pen)
    painter.setBrush(brush)
    painter.drawPolygon(diamond(c, d))
