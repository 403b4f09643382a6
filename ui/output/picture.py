"""Pictures of the timeline for board packs: PNG, SVG and PDF files, and printing.

The timeline widget holds its title and legend, so rendering its scene gives a
complete figure. Rendering goes through the scene (vector drawing), so a PNG
at 2x or a PDF page is sharp rather than an enlarged screenshot. Files are
written under a temporary name and renamed into place when complete.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from planner.atomic import atomic_path
from ui.timeline.view import TimelineView

FORMATS = {".png": "PNG image", ".svg": "SVG drawing", ".pdf": "PDF document"}
PNG_SCALES = {"1x (screen)": 1.0, "2x (print, sharp)": 2.0, "3x (large print)": 3.0}


class PictureError(OSError):
    """A picture could not be written; the message names the file."""


def _source(view: TimelineView) -> QRectF:
    return QRectF(view.viewport().rect())


def _render(view: TimelineView, painter: QPainter, target: QRectF) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    view.render(painter, target, _source(view).toRect(), Qt.AspectRatioMode.KeepAspectRatio)


def _image(view: TimelineView, scale: float) -> QImage:
    """The timeline drawn at `scale` times its size on screen (vector drawing, so sharp)."""
    size = _source(view).size() * scale
    image = QImage(QSize(round(size.width()), round(size.height())), QImage.Format.Format_RGB32)
    image.fill(view.colours.background)
    painter = QPainter(image)
    try:
        _render(view, painter, QRectF(image.rect()))
    finally:
        painter.end()
    return image


def write_png(view: TimelineView, path: Path, scale: float = 2.0) -> None:
    image = _image(view, scale)
    with atomic_path(path) as tmp:
        if not image.save(str(tmp), "PNG"):
            raise PictureError(f"{path}: could not write the PNG")


def write_svg(view: TimelineView, path: Path) -> None:
    source = _source(view)
    with atomic_path(path) as tmp:
        generator = QSvgGenerator()
        generator.setFileName(str(tmp))
        generator.setSize(source.size().toSize())
        generator.setViewBox(source)
        generator.setTitle(view.roadmap.info.title if view.roadmap else "Roadmap")
        generator.setDescription("Dual timeline exported by Roadmap Planner")
        painter = QPainter()
        if not painter.begin(generator):
            raise PictureError(f"{path}: could not write the SVG")
        try:
            _render(view, painter, source)
        finally:
            painter.end()


def _page(layout: QPageLayout, resolution: int) -> QRectF:
    """The printable area in device pixels; a page painter's origin is its top-left."""
    return QRectF(0, 0, layout.paintRectPixels(resolution).width(), layout.paintRectPixels(resolution).height())


def _paint_on_page(view: TimelineView, painter: QPainter, page: QRectF) -> None:
    """Fit the timeline to the page width (keeping its shape), at the top of the page."""
    source = _source(view)
    scale = page.width() / source.width()
    height = min(source.height() * scale, page.height())
    _render(view, painter, QRectF(page.left(), page.top(), page.width(), height))


def write_pdf(view: TimelineView, path: Path) -> None:
    with atomic_path(path) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape, QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter))
        writer.setResolution(300)
        writer.setTitle(view.roadmap.info.title if view.roadmap else "Roadmap")
        writer.setCreator("Roadmap Planner")
        painter = QPainter()
        if not painter.begin(writer):
            raise PictureError(f"{path}: could not write the PDF")
        try:
            _paint_on_page(view, painter, _page(writer.pageLayout(), writer.resolution()))
        finally:
            painter.end()


def write_picture(view: TimelineView, path: Path, *, scale: float = 2.0) -> None:
    """Write the timeline to `path`, in the format its suffix names (.png, .svg or .pdf)."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise PictureError(f"{path}: choose a .png, .svg or .pdf file name")
    if path.is_dir():
        raise PictureError(f"{path}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise PictureError(f"{path}: the folder {path.parent} does not exist")
    {".png": lambda: write_png(view, path, scale), ".svg": lambda: write_svg(view, path), ".pdf": lambda: write_pdf(view, path)}[suffix]()


def export_interactively(view: TimelineView, roadmap_path: Path, parent: QWidget) -> Path | None:
    """File > Export > Picture: ask where (and, for PNG, how sharp), then write it."""
    filters = ";;".join(f"{name} (*{suffix})" for suffix, name in FORMATS.items())
    name, chosen = QFileDialog.getSaveFileName(parent, "Export Picture", str(roadmap_path.with_suffix(".png")), filters)
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in FORMATS:
        suffix = next(s for s, n in FORMATS.items() if chosen.startswith(n))
        path = path.with_name(path.name + suffix)
    scale = 2.0
    if path.suffix.lower() == ".png":
        label, ok = QInputDialog.getItem(parent, "PNG resolution", "Resolution:", list(PNG_SCALES), 1, False)
        if not ok:
            return None
        scale = PNG_SCALES[label]
    try:
        write_picture(view, path, scale=scale)
    except OSError as error:
        QMessageBox.critical(parent, "Cannot export picture", str(error))
        return None
    return path


def print_with_preview(view: TimelineView, parent: QWidget) -> None:
    """File > Print: a preview, landscape, the timeline fitted to the page width."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("Print Roadmap")

    def paint(p: QPrinter) -> None:
        painter = QPainter(p)
        try:
            _paint_on_page(view, painter, _page(p.pageLayout(), p.resolution()))
        finally:
            painter.end()

    dialog.paintRequested.connect(paint)
    dialog.exec()


# --- headless (command line and the Excel board pack) ----------------------------


def _offscreen_view(roadmap, size: tuple[int, int]) -> TimelineView:
    """A shown, settled timeline of `roadmap` at `size`, with its badges as of today, on whatever
    platform Qt runs (offscreen here)."""
    from PySide6.QtCore import QEventLoop

    from planner import clock
    from planner.alignment import analyse
    from ui.qt_app import application

    app = application()
    today = clock.today()
    view = TimelineView(today=today)
    view.resize(*size)
    view.set_report(analyse(roadmap, today))
    view.set_roadmap(roadmap)
    view.show()
    for _ in range(3):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    view.fit_all()  # the final size changes what fits
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    return view


def export_headless(roadmap, path: Path, size: tuple[int, int] = (1600, 1000), scale: float = 2.0) -> None:
    """`roadmap-planner export FILE --png/--svg/--pdf OUT`: the timeline picture without a window."""
    view = _offscreen_view(roadmap, size)
    try:
        write_picture(view, path, scale=scale)
    finally:
        view.close()
        view.deleteLater()


def png_of_view(view: TimelineView, scale: float = 2.0) -> bytes:
    """The view as it is now, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    _image(view, scale).save(buffer, "PNG")
    return bytes(buffer.data())


def png_bytes(roadmap, size: tuple[int, int] = (1600, 1000), scale: float = 2.0) -> bytes:
    """The timeline as PNG bytes, for embedding in the board pack."""
    view = _offscreen_view(roadmap, size)
    try:
        return png_of_view(view, scale)
    finally:
        view.close()
        view.deleteLater()
