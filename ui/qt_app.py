"""The QApplication, on its own so that nothing needing it circles back to the entry points."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

import planner
from ui.settings import APPLICATION, ORGANISATION


def application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created with our organisation and app names if needed."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv or [APPLICATION]))
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(planner.__version__)
    return app
