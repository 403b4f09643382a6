"""The main window's files: open, new, save as, import, and every export and print (a MainWindow mixin).

Kept apart from the window so its file holds what is shown and how it follows
the document; these slots only ask for a path, call the store, an importer or
an exporter, and say what happened. Dialogs and exporters are imported when
first used: none of them is on the way to the first picture.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from planner.store import SUFFIX, AlreadyOpenError, ForeignSchemaError, Store, StoreError
from ui import settings as app_settings
from ui.document.document import RoadmapDocument
from ui.shell.clean_copy import offer_clean_copy

FILTER = f"Roadmaps (*{SUFFIX});;All files (*)"
JSON_FOLDER_KEY = "export/jsonFolder"


class FileActionsMixin:
    """Needs the window's `document`, `windows`, `today`, `_persistent`, `_settings()`, `set_document()`
    and `timeline`."""

    def load(self, path: Path | str, *, read_only: bool = False) -> None:
        """Open `path` in this window, replacing the current roadmap.

        Raises `StoreError` (the current roadmap stays open) if the file cannot be used.
        """
        document = RoadmapDocument.open(path, read_only=read_only, parent=self, today=self.today)
        self.set_document(document)
        if self._persistent:
            app_settings.remember_file(self._settings(), document.path)
            if document.canEdit:
                from planner.backups import backups_dir, rolling_backup  # noqa: PLC0415  (platformdirs: not needed to paint)

                try:
                    rolling_backup(document.path, backups_dir(), self.today())
                except StoreError as error:
                    self.statusBar().showMessage(f"No backup made today: {error}", 10000)

    def open_file(self, path: Path | str, *, read_only: bool = False) -> bool:
        """`load`, showing any error in a dialog instead of raising it.

        A file another window of this app has open is not opened twice (two
        undo histories over one file would fight): that window comes forward.
        """
        other = self.windows.window_for(Path(path)) if self.windows is not None else None
        if other is not None and other is not self:
            other.raise_()
            other.activateWindow()
            return True
        try:
            self.load(path, read_only=read_only)
        except AlreadyOpenError as error:
            answer = QMessageBox.question(self, "Roadmap already open", f"{error}.\n\nOpen it read-only?")
            return answer == QMessageBox.StandardButton.Yes and self.open_file(path, read_only=True)
        except ForeignSchemaError as error:
            clean = offer_clean_copy(self, error, FILTER)
            if clean is None or not self.open_file(clean):
                return False
            self.statusBar().showMessage(f"Opened {clean.name}, a clean copy of {Path(path).name} (which was not changed)", 10000)
        except StoreError as error:
            QMessageBox.critical(self, "Cannot open roadmap", str(error))
            return False
        return True

    def _fill_recent_menu(self) -> None:
        menu: QMenu = self.recent_menu
        menu.clear()
        files = self.recent_files()
        for n, path in enumerate(files, 1):
            a = menu.addAction(f"&{n} {path.name}")
            a.setToolTip(str(path))
            a.setStatusTip(str(path))
            a.triggered.connect(lambda checked=False, p=path: self.open_file(p))
        if not files:
            menu.addAction("No recent files").setEnabled(False)

    def recent_files(self) -> list[Path]:
        """Recently opened files that still exist, newest first."""
        return app_settings.recent_files(self._settings()) if self._persistent else []

    def _ask_path(self, title: str, *, save: bool) -> Path | None:
        start = str(self.document.path.parent) if self.document else ""
        if save:
            # Store.create and save_as refuse or replace files themselves; Qt's
            # "replace?" prompt would promise something New cannot do.
            name, _ = QFileDialog.getSaveFileName(self, title, start, FILTER, options=QFileDialog.Option.DontConfirmOverwrite)
        else:
            name, _ = QFileDialog.getOpenFileName(self, title, start, FILTER)
        if not name:
            return None
        path = Path(name)
        return path if not save or path.suffix == SUFFIX else path.with_name(path.name + SUFFIX)

    def _on_new(self) -> None:
        path = self._ask_path("New Roadmap", save=True)
        if path is None:
            return
        try:
            from planner.templates import empty_roadmap

            Store.create(path, empty_roadmap(path.stem, self.today())).close()  # the standard lanes, no items
        except StoreError as error:
            QMessageBox.critical(self, "Cannot create roadmap", str(error))
            return
        self.open_file(path)

    def _on_open(self) -> None:
        path = self._ask_path("Open Roadmap", save=False)
        if path is not None:
            self.open_file(path)

    def _on_save_as(self) -> None:
        """Copy the roadmap to a new file and continue in the copy."""
        if self.document is None:
            return
        path = self._ask_path("Save Roadmap As", save=True)
        if path is None:
            return
        try:
            if path.resolve() == self.document.path.resolve():
                raise StoreError(path, "is the file already open")
            if path.exists() and QMessageBox.question(self, "Replace file?", f"{path} already exists. Replace it?") != QMessageBox.StandardButton.Yes:
                return
            self.document.store.save_as(path)
        except (StoreError, OSError) as error:
            QMessageBox.critical(self, "Cannot save roadmap", str(error))
            return
        self.open_file(path, read_only=False)

    def _on_import(self) -> None:
        """Import another tool's plan into this roadmap (one undo step) or as a new roadmap."""
        if self.document is None:
            return
        from ui.importing.dialog import ImportDialog

        dialog = ImportDialog(self.document, self.today(), self)
        dialog.new_roadmap_written.connect(lambda path: self.open_file(path))
        dialog.exec()

    def _on_export_json(self) -> None:
        if self.document is None:
            return
        settings = self._export_settings()
        start = app_settings.export_folder(settings, JSON_FOLDER_KEY) / f"{self.document.path.stem}.json"
        name, _ = QFileDialog.getSaveFileName(self, "Export JSON", str(start), "JSON (*.json)")
        if not name:
            return
        app_settings.remember_export_folder(settings, JSON_FOLDER_KEY, Path(name))
        try:
            from planner.interchange import export_json

            export_json(self.document.roadmap, Path(name))
        except (OSError, ValueError) as error:
            QMessageBox.critical(self, "Cannot export", f"{name}: {error}")

    def _on_export_pack(self) -> None:
        if self.document is None:
            return
        from ui.output.board_pack import export_board_pack_interactively

        path = export_board_pack_interactively(self, self.document, self._export_settings())
        if path is not None:
            self.statusBar().showMessage(f"Wrote {path}", 8000)

    def _on_export_slides(self) -> None:
        if self.document is None:
            return
        from ui.output.slides import export_slides_interactively

        path = export_slides_interactively(self, self.document, self._settings() if self._persistent else None)
        if path is not None:
            self.statusBar().showMessage(f"Wrote {path}", 8000)

    def _on_export_picture(self) -> None:
        if self.document is None:
            return
        from ui.output.picture import export_interactively

        path = export_interactively(self.timeline, self.document.path, self, self._export_settings())
        if path is not None:
            self.statusBar().showMessage(f"Wrote {path}", 8000)

    def _on_print(self) -> None:
        if self.document is None:
            return
        from ui.output.picture import print_with_preview

        print_with_preview(self.timeline, self)

    def _on_open_backups(self) -> None:
        from planner.backups import backups_dir  # noqa: PLC0415

        folder = backups_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _export_settings(self) -> QSettings | None:
        """Where export dialogs remember their folder (nowhere for a window that keeps no settings)."""
        return self._settings() if self._persistent else None
