"""Entry points main.py calls: run the app, or render the main window to a PNG."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSize, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from planner.atomic import atomic_path
from ui.qt_app import application


class ScreenshotError(OSError):
    """The screenshot could not be made or written; the message names the file."""


def run_app(path: Path, argv: list[str]) -> int:
    """Open `path` in this user's running app, or become that app; returns the exit status.

    A second launch (a double-click in the file manager while the app runs)
    hands the file over and exits at once, never opening it. A file that cannot
    be opened is reported in a dialog over an empty window.
    """
    from ui.shell.instance import claim, server_name

    app = application(argv)
    server = claim(server_name(), path, app)
    if server is None:
        return 0  # the running app has it now
    from ui.shell.windows import WindowRegistry

    windows = WindowRegistry(app)
    server.open_requested.connect(windows.open)
    windows.open(path)  # a file open in another app is offered read-only
    return app.exec()


def save_screenshot(path: Path, png: Path, size: tuple[int, int]) -> None:
    """Render the main window on the roadmap at `path` and write it to `png` at exactly `size`.

    Uses the offscreen platform unless a QApplication or QT_QPA_PLATFORM
    already says otherwise. Raises `StoreError` for a bad roadmap file and
    `ScreenshotError` if the picture cannot be written. Reads and writes no
    settings.
    """
    width, height = size
    if width <= 0 or height <= 0:
        raise ScreenshotError(f"{png}: size must be positive, not {width}x{height}")
    if not png.parent.is_dir():
        raise ScreenshotError(f"{png}: the folder {png.parent} does not exist")
    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application()
    from ui.shell.main_window import MainWindow

    window = MainWindow(persistent=False)
    try:
        with _without_offscreen_noise():
            window.load(path)
            window.resize(width, height)
            window.show()
            _settle(app, window)
            window.timeline.fit_all()  # the final size changes what fits
            _settle(app, window)
        image = window.grab().toImage()
        if image.isNull():
            raise ScreenshotError(f"{png}: the window could not be rendered")
        if image.size() != QSize(width, height):
            # A high-DPI screen or a size below the window's minimum: scale to what was asked.
            image = image.scaled(width, height, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        with atomic_path(png) as tmp:  # through a link to its target; never over a device
            if not image.save(str(tmp), "PNG"):
                raise ScreenshotError(f"{png}: could not write the PNG")
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()


def _settle(app: QApplication, window, timeout_s: float = 3.0) -> None:
    """Process events until the window is exposed and its layout and paints have run."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        handle = window.windowHandle()
        if handle is not None and handle.isExposed():
            break
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


@contextlib.contextmanager
def _without_offscreen_noise() -> Iterator[None]:
    """Drop the offscreen platform's warning about size hints; pass on everything else."""
    previous = None

    def handler(kind: QtMsgType, context, message: str) -> None:
        if "does not support propagateSizeHints" in message:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
