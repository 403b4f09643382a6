"""Opening safely from the GUI: a file open elsewhere, read-only notice, daily backups."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtWidgets import QMessageBox

from tests.ui.days import TODAY

HOLDER = """
import sys, time
from planner.store import Store
store = Store.open(sys.argv[1])
print("holding", flush=True)
time.sleep(30)
"""


def test_a_file_open_in_another_process_is_offered_read_only(make_window, sample_file, monkeypatch, dump_file):
    before = dump_file(sample_file)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(sample_file)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        asked = []
        monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda parent, title, text: asked.append(text) or QMessageBox.StandardButton.Yes))
        window = make_window()
        assert window.open_file(sample_file)
        assert asked and "already open" in asked[0] and sample_file.name in asked[0]
        assert not window.document.canEdit
        assert window.read_only_label.isVisible() and "[read-only]" in window.windowTitle()
        assert not window.add_goal_action.isEnabled()
    finally:
        holder.kill()
        holder.wait()
    assert dump_file(sample_file) == before


def test_declining_read_only_keeps_the_current_roadmap(make_window, sample_file, tmp_path, monkeypatch, sample):
    from planner.store import Store

    other = tmp_path / "other.roadmap"
    Store.create(other, sample).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(other)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.No))
        window = make_window(sample_file)
        assert not window.open_file(other)
        assert window.document.path == sample_file and window.document.canEdit
    finally:
        holder.kill()
        holder.wait()


def test_opening_makes_todays_backup(make_window, sample_file, isolated_data):
    make_window(sample_file)
    backups = list(isolated_data.rglob("*.roadmap"))
    assert len(backups) == 1 and backups[0].parent.name == "Backups"
    assert TODAY.isoformat() in backups[0].name  # the window's clock names the day, not the machine's


def test_a_file_in_a_folder_that_cannot_be_written_says_so_and_offers_save_as(make_window, sample_file, tmp_path, monkeypatch):
    """Issue 10.5: the notice blamed the file; it is the folder, and Save As is the way out."""
    folder = sample_file.parent
    folder.chmod(0o555)  # the file itself stays writable; root still sees the missing write bits
    try:
        window = make_window(sample_file)
        notice = window.read_only_label
        assert notice.isVisible()
        assert f"its folder {folder} cannot be written to" in notice.text() and "Save As" in notice.text()
        asked = []
        monkeypatch.setattr(window, "_on_save_as", lambda: asked.append(True))
        notice.linkActivated.emit("save-as")
        assert asked == [True]
    finally:
        folder.chmod(0o755)
