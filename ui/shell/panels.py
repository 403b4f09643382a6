"""The lazy panel registry: each dock panel is made when first needed, so its module is not on the way
to the first picture; the outcomes panel follows the window's clock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

RIGHT, BOTTOM = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
# Dock panels, in order: the first three share the right side, the rest the bottom (hidden at first).
PANEL_AREAS = (
    ("Inspector", RIGHT), ("History", RIGHT), ("Alignment Findings", RIGHT),
    ("Tables", BOTTOM), ("Shared Outcomes", BOTTOM), ("Review Drift", BOTTOM), ("Investment Mix", BOTTOM),
)


def make_panel(title: str, window) -> QWidget:
    """The panel called `title` for `window` (its selection and timeline), not yet given a document."""
    if title == "Inspector":
        from ui.inspector.panel import InspectorPanel

        return InspectorPanel(None, window.selection)
    if title == "History":
        from ui.history.panel import HistoryPanel

        return HistoryPanel(None)
    if title == "Tables":
        from ui.tables.panel import TablesPanel

        return TablesPanel(None, window.selection)
    if title == "Shared Outcomes":
        from ui.outcomes.panel import OutcomesPanel

        return OutcomesPanel(window.selection, window, today=window.today)
    if title == "Alignment Findings":
        from ui.alignment.panel import FindingsPanel

        panel = FindingsPanel(window.selection, window)
    elif title == "Review Drift":
        from ui.review.drift import DriftPanel

        panel = DriftPanel(window.selection, window)
        panel.baseline_requested.connect(window.timeline.set_baseline)
    else:
        from ui.investment.panel import InvestmentPanel

        panel = InvestmentPanel(window.selection, window)
    panel.reveal_requested.connect(window.timeline.reveal)
    return panel
