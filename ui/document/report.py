"""The open document's alignment report: one analysis per change, whichever panels exist.

The status bar, the timeline's badges, the findings dock and the review
dialog all read `report`; it is computed when first asked for after a change,
so a window that shows none of them pays nothing, and opening a file does not
wait for it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal

from planner.alignment import AlignmentReport, analyse
from planner.model import Roadmap


class AlignmentReportModel(QObject):
    """`report` for the current roadmap as of `today()`; `changed` after every change to it."""

    changed = Signal()

    def __init__(self, roadmap: Callable[[], Roadmap], today: Callable[[], date], parent: QObject | None = None):
        super().__init__(parent)
        self._roadmap = roadmap
        self._today = today
        self._report: AlignmentReport | None = None

    @property
    def report(self) -> AlignmentReport:
        if self._report is None:
            self._report = analyse(self._roadmap(), self._today())
        return self._report

    def invalidate(self) -> None:
        """The roadmap changed: the next read analyses it again; listeners hear now."""
        self._report = None
        self.changed.emit()
