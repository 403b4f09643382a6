"""Help > About: the app's name, version and licence, and where your roadmap and its backups live."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

import planner
from planner.backups import KEEP, backups_dir
from planner.locations import default_roadmap_path
from ui.about.diagnostics import copy_diagnostics

LICENCE = "MIT"  # pyproject.toml's licence


class AboutDialog(QDialog):
    def __init__(self, open_path: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("About Roadmap Planner")
        self._open_path = open_path
        icon = QLabel()
        icon.setPixmap(QApplication.windowIcon().pixmap(96, 96))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(self._html())
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setMinimumWidth(460)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = self.buttons.addButton("Copy Diagnostics", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setToolTip("Versions, platform and paths for a bug report, to the clipboard")
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.buttons)

    def _html(self) -> str:
        def path(p: Path) -> str:
            return f"<code>{html.escape(str(p))}</code>"

        open_line = f"<p>Open now: {path(self._open_path)}</p>" if self._open_path else ""
        return (
            f"<h3>Roadmap Planner {html.escape(planner.__version__)}</h3>"
            "<p>Business strategy and the technology work that enables it, on one dual timeline. "
            "Offline: nothing leaves this computer.</p>"
            f"<p>Licence: {LICENCE}</p>"
            f"{open_line}"
            f"<p>Your default roadmap: {path(default_roadmap_path())}</p>"
            f"<p>Backups: {path(backups_dir())}<br>one a day for each roadmap you open, the newest {KEEP} kept</p>"
        )

    def _on_copy_clicked(self) -> None:
        copy_diagnostics(self._open_path)
        self.copy_button.setText("Copied")
