"""The timeline drawn for paper and for exact picture sizes, without a window.

One idea serves every output: lay a throwaway view out at a *logical* size and
draw it at a scale. A PNG is an image of exactly the pixels asked for, with a
device pixel ratio of the scale, so everything the view draws (bars, link
curves, titles and marks it draws in device pixels) grows together and the
layout is the one the user knows from the screen. A PDF or printed page is
drawn at a resolution where the view's smallest font prints at 8 pt.

The board pack asks through `timeline_renderer`: each `PictureRequest` (from
exports.excel_timeline) gives the pixels and the smallest printed text; both
bands come back on one picture only when both show their titles at that size.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QBuffer, QEventLoop, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF, QImage, QPagedPaintDevice, QPainter

from exports.excel_timeline import PictureRequest
from planner.layout import ROW_HEIGHT
from planner.model import Band, Roadmap
from ui.timeline.paint_band import LABEL_FONT_SCALE
from ui.timeline.view import TimelineView

MIN_PRINT_PT = 8.0
TITLE_ROOM = 0.92  # the view titles bars whose row is at least this share of a line (ui.timeline.band_item)


def screen_text_px(font: QFont | None = None) -> float:
    """The smallest text a view in `font` (the application's) draws, in logical pixels: its bar titles."""
    if font is None:
        from ui.qt_app import application

        font = application().font()
    return QFontInfo(font).pixelSize() * LABEL_FONT_SCALE


def offscreen_view(roadmap: Roadmap, size: tuple[int, int], *, band: Band | None = None,
                   today: date | None = None, collapsed=()) -> TimelineView:
    """A settled timeline of `roadmap` with a viewport of `size` logical pixels, both bands or one,
    the `collapsed` parents folded (as on screen)."""
    from planner import clock
    from planner.alignment import analyse
    from ui.qt_app import application

    app = application()
    today = today or clock.today()
    view = TimelineView(today=today)
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)  # laid out and painted, never on screen
    view.setFrameShape(view.Shape.NoFrame)  # the viewport is then the whole widget
    view.resize(*size)
    view.set_report(analyse(roadmap, today))
    view.set_collapsed(collapsed, relayout=False)
    view.set_roadmap(roadmap)
    view.show_all_rows(band)  # a picture shows the whole plan (or one band of it): nothing scrolls
    view.show()
    for _ in range(3):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    view.fit_all()  # the final size changes what fits
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    return view


def legible(view: TimelineView) -> bool:
    """True when every shown band's rows are tall enough for the view to title its bars."""
    font = QFont(view.font())
    font.setPointSizeF(font.pointSizeF() * LABEL_FONT_SCALE)
    line = QFontMetricsF(font).height() * TITLE_ROOM
    for band in view.bands:
        if not band.plot.isVisible():
            continue
        y0, y1 = band.view_box.viewRange()[1]
        if band.view_box.height() * ROW_HEIGHT / max(y1 - y0, 1e-9) < line:
            return False
    return True


def close(view: TimelineView) -> None:
    view.close()
    view.deleteLater()


def render(view: TimelineView, painter: QPainter, target: QRectF) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    source = QRectF(view.viewport().rect())
    view.render(painter, target, source.toRect(), Qt.AspectRatioMode.IgnoreAspectRatio)


def image(view: TimelineView, width_px: int, height_px: int, scale: float) -> QImage:
    """The view as laid out now, in exactly `width_px` x `height_px` pixels, drawn `scale` times its size."""
    picture = QImage(QSize(width_px, height_px), QImage.Format.Format_RGB32)
    picture.setDevicePixelRatio(scale)  # so what the view draws in device pixels scales too
    picture.fill(view.colours.background)
    painter = QPainter(picture)
    try:
        render(view, painter, QRectF(0, 0, width_px / scale, height_px / scale))
    finally:
        painter.end()
    picture.setDevicePixelRatio(1.0)  # a plain image of that many pixels from here on
    return picture


def png_data(picture: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    picture.save(buffer, "PNG")
    return bytes(buffer.data())


def logical_size(width_px: int, height_px: int, scale: float) -> tuple[int, int]:
    return max(round(width_px / scale), 1), max(round(height_px / scale), 1)


def render_for_page(roadmap: Roadmap, request: PictureRequest, today: date | None = None) -> bytes | None:
    """The picture `request` asks for as PNG bytes, or None when both bands cannot keep their titles."""
    scale = request.font_scale(screen_text_px())
    view = offscreen_view(roadmap, logical_size(request.width_px, request.height_px, scale),
                          band=request.band, today=today)
    try:
        if request.band is None and not legible(view):
            return None
        return png_data(image(view, request.width_px, request.height_px, scale))
    finally:
        close(view)


def timeline_renderer(roadmap: Roadmap, today: date | None = None) -> Callable[[PictureRequest], bytes | None]:
    """What exports.excel.export_board_pack takes as `timeline`: pictures of `roadmap` for its pages."""
    return lambda request: render_for_page(roadmap, request, today)


def paint_pages(roadmap: Roadmap, device: QPagedPaintDevice, today: date | None = None, collapsed=()) -> int:
    """Draw the timeline on A4-style pages of `device` (begun by no painter yet): both bands on one
    page when their titles fit, else a band a page. The device's resolution must make the view's
    pixels print small enough that a page holds the plan, large enough for 8 pt titles
    (`print_resolution`). Returns the number of pages."""
    layout = device.pageLayout()
    rect = layout.paintRectPixels(device.logicalDpiX())
    size = (rect.width(), rect.height())
    views = [offscreen_view(roadmap, size, today=today, collapsed=collapsed)]
    if not legible(views[0]):
        close(views.pop())
        views = [offscreen_view(roadmap, size, band=band, today=today, collapsed=collapsed) for band in (Band.BUSINESS, Band.TECH)]
    painter = QPainter()
    if not painter.begin(device):
        for view in views:
            close(view)
        raise OSError("could not start drawing the pages")
    try:
        for n, view in enumerate(views):
            if n:
                device.newPage()
            render(view, painter, QRectF(0, 0, size[0], size[1]))
    finally:
        painter.end()
        for view in views:
            close(view)
    return len(views)


def print_resolution() -> int:
    """Dots per inch at which the view's smallest font prints at 8 pt (and the plan fits a page)."""
    return math.floor(72 * screen_text_px() / MIN_PRINT_PT)
