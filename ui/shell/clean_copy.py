"""The refusal of a roadmap holding objects we did not write, with the way out: a clean copy of its data."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from planner.store import SUFFIX, ForeignSchemaError, StoreError
from planner.store_repair import clean_copy_name, repair

MAKE_CLEAN_COPY = "Make a Clean Copy…"


def offer_clean_copy(parent: QWidget, error: ForeignSchemaError, file_filter: str) -> Path | None:
    """Say why the file was refused and offer to copy its data into a new file; the copy's path, or None."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Cannot open roadmap", str(error), parent=parent)
    box.setInformativeText(
        "Roadmap Planner can copy its data into a new file with a clean schema and open that. "
        "This file stays exactly as it is."
    )
    make = box.addButton(MAKE_CLEAN_COPY, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(make)
    box.exec()
    if box.clickedButton() is not make:
        return None
    # The store refuses to replace a file, so Qt's "replace?" prompt would promise what it cannot do.
    name, _ = QFileDialog.getSaveFileName(
        parent, "Save Clean Copy", str(clean_copy_name(error.path)), file_filter, options=QFileDialog.Option.DontConfirmOverwrite
    )
    if not name:
        return None
    target = Path(name) if name.endswith(SUFFIX) else Path(name + SUFFIX)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return repair(error.path, target).path
    except StoreError as failure:
        QMessageBox.critical(parent, "Cannot make a clean copy", str(failure))
        return None
    finally:
        QApplication.restoreOverrideCursor()
