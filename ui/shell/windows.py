"""The main windows of this process: each file in one window, asked for twice it is raised, not reopened."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from ui.shell.main_window import MainWindow

_CASCADE = QPoint(32, 32)  # a new window steps off the last one, so both are seen


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or a.samefile(b)
    except OSError:
        return False


class WindowRegistry(QObject):
    """Opens files in windows of this process: a new window per file, the existing one for a file already open.

    Also takes macOS's file-open events (Finder hands files to the running app that way).
    """

    def __init__(self, parent: QObject | None = None, *, make_window: Callable[[], MainWindow] = MainWindow):
        super().__init__(parent)
        self._make_window = make_window
        self._windows: list[MainWindow] = []
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def windows(self) -> list[MainWindow]:
        return list(self._windows)

    def window_for(self, path: Path) -> MainWindow | None:
        """The window that has `path` open, if any."""
        return next((w for w in self._windows if w.document is not None and _same_file(w.document.path, Path(path))), None)

    def open(self, path: Path) -> MainWindow:
        """Show `path`: raise its window, or open it in an empty window or a new one."""
        path = Path(path)
        window = self.window_for(path)
        if window is None:
            window = next((w for w in self._windows if w.document is None), None) or self._new_window()
            window.show()
            window.open_file(path)  # errors in a dialog over the window
        raise_window(window)
        return window

    def close_all(self) -> None:
        for window in list(self._windows):
            window.close()

    def _new_window(self) -> MainWindow:
        window = self._make_window()
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.windows = self
        if self._windows:
            window.move(self._windows[-1].pos() + _CASCADE)
        self._windows.append(window)
        window.destroyed.connect(lambda _=None, w=window: self._forget(w))
        return window

    def _forget(self, window: MainWindow) -> None:
        if window in self._windows:
            self._windows.remove(window)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent) and event.file():
            self.open(Path(event.file()))
            return True
        return super().eventFilter(watched, event)


def raise_window(window: MainWindow) -> None:
    """Bring `window` to the front, restoring it if minimised (the window manager may still only flash it)."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
