"""File > Export > Slides from the main window: the deck lands, with the document's alignment report."""

from __future__ import annotations

from pptx import Presentation
from PySide6.QtWidgets import QFileDialog, QMessageBox


def test_export_slides_writes_the_deck_and_says_so(window, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(tmp_path / "Q4 slides"), "")))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    assert window.export_slides_action in window.export_menu.actions()
    window.export_slides_action.trigger()
    deck = tmp_path / "Q4 slides.pptx"
    prs = Presentation(str(deck))
    assert len(prs.slides) == 9
    score = window.document.alignment.report.score
    assert any(s.has_text_frame and s.text_frame.text.startswith(f"{score}\n") for s in prs.slides[3].shapes)
    assert "Q4 slides.pptx" in window.statusBar().currentMessage()


def test_a_failed_slides_export_says_why(window, tmp_path, monkeypatch):
    target = tmp_path / "folder.pptx"
    target.mkdir()
    messages = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text: messages.append(text)))
    window.export_slides_action.trigger()
    assert messages == [f"{target}: is a folder; choose a file name"]
