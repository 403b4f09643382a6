"""File > Export board pack: the Excel workbook, with progress, cancel and "Open folder"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from exports.excel import ExportError, export_board_pack

LAST_FOLDER_KEY = "export/boardPackFolder"


class _Cancelled(Exception):
    pass


def export_board_pack_interactively(parent: QWidget, document, timeline, settings: QSettings | None) -> Path | None:
    """Ask where, write the workbook (with the timeline picture and findings), then offer the folder."""
    roadmap = document.roadmap
    folder = settings.value(LAST_FOLDER_KEY, str(document.path.parent)) if settings else str(document.path.parent)
    suggested = Path(str(folder)) / f"{document.path.stem} board pack.xlsx"
    name, _ = QFileDialog.getSaveFileName(parent, "Export Board Pack", str(suggested), "Excel workbook (*.xlsx)")
    if not name:
        return None
    path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
    if settings is not None:
        settings.setValue(LAST_FOLDER_KEY, str(path.parent))

    progress = QProgressDialog("Writing the board pack…", "Cancel", 0, 100, parent)
    progress.setWindowTitle("Export Board Pack")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)  # small roadmaps finish before it would show

    def on_progress(done: int, total: int) -> None:
        progress.setMaximum(max(total, 1))
        progress.setValue(done)
        QApplication.processEvents()
        if progress.wasCanceled():
            raise _Cancelled

    from ui.output.picture import png_of_view

    report = document.alignment.report
    try:
        export_board_pack(
            roadmap, path, today=document.today(), picture_png=png_of_view(timeline),
            findings=report.findings, alignment_score=report.score,
            progress=on_progress,
        )
    except _Cancelled:
        return None
    except ExportError as error:
        QMessageBox.critical(parent, "Cannot export board pack", str(error))
        return None
    finally:
        progress.close()
    box = QMessageBox(QMessageBox.Icon.Information, "Board pack exported", f"Wrote {path.name}\nin {path.parent}", parent=parent)
    open_folder = box.addButton("Open Folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
    return path
