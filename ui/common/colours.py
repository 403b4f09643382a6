"""The colours that mean the same thing in every room, and small painted swatches."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPixmap

from planner.alignment_report import Severity
from planner.model import Status

ERROR_COLOUR = "#c62828"  # invalid input and its message
SEVERITY_COLOURS = {Severity.ERROR: "#c62828", Severity.WARNING: "#e0a000", Severity.INFO: "#1e6fc0"}
STATUS_COLOURS = {Status.AT_RISK: "#b07800", Status.OFF_TRACK: "#c62828"}  # statuses that need attention


def score_colour(score: int) -> QColor:
    """Green for a healthy score or part, amber for a middling one, red for a poor one."""
    return QColor("#2e7d32" if score >= 80 else "#c77700" if score >= 50 else "#c62828")


def swatch(colour: str, size: int = 14) -> QIcon:
    """A square icon filled with `colour` (lane colours in lists and combos)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)
