"""File > Export board pack: the Excel workbook, with progress, cancel and "Open folder"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from exports.excel import ExportError, export_board_pack
from ui.settings import export_folder, remember_export_folder

LAST_FOLDER_KEY = "export/boardPackFolder"


class _Cancelled(Exception):
    pass


def export_board_pack_interactively(parent: QWidget, document, settings: QSettings | None) -> Path | None:
    """Ask where, write the workbook (with the timeline drawn for its pages, and the findings), then
    offer the folder. The dialog opens in Documents the first time, then where the last pack went."""
    roadmap = document.roadmap
    suggested = export_folder(settings, LAST_FOLDER_KEY) / f"{document.path.stem} board pack.xlsx"
    name, _ = QFileDialog.getSaveFileName(parent, "Export Board Pack", str(suggested), "Excel workbook (*.xlsx)")
    if not name:
        return None
    path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
    remember_export_folder(settings, LAST_FOLDER_KEY, path)

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

    from ui.output.page_picture import timeline_renderer

    report = document.alignment.report
    today = document.today()
    try:
        export_board_pack(
            roadmap, path, today=today, timeline=timeline_renderer(roadmap, today),
            report=report,
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
