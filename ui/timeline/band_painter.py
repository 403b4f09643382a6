"""Drawing one band's frame in the live view with numpy: bars, milestones, titles, badges, marks and selection.

What goes where is decided before (BandItem.frame, through paint_band.place_titles,
the first frame's placement too); these functions only draw it, with paint_band's
marks, outlines and handles. Titles, marks and outlines are drawn in device
pixels so they keep their size at any zoom.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from planner.layout import BAR_FILL, DAY
from ui.timeline.outline_marks import paint_outline
from ui.timeline.band_frame import MARK_PX, BandFrame
from ui.timeline.paint_band import DIAMOND_PX, DIM_OPACITY, _diamond, _handle, _outline
from ui.timeline.style import with_alpha

def paint_bars(painter: QPainter, band, visible: QRectF) -> None:
    """Visible bars only, one drawRects per style (faded ones first): cost follows what is on screen."""
    from_device, invertible = painter.transform().inverted()
    if not invertible:
        return
    local = from_device.mapRect(visible)
    shown = (
        (band._x1 >= local.left()) & (band._x0 <= local.right())
        & (band._top + BAR_FILL >= local.top()) & (band._top <= local.bottom()) & ~band._milestone
    )
    for faded in (True, False):
        chosen = shown & (band._dimmed if faded else ~band._dimmed)
        if not chosen.any():
            continue
        painter.setOpacity(DIM_OPACITY if faded else 1.0)
        codes = band._style_code[chosen]
        indices = np.flatnonzero(chosen)
        for code in np.unique(codes):
            brush, pen, _ = band._style_list[code]
            painter.setPen(pen)
            painter.setBrush(brush)
            rect = band.rect
            painter.drawRects([rect(i) for i in indices[codes == code]])
    painter.setOpacity(1.0)


def paint_ghosts(painter: QPainter, band) -> None:
    pen = QPen(band.colours.text, 1.2, Qt.PenStyle.DashLine)
    pen.setCosmetic(True)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for n, x0, x1 in band._ghosts:
        top = band._top[n]
        height = band._bars[n].bottom - top
        painter.drawRect(QRectF(x0, top + height * 0.15, max(x1 - x0, DAY), height * 0.7))


def paint_overlay(painter: QPainter, band, frame: BandFrame, to_device) -> None:
    """Milestones, titles, badges, marks and selection outlines, in device pixels."""
    painter.save()
    painter.resetTransform()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    colours = band.colours
    dimmed = band._dimmed
    shown = frame.shown
    for n in shown[band._milestone[shown]]:
        painter.setOpacity(DIM_OPACITY if dimmed[n] else 1.0)
        rect = to_device.mapRect(band.rect(n))
        brush, pen, _ = band._styles[n]
        _diamond(painter, rect.center(), brush, pen, min(DIAMOND_PX, rect.height() / 2 + 1))
    if frame.outline is not None:
        paint_outline(painter, colours, frame.outline, lambda n: bool(dimmed[n]))
    painter.setFont(band._font)
    for title in frame.titles:
        painter.setOpacity(DIM_OPACITY + 0.1 if dimmed[title.index] else 1.0)
        painter.setPen(band._styles[title.index][2] if title.on_bar else colours.text)
        # QStaticText keeps the laid-out glyphs: redrawing the same titles while panning costs a third
        painter.drawStaticText(QPointF(title.rect.left(), title.rect.top()), band.static_text(title.text))
    for n, rect, text in frame.pills:
        painter.setOpacity(DIM_OPACITY + 0.1 if dimmed[n] else 1.0)
        painter.setPen(QPen(with_alpha(colours.text, 0.35), 1))
        painter.setBrush(with_alpha(colours.background, 0.9))
        painter.drawRoundedRect(rect.adjusted(0, 1, 0, -1), 5, 5)
        painter.setPen(colours.text)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.setOpacity(1.0)
    for n in shown[band._highlighted[shown]]:
        item_id = band._bars[n].item.id
        rect = to_device.mapRect(band.rect(n))
        _outline(painter, colours, rect, bool(band._milestone[n]), item_id in band._selected)
        if band.link_handles and item_id in band._selected:
            _handle(painter, colours, band.handle_point(rect))
    _marks(painter, band, shown[band._marked[shown]], to_device)
    painter.restore()


def _marks(painter: QPainter, band, indices, to_device) -> None:
    """A notch in each flagged item's top-right corner, coloured by severity (see the legend).

    Built with numpy into one path per colour: thousands of marks cost one drawPath each.
    """
    if len(indices) == 0:
        return
    m11, m22, dx, dy = to_device.m11(), to_device.m22(), to_device.m31(), to_device.m32()
    x0, x1 = m11 * band._x0[indices] + dx, m11 * band._x1[indices] + dx
    top = m22 * band._top[indices] + dy
    bottom = m22 * (band._top[indices] + BAR_FILL) + dy
    milestone = band._milestone[indices]
    x = np.where(milestone, (x0 + x1) / 2 + DIAMOND_PX - 1, np.maximum(x0, x1))
    y = np.where(milestone, (top + bottom) / 2 - DIAMOND_PX - 1, np.minimum(top, bottom))
    s = MARK_PX
    # each notch: (x-s, y) -> (x, y) -> (x, y+s), closed
    px = np.stack([x - s, x, x], axis=1).ravel()
    py = np.stack([y, y, y + s], axis=1).ravel()
    connect = np.tile(np.array([1, 1, 0], dtype=np.int32), len(indices))
    codes = np.repeat(band._mark_code[indices], 3)
    faded = np.repeat(band._dimmed[indices], 3)
    painter.setPen(Qt.PenStyle.NoPen)
    for code in np.unique(codes):
        for fade in (True, False):
            chosen = (codes == code) & (faded == fade)
            if chosen.any():
                painter.setOpacity(DIM_OPACITY if fade else 1.0)
                painter.setBrush(band._mark_colours[code])
                painter.drawPath(pg.arrayToQPath(px[chosen], py[chosen], connect=connect[chosen]))
    painter.setOpacity(1.0)
