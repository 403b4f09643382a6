"""View > Present: the deck's sequence full screen, live on the open roadmap, for the planning session.

Arrow keys, Page Up/Down, Space and clicks step; Home and End jump; Escape
leaves. On a timeline slide each supported business goal comes into focus in
turn with the tech work that enables it, everything else dimmed. Nothing can
be edited while presenting: the window reads the document and never writes.
With a second screen, the presenter's notes show there.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from exports.slides import build_deck
from ui.present.painter import SlidePainter
from ui.present.steps import Step, focus_caption, focus_set, steps_of

NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_N}
BACK_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace, Qt.Key.Key_P}


class PresentationWindow(QWidget):
    """Full-screen slides over one document; `step_changed(index)` after every step."""

    step_changed = Signal(int)
    closed = Signal()

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("PresentationWindow")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.document = document
        self.index = 0
        self.slides, self.steps = [], []
        self.notes: NotesWindow | None = None
        self._rebuild()
        document.changed.connect(self._on_document_changed)
        self._live = True

    # --- the sequence ------------------------------------------------------------------

    def _rebuild(self) -> None:
        doc = self.document
        self.slides = build_deck(doc.roadmap, doc.today(), doc.path.name, doc.alignment.report)
        self.steps = steps_of(self.slides)
        self.index = min(self.index, len(self.steps) - 1)
        self.setWindowTitle(f"Presenting {doc.roadmap.info.title}")

    def _on_document_changed(self, _notice) -> None:
        self._rebuild()  # live: an edit made elsewhere shows at once, at the same step where it still exists
        self._show_step()

    @property
    def step(self) -> Step:
        return self.steps[self.index]

    def go(self, index: int) -> None:
        index = max(0, min(index, len(self.steps) - 1))
        if index != self.index:
            self.index = index
            self._show_step()

    def _show_step(self) -> None:
        self.update()
        if self.notes is not None:
            self.notes.show_step(self)
        self.step_changed.emit(self.index)

    # --- showing and leaving ---------------------------------------------------------------

    def present(self) -> None:
        """Full screen on the main window's screen; the notes on another screen, if there is one."""
        screens = QGuiApplication.screens()
        here = self.parentWidget().screen() if self.parentWidget() else QGuiApplication.primaryScreen()
        self.setScreen(here)
        self.setGeometry(here.geometry())
        self.showFullScreen()
        self.activateWindow()
        self.setFocus()
        others = [s for s in screens if s is not here]
        if others:
            self.notes = NotesWindow()
            self.notes.setScreen(others[0])
            self.notes.setGeometry(others[0].availableGeometry())
            self.notes.show_step(self)
            self.notes.showMaximized()

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.notes is not None:
            self.notes.close()
            self.notes = None
        if self._live:
            self.document.changed.disconnect(self._on_document_changed)
            self._live = False
            self.closed.emit()
        super().closeEvent(event)

    # --- input -------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close()
        elif key in NEXT_KEYS:
            self.go(self.index + 1)
        elif key in BACK_KEYS:
            self.go(self.index - 1)
        elif key == Qt.Key.Key_Home:
            self.go(0)
        elif key == Qt.Key.Key_End:
            self.go(len(self.steps) - 1)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.go(self.index + 1)
        elif event.button() == Qt.MouseButton.RightButton:
            self.go(self.index - 1)

    # --- painting -----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.fillRect(self.rect(), QColor("#111316"))
        slides = SlidePainter(p, QRectF(self.rect()))
        step = self.step
        roadmap = self.document.roadmap
        focus = focus_set(roadmap, step.goal) if step.goal is not None and step.goal in roadmap.items else None
        slide = self.slides[step.slide]
        slides.slide(slide, focus)
        if focus is not None:
            page = slide.timeline
            lit = [(b.x, b.y, max(b.w, 0.2) + 2.5, b.h) for b in page.bars if b.item_id in focus] if page else []
            axis = [(b.x_of(b.start), b.top, 12.0, 0.45) for b in page.blocks] if page else []
            slides.caption(focus_caption(roadmap, step.goal, self.document.today()), lit + axis)
        p.setPen(QColor("#8a8d91"))
        corner = slides.slide_rect.adjusted(0, 0, -12, -6)
        p.drawText(corner, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                   f"{self.index + 1} / {len(self.steps)}")
        p.end()


class NotesWindow(QWidget):
    """The presenter's notes for the step on show, and what comes next (plain text only)."""

    def __init__(self):
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle("Presenter notes")
        layout = QVBoxLayout(self)
        self.position, self.title, self.body, self.next = (QLabel(self) for _ in range(4))
        for label, px in ((self.position, 18), (self.title, 34), (self.body, 24), (self.next, 20)):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setStyleSheet(f"font-size: {px}px;")
            layout.addWidget(label)
        layout.addStretch(1)

    def show_step(self, window: PresentationWindow) -> None:
        step = window.step
        slide = window.slides[step.slide]
        roadmap = window.document.roadmap
        self.position.setText(f"Step {window.index + 1} of {len(window.steps)} · slide {step.slide + 1} of {len(window.slides)}")
        focus = f" · in focus: {roadmap.items[step.goal].title}" if step.goal in roadmap.items else ""
        self.title.setText(slide.title + focus)
        self.body.setText(slide.notes)
        if window.index + 1 < len(window.steps):
            following = window.steps[window.index + 1]
            nxt = window.slides[following.slide].title
            if following.goal in roadmap.items:
                nxt += f" · {roadmap.items[following.goal].title}"
            self.next.setText(f"Next: {nxt}")
        else:
            self.next.setText("Last step: Escape leaves the presentation")
