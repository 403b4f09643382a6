"""Fixtures every test folder shares: the sample roadmap, files made from it, and the Qt harness.

Qt runs offscreen. Qt itself is imported only by the fixtures GUI tests use,
so the domain, store and exporter tests run without it.
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

UI_TESTS = Path(__file__).resolve().parent / "ui"
# Messages the offscreen platform prints about itself, not about our code.
OFFSCREEN_NOISE = (
    r"This plugin does not support propagateSizeHints\(\)", r"This plugin does not support raise\(\)",
    r"This plugin does not support grabbing the (keyboard|mouse)",
)


# A test that asks for any of these has a QApplication: it is a GUI test, marked so by itself.
QT_FIXTURES = {"qapp", "qtbot", "app", "qtmodeltester", "make_window"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if QT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)
        # Qt warnings fail GUI tests (every test under tests/ui, and gui-marked ones elsewhere).
        if UI_TESTS in Path(item.path).resolve().parents or item.get_closest_marker("gui"):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE))


@pytest.fixture(scope="session")
def sample() -> Roadmap:
    """The bundled sample roadmap (frozen dataclasses, safe to share)."""
    return load_sample()


@pytest.fixture(scope="session")
def grown_sample(sample: Roadmap) -> Roadmap:
    """The sample with each item five times, a quarter apart: too many rows for one page of timeline,
    too many goals for a matrix column each, tables that run over pages."""
    import dataclasses

    from planner.dates import add_months
    from planner.model import ItemId

    items = dict(sample.items)
    next_id = max(items) + 1
    for k in range(1, 5):
        for item in sample.items.values():
            start = add_months(item.start, 3 * k)
            items[ItemId(next_id)] = dataclasses.replace(item, id=ItemId(next_id), title=f"{item.title} ({k + 1})",
                                                        start=start, end=start + (item.end - item.start))
            next_id += 1
    return dataclasses.replace(sample, items=items)


@pytest.fixture
def sample_path(tmp_path: Path, sample: Roadmap) -> Path:
    """A closed roadmap file holding the sample."""
    path = tmp_path / "northwind.roadmap"
    Store.create(path, sample).close()
    return path


@pytest.fixture
def sample_file(sample_path: Path) -> Path:
    return sample_path


# --- Qt -------------------------------------------------------------------------------------


@pytest.fixture
def isolated_data(tmp_path_factory, monkeypatch) -> Path:
    """Backups and the default roadmap go to a fresh folder, never the real user's."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


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
def app(qapp, isolated_settings, isolated_data):
    from ui.qt_app import application

    return application()


@pytest.fixture
def make_window(qtbot, app):
    """Build shown main windows; each is closed (and its file released) after the test."""
    from tests.ui.days import TODAY
    from ui.shell.main_window import MainWindow

    def make(path: Path | None = None, *, read_only: bool = False, persistent: bool = True) -> MainWindow:
        window = MainWindow(persistent=persistent, today=lambda: TODAY)
        qtbot.addWidget(window)
        if path is not None:
            window.load(path, read_only=read_only)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make
