"""Painting one planned slide (exports/slide_blocks.py) with QPainter, scaled to the screen.

The presentation shows the deck's own content, so the room sees what the
board pack says. Text is drawn as plain text: nothing typed is read as markup.
A focus (a business goal and the tech work that enables it) dims every other
item and link on a timeline slide.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF

from exports.slide_blocks import (
    CELL_PAD_X, CELL_PAD_Y, ChartBlock, Para, Slide, TableBlock, TextBlock, header, value_axis,
)
from exports.slide_style import (
    CONTENT_BOTTOM, FONT, GRID, LANE_ALPHA, LATE_LINK, LINK, MARGIN, MUTED, SLIDE_H, SLIDE_W, TEXT, TODAY, WHITE, WINDOW, WINDOW_ALPHA,
    text_on,
)
from exports.slide_timeline import AXIS_PT, BAR_PT, GAP, INSET, LABEL_W, LANE_PT, PLOT_X0, PLOT_X1, BandBlock, TimelinePage
from planner.model import ItemId, LinkKind

DIM = 0.16  # opacity of what is out of focus
ALIGN = {"left": Qt.AlignmentFlag.AlignLeft, "centre": Qt.AlignmentFlag.AlignHCenter, "right": Qt.AlignmentFlag.AlignRight}


def colour(hex_colour: str, alpha: float = 1.0) -> QColor:
    c = QColor(hex_colour)
    c.setAlphaF(alpha)
    return c


class SlidePainter:
    """Draws slides in inches: `scale` pixels an inch from `origin`, the slide's top-left corner."""

    def __init__(self, painter: QPainter, target: QRectF):
        self.p = painter
        self.scale = min(target.width() / SLIDE_W, target.height() / SLIDE_H)
        w, h = SLIDE_W * self.scale, SLIDE_H * self.scale
        self.origin = QPointF(target.x() + (target.width() - w) / 2, target.y() + (target.height() - h) / 2)
        self.slide_rect = QRectF(self.origin.x(), self.origin.y(), w, h)

    def r(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(self.origin.x() + x * self.scale, self.origin.y() + y * self.scale, w * self.scale, h * self.scale)

    def pt(self, x: float, y: float) -> QPointF:
        return QPointF(self.origin.x() + x * self.scale, self.origin.y() + y * self.scale)

    def font(self, pt: float, bold: bool = False) -> QFont:
        f = QFont(FONT)
        f.setPixelSize(max(1, round(pt / 72 * self.scale)))
        f.setBold(bold)
        return f

    def text(self, rect: QRectF, text: str, pt: float, *, bold=False, hex_colour=TEXT, align="left", wrap=False,
             valign=Qt.AlignmentFlag.AlignVCenter, alpha: float = 1.0) -> QRectF:
        self.p.setFont(self.font(pt, bold))
        self.p.setPen(colour(hex_colour, alpha))
        flags = ALIGN[align] | valign | (Qt.TextFlag.TextWordWrap if wrap else Qt.TextFlag.TextDontClip)
        return self.p.drawText(rect, int(flags), text)

    # --- whole slides --------------------------------------------------------------------

    def slide(self, slide: Slide, focus: frozenset[ItemId] | None = None) -> None:
        self.p.fillRect(self.slide_rect, QColor(WHITE))
        for block in header(slide):
            self.text_block(block)
        if slide.timeline is not None:
            self.timeline(slide.timeline, focus)
        for block in slide.blocks:
            if isinstance(block, TableBlock):
                self.table(block)
            elif isinstance(block, ChartBlock):
                self.chart(block)
            elif isinstance(block, TextBlock):
                self.text_block(block)

    def text_block(self, block: TextBlock) -> None:
        y = block.y
        for para in block.paras:
            rect = self.r(block.x, y, block.w, SLIDE_H)
            used = self.text(rect, para.text, para.pt, bold=para.bold, hex_colour=para.colour, align=block.align, wrap=True,
                             valign=Qt.AlignmentFlag.AlignTop)
            y += used.height() / self.scale

    # --- tables and charts ---------------------------------------------------------------

    def table(self, block: TableBlock) -> None:
        y = block.y
        for n, (row, h) in enumerate(zip(block.all_rows(), block.heights)):
            header = block.has_header and n == 0
            x = block.x
            for cell, col in zip(row, block.columns):
                fill = cell.colour or ("#e8ecf2" if header else None)
                if fill:
                    self.p.fillRect(self.r(x + 0.01, y + 0.01, col.width - 0.02, h - 0.02), QColor(fill))
                inner = self.r(x + CELL_PAD_X, y + CELL_PAD_Y, col.width - 2 * CELL_PAD_X, h - 2 * CELL_PAD_Y)
                used = self.text(inner, cell.text, block.pt, bold=cell.bold, align=col.align, wrap=True,
                                 hex_colour=text_on(fill) if cell.colour else TEXT, valign=Qt.AlignmentFlag.AlignTop)
                if cell.sub:
                    below = QRectF(inner.x(), used.bottom(), inner.width(), max(inner.bottom() - used.bottom(), 1))
                    self.text(below, cell.sub, block.sub_pt, hex_colour=MUTED, align=col.align, wrap=True,
                              valign=Qt.AlignmentFlag.AlignTop)
                x += col.width
            y += h

    def chart(self, block: ChartBlock) -> None:
        scale = value_axis(block)
        if scale is None or not block.categories:
            return
        lo, hi, step = scale
        plot = (block.x + 0.9, block.y + 0.1, block.w - 1.1, block.h - 1.0)
        first, last = block.categories[0], block.categories[-1]
        days = max((last - first).days, 1)

        def at(d, v) -> QPointF:
            return self.pt(plot[0] + (d - first).days / days * plot[2], plot[1] + (hi - v) / (hi - lo) * plot[3])

        v = lo
        while v <= hi + step / 1000:
            y = at(first, v).y()
            self.p.setPen(QPen(QColor(GRID), 1))
            self.p.drawLine(QPointF(self.pt(plot[0], 0).x(), y), QPointF(self.pt(plot[0] + plot[2], 0).x(), y))
            self.text(QRectF(self.pt(block.x, 0).x(), y - 20, 0.8 * self.scale, 40), f"{v:,.10g}", 12, align="right")
            v += step
        for d in (first, last):
            x = at(d, lo).x()
            self.text(QRectF(x - 60, at(d, lo).y() + 4, 120, 0.3 * self.scale), f"{d:%b %Y}", 12, align="centre",
                      valign=Qt.AlignmentFlag.AlignTop)
        for n, s in enumerate(block.series):
            pen = QPen(QColor(s.colour), 3 if s.markers else 2)
            if s.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            self.p.setPen(pen)
            points = [at(d, v) for d, v in zip(block.categories, s.values) if v is not None]
            if len(points) > 1:
                self.p.drawPolyline(QPolygonF(points))
            if s.markers:
                self.p.setBrush(QColor(s.colour))
                for point in points:
                    self.p.drawEllipse(point, 5, 5)
            key = self.r(plot[0] + n * 1.8, block.y + block.h - 0.45, 0.4, 0.3)
            self.p.drawLine(QPointF(key.left(), key.center().y()), QPointF(key.right(), key.center().y()))
            self.text(self.r(plot[0] + n * 1.8 + 0.5, block.y + block.h - 0.45, 1.3, 0.3), s.name, 12)

    # --- the timeline ---------------------------------------------------------------------

    def timeline(self, page: TimelinePage, focus: frozenset[ItemId] | None) -> None:
        for block in page.blocks:
            self._background(block)
        bars = {b.item_id: b for b in page.bars}
        for c in page.connectors:
            s, t = bars[c.source_id], bars[c.target_id]
            lit = focus is None or (c.source_id in focus and c.target_id in focus)
            path = QPainterPath()
            if c.kind == LinkKind.SUPPORTS:
                a, b = self.pt(s.x + s.w / 2, s.y), self.pt(t.x + t.w / 2, t.y + t.h)
                mid = (a.y() + b.y()) / 2
                path.moveTo(a)
                path.cubicTo(QPointF(a.x(), mid), QPointF(b.x(), mid), b)
            else:  # straight, as in the deck
                path.moveTo(self.pt(s.x + s.w, s.y + s.h / 2))
                path.lineTo(self.pt(t.x, t.y + t.h / 2))
            pen = QPen(colour(LATE_LINK if c.late else LINK, 1.0 if lit else DIM), 2.5 if c.late else 1.5)
            if c.kind == LinkKind.DEPENDS:
                pen.setStyle(Qt.PenStyle.DashLine)
            self.p.setPen(pen)
            self.p.setBrush(Qt.BrushStyle.NoBrush)
            self.p.drawPath(path)
        for bar in page.bars:
            alpha = 1.0 if focus is None or bar.item_id in focus else DIM
            rect = self.r(bar.x, bar.y, bar.w, bar.h)
            self.p.setBrush(colour(bar.fill, alpha))
            self.p.setPen(QPen(colour(bar.outline, alpha), max(bar.outline_pt / 72 * self.scale, 1)))
            if bar.milestone:
                c = rect.center()
                self.p.drawPolygon(QPolygonF([QPointF(c.x(), rect.top()), QPointF(rect.right(), c.y()),
                                              QPointF(c.x(), rect.bottom()), QPointF(rect.left(), c.y())]))
            else:
                radius = rect.height() * 0.17
                self.p.drawRoundedRect(rect, radius, radius)
            if bar.label == "inside":
                label, align = self.r(bar.x + INSET, bar.y, SLIDE_W, bar.h), "left"
            elif bar.label == "right":
                label, align = self.r(bar.x + bar.w + GAP, bar.y, SLIDE_W, bar.h), "left"
            else:
                label, align = self.r(0, bar.y, bar.x - GAP, bar.h), "right"
            self.text(label, bar.title, BAR_PT, hex_colour=bar.text_colour, align=align, alpha=alpha)

    def _background(self, block: BandBlock) -> None:
        plot_top = block.lanes[0].y if block.lanes else block.top + block.height
        bottom = block.top + block.height
        for lane in block.lanes:
            self.p.fillRect(self.r(MARGIN, lane.y, PLOT_X1 - MARGIN, lane.h), colour(lane.colour, LANE_ALPHA))
            self.text(self.r(MARGIN + 0.08, lane.y, LABEL_W - 0.15, lane.h), lane.name, LANE_PT, bold=True, wrap=True)
        if block.window:
            x0, x1 = block.window
            self.p.fillRect(self.r(x0, plot_top, x1 - x0, bottom - plot_top), colour(WINDOW, WINDOW_ALPHA))
        self.text(self.r(MARGIN + 0.08, block.top, LABEL_W, plot_top - block.top - 0.04),
                  "Business" if block.band.value == "business" else "Technology", 13, bold=True,
                  valign=Qt.AlignmentFlag.AlignBottom)
        row_h = (plot_top - block.top) / 2
        for tick in block.ticks:
            y = block.top if tick.major else block.top + row_h
            self.p.setPen(QPen(QColor("#a9adb3" if tick.major else GRID), 1))
            self.p.drawLine(self.pt(tick.x, y), self.pt(tick.x, bottom))
            self.text(self.r(tick.x + 0.05, y, 1.5, row_h), tick.text, AXIS_PT, bold=tick.major,
                      hex_colour=TEXT if tick.major else MUTED)
        if block.today_x is not None:
            self.p.setPen(QPen(QColor(TODAY), max(2 / 72 * self.scale, 2)))
            self.p.drawLine(self.pt(block.today_x, plot_top), self.pt(block.today_x, bottom))

    def caption(self, lines: list[Para], avoid: list[tuple[float, float, float, float]]) -> None:
        """A box of focus notes where it covers the least of `avoid` (the items in focus, in inches)."""
        width = 4.8
        height = 0.2 + sum(p.pt * 1.35 / 72 for p in lines)
        corners = [(SLIDE_W - MARGIN - width, 0.25), (SLIDE_W - MARGIN - width, CONTENT_BOTTOM - height),
                   (PLOT_X0 + 0.1, CONTENT_BOTTOM - height), (SLIDE_W / 2 - width / 2, CONTENT_BOTTOM - height)]

        def covered(corner) -> float:
            x, y = corner
            return sum(max(0.0, min(x + width, ax + aw) - max(x, ax)) * max(0.0, min(y + height, ay + ah) - max(y, ay))
                       for ax, ay, aw, ah in avoid)

        x, y = min(corners, key=covered)
        self.p.setPen(QPen(QColor("#a9adb3"), 1))
        self.p.setBrush(colour(WHITE, 0.96))
        self.p.drawRoundedRect(self.r(x, y, width, height), 8, 8)
        y += 0.1
        for para in lines:
            line = self.r(x + 0.15, y, width - 0.3, para.pt * 1.35 / 72)
            self.p.setFont(self.font(para.pt, para.bold))
            text = self.p.fontMetrics().elidedText(para.text, Qt.TextElideMode.ElideRight, int(line.width()))
            self.text(line, text, para.pt, bold=para.bold, hex_colour=para.colour)
            y += para.pt * 1.35 / 72
