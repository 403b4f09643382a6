"""Bad files opened in the main window: one dialog naming the file and the problem, nothing else changes.

The window keeps its roadmap and stays editable; the bad file's bytes (and
its folder) are unchanged. Read-only files open read-only, with editing off
and a visible notice. A roadmap open in another process is refused (it can
then be opened read-only).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from reliability_helpers import HERE, folder_snapshot
from reliability_cases import BAD_FILES, restore_permissions

from planner.edits import MoveItems
from planner.model import ItemId
from planner.store import AlreadyOpenError, ReadOnlyError, Store


@pytest.fixture
def dialogs(monkeypatch):
    """Capture QMessageBox.critical, .question and .exec (modal dialogs would block the test)."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str, str]] = []

    def fake(kind, answer):
        def show(parent, title, text, *args, **kwargs):
            shown.append((kind, title, text))
            return answer

        return show

    def exec_(box):  # a box built by hand (the refusal offering a clean copy): answered with its Cancel
        shown.append(("critical" if box.icon() == QMessageBox.Icon.Critical else "other", box.windowTitle(), box.text()))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "critical", fake("critical", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", fake("question", QMessageBox.StandardButton.No))
    monkeypatch.setattr(QMessageBox, "warning", fake("warning", QMessageBox.StandardButton.Ok))
    return shown


def dump(path):
    with Store.open(path, read_only=True) as store:
        return store.dump()


def still_usable(window, path) -> None:
    """The window's own roadmap is still open and an edit reaches its file."""
    assert window.document.path == path and window.document.canEdit
    before = dump(path)
    window.document.push(MoveItems((ItemId(21),), 3))
    assert window.undo_action.isEnabled()
    assert dump(path) != before
    window.undo_action.trigger()
    assert dump(path) == before


@pytest.mark.parametrize("case", BAD_FILES, ids=[c.name for c in BAD_FILES])
def test_bad_file_in_the_main_window(make_window, dialogs, tmp_path, sample_path, case):
    window = make_window(sample_path)
    document, title = window.document, window.windowTitle()
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / "plan.roadmap"
    case.make(path, sample_path.read_bytes())
    before = folder_snapshot(folder)
    try:
        opened = window.open_file(path)
        after = folder_snapshot(folder)
    finally:
        restore_permissions(path)

    assert after == before  # same bytes, nothing created beside it
    if case.read_only:
        assert opened and dialogs == []
        assert not window.document.canEdit and window.windowTitle().endswith("[read-only]")
        assert not any(a.isEnabled() for a in window.edit_actions) and not window.undo_action.isEnabled()
        with pytest.raises(ReadOnlyError):
            window.document.push(MoveItems((ItemId(21),), 1))
        assert folder_snapshot(folder) == before
        return
    assert not opened
    assert len(dialogs) == 1
    kind, dialog_title, text = dialogs[0]
    assert (kind, dialog_title) == ("critical", "Cannot open roadmap")
    assert text.startswith(f"{path}: {case.reason}") and "\n" not in text
    assert window.document is document and window.windowTitle() == title
    still_usable(window, sample_path)


def test_reopening_the_open_file_in_the_same_window_works(make_window, dialogs, sample_path):
    window = make_window(sample_path)
    assert window.open_file(sample_path) and dialogs == []
    still_usable(window, sample_path)


def test_roadmap_open_in_another_program(make_window, dialogs, tmp_path, sample, sample_path):
    other = tmp_path / "other.roadmap"
    Store.create(other, sample).close()
    holder = subprocess.Popen([sys.executable, str(HERE / "reliability_holder_child.py"), str(other)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=HERE)
    try:
        assert holder.stdout.readline().strip() == "opened"
        holder.stdin.write("rename 21 Edited in the other program\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "ok"
        window = make_window(sample_path)
        document = window.document

        assert not window.open_file(other)  # refused (or offered read-only and declined)
        assert len(dialogs) == 1 and str(other) in dialogs[0][2] and "already open in another window or program" in dialogs[0][2]
        assert window.document is document
        still_usable(window, sample_path)

        assert window.open_file(other, read_only=True)
        assert window.document.roadmap.items[ItemId(21)].title == "Edited in the other program"
        assert not window.document.canEdit and window.windowTitle().endswith("[read-only]")
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    assert AlreadyOpenError.REASON in dialogs[0][2]
