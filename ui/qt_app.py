"""The QApplication, on its own so that nothing needing it circles back to the entry points."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

import planner
from resources import ICON_SIZES, icon_png
from ui.settings import APPLICATION, ORGANISATION

DESKTOP_FILE = "roadmap-planner"  # desktop/xdg.py installs roadmap-planner.desktop


def app_icon() -> QIcon:
    """The app's icon at every size it ships (PNG: no SVG plugin needed)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icon_png(size)))
    return icon


def application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created with our names and icon if needed."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv or [APPLICATION]))
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(planner.__version__)
    # Wayland and the task bar match windows to the desktop entry by this name.
    QGuiApplication.setDesktopFileName(DESKTOP_FILE)
    QApplication.setWindowIcon(app_icon())
    return app
