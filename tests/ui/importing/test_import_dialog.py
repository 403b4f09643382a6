"""File > Import… driven by keyboard and mouse: a real .gan into the sample, checked in the file, one undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from planner.model import Band
from planner.store import Store

HOUSE = Path(__file__).resolve().parents[2] / "imports" / "fixtures" / "gan" / "ganttproject_HouseBuildingSample.gan"


def test_import_gan_into_the_sample_then_undo(window, qtbot, sample_file, dump_file):
    before = dump_file(sample_file)
    items_before = len(window.document.roadmap.items)
    done = []

    def drive():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, drive)
            return
        qtbot.keyClicks(dialog.path_edit, str(HOUSE))
        qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
        done.append((dialog.format_label.text(), dialog.preview.text(), dialog.import_button.isEnabled()))
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, drive)
    window.import_action.trigger()
    fmt, text, ready = done[0]
    assert fmt == "GanttProject (.gan)" and ready
    assert text.startswith("GanttProject (.gan), built-in reader: 20 items (4 milestones, 4 parents, 2 levels deep), 17 dependency links (17 FS), 5 lanes")
    with Store.open(sample_file, read_only=True) as store:
        after = store.load()
    new = [i for i in after.items.values() if i.title == "Construction phase"]
    assert len(after.items) == items_before + 20 and len(new) == 1 and new[0].band == Band.TECH
    assert sum(1 for i in after.items.values() if i.parent_id == new[0].id) == 6
    assert window.undo_action.text().endswith("Import ganttproject_HouseBuildingSample.gan")
    window.undo_action.trigger()
    assert dump_file(sample_file) == before
    assert len(window.document.roadmap.items) == items_before
