"""The open document's alignment report: one analysis, kept up to date change by change, whichever panels exist.

The status bar, the timeline's badges, the findings dock and the review
dialog all read `report`. The analysis is made when first asked for, so a
window that shows none of them pays nothing and opening a file does not
wait for it; from then on each change set updates it in place
(planner/alignment_incremental.py), re-running only the rules and keys it
can affect, and `changed` carries the `ReportDelta` naming the findings
that came, went or changed, so the findings dock moves only those rows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from planner.model import ChangeSet, Roadmap

if TYPE_CHECKING:  # the analysis itself is imported when first asked for: after the first paint
    from planner.alignment import AlignmentReport, IncrementalAnalysis, ReportDelta


class AlignmentReportModel(QObject):
    """`report` for the current roadmap as of `today()`; `changed(delta)` after every change to it.

    The delta is None when there is no earlier report to compare with (the
    analysis was not made yet, or was made afresh for a new day): read `report`.
    """

    changed = Signal(object)  # ReportDelta | None

    def __init__(self, roadmap: Callable[[], Roadmap], today: Callable[[], date], parent: QObject | None = None):
        super().__init__(parent)
        self._roadmap = roadmap
        self._today = today
        self._analysis: IncrementalAnalysis | None = None

    @property
    def report(self) -> AlignmentReport:
        today = self._today()
        if self._analysis is None or self._analysis.today != today:
            from planner.alignment_incremental import IncrementalAnalysis  # noqa: PLC0415  (not on the way to the first paint)

            self._analysis = IncrementalAnalysis(self._roadmap(), today)
        return self._analysis.report

    @property
    def version(self) -> int | None:
        """Which report `report` is (deltas name the versions they lead from and to); None before the first."""
        return self._analysis.version if self._analysis is not None else None

    def follow(self, changes: ChangeSet) -> None:
        """The roadmap changed by `changes`: update the analysis (if made) and tell listeners what moved."""
        delta: ReportDelta | None = None
        if self._analysis is not None:
            if self._analysis.today == self._today():
                delta = self._analysis.update(self._roadmap(), changes)
            else:
                self._analysis = None  # a new day: the next read analyses afresh
        self.changed.emit(delta)
