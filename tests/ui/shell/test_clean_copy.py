"""Opening a roadmap that holds objects we did not write: the refusal offers a clean copy, makes it and opens it."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from planner import migrations
from planner.edits import MoveItems
from planner.model import ItemId
from planner.store import Store
from planner.store_schema import expected_schema, schema_of
from tests.foreign_objects import run_sql
from ui.shell.clean_copy import MAKE_CLEAN_COPY

ISSUE_TRIGGER = "create trigger t after update on item begin delete from link; end;"


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def sent(tmp_path, sample):
    """A roadmap from someone else, carrying the issue's trigger."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    path = folder / "From the CTO.roadmap"
    Store.create(path, sample).close()
    run_sql(path, ISSUE_TRIGGER)
    return path


@pytest.fixture
def answer_box(qtbot):
    """Press a button of the next modal message box, by its text, with a real mouse click; returns what the box said."""
    seen: dict[str, str] = {}

    def press(button_text: str) -> dict[str, str]:
        def click() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(10, click)  # not shown yet
                return
            seen.update(title=box.windowTitle(), text=box.text(), informative=box.informativeText(),
                        buttons=" | ".join(b.text() for b in box.buttons()))
            button = next((b for b in box.buttons() if b.text().replace("&", "") == button_text), None)
            if button is None:  # not the box we expected: close it so the test fails instead of hanging
                box.reject()
                return
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

        QTimer.singleShot(0, click)
        return seen

    return press


@pytest.fixture
def save_dialog(monkeypatch):
    """Answer QFileDialog.getSaveFileName with `choose(default)`; record what it was asked."""
    asked: list[dict] = []

    def install(choose):
        def fake(parent, caption, directory, file_filter, **kwargs):
            asked.append({"caption": caption, "default": directory})
            return choose(directory), file_filter.split(";;")[0]

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
        return asked

    return install


def test_make_a_clean_copy_from_the_refusal_and_work_in_it(make_window, sample_path, sent, sample, answer_box, save_dialog):
    window = make_window(sample_path)
    digest = sha256(sent)
    asked = save_dialog(lambda default: default)  # the user accepts the name offered
    seen = answer_box(MAKE_CLEAN_COPY)

    assert window.open_file(sent)

    assert seen["title"] == "Cannot open roadmap"
    assert seen["text"] == f"{sent}: holds a trigger 't' on table 'item' that Roadmap Planner did not write; the file was not changed"
    assert "This file stays exactly as it is" in seen["informative"] and "Cancel" in seen["buttons"]
    clean = sent.with_name("From the CTO (clean).roadmap")
    assert asked == [{"caption": "Save Clean Copy", "default": str(clean)}]  # beside the original
    assert sha256(sent) == digest  # the original untouched

    # The clean file is on disk, with our schema only and every row of the original.
    conn = sqlite3.connect(clean)
    assert schema_of(conn) == expected_schema(migrations.LATEST)
    conn.close()
    with Store.open(clean, read_only=True) as store:
        assert store.load() == sample

    # The window shows the copy, editable, and says where it came from.
    assert window.document.path == clean and window.document.canEdit
    assert "From the CTO (clean)" in window.windowTitle()
    assert f"{len(sample.links)} links" in window.counts_label.text()
    assert "a clean copy of From the CTO.roadmap" in window.statusBar().currentMessage()

    # The edit the trigger turned into "delete every link" now moves one bar, in the file.
    window.document.push(MoveItems((ItemId(21),), 7))
    with Store.open(clean, read_only=True) as store:
        after = store.load()
    assert after.links == sample.links
    assert (after.items[ItemId(21)].start - sample.items[ItemId(21)].start).days == 7


def test_cancel_keeps_the_current_roadmap_and_writes_nothing(make_window, sample_path, sent, answer_box, save_dialog):
    window = make_window(sample_path)
    document = window.document
    before = sorted(p.name for p in sent.parent.iterdir())
    asked = save_dialog(lambda default: default)
    answer_box("Cancel")

    assert not window.open_file(sent)

    assert asked == [] and window.document is document
    assert sorted(p.name for p in sent.parent.iterdir()) == before


def test_a_name_already_taken_is_refused_by_name(make_window, sample_path, sent, answer_box, save_dialog, monkeypatch):
    taken = sent.with_name("mine.roadmap")
    taken.write_bytes(b"keep me")
    save_dialog(lambda default: str(taken))
    errors = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text: errors.append((title, text))))
    window = make_window(sample_path)
    answer_box(MAKE_CLEAN_COPY)

    assert not window.open_file(sent)

    assert errors == [("Cannot make a clean copy", f"{taken}: already exists; choose a new name for the clean copy")]
    assert taken.read_bytes() == b"keep me" and window.document.path == sample_path
