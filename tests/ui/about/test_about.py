"""The window icon, Help > About and Help > Copy Diagnostics, driven through the real menus and buttons."""

from __future__ import annotations

import platform

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu

import planner
from planner.backups import backups_dir
from planner.locations import default_roadmap_path


def help_action(window, text: str):
    """The action called `text` in the window's Help menu (as a user finds it)."""
    menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Help")
    return next(a for a in menu.actions() if a.text() == text)


def test_the_app_and_its_windows_carry_our_icon_at_every_size(window):
    sizes = QApplication.windowIcon().availableSizes()
    assert QSize(16, 16) in sizes and QSize(256, 256) in sizes and QSize(512, 512) in sizes
    assert window.windowIcon().cacheKey() == QApplication.windowIcon().cacheKey()
    picture = window.windowIcon().pixmap(32, 32).toImage()
    assert picture.pixelColor(16, 16).alpha() == 255 and picture.pixelColor(0, 0).alpha() == 0


def test_about_shows_version_licence_and_where_files_live(window, qtbot, sample_file):
    help_action(window, "&About Roadmap Planner").trigger()
    dialog = window.about_dialog
    qtbot.waitExposed(dialog)
    text = dialog.text.text()
    assert f"Roadmap Planner {planner.__version__}" in text
    assert "Licence: MIT" in text
    assert str(default_roadmap_path()) in text
    assert str(backups_dir()) in text
    assert str(sample_file) in text  # the roadmap open now
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_copy_diagnostics_puts_versions_platform_and_paths_on_the_clipboard(window, qtbot, sample_file):
    import openpyxl
    import pyqtgraph
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    QGuiApplication.clipboard().clear()
    help_action(window, "Copy &Diagnostics").trigger()
    text = QGuiApplication.clipboard().text()
    lines = dict(line.split(":", 1) for line in text.splitlines())
    lines = {k: v.strip() for k, v in lines.items()}
    assert lines["Roadmap Planner"] == planner.__version__
    assert lines["Python"].startswith(platform.python_version())
    assert lines["Qt"].startswith(qVersion())
    assert lines["PySide6"] == pyside_version
    assert lines["pyqtgraph"] == pyqtgraph.__version__
    assert lines["openpyxl"] == openpyxl.__version__
    assert lines["Platform"] == platform.platform()
    assert lines["Open roadmap"] == str(sample_file)
    assert lines["Default roadmap"] == str(default_roadmap_path())
    assert lines["Backups"] == str(backups_dir())
    assert "clipboard" in window.statusBar().currentMessage()


def test_the_about_box_copies_diagnostics_too(window, qtbot):
    window.about_action.trigger()
    dialog = window.about_dialog
    qtbot.waitExposed(dialog)
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().startswith(f"Roadmap Planner: {planner.__version__}")
    assert dialog.copy_button.text() == "Copied"
    dialog.close()


def test_diagnostics_without_a_roadmap_say_none(make_window):
    from ui.about.diagnostics import diagnostics

    window = make_window(None)
    assert dict(diagnostics(None))["Open roadmap"] == "none"
    window.diagnostics_action.trigger()
    assert "Open roadmap:    none" in QGuiApplication.clipboard().text()
