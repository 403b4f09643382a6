"""No roadmap open: a start page, never raw axes; an empty roadmap has no score, only a dash and why."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from planner.store import Store

pytestmark = pytest.mark.gui


@pytest.fixture
def critical(monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: shown.append((title, text)))
    return shown


def test_the_start_page_appears_after_a_refused_file(make_window, tmp_path, qtbot, critical):
    bad = tmp_path / "notes.roadmap"
    bad.write_text("this is not a roadmap")
    window = make_window()
    assert not window.open_file(bad)
    assert critical and "notes.roadmap" in critical[0][1]
    assert window.start_page.isVisible() and not window.timeline.isVisible()
    for button in (window.start_page.new_button, window.start_page.open_button, window.start_page.sample_button):
        assert button.isVisible()


def test_the_sample_opens_from_the_start_page(make_window, qtbot, critical, sample):
    window = make_window()
    assert window.start_page.isVisible()
    QTest.mouseClick(window.start_page.sample_button, Qt.MouseButton.LeftButton)
    assert critical == []
    assert window.document is not None and window.timeline.isVisible() and not window.start_page.isVisible()
    assert {i.title for i in window.document.roadmap.items.values()} == {i.title for i in sample.items.values()}


def test_recent_files_are_listed_and_open(make_window, qtbot, sample_file, critical):
    first = make_window(sample_file)  # remembered as a recent file
    first.close()
    window = make_window()
    listed = [window.start_page.recent.item(n).data(Qt.ItemDataRole.UserRole) for n in range(window.start_page.recent.count())]
    assert listed == [sample_file]
    window.start_page.recent.setCurrentRow(0)
    QTest.keyClick(window.start_page.recent, Qt.Key.Key_Return)
    assert window.document is not None and window.document.path == sample_file


def test_an_empty_roadmap_scores_a_dash_with_the_reason_not_a_number(make_window, qtbot, tmp_path, monkeypatch, critical):
    window = make_window()
    target = tmp_path / "blank.roadmap"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    QTest.mouseClick(window.start_page.new_button, Qt.MouseButton.LeftButton)
    assert critical == []
    with Store.open(target, read_only=True) as store:
        assert store.load().items == {}
    qtbot.waitUntil(lambda: window.score_label.text() != "", timeout=3000)
    status = window.score_label.text()
    assert status.startswith("Alignment —") and "/100" not in status
    assert "no business goals or tech initiatives" in window.score_label.toolTip()
    dock = next(d for d in window.docks if d.windowTitle() == "Alignment Findings")
    dock.show()
    dock.raise_()
    panel = window.panel("Alignment Findings")
    qtbot.waitUntil(lambda: panel.header.score_label.text() == "—", timeout=3000)
    assert "no business goals or tech initiatives" in panel.header.caption.text()
    hints = [l.text for l in window.timeline.painted_labels() if l.kind == "hint"]
    window.timeline.viewport().repaint()
    hints = [l.text for l in window.timeline.painted_labels() if l.kind == "hint"]
    assert "Double-click a lane to add a business goal" in hints and "Double-click a lane to add a tech initiative" in hints
