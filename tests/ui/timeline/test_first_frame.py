"""The first frame (painted before pyqtgraph loads) is the live timeline's first picture: no second truth.

Each test opens a real main window the way the app does (load, then show), grabs the
first frame before the swap, lets the live timeline take over, and compares pixels.
The alignment report is computed after the first paint, so its corner marks are
taken off the live view before grabbing (they arrive after the swap on purpose).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QToolBar

from planner.store import Store
from tests.ui.days import TODAY
from tests.ui.timeline.outline_sample import by_title, with_outline
from ui import settings as app_settings
from ui.shell.main_window import MainWindow

# Tolerance: the two hosts compose their view transforms in a different order (pyqtgraph
# chains item, view box and layout transforms; the first frame builds one), so a coordinate
# may differ in its last bits and an anti-aliased edge exactly on a pixel boundary may
# round the other way. Allowed: at most 0.2% of the pixels differ, by at most 96 levels
# in a channel (an edge pixel half covered one way and not the other).
MAX_SHARE = 0.002
MAX_LEVEL = 96


def _difference(a: QImage, b: QImage) -> tuple[int, int]:
    """(pixels that differ, largest channel difference)."""
    assert a.size() == b.size()
    a = a.convertToFormat(QImage.Format.Format_RGB32)
    b = b.convertToFormat(QImage.Format.Format_RGB32)
    pa, pb = bytes(a.constBits()), bytes(b.constBits())
    count, worst = 0, 0
    for i in range(0, len(pa), 4):
        if pa[i : i + 3] != pb[i : i + 3]:
            count += 1
            worst = max(worst, *(abs(pa[i + k] - pb[i + k]) for k in range(3)))
    return count, worst


def _open(qtbot, path, size=(1280, 800), persistent=False) -> tuple[MainWindow, QImage]:
    window = MainWindow(persistent=persistent, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.resize(*size)
    window.load(path)
    window.show()
    assert window._live is None, "the live timeline must not be built before the first paint"
    first = window.first_frame.grab().toImage()
    return window, first


def _after_swap(qtbot, window: MainWindow) -> QImage:
    qtbot.waitUntil(lambda: window._live is not None and window.pages.currentWidget() is window._live, timeout=20000)
    qtbot.wait(50)
    window.timeline.set_report(None)
    return window.timeline.grab().toImage()


def _chrome(window: MainWindow) -> list:
    toolbar = window.findChild(QToolBar, "ViewToolBar")
    return [window.pages.geometry(), toolbar.geometry(), window.statusBar().geometry(),
            *(dock.geometry() for dock in window.docks if dock.isVisible() and dock.geometry().left() >= 0)]  # tabbed-away docks sit off-window


@pytest.fixture
def roadmap_1000(tmp_path):
    path = tmp_path / "big.roadmap"
    subprocess.run([sys.executable, "-m", "benchmarks.roadmap_gen", "1000", str(path)], check=True, capture_output=True)
    return path


@pytest.fixture
def outline_file(tmp_path, sample):
    path = tmp_path / "outline.roadmap"
    Store.create(path, with_outline(sample)).close()
    return path


def _fold(path, title: str):
    """Remember `title` folded for `path`, as closing a window with it folded does; its id."""
    with Store.open(path, read_only=True) as store:
        parent = by_title(store.load(), title)
    app_settings.remember_folded(app_settings.open_settings(), path, {parent.id})
    return parent.id


def _assert_same(first: QImage, live: QImage, tmp_path) -> None:
    count, worst = _difference(first, live)
    if count:
        first.save(str(tmp_path / "first.png"))
        live.save(str(tmp_path / "live.png"))
    assert count <= MAX_SHARE * first.width() * first.height(), f"{count} pixels differ (worst by {worst}); see {tmp_path}"
    assert worst <= MAX_LEVEL


@pytest.mark.parametrize("which", ["sample", "1000 items"])
def test_first_frame_equals_the_live_view_after_the_swap(qtbot, app, sample_file, roadmap_1000, which, tmp_path):
    path = sample_file if which == "sample" else roadmap_1000
    window, first = _open(qtbot, path)
    around = _chrome(window)
    live = _after_swap(qtbot, window)
    assert _chrome(window) == around  # toolbar, docks, status bar and the timeline's place did not move
    _assert_same(first, live, tmp_path)


@pytest.mark.parametrize("folded", [None, "CRM rebuild"])
def test_a_roadmap_with_an_outline_opens_on_the_first_frame_and_it_equals_the_live_view(qtbot, app, outline_file, folded,
                                                                                      tmp_path):
    """Triangles, spines and titles kept clear of them; folded: one row, the hidden milestone as a diamond on the
    bar and the hidden phase's link drawn to the parent, from the folds the window remembers for the file."""
    parent = _fold(outline_file, folded) if folded else None
    window, first = _open(qtbot, outline_file, persistent=True)  # the first frame paints, not the live view
    live = _after_swap(qtbot, window)
    outline = window.timeline.painted_outline()
    assert len(outline.disclosures) == 2 and outline.spines  # what must be on both pictures is on the live one
    assert window.timeline.collapsed == ({parent} if folded else set())
    if folded:
        assert [(p, c) for p, _, c in outline.disclosures if p == parent] == [(parent, True)]
        assert [p for p, _, _ in outline.diamonds] == [parent]  # 'CRM go-live' on its folded parent
        assert parent in {spec.tech_id for spec, _, _ in window.timeline.painted_link_paths()}
    _assert_same(first, live, tmp_path)


def test_a_click_on_a_triangle_of_the_first_frame_folds_it_in_the_live_view(qtbot, app, outline_file):
    """The press that swaps the views lands on the triangle the first frame drew: the live view folds that parent."""
    probe, _ = _open(qtbot, outline_file)  # where the live view puts the triangle (the first frame paints the same)
    _after_swap(qtbot, probe)
    with Store.open(outline_file, read_only=True) as store:
        crm = by_title(store.load(), "CRM rebuild").id
    box = next(box for p, box, _ in probe.timeline.painted_outline().disclosures if p == crm)
    point = QPoint(round(box.center().x()), round(box.center().y()))
    window, _ = _open(qtbot, outline_file)
    press = QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(point), QPointF(window.first_frame.mapToGlobal(point)),
                        Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.first_frame, press)
    assert window._live is not None
    release = QMouseEvent(QEvent.Type.MouseButtonRelease, QPointF(point), QPointF(window.timeline.viewport().mapToGlobal(point)),
                          Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.timeline.viewport(), release)
    qtbot.waitUntil(lambda: window.timeline.collapsed == {crm}, timeout=3000)
    assert crm not in window.selection.ids  # a fold, not a click on the bar


FIRST_PAINT = """
import sys
from datetime import date
from pathlib import Path
from PySide6.QtCore import QTimer
from ui.qt_app import application
from ui.shell.main_window import MainWindow

app = application()
window = MainWindow(persistent=False, today=lambda: date(2026, 11, 28))
painted = window.first_frame.painted
def check():
    loaded = sorted(m for m in ("numpy", "pyqtgraph") if m in sys.modules)
    outlined = any(band.outline is not None for band in window.first_frame.bands.values())
    print(loaded, outlined)
    app.quit()
window.first_frame.painted = check
window.load(Path(sys.argv[1]))
window.show()
QTimer.singleShot(20000, app.quit)  # the first frame never painted: nothing printed
app.exec()
"""


def test_the_first_frame_of_an_outline_imports_no_numpy_nor_pyqtgraph(outline_file):
    """In a fresh process: when the first frame of a roadmap with parents has painted, neither is loaded."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", FIRST_PAINT, str(outline_file)], capture_output=True, text=True,
                            env=env, timeout=60, cwd=Path(__file__).resolve().parents[3])
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["[]", "True"], result.stdout + result.stderr[-2000:]


def test_the_first_frame_shows_the_roadmap_and_its_scroll_bars(qtbot, app, roadmap_1000):
    window, first = _open(qtbot, roadmap_1000)
    assert window.first_frame.scroll_bars  # 1,000 items do not fit: both bands scroll, bars shown as live
    shown = {band: bar.isVisible() for band, bar in window.first_frame.scroll_bars.items()}
    _after_swap(qtbot, window)
    live = {band: bar.isVisible() for band, bar in window.timeline.scroll_bars.items()}
    assert shown == {b: v for b, v in live.items()} and any(shown.values())


def test_a_key_pressed_on_the_first_frame_reaches_the_live_view(qtbot, app, sample_file):
    """Input before the swap is not lost: the swap happens first and the key is replayed (Ctrl+- zooms out)."""
    window, _ = _open(qtbot, sample_file)
    window.first_frame.setFocus()
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Minus, Qt.KeyboardModifier.NoModifier, "-")
    assert window._live is None
    QApplication.sendEvent(window.first_frame, key)
    assert window._live is not None
    days = window.timeline.visible_days(window.timeline.business.band)
    window.timeline.fit_all()
    assert days > window.timeline.visible_days(window.timeline.business.band) * 1.1  # zoomed out by the replayed key


def test_a_click_on_the_first_frame_selects_through_the_live_view(qtbot, app, sample_file, tmp_path):
    """A press that lands on the first frame is replayed on the live view: the item under it is selected."""
    with Store.open(sample_file, read_only=True) as store:
        roadmap = store.load()
    # where the live view will put an item, from a throwaway window (the first frame paints the same)
    probe, _ = _open(qtbot, sample_file)
    _after_swap(qtbot, probe)
    item_id = next(i.id for i in roadmap.items_of(probe.timeline.business.band) if not i.is_milestone)
    rect = probe.timeline.item_rect(item_id)
    point = QPoint(rect.center().x(), rect.center().y())
    window, _ = _open(qtbot, sample_file)  # after the probe's swap: this one is still on its first frame
    press = QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(point), QPointF(window.first_frame.mapToGlobal(point)),
                        Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.first_frame, press)
    assert window._live is not None
    release = QMouseEvent(QEvent.Type.MouseButtonRelease, QPointF(point), QPointF(window.timeline.viewport().mapToGlobal(point)),
                          Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.timeline.viewport(), release)
    qtbot.waitUntil(lambda: item_id in window.selection.ids, timeout=3000)
