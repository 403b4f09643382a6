"""How alignment severities look in every room: painted icons, and the score as one status line."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPixmap

from planner.alignment_report import AlignmentReport, Severity
from ui.common.colours import SEVERITY_COLOURS

HEADINGS = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Information"}
WORDS = {Severity.ERROR: ("error", "errors"), Severity.WARNING: ("warning", "warnings"), Severity.INFO: ("info", "info")}


def severity_colour(severity: Severity) -> QColor:
    return QColor(SEVERITY_COLOURS[severity])


def status_text(report: AlignmentReport | None) -> str:
    """One line for the status bar: 'Alignment 82/100 · 1 error · 2 warnings · 10 info'.

    With nothing to judge: 'Alignment — (nothing to score yet) · …', never a number.
    """
    if report is None:
        return ""
    counts = report.counts_by_severity
    parts = [f"{counts[s]} {WORDS[s][0] if counts[s] == 1 else WORDS[s][1]}" for s in sorted(Severity, key=lambda s: s.rank)]
    score = "Alignment — (nothing to score yet)" if report.score is None else f"Alignment {report.score}/100"
    return " · ".join([score, *parts])


# --- icons -----------------------------------------------------------------------------


def _paint_severity(painter: QPainter, severity: Severity, size: float) -> None:
    """A red disc with '!', an amber triangle with '!', or a blue disc with 'i', drawn as shapes."""
    s = size
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(severity_colour(severity))
    if severity == Severity.WARNING:
        path = QPainterPath()
        path.moveTo(s * 0.5, s * 0.06)
        path.lineTo(s * 0.97, s * 0.92)
        path.lineTo(s * 0.03, s * 0.92)
        path.closeSubpath()
        painter.drawPath(path)
        mark = QColor("#1d1f21")
        bar, dot = QRectF(s * 0.445, s * 0.34, s * 0.11, s * 0.31), QPointF(s * 0.5, s * 0.77)
    else:
        painter.drawEllipse(QRectF(s * 0.04, s * 0.04, s * 0.92, s * 0.92))
        mark = QColor("#ffffff")
        if severity == Severity.ERROR:
            bar, dot = QRectF(s * 0.44, s * 0.2, s * 0.12, s * 0.4), QPointF(s * 0.5, s * 0.74)
        else:  # info: the dot above the bar
            bar, dot = QRectF(s * 0.44, s * 0.42, s * 0.12, s * 0.38), QPointF(s * 0.5, s * 0.27)
    painter.setBrush(mark)
    painter.drawRoundedRect(bar, s * 0.05, s * 0.05)
    painter.drawEllipse(dot, s * 0.075, s * 0.075)


@lru_cache(maxsize=None)
def severity_icon(severity: Severity) -> QIcon:
    """The severity's icon at 16 and 32 px (for high-DPI screens), painted, no image files."""
    icon = QIcon()
    for size in (16, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _paint_severity(painter, severity, size)
        painter.end()
        icon.addPixmap(pixmap)
    return icon
