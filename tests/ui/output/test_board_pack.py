"""File > Export board pack from the main window: the workbook lands, with the timeline picture."""

from __future__ import annotations

import zipfile

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox


def test_ctrl_e_exports_the_board_pack_and_remembers_the_folder(window, tmp_path, monkeypatch, isolated_settings):
    out_dir = tmp_path / "packs"
    out_dir.mkdir()
    asked = []

    def fake_save(parent, title, start, filters):
        asked.append(start)
        return str(out_dir / "Q4 pack"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)  # the "done" message, closed at once
    QTest.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    pack = out_dir / "Q4 pack.xlsx"
    assert pack.exists()
    with zipfile.ZipFile(pack) as z:
        assert any(n.startswith("xl/media/") for n in z.namelist())
    assert openpyxl.load_workbook(pack).sheetnames[0] == "Summary"
    assert "Q4 pack.xlsx" in window.statusBar().currentMessage()
    # Again from the menu (when the export outlasts the progress dialog's delay, the offscreen
    # platform need not hand activation back for a second shortcut): the last folder is remembered.
    window.export_pack_action.trigger()
    assert asked[1].startswith(str(out_dir))


def test_a_failed_board_pack_export_says_why_and_leaves_the_old_file(window, tmp_path, monkeypatch):
    target = tmp_path / "folder.xlsx"
    target.mkdir()  # a folder where the file should go
    messages = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text: messages.append(text)))
    window.export_pack_action.trigger()
    assert messages and "folder.xlsx" in messages[0] and "folder" in messages[0]
    assert target.is_dir()
