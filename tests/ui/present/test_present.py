"""View > Present (F5): full screen, every step forward and back, Escape leaves, the file untouched."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest

from planner.edits import UpdateItem
from ui.present.painter import SlidePainter
from ui.present.steps import focus_set


def _unchanged(path, before: bytes) -> bool:
    """The file's bytes are as they were and its write-ahead log holds no new pages."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() == before and (not wal.exists() or wal.stat().st_size == 0)


def _present(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_F5)
    shown = window.presentation
    qtbot.waitUntil(lambda: shown.isVisible())
    qtbot.waitExposed(shown)
    return shown


def test_present_steps_through_every_step_and_escape_leaves_the_file_unchanged(make_window, sample_file, qtbot):
    window = make_window(sample_file)
    before = sample_file.read_bytes()
    undo_steps = window.document.undo_stack.count()
    shown = _present(window, qtbot)
    assert shown.windowState() & Qt.WindowState.WindowFullScreen
    steps = shown.steps
    kinds = [shown.slides[s.slide].kind for s in steps]
    assert kinds[0] == "title" and kinds[-1] == "risks" and len(shown.slides) == 9
    assert any(s.goal is not None for s in steps)  # goals come into focus on the timeline
    seen = [shown.index]
    for key in [Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space] * len(steps):
        QTest.keyClick(shown, key)
        seen.append(shown.index)
    assert seen[: len(steps)] == list(range(len(steps)))
    assert shown.index == len(steps) - 1  # and stays on the last step
    for key in (Qt.Key.Key_Delete, Qt.Key.Key_F2, Qt.Key.Key_Z):  # editing keys do nothing here
        QTest.keyClick(shown, key, Qt.KeyboardModifier.ControlModifier if key == Qt.Key.Key_Z else Qt.KeyboardModifier.NoModifier)
    back = []
    for key in [Qt.Key.Key_Left, Qt.Key.Key_PageUp] * len(steps):
        QTest.keyClick(shown, key)
        back.append(shown.index)
    assert back[: len(steps) - 1] == list(range(len(steps) - 2, -1, -1)) and shown.index == 0
    QTest.mouseClick(shown, Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
    assert shown.index == 1
    QTest.mouseClick(shown, Qt.MouseButton.RightButton, pos=QPoint(200, 200))
    assert shown.index == 0
    QTest.keyClick(shown, Qt.Key.Key_End)
    assert shown.index == len(steps) - 1
    QTest.keyClick(shown, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shown.isVisible())
    assert window.document.undo_stack.count() == undo_steps
    window.close()
    assert _unchanged(sample_file, before)


def test_the_presentation_is_live_on_the_open_roadmap(window, qtbot):
    shown = _present(window, qtbot)
    QTest.keyClick(shown, Qt.Key.Key_Right)
    doc = window.document
    item = next(i for i in doc.roadmap.items.values() if i.title == "Launch in Germany")
    doc.push(UpdateItem(dataclasses.replace(item, title="Launch in Germany and Austria")))  # an edit made elsewhere
    assert shown.index == 1
    titles = {b.title for b in shown.slides[shown.step.slide].timeline.bars}
    assert "Launch in Germany and Austria" in titles
    QTest.keyClick(shown, Qt.Key.Key_Escape)


def _render(slide, focus=None) -> QImage:
    image = QImage(1333, 750, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    SlidePainter(painter, QRectF(0, 0, 1333, 750)).slide(slide, focus)
    painter.end()
    return image


def test_focus_dims_what_does_not_serve_the_goal(window, qtbot):
    shown = _present(window, qtbot)
    step = next(s for s in shown.steps if s.goal is not None)
    slide = shown.slides[step.slide]
    focus = focus_set(window.document.roadmap, step.goal)
    items = window.document.roadmap.items
    other = next(b for b in slide.timeline.bars if b.item_id not in focus and not b.milestone and b.w > 0.5
                 and items[b.item_id].status == "on_track")  # drawn in the full lane colour
    lit = next(b for b in slide.timeline.bars if b.item_id == step.goal)

    def colour_at(image: QImage, bar) -> QColor:
        return image.pixelColor(int((bar.x + bar.w - 0.05) * 100), int((bar.y + bar.h / 2) * 100))

    plain, focused = _render(slide), _render(slide, focus)
    assert colour_at(focused, other).lightness() > colour_at(plain, other).lightness() + 40
    assert colour_at(focused, lit) == colour_at(plain, lit)
    QTest.keyClick(shown, Qt.Key.Key_Escape)


def test_presenter_notes_follow_the_steps_as_plain_text(window, qtbot):
    from ui.present.window import NotesWindow

    shown = _present(window, qtbot)
    notes = NotesWindow()
    qtbot.addWidget(notes)
    shown.notes = notes  # as when a second screen is present
    QTest.keyClick(shown, Qt.Key.Key_Right)
    assert notes.position.text() == f"Step 2 of {len(shown.steps)} · slide 2 of {len(shown.slides)}"
    assert notes.title.text() == "Business strategy"
    assert "northwind.roadmap" in notes.body.text() and "28 Nov 2026" in notes.body.text()
    goal = window.document.roadmap.items[shown.steps[2].goal].title
    assert notes.next.text() == f"Next: Business strategy · {goal}"
    assert notes.body.textFormat() == Qt.TextFormat.PlainText
    QTest.keyClick(shown, Qt.Key.Key_Escape)
    assert not notes.isVisible()
