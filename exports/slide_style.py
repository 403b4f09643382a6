"""How the slides look: page geometry, fonts and the app's status colours as plain values.

The timeline's status look is the app's (ui/timeline/style.py, light palette):
planned work is the lane colour lightened, finished work faded, at-risk and
off-track work outlined amber and red. The values are repeated here because
exports never import Qt; tests/exports/test_slides_style.py keeps the two in step.
"""

from __future__ import annotations

from planner.model import Status

SLIDE_W = 13.333  # inches, 16:9
SLIDE_H = 7.5
MARGIN = 0.45
TITLE_TOP = 0.3
TITLE_H = 0.6
CONTENT_TOP = 1.3
CONTENT_BOTTOM = SLIDE_H - 0.45  # the footer line (legend, source) sits below

FONT = "Arial"  # Liberation Sans / DejaVu Sans stand in where Arial is missing
MIN_PT = 10.0  # nothing on a slide is smaller: a board reads it from across the room
TITLE_PT = 26.0
HEADING_PT = 14.0
BODY_PT = 12.0

TEXT = "#1d1f21"
MUTED = "#5b6066"
WHITE = "#ffffff"
BACKGROUND = "#ffffff"
GRID = "#d4d6d9"
TODAY = "#d0602f"
WINDOW = "#3d7cc9"
WINDOW_ALPHA = 0.12
LANE_ALPHA = 0.10
LINK = "#8a8d91"
LATE_LINK = "#c77700"
ACCENT = "#1565c0"

# ui/timeline/style.py: STATUS_OUTLINE and STATUS_FILL_AMOUNT
STATUS_OUTLINE = {Status.AT_RISK: "#d89a1c", Status.OFF_TRACK: "#cf4a3c"}
STATUS_FILL_AMOUNT = {Status.PLANNED: 0.72, Status.DONE: 0.42}  # share of lane colour kept
SEVERITY_COLOURS = {"error": "#d32f2f", "warning": "#ef8f00", "info": "#3f7fd9"}
RATING_COLOURS = {"High": "#cf4a3c", "Medium": "#d89a1c", "Low": "#4f9a62",
                  "Red": "#cf4a3c", "Amber": "#d89a1c", "Green": "#4f9a62", "No data": "#8a8d91"}


def rgb(colour: str) -> tuple[int, int, int]:
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def hex_of(r: float, g: float, b: float) -> str:
    return "#{:02x}{:02x}{:02x}".format(*(max(0, min(255, round(v))) for v in (r, g, b)))


def mix(a: str, b: str, amount_of_a: float) -> str:
    (ar, ag, ab), (br, bg, bb) = rgb(a), rgb(b)
    t = amount_of_a
    return hex_of(ar * t + br * (1 - t), ag * t + bg * (1 - t), ab * t + bb * (1 - t))


def darker(colour: str, factor: float = 1.35) -> str:
    """Like QColor.darker(135): the same hue, value divided by `factor`."""
    r, g, b = rgb(colour)
    return hex_of(r / factor, g / factor, b / factor)


def fill_of(lane_colour: str, status: Status) -> str:
    amount = STATUS_FILL_AMOUNT.get(status)
    return mix(lane_colour, BACKGROUND, amount) if amount else lane_colour.lower()


def outline_of(lane_colour: str, status: Status) -> tuple[str, float]:
    """(colour, width in points): trouble gets a thick coloured outline, as in the app."""
    outline = STATUS_OUTLINE.get(status)
    return (outline, 2.0) if outline else (darker(lane_colour), 0.75)


def text_on(fill: str) -> str:
    """Dark or white text, whichever reads on `fill` (the app's rule)."""
    r, g, b = (v / 255 for v in rgb(fill))
    return TEXT if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.55 else WHITE
