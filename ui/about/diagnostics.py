"""The facts a bug report needs (versions, platform, paths), as text for the clipboard. Nothing leaves the machine."""

from __future__ import annotations

import importlib
import platform
import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication

import planner
from planner.backups import backups_dir
from planner.locations import default_roadmap_path
from ui.settings import open_settings


def _version(module: str) -> str:
    try:
        return str(getattr(importlib.import_module(module), "__version__", "unknown"))
    except Exception as e:  # a missing or broken package is itself worth reporting
        return f"not available ({e.__class__.__name__})"


def diagnostics(open_path: Path | None = None) -> list[tuple[str, str]]:
    """(label, value) pairs: the app, its libraries, the platform, and where files live."""
    import sqlite3

    app = QGuiApplication.instance()
    screen = QGuiApplication.primaryScreen() if app is not None else None
    frozen = getattr(sys, "frozen", False)
    return [
        ("Roadmap Planner", planner.__version__ + (" (standalone bundle)" if frozen else "")),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()}, {sys.executable})"),
        ("Qt", f"{qVersion()} (platform {QGuiApplication.platformName() or 'none'})"),
        ("PySide6", pyside_version),
        ("pyqtgraph", _version("pyqtgraph")),
        ("openpyxl", _version("openpyxl")),
        ("numpy", _version("numpy")),
        ("sqlite-utils", _version("sqlite_utils")),
        ("SQLite", sqlite3.sqlite_version),
        ("Platform", platform.platform()),
        ("Screen", f"{screen.size().width()}x{screen.size().height()} at {screen.devicePixelRatio():g}x" if screen else "none"),
        ("Open roadmap", str(open_path) if open_path else "none"),
        ("Default roadmap", str(default_roadmap_path())),
        ("Backups", str(backups_dir())),
        ("Settings", open_settings().fileName()),
    ]


def diagnostics_text(open_path: Path | None = None) -> str:
    rows = diagnostics(open_path)
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label + ':':<{width + 1}} {value}" for label, value in rows) + "\n"


def copy_diagnostics(open_path: Path | None = None) -> str:
    """Put the diagnostics on the clipboard; returns what was put there."""
    text = diagnostics_text(open_path)
    QGuiApplication.clipboard().setText(text)
    return text
