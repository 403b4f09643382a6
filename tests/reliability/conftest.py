"""Fixtures for the reliability tests: sample files, hashes, and (for the GUI tests) Qt offscreen.

Qt is imported only by the fixtures the GUI tests use, so the rest runs without it.
"""

from __future__ import annotations

import os
from pathlib import Path

# Before anything imports Qt: no display needed, and pyqtgraph binds to PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import pytest  # noqa: E402

from planner.interchange import load_sample  # noqa: E402
from planner.model import Roadmap  # noqa: E402
from planner.store import Store  # noqa: E402

HERE = Path(__file__).resolve().parent

# Messages the offscreen platform prints about itself, not about our code.
OFFSCREEN_NOISE = (r"This plugin does not support propagateSizeHints\(\)", r"This plugin does not support raise\(\)")


def pytest_collection_modifyitems(config, items):
    # Qt warnings fail the GUI tests here, as in tests/ui.
    for item in items:
        if HERE in Path(item.path).resolve().parents and item.get_closest_marker("gui"):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE))


@pytest.fixture(scope="session")
def sample() -> Roadmap:
    return load_sample()


@pytest.fixture
def sample_path(tmp_path: Path, sample: Roadmap) -> Path:
    """A closed roadmap file holding the sample."""
    path = tmp_path / "northwind.roadmap"
    Store.create(path, sample).close()
    return path


@pytest.fixture
def read_only_folder():
    """Make a folder read-only for the test, and writable again after it (so tmp_path can be cleaned)."""
    made = []

    def make(folder: Path) -> Path:
        folder.chmod(0o555)
        made.append(folder)
        return folder

    yield make
    for folder in made:
        folder.chmod(0o755)


# --- Qt (GUI tests only) ----------------------------------------------------------


@pytest.fixture
def isolated_settings(tmp_path_factory) -> Path:
    """Point every QSettings at a fresh folder, never the real user's."""
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("settings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, str(folder))
    return folder


@pytest.fixture
def isolated_data(tmp_path_factory, monkeypatch) -> Path:
    """Point the user data folder (default roadmap, rolling backups) at a fresh folder."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


@pytest.fixture
def app(qapp, isolated_settings, isolated_data):
    from ui.app import application

    return application()


@pytest.fixture
def make_window(qtbot, app):
    """Build shown main windows; each is closed (and its file released) after the test."""
    from ui.main_window import MainWindow

    def make(path: Path | None = None, *, read_only: bool = False) -> MainWindow:
        window = MainWindow(persistent=True)
        qtbot.addWidget(window)
        if path is not None:
            window.load(path, read_only=read_only)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make
