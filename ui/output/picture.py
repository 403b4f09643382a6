"""Pictures of the timeline for board packs: PNG, SVG and PDF files, and printing.

The timeline widget holds its title and legend, so rendering its scene gives a
complete figure. Rendering goes through the scene (vector drawing): a PNG is
exactly the pixels asked for, drawn at a scale (its sharpness) with every
title growing too, and a PDF or printed page is paginated for A4 landscape
with 8 pt titles (see page_picture). Files are written under a temporary name
and renamed into place when complete.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSettings
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from planner.atomic import atomic_path
from planner.model import Roadmap
from ui.output.page_picture import close, image, logical_size, offscreen_view, paint_pages, print_resolution, render
from ui.settings import export_folder, remember_export_folder
from ui.timeline.view import TimelineView

FORMATS = {".png": "PNG image", ".svg": "SVG drawing", ".pdf": "PDF document"}
PNG_SCALES = {"1x (screen)": 1.0, "2x (print, sharp)": 2.0, "3x (large print)": 3.0}
FOLDER_KEY = "export/pictureFolder"
PAGE_MARGIN_MM = 10


class PictureError(OSError):
    """A picture could not be written; the message names the file."""


def write_png(view: TimelineView, path: Path, scale: float = 2.0, size: tuple[int, int] | None = None) -> None:
    """The view as it is, `scale` times sharper: `size` pixels exactly (default its size times `scale`)."""
    viewport = view.viewport().size()
    width, height = size or (round(viewport.width() * scale), round(viewport.height() * scale))
    picture = image(view, width, height, scale)
    with atomic_path(path) as tmp:
        if not picture.save(str(tmp), "PNG"):
            raise PictureError(f"{path}: could not write the PNG")


def write_svg(view: TimelineView, path: Path) -> None:
    source = QRectF(view.viewport().rect())
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
            render(view, painter, source)
        finally:
            painter.end()


def _a4_landscape() -> QPageLayout:
    margins = QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM)
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape, margins, QPageLayout.Unit.Millimeter)


def write_pdf(roadmap: Roadmap, path: Path, today: date | None = None, collapsed=()) -> int:
    """A4 landscape pages with titles at 8 pt or more: both bands on one page, or a band a page;
    `collapsed` parents folded as on screen. Returns the number of pages."""
    with atomic_path(path) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setPageLayout(_a4_landscape())
        writer.setResolution(print_resolution())  # the view's pixels print small enough, its titles at 8 pt
        writer.setTitle(roadmap.info.title)
        writer.setCreator("Roadmap Planner")
        try:
            return paint_pages(roadmap, writer, today, collapsed)
        except OSError as error:
            raise PictureError(f"{path}: could not write the PDF ({error})") from error


def write_picture(view: TimelineView, path: Path, *, scale: float = 2.0) -> None:
    """Write the timeline to `path`, in the format its suffix names (.png, .svg or .pdf)."""
    _check(path)
    suffix = path.suffix.lower()
    if suffix == ".png":
        write_png(view, path, scale)
    elif suffix == ".svg":
        write_svg(view, path)
    else:
        write_pdf(view.roadmap, path, view.today, view.collapsed)


def _check(path: Path) -> None:
    if path.suffix.lower() not in FORMATS:
        raise PictureError(f"{path}: choose a .png, .svg or .pdf file name")
    if path.is_dir():
        raise PictureError(f"{path}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise PictureError(f"{path}: the folder {path.parent} does not exist")


def export_interactively(view: TimelineView, roadmap_path: Path, parent: QWidget,
                         settings: QSettings | None = None) -> Path | None:
    """File > Export > Picture: ask where (and, for PNG, how sharp), then write it. The dialog opens
    in the Documents folder the first time, then in the folder last exported to."""
    filters = ";;".join(f"{name} (*{suffix})" for suffix, name in FORMATS.items())
    start = export_folder(settings, FOLDER_KEY) / f"{roadmap_path.stem}.png"
    name, chosen = QFileDialog.getSaveFileName(parent, "Export Picture", str(start), filters)
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in FORMATS:
        suffix = next(s for s, n in FORMATS.items() if chosen.startswith(n))
        path = path.with_name(path.name + suffix)
    remember_export_folder(settings, FOLDER_KEY, path)
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
    """File > Print: a preview of A4 landscape pages drawn as the PDF export draws them."""
    # Screen resolution: the view's pixels then print at a size that keeps its titles at 8 pt.
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setPageLayout(_a4_landscape())
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("Print Roadmap")
    dialog.paintRequested.connect(lambda p: paint_pages(view.roadmap, p, view.today, view.collapsed))
    dialog.exec()


# --- headless (the command line) ---------------------------------------------------


def export_headless(roadmap: Roadmap, path: Path, size: tuple[int, int] = (1600, 1000), scale: float = 1.0,
                    today: date | None = None) -> None:
    """`roadmap-planner export FILE --png/--svg/--pdf OUT`: a PNG of exactly `size` pixels drawn
    `scale` times sharper (the view laid out at size / scale), an SVG of the view at `size`, or
    paginated A4 PDF pages."""
    _check(path)
    if path.suffix.lower() == ".pdf":
        write_pdf(roadmap, path, today)
        return
    logical = logical_size(*size, scale) if path.suffix.lower() == ".png" else size
    view = offscreen_view(roadmap, logical, today=today)
    try:
        if path.suffix.lower() == ".png":
            write_png(view, path, scale, size)
        else:
            write_svg(view, path)
    finally:
        close(view)
