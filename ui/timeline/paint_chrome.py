"""The one painter of everything around the items: header, lane tints and grid, axes, today, the tech window,
the strip's labels and the legend (QtGui only).

Each function draws in the painter's current coordinates; the live pyqtgraph
items call them from their `paint` with their own transform, the first frame
with the same translation to where those items sit. What is drawn and where
is decided here or in planner/, never twice.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from planner.label_layout import StripLabel, place_strip
from planner.model import Status
from planner.ticks import Tier
from ui.timeline.style import STATUS_OUTLINE, TimelineColours, with_alpha

HEADER_PAD = 2.0
MIN_REST_PX = 60  # below this, the header's details give way and the title itself is elided
TIER_PAD = 2.0  # above and below each axis tier's text
STRIP_PX = 16.0  # the business axis' strip next to the plot, for the tech window's label
LANE_TEXT_GAP = 5.0  # between a lane name and the plot
MARKER_INSET = 4.0
LEGEND_PX = 20
SWATCH = 14
LEGEND_GAP = 16


def cosmetic(colour: QColor, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCosmetic(True)
    return pen


# --- header --------------------------------------------------------------------------


def header_fonts(font: QFont) -> tuple[QFont, QFont, float]:
    """(title font, details font, line height) of the header for the UI font."""
    title = QFont(font)
    title.setPointSizeF(font.pointSizeF() * 1.25)
    title.setWeight(QFont.Weight.DemiBold)
    return title, QFont(font), QFontMetricsF(title).height() + 2 * HEADER_PAD


def paint_header(p: QPainter, size: tuple[float, float], title: str, details: str, font: QFont,
                 colours: TimelineColours) -> tuple[str, QRectF]:
    """The title in bold and the details muted, elided to `size`; returns (text drawn, its rect)."""
    if not title:
        return "", QRectF()
    title_font, detail_font, _ = header_fonts(font)
    width, height = size[0] - 2 * HEADER_PAD, size[1]
    tm, dm = QFontMetricsF(title_font), QFontMetricsF(detail_font)
    title_w = tm.horizontalAdvance(title)
    if title_w + dm.horizontalAdvance(details) > width:
        room = width - title_w
        if room >= MIN_REST_PX:
            details = dm.elidedText(details, Qt.TextElideMode.ElideRight, room)
        else:
            details = ""
            title = tm.elidedText(title, Qt.TextElideMode.ElideRight, width)
            title_w = tm.horizontalAdvance(title)
    p.setFont(title_font)
    p.setPen(colours.text)
    align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    p.drawText(QRectF(HEADER_PAD, 0, title_w + 1, height), align, title)
    details_w = dm.horizontalAdvance(details) if details else 0.0
    if details:
        p.setFont(detail_font)
        p.setPen(colours.muted)
        p.drawText(QRectF(HEADER_PAD + title_w, 0, details_w + 1, height), align, details)
    text_h = tm.height()
    return title + details, QRectF(HEADER_PAD, (height - text_h) / 2, title_w + details_w, text_h)


# --- inside a band's plot (view coordinates) -------------------------------------------


def backdrop_pens(colours: TimelineColours) -> tuple[QPen, QPen, QPen]:
    """Lane separators, the coarse grid and the fine grid."""
    return tuple(cosmetic(with_alpha(colours.text, a)) for a in (0.12, 0.16, 0.08))


def paint_backdrop(p: QPainter, rect: QRectF, lanes: list[tuple[float, float, QColor]], tiers: list[Tier],
                   pens: tuple[QPen, QPen, QPen]) -> None:
    """Lane tints, the calendar grid and lane separators over `rect` (the view's range, view coordinates)."""
    for top, bottom, colour in lanes:
        p.fillRect(QRectF(rect.left(), top, rect.width(), bottom - top), colour)
    for n, tier in enumerate(tiers):
        p.setPen(pens[1 if n == 0 and len(tiers) == 2 else 2])
        p.drawLines([QLineF(x, rect.top(), x, rect.bottom()) for x in tier.boundaries])
    p.setPen(pens[0])
    p.drawLines([QLineF(rect.left(), y, rect.right(), y) for top, bottom, _ in lanes for y in (top, bottom)])


def paint_today(p: QPainter, x: float, rect: QRectF, colours: TimelineColours) -> None:
    """Today's dashed line at view x across `rect` (view coordinates)."""
    if rect.left() <= x <= rect.right():
        p.setPen(cosmetic(colours.today, 1.5, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))


def window_pens(colours: TimelineColours) -> tuple[QPen, QPen]:
    """The tech window's edges: at rest, and under the pointer."""
    return cosmetic(with_alpha(colours.window, 0.7)), cosmetic(colours.highlight, 2)


def window_brushes(colours: TimelineColours) -> tuple[QColor, QColor]:
    return colours.window, with_alpha(colours.window, min(1.0, colours.window.alphaF() * 1.8))


def paint_window(p: QPainter, x0: float, x1: float, rect: QRectF, colours: TimelineColours,
                 hover: bool = False, hover_edge: int | None = None) -> None:
    """The tech window on the business band: a tint from x0 to x1 with an edge line each side (view coordinates)."""
    fill = QRectF(QPointF(x0, rect.top()), QPointF(x1, rect.bottom())).intersected(rect)
    if not fill.isEmpty():
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(window_brushes(colours)[1 if hover else 0])
        p.drawRect(fill)
    rest, lit = window_pens(colours)
    for n, x in enumerate((x0, x1)):
        if rect.left() <= x <= rect.right():
            p.setPen(lit if hover_edge == n else rest)
            p.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))


def paint_hint(p: QPainter, at: QPointF, text: str, font: QFont, colours: TimelineColours) -> None:
    """'Double-click a lane to add…' in an empty band; `at` is the text's top left."""
    p.setFont(font)
    p.setPen(colours.muted)
    metrics = QFontMetricsF(font)
    p.drawText(QPointF(at.x(), at.y() + metrics.ascent()), text)


# --- axes (axis item coordinates) ---------------------------------------------------------


def tier_height(font: QFont) -> float:
    return QFontMetricsF(font).height() + 2 * TIER_PAD


def calendar_axis_height(font: QFont, strip: float) -> int:
    return int(2 * tier_height(font) + strip)


def paint_calendar_axis(p: QPainter, bounds: QRectF, tiers: list[Tier], top: bool, font: QFont,
                        colours: TimelineColours) -> list[tuple[str, QRectF, str]]:
    """Two tiers of calendar labels (the coarse one outermost) and the axis line along the plot's edge.

    Returns what was drawn: (tier name, rect, text).
    """
    metrics = QFontMetricsF(font)
    height = metrics.height() + 2 * TIER_PAD
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    p.setPen(cosmetic(colours.separator))
    edge = bounds.bottom() - 1 if top else bounds.top() + 1
    p.drawLine(QPointF(bounds.left() - 1, edge), QPointF(bounds.right() + 1, edge))
    p.setFont(font)
    p.setPen(cosmetic(colours.muted))
    p.setClipRect(bounds.toAlignedRect(), Qt.ClipOperation.IntersectClip)
    painted = []
    for n, tier in enumerate(tiers):
        inner = not (n == 0 and len(tiers) == 2)  # the fine tier sits next to the plot
        row = (1 if inner else 0) if top else (0 if inner else 1)
        y = bounds.top() + row * height
        name = tier.level.name.lower()
        for label in tier.labels:
            rect = QRectF(bounds.left() + label.left, y + TIER_PAD, metrics.horizontalAdvance(label.text), metrics.height())
            p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextDontClip, label.text)
            painted.append((name, rect, label.text))
    p.setClipping(False)
    return painted


def paint_lane_axis(p: QPainter, bounds: QRectF, plot: tuple[float, float], lanes: list[tuple[float, str]], title: str,
                    font: QFont, colours: TimelineColours) -> None:
    """Lane names right-aligned by the plot at their lanes' centres (`lanes`: (y, name) in these coordinates),
    the band's name turned up the left side, and the axis line; names are clipped to the plot's rows `plot` (top, bottom)."""
    metrics = QFontMetricsF(font)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    p.setPen(cosmetic(colours.separator))
    x = bounds.right() - 1
    p.drawLine(QPointF(x, plot[0] - 1), QPointF(x, plot[1] + 1))
    p.setFont(font)
    p.save()
    p.setClipRect(QRectF(bounds.left(), plot[0], bounds.width(), plot[1] - plot[0]).toAlignedRect())
    p.setPen(cosmetic(colours.text))
    h = metrics.height()
    for y, name in lanes:
        w = metrics.horizontalAdvance(name)
        p.drawText(QRectF(bounds.right() - LANE_TEXT_GAP - w, y - h / 2, w, h),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextDontClip, name)
    p.restore()
    w = metrics.horizontalAdvance(title)
    centre = (plot[0] + plot[1]) / 2
    p.save()
    p.translate(bounds.left() + 2, centre)
    p.rotate(-90)
    p.setPen(colours.muted)
    p.drawText(QRectF(-w / 2 - 1, 0, w + 2, h), Qt.AlignmentFlag.AlignCenter, title)
    p.restore()


# --- the business axis' strip ----------------------------------------------------------------


def place_markers(strip: QRectF, window: tuple[float, float] | None, today: float | None, window_text: str,
                  font: QFont) -> list[tuple[str, QRectF, str]]:
    """Where "Today" and "Tech window · …" go in `strip` (planner.label_layout.place_strip): (key, rect, text)."""
    metrics = QFontMetricsF(font)
    labels, texts = [], {}
    if today is not None:  # the short label first; the window's label finds room around it
        w = metrics.horizontalAdvance("Today")
        labels.append(StripLabel("today", w, (today + MARKER_INSET, today - MARKER_INSET - w)))
        texts["today"] = "Today"
    if window is not None and window_text:
        lo, hi = window
        w = metrics.horizontalAdvance(window_text)
        right, left = min(hi, strip.right()), max(lo, strip.left())
        labels.append(StripLabel("window", w, (right - w - MARKER_INSET, right + MARKER_INSET, left + MARKER_INSET, left - MARKER_INSET - w)))
        texts["window"] = window_text
    lefts = place_strip(labels, strip.left(), strip.right())
    h = metrics.height()
    top = strip.top() + (strip.height() - h) / 2
    return [(lab.key, QRectF(lefts[lab.key], top, lab.width, h), texts[lab.key]) for lab in labels if lab.key in lefts]


def paint_markers(p: QPainter, placed: list[tuple[str, QRectF, str]], font: QFont, colours: TimelineColours) -> None:
    p.setFont(font)
    for key, rect, text in placed:
        p.setPen(colours.today if key == "today" else colours.muted)
        p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)


# --- the legend -------------------------------------------------------------------------------


def paint_legend(p: QPainter, width: float, font: QFont, c: TimelineColours) -> None:
    """One row of swatches with captions: what each colour, outline, shape and line means; what fits `width`."""
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setFont(font)
    metrics = QFontMetricsF(font)
    neutral = QColor("#7d8a99")
    x = 12.0
    y = (LEGEND_PX - SWATCH) / 2
    entries = [
        ("Planned", lambda r: _bar(p, r, c.fill_of(neutral.name(), Status.PLANNED), neutral.darker(135), 1)),
        ("On track", lambda r: _bar(p, r, neutral, neutral.darker(135), 1)),
        ("At risk", lambda r: _bar(p, r, neutral, QColor(STATUS_OUTLINE[Status.AT_RISK]), 2)),
        ("Off track", lambda r: _bar(p, r, neutral, QColor(STATUS_OUTLINE[Status.OFF_TRACK]), 2)),
        ("Done", lambda r: _bar(p, r, c.fill_of(neutral.name(), Status.DONE), neutral.darker(135), 1)),
        ("Milestone", lambda r: _legend_diamond(p, r, neutral)),
        ("Supports link", lambda r: _line(p, r, QPen(c.link.darker(110), 1.6))),
        ("Links into one goal", lambda r: _count(p, r, c)),
        ("Enabler lands late", lambda r: _line(p, r, QPen(c.late_link, 1.6, Qt.PenStyle.DashLine))),
        ("Alignment finding", lambda r: _notches(p, r, neutral, [c.severity[s] for s in ("error", "warning", "info")])),
        ("Today", lambda r: _vline(p, r, QPen(c.today, 1.5, Qt.PenStyle.DashLine))),
        ("Tech window", lambda r: _window_swatch(p, r, c.window)),
    ]
    for caption, draw in entries:
        text_w = metrics.horizontalAdvance(caption)
        if x + SWATCH + 5 + text_w > width - 8:
            break  # a narrow window shows what fits rather than overlapping
        draw(QRectF(x, y, SWATCH * 1.6, SWATCH))
        x += SWATCH * 1.6 + 5
        p.setPen(c.muted)
        p.drawText(QRectF(x, 0, text_w + 2, LEGEND_PX), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, caption)
        x += text_w + LEGEND_GAP


def _bar(p: QPainter, r: QRectF, fill: QColor, outline: QColor, width: float) -> None:
    p.setPen(QPen(outline, width))
    p.setBrush(fill)
    p.drawRect(r.adjusted(1, 2, -1, -2))


def _legend_diamond(p: QPainter, r: QRectF, fill: QColor) -> None:
    c, d = r.center(), 6.0
    p.setPen(QPen(fill.darker(135), 1))
    p.setBrush(fill)
    p.drawPolygon(QPolygonF([QPointF(c.x(), c.y() - d), QPointF(c.x() + d, c.y()), QPointF(c.x(), c.y() + d), QPointF(c.x() - d, c.y())]))


def _line(p: QPainter, r: QRectF, pen: QPen) -> None:
    p.setPen(pen)
    p.drawLine(QPointF(r.left(), r.bottom() - 1), QPointF(r.right(), r.top() + 1))


def _count(p: QPainter, r: QRectF, c: TimelineColours) -> None:
    p.setPen(QPen(c.muted, 1))
    p.setBrush(c.background)
    pill = QRectF(r.center().x() - 8, r.top() + 1, 16, r.height() - 2)
    p.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
    p.setPen(c.text)
    p.drawText(pill, Qt.AlignmentFlag.AlignCenter, "3")


def _vline(p: QPainter, r: QRectF, pen: QPen) -> None:
    p.setPen(pen)
    p.drawLine(QPointF(r.center().x(), r.top()), QPointF(r.center().x(), r.bottom()))


def _notches(p: QPainter, r: QRectF, fill: QColor, marks: list[QColor]) -> None:
    """A bar with one corner notch per severity colour (error, warning, info)."""
    bar = r.adjusted(1, 2, -1, -2)
    p.setPen(QPen(fill.darker(135), 1))
    p.setBrush(fill)
    p.drawRect(bar)
    p.setPen(Qt.PenStyle.NoPen)
    s = 6
    for n, mark in enumerate(marks):
        x = bar.right() - n * (s + 1)
        p.setBrush(mark)
        p.drawPolygon(QPolygonF([QPointF(x - s, bar.top()), QPointF(x, bar.top()), QPointF(x, bar.top() + s)]))


def _window_swatch(p: QPainter, r: QRectF, fill: QColor) -> None:
    edge = QColor(fill)
    edge.setAlphaF(0.7)
    p.setPen(QPen(edge, 1))
    p.setBrush(fill)
    p.drawRect(r.adjusted(1, 1, -1, -1))
