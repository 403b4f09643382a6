"""Colours of the timeline, derived from the system palette (light or dark)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QPen

from planner.model import Status

# Status marks: a coloured outline for trouble, fading for finished and not-yet-started work.
STATUS_OUTLINE = {Status.AT_RISK: "#d89a1c", Status.OFF_TRACK: "#cf4a3c"}
STATUS_FILL_AMOUNT = {Status.PLANNED: 0.72, Status.DONE: 0.42}  # share of lane colour kept


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def mix(a: QColor, b: QColor, amount_of_a: float) -> QColor:
    t = amount_of_a
    return QColor.fromRgbF(
        a.redF() * t + b.redF() * (1 - t), a.greenF() * t + b.greenF() * (1 - t), a.blueF() * t + b.blueF() * (1 - t)
    )


def text_on(fill: QColor) -> QColor:
    """Dark or white text, whichever reads on `fill`."""
    luminance = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF()
    return QColor("#1d1f21") if luminance > 0.55 else QColor("#ffffff")


def with_alpha(colour: QColor | str, alpha: float) -> QColor:
    c = QColor(colour)
    c.setAlphaF(alpha)
    return c


@dataclass(frozen=True)
class TimelineColours:
    background: QColor
    text: QColor
    muted: QColor
    separator: QColor
    today: QColor
    window: QColor
    highlight: QColor
    link: QColor
    late_link: QColor
    severity: dict  # alignment finding severity ("error", "warning", "info") -> badge colour
    lane_alpha: float

    @classmethod
    def for_palette(cls, palette: QPalette) -> TimelineColours:
        dark = is_dark(palette)
        text = palette.color(QPalette.ColorRole.Text)
        return cls(
            background=palette.color(QPalette.ColorRole.Base),
            text=text,
            muted=with_alpha(text, 0.65),
            separator=with_alpha(text, 0.12),
            today=QColor("#ef8a62" if dark else "#d0602f"),
            window=with_alpha("#6fa8dc" if dark else "#3d7cc9", 0.16 if dark else 0.10),
            highlight=QColor("#4aa3ff" if dark else "#1565c0"),
            link=with_alpha(text, 0.28),
            late_link=QColor("#e0a030" if dark else "#c77700"),
            severity={
                "error": QColor("#ff6b6b" if dark else "#d32f2f"),
                "warning": QColor("#ffb74d" if dark else "#ef8f00"),
                "info": QColor("#7fb2ff" if dark else "#3f7fd9"),
            },
            lane_alpha=0.16 if dark else 0.10,
        )

    def fill_of(self, lane_colour: str, status: Status) -> QColor:
        """A bar's fill as seen: planned work is lighter, finished work fades."""
        colour = QColor(lane_colour)
        amount = STATUS_FILL_AMOUNT.get(status)
        return mix(colour, self.background, amount) if amount else colour


def _pen(colour: QColor, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCosmetic(True)
    return pen


def apply_colours(view) -> None:
    """Give a TimelineView's axes, lines, region, header and legend its current colours."""
    c = view.colours
    view.setBackground(c.background)
    view.header.set_font(view.font())
    view.markers.colours = c
    view.pending_link.colours = c
    for band in view.bands:
        band.date_axis.colours = band.lane_axis.colours = c
        band.today_line.colours = c
    view.tech_window.set_colours(c)
    view.legend.set_colours(c, view.font())
