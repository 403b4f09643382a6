"""Qt fixtures for the UI tests: offscreen, private settings, and windows on real files."""

from __future__ import annotations

import os

# Before anything imports Qt: no display needed, and pyqtgraph binds to PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from planner.interchange import load_sample  # noqa: E402
from planner.model import Roadmap  # noqa: E402
from planner.store import Store  # noqa: E402

HERE = Path(__file__).resolve().parent

# Messages the offscreen platform prints about itself, not about our code.
OFFSCREEN_NOISE = (r"This plugin does not support propagateSizeHints\(\)", r"This plugin does not support raise\(\)")


def pytest_collection_modifyitems(config, items):
    # Qt warnings fail the UI tests (a hook rather than pyproject's ini option,
    # so it applies here only).
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def isolated_data_folder(tmp_path_factory, monkeypatch) -> Path:
    """Backups and the default roadmap go to a fresh folder, never the real user's."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory) -> Path:
    """Point every QSettings at a fresh folder, never the real user's."""
    folder = tmp_path_factory.mktemp("settings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, str(folder))
    return folder


@pytest.fixture(scope="session")
def sample() -> Roadmap:
    return load_sample()


@pytest.fixture
def sample_file(tmp_path: Path, sample: Roadmap) -> Path:
    """A closed roadmap file holding the sample."""
    path = tmp_path / "northwind.roadmap"
    Store.create(path, sample).close()
    return path


@pytest.fixture
def document(app, sample_file):
    """The sample opened as a document (no window)."""
    from ui.document import RoadmapDocument

    doc = RoadmapDocument.open(sample_file)
    yield doc
    doc.close()


@pytest.fixture
def selection(app):
    from ui.selection import SelectionModel

    return SelectionModel()


@pytest.fixture
def app(qapp):
    from ui.app import application

    return application()


@pytest.fixture
def make_window(qtbot, app):
    """Build shown main windows; each is closed (and its file released) after the test."""
    from ui.main_window import MainWindow

    def make(path: Path | None = None, *, read_only: bool = False, persistent: bool = True) -> MainWindow:
        window = MainWindow(persistent=persistent)
        qtbot.addWidget(window)
        if path is not None:
            window.load(path, read_only=read_only)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def window(make_window, sample_file):
    return make_window(sample_file)


@pytest.fixture
def dump_file():
    """Every row of a roadmap file, read through a fresh connection."""

    def dump(path: Path) -> dict:
        with Store.open(path, read_only=True) as store:
            return store.dump()

    return dump
