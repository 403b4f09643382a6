"""File > Export > Slides: the PowerPoint deck of the open roadmap, then "Open folder"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from exports.slides import ExportError, export_slides

LAST_FOLDER_KEY = "export/slidesFolder"


def export_slides_interactively(parent: QWidget, document, settings: QSettings | None) -> Path | None:
    """Ask where, write the deck (with the document's alignment report), then offer the folder."""
    folder = settings.value(LAST_FOLDER_KEY, str(document.path.parent)) if settings else str(document.path.parent)
    suggested = Path(str(folder)) / f"{document.path.stem} board slides.pptx"
    name, _ = QFileDialog.getSaveFileName(parent, "Export Slides", str(suggested), "PowerPoint deck (*.pptx)")
    if not name:
        return None
    path = Path(name) if name.lower().endswith(".pptx") else Path(name + ".pptx")
    if settings is not None:
        settings.setValue(LAST_FOLDER_KEY, str(path.parent))
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # about a second at 1,000 items
    try:
        count = export_slides(document.roadmap, path, today=document.today(), source=document.path.name,
                              report=document.alignment.report)
    except ExportError as error:
        QMessageBox.critical(parent, "Cannot export slides", str(error))
        return None
    finally:
        QGuiApplication.restoreOverrideCursor()
    box = QMessageBox(QMessageBox.Icon.Information, "Slides exported", f"Wrote {path.name} ({count} slides)\nin {path.parent}",
                      parent=parent)
    open_folder = box.addButton("Open Folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
    return path
