"""How tall a wrapped cell prints: word-wrap line counts and row heights for the board pack's sheets.

Neither Excel nor LibreOffice grows a row for wrapped text on opening (and never for a merge), so the
pack writes every height out, from these estimates of a sans face's advance widths.
"""

from __future__ import annotations

import re
from functools import lru_cache

from exports import print_layout

BODY_PT = 9.0  # table text: the smallest a board reads comfortably, printed at 100%


# A wrapped line takes 1.16 em in LibreOffice (DejaVu Sans) and about 1.33 em in Excel (Calibri); Calibri
# being narrower, Excel also wraps into fewer lines than text_lines counts, so 1.25 em leaves neither
# client clipping nor much empty space.
LINE_EM = 1.25
BASE_SIZE = 11.0  # the workbook's default font, whose digit width is the column-width unit
# Calibri's widths in digit units are within a few per cent of DejaVu Sans's; Excel's column unit is
# a whole 7 px, a little less than Calibri's digit, which these leave room for.
CELL_PADDING = 0.4  # digit widths lost to a cell's margins
WIDTH_MARGIN = 0.96  # font differences: better a spare line than a cut one

# Advance widths of a sans face in digit widths (Excel's column unit is the width of a
# digit): DejaVu Sans, which LibreOffice falls back to; Calibri's ratios are within a few per cent.
_CHAR_WIDTHS = {
    " ": 0.50, "i": 0.44, "j": 0.44, "l": 0.44, "f": 0.55, "t": 0.62, "r": 0.65, "I": 0.46, "J": 0.46,
    "'": 0.43, ".": 0.50, ",": 0.50, ":": 0.53, ";": 0.53, "!": 0.63, "|": 0.53, "/": 0.53, "(": 0.61, ")": 0.61,
    "-": 0.57, "s": 0.82, "c": 0.86, "z": 0.83, "k": 0.91, "v": 0.93, "x": 0.93, "y": 0.93, "e": 0.97, "a": 0.96,
    "o": 0.96, "m": 1.53, "w": 1.29, "M": 1.36, "W": 1.55, "%": 1.49, "@": 1.54, "&": 1.22, "G": 1.22, "O": 1.24,
    "Q": 1.24, "D": 1.21, "H": 1.18, "N": 1.18, "U": 1.15, "C": 1.10, "K": 1.03, "R": 1.09, "A": 1.08, "V": 1.08,
    "X": 1.08, "Z": 1.08, "B": 1.08, "E": 0.99, "P": 0.95, "T": 0.96, "Y": 0.96, "F": 0.90, "L": 0.88,
}


@lru_cache(maxsize=65536)
def _word_width(word: str) -> float:
    widths = _CHAR_WIDTHS
    return sum(widths.get(ch, 1.0 if ch < "\u2e80" else 2.0) for ch in word)  # CJK is twice as wide


def text_lines(text_value: str, width_chars: float, size: float | None = None, *, bold: bool = False) -> int:
    """Lines `text_value` takes when word-wrapped in a column (or merge) `width_chars` wide."""
    if len(text_value) <= 40:  # lane names, owners, titles: few distinct values, asked for on every row
        return _short_text_lines(text_value, width_chars, size, bold)
    return _text_lines(text_value, width_chars, size, bold)


@lru_cache(maxsize=8192)
def _short_text_lines(text_value: str, width_chars: float, size: float | None, bold: bool) -> int:
    return _text_lines(text_value, width_chars, size, bold)


def _text_lines(text_value: str, width_chars: float, size: float | None, bold: bool) -> int:
    scale = (size or BODY_PT) / BASE_SIZE * (1.08 if bold else 1.0)
    capacity = max((width_chars - CELL_PADDING) * WIDTH_MARGIN / scale, 1.0)
    if len(text_value) * 1.6 <= capacity and "\n" not in text_value:
        return 1  # fits even if every character were an "m"
    space = _CHAR_WIDTHS[" "]
    lines = 0
    for paragraph in text_value.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split():
            # Both clients may break a line after a hyphen inside a word.
            parts = _HYPHENATED.findall(word) if "-" in word else (word,)
            for n, part in enumerate(parts):
                width = _word_width(part)
                gap = space if n == 0 else 0.0
                if used and used + gap + width <= capacity:
                    used += gap + width
                    continue
                if used:
                    lines += 1  # the part starts a new line
                if width > capacity:  # longer than a line: breaks mid-word
                    extra = int(width // capacity)
                    lines += extra
                    used = width - extra * capacity
                else:
                    used = width
    return lines


_HYPHENATED = re.compile(r"[^-]+-*|-+")


def wrapped_height(text_value: str, width_chars: float, size: float | None = None, *, bold: bool = False) -> float:
    """Row height in points that shows `text_value` wrapped `width_chars` wide."""
    return row_height(text_lines(text_value, width_chars, size, bold=bold), size)


def row_height(lines: int, size: float | None = None) -> float:
    return round(min(lines * LINE_EM * (size or BODY_PT) + 3, print_layout.MAX_ROW_PT), 1)
