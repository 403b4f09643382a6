"""What the window shows when no roadmap is open: start a new one, open one, a recent one, or the sample."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMessageBox, QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from planner.locations import ensure_sample_roadmap
from planner.store import StoreError

PATH_ROLE = Qt.ItemDataRole.UserRole


class StartPage(QWidget):
    """Buttons for New roadmap, Open… and Open the sample, and the recent files (double-click or Return opens)."""

    new_requested = Signal()
    open_requested = Signal()
    sample_requested = Signal()
    recent_requested = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None, *, new=None, open_=None, sample=None, recent=None) -> None:
        """`new`, `open_`, `sample` and `recent` (given a Path), when given, are connected to the page's requests."""
        super().__init__(parent)
        self.setObjectName("StartPage")
        for signal, slot in ((self.new_requested, new), (self.open_requested, open_), (self.sample_requested, sample), (self.recent_requested, recent)):
            if slot is not None:
                signal.connect(slot)
        title = QLabel("Roadmap Planner")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel("Plan business strategy and the technology that enables it on one dual timeline. No roadmap is open.")
        intro.setWordWrap(True)
        self.new_button = QPushButton("New roadmap…")
        self.open_button = QPushButton("Open…")
        self.sample_button = QPushButton("Open the sample")
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.sample_button.clicked.connect(self.sample_requested)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.sample_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.recent_label = QLabel("Recent roadmaps")
        self.recent = QListWidget()
        self.recent.setFrameShape(QFrame.Shape.StyledPanel)
        self.recent.itemActivated.connect(lambda item: self.recent_requested.emit(item.data(PATH_ROLE)))
        self.no_recent = QLabel("None yet: roadmaps you open are listed here.")
        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(intro)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addSpacing(18)
        column.addWidget(self.recent_label)
        column.addWidget(self.recent, 1)
        column.addWidget(self.no_recent)
        column.addStretch(1)
        frame = QWidget()
        frame.setMaximumWidth(640)
        frame.setLayout(column)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addWidget(frame, 1, Qt.AlignmentFlag.AlignHCenter)
        self.set_recent([])

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(400, 300)  # the timeline, not this page, sets how the window shares its width with docks

    def set_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.name}    {path.parent}")
            item.setData(PATH_ROLE, path)
            item.setToolTip(str(path))
            self.recent.addItem(item)
        self.recent.setVisible(bool(paths))
        self.no_recent.setVisible(not paths)


def install_start_page(window) -> tuple[StartPage, QStackedWidget]:
    """Make a main window's centre a stack of the start page and its timeline; the window shows one of them."""
    page = StartPage(new=window._on_new, open_=window._on_open, sample=lambda: open_sample(window), recent=window.open_file)
    pages = QStackedWidget()
    pages.addWidget(page)
    pages.addWidget(window.first_frame)  # the live timeline joins after the first paint
    window.setCentralWidget(pages)
    return page, pages


def open_sample(window) -> bool:
    """Open the sample roadmap (a file of its own in the data folder, made from the sample the first time)."""
    try:
        path = ensure_sample_roadmap()
    except (StoreError, OSError) as error:
        QMessageBox.critical(window, "Cannot open the sample", str(error))
        return False
    return window.open_file(path)
