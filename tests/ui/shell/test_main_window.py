"""The main window on real roadmap files: title, counts, undo, bad files, settings."""

from __future__ import annotations

import os
import sqlite3
from datetime import date


import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from planner.edits import MoveItems
from planner.interchange import read_json
from planner.model import Band, Item, ItemId, Lane, LaneId, Link, LinkId, LinkKind, Roadmap, RoadmapInfo
from planner.store import ReadOnlyError, Store
from ui.common.formatting import count_summary


@pytest.fixture
def critical(monkeypatch):
    """Capture QMessageBox.critical (a modal dialog would block the test)."""
    shown: list[tuple[str, str]] = []

    def fake(parent, title, text, *args, **kwargs):
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", fake)
    return shown


def tiny_roadmap() -> Roadmap:
    info = RoadmapInfo(title="Tiny plan", horizon_start=date(2026, 1, 1))
    lanes = {LaneId(1): Lane(LaneId(1), Band.BUSINESS, "Growth", "#c0813c", 0), LaneId(2): Lane(LaneId(2), Band.TECH, "Data", "#5d6fc4", 0)}
    items = {
        ItemId(1): Item(ItemId(1), Band.BUSINESS, LaneId(1), "Grow", date(2026, 1, 1), date(2027, 1, 1)),
        ItemId(2): Item(ItemId(2), Band.TECH, LaneId(2), "Warehouse", date(2026, 3, 1), date(2026, 9, 1)),
    }
    links = {LinkId(1): Link(LinkId(1), LinkKind.SUPPORTS, ItemId(2), ItemId(1))}
    return Roadmap(info, lanes, items, links)


def test_title_names_roadmap_and_file(window, sample):
    assert window.windowTitle() == f"{sample.info.title} — northwind.roadmap — Roadmap Planner"


def test_status_bar_counts(window, make_window, tmp_path):
    assert window.counts_label.text() == "20 business items · 20 tech initiatives · 39 links"
    path = tmp_path / "tiny.roadmap"
    Store.create(path, tiny_roadmap()).close()
    tiny = make_window(path)
    assert tiny.counts_label.text() == "1 business item · 1 tech initiative · 1 link"
    assert tiny.windowTitle() == "Tiny plan — tiny.roadmap — Roadmap Planner"


def test_menus_and_shortcuts(window):
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Review", "&Help"]
    assert window.open_action.shortcut().toString() == "Ctrl+O"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert [k.toString() for k in window.redo_action.shortcuts()] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    assert [a.text() for a in window.export_menu.actions()] == [
        "&Board Pack (Excel)…", "&Slides (PowerPoint)…", "&Picture (PNG, SVG, PDF)…", "&JSON…"]
    assert window.present_action.shortcut().toString() == "F5"


def test_undo_actions_follow_the_stack_and_the_file(window, sample_file, dump_file):
    original = dump_file(sample_file)
    assert not window.undo_action.isEnabled()
    item = next(iter(window.document.roadmap.items.values()))

    window.document.push(MoveItems((item.id,), 14))
    moved = dump_file(sample_file)
    assert window.undo_action.isEnabled() and "Move" in window.undo_action.text()

    window.undo_action.trigger()
    assert dump_file(sample_file) == original
    assert window.redo_action.isEnabled() and "Move" in window.redo_action.text()

    window.redo_action.trigger()
    assert dump_file(sample_file) == moved
    assert window.timeline.roadmap is window.document.roadmap


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("random.roadmap", os.urandom(4096), "not a roadmap file"),
        ("empty.roadmap", b"", "is empty"),
        ("notes.roadmap", "just some text\n".encode(), "not a roadmap file"),
    ],
)
def test_a_bad_file_is_reported_and_the_window_stays_usable(window, critical, tmp_path, sample_file, name, content, reason):
    bad = tmp_path / name
    bad.write_bytes(content)
    title = window.windowTitle()

    assert window.open_file(bad) is False

    assert len(critical) == 1
    message = critical[0][1]
    assert str(bad) in message and reason in message
    assert bad.read_bytes() == content
    assert window.windowTitle() == title and window.document.path == sample_file
    item = next(iter(window.document.roadmap.items.values()))
    window.document.push(MoveItems((item.id,), 1))  # still editable
    assert window.undo_action.isEnabled()


def test_another_sqlite_database_is_refused(window, critical, tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    content = other.read_bytes()
    assert window.open_file(other) is False
    assert "another application" in critical[0][1]
    assert other.read_bytes() == content


def test_read_only_disables_undo_and_says_so(make_window, sample_file, dump_file):
    writable = make_window(sample_file)
    item = next(iter(writable.document.roadmap.items.values()))
    writable.document.push(MoveItems((item.id,), 1))
    assert writable.undo_action.isEnabled()
    before = dump_file(sample_file)

    writable.load(sample_file, read_only=True)  # the old document and its history go

    assert writable.windowTitle().endswith(" — northwind.roadmap — Roadmap Planner [read-only]")
    assert not writable.undo_action.isEnabled() and not writable.redo_action.isEnabled()
    with pytest.raises(ReadOnlyError):
        writable.document.push(MoveItems((item.id,), 1))
    assert not writable.undo_action.isEnabled()
    assert dump_file(sample_file) == before


def test_opening_a_file_is_not_an_undo_step(window, make_window, tmp_path, sample):
    other = tmp_path / "second.roadmap"
    Store.create(other, sample).close()
    item = next(iter(window.document.roadmap.items.values()))
    window.document.push(MoveItems((item.id,), 1))
    window.load(other)
    assert window.document.undo_stack.count() == 0
    assert not window.undo_action.isEnabled()


def test_recent_files_newest_first_and_missing_ones_pruned(window, tmp_path, sample, sample_file):
    paths = []
    for n in range(10):
        path = tmp_path / f"plan{n}.roadmap"
        Store.create(path, sample).close()
        window.load(path)
        paths.append(path)
    assert window.recent_files() == [p.resolve() for p in reversed(paths)][:8]

    paths[8].unlink()
    window.recent_menu.aboutToShow.emit()
    entries = [a.text() for a in window.recent_menu.actions()]
    assert entries[0] == "&1 plan9.roadmap"
    assert "&2 plan7.roadmap" in entries and not any("plan8" in e for e in entries)
    assert len(entries) == 7

    window.recent_menu.actions()[1].trigger()
    assert window.document.path.name == "plan7.roadmap"


def test_geometry_is_remembered(make_window, sample_file):
    first = make_window(sample_file)
    first.resize(700, 500)  # within the offscreen screen (800x600), which restoreGeometry clamps to
    first.close()
    second = make_window(sample_file)
    assert (second.width(), second.height()) == (700, 500)


def test_screenshot_windows_touch_no_settings(make_window, sample_file, isolated_settings):
    w = make_window(sample_file, persistent=False)
    w.close()
    assert not any(isolated_settings.rglob("*.conf")) and not any(isolated_settings.rglob("*.ini"))


def test_new_creates_an_empty_roadmap_with_the_standard_lanes(window, monkeypatch, tmp_path, critical):
    from planner.templates import BUSINESS_LANES, TECH_LANES

    target = tmp_path / "fresh"  # the suffix is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.new_action.trigger()
    assert critical == []
    assert window.document.path == tmp_path / "fresh.roadmap"
    roadmap = window.document.roadmap
    assert roadmap.items == {} and roadmap.info.title == "fresh"
    assert [l.name for l in roadmap.lanes.values()] == [n for n, _ in BUSINESS_LANES + TECH_LANES]


def test_new_refuses_an_existing_file(window, monkeypatch, sample_file, critical):
    content = sample_file.read_bytes()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(sample_file), ""))
    window.new_action.trigger()
    assert "already exists" in critical[0][1]
    assert sample_file.read_bytes() == content


def test_save_as_copies_and_continues_in_the_copy(window, monkeypatch, tmp_path, critical):
    roadmap = window.document.roadmap
    target = tmp_path / "copy.roadmap"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.save_as_action.trigger()
    assert critical == []
    assert window.document.path == target
    with Store.open(target, read_only=True) as copy:
        assert copy.load() == roadmap


def test_export_json(window, monkeypatch, tmp_path, critical):
    target = tmp_path / "out.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_json_action.trigger()
    assert critical == []
    assert read_json(target) == window.document.roadmap


def test_view_actions_drive_the_timeline(window):
    vb = window.timeline.business.view_box
    (x0, x1), _ = vb.viewRange()
    window.zoom_in_action.trigger()
    (z0, z1), _ = vb.viewRange()
    assert (z1 - z0) == pytest.approx((x1 - x0) / 1.25, rel=1e-6)
    window.fit_action.trigger()
    assert vb.viewRange()[0] == pytest.approx([x0, x1], rel=1e-9)


def test_count_summary_needs_no_window():
    assert count_summary(tiny_roadmap()) == "1 business item · 1 tech initiative · 1 link"


def test_an_undo_that_cannot_be_written_is_reported_and_dropped(window, qtbot, monkeypatch, sample_file, dump_file):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: warnings.append(text))
    item = next(iter(window.document.roadmap.items.values()))
    window.document.push(MoveItems((item.id,), 5))
    other = sqlite3.connect(sample_file)  # another program deletes the item under us
    other.execute("PRAGMA foreign_keys = ON")
    other.execute("DELETE FROM item WHERE id = ?", (item.id,))
    other.commit()
    other.close()
    before = dump_file(sample_file)

    window.undo_action.trigger()

    qtbot.waitUntil(lambda: warnings != [])
    assert len(warnings) == 1 and str(sample_file) in warnings[0]
    assert window.document.undo_stack.count() == 0
    assert not window.undo_action.isEnabled()
    assert dump_file(sample_file) == before


def test_delete_duplicate_and_rename_need_something_selected(window, sample, qtbot):
    """Issue 10.7: the Edit menu offered Delete, Duplicate and Rename with nothing selected."""
    ids = list(sample.items)[:2]
    actions = (window.delete_action, window.duplicate_action, window.rename_action)
    assert window.selection.ids == frozenset()
    assert not any(a.isEnabled() for a in actions)
    item_rect = window.timeline.item_rect(ids[0])
    from tests.ui.mouse import click

    click(window.timeline.viewport(), item_rect.center())  # one item, as a user selects it
    qtbot.waitUntil(lambda: window.selection.ids == {ids[0]})
    assert all(a.isEnabled() for a in actions)
    window.selection.set(ids)  # two: rename needs exactly one
    assert window.delete_action.isEnabled() and window.duplicate_action.isEnabled()
    assert not window.rename_action.isEnabled()
    window.selection.clear()
    assert not any(a.isEnabled() for a in actions)
