"""How wide text will be on a slide, without Qt: for planning rows and splits.

Widths come from DejaVu Sans through Pillow when its font file can be found
(it is what LibreOffice draws "Arial" with where Arial is missing, and wider
than Arial, so a title that fits here fits in PowerPoint too); otherwise from
a conservative average of 0.62 em a character.
"""

from __future__ import annotations

import math
from functools import lru_cache

_REFERENCE_PT = 100
_FALLBACK_EM = 0.62
_LINE = 1.2  # line height as a multiple of the font size


@lru_cache(maxsize=4)
def _font(bold: bool):
    try:
        from PIL import ImageFont

        # BASIC layout: no libraqm shaping, which fails on some scripts and is slower
        return ImageFont.truetype("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf", _REFERENCE_PT,
                                  layout_engine=ImageFont.Layout.BASIC)
    except (ImportError, OSError):
        return None


@lru_cache(maxsize=65536)
def _reference_width(text: str, bold: bool) -> float:
    font = _font(bold)
    if font is not None:
        try:
            return font.getlength(text)
        except (ValueError, RuntimeError):  # a character the font cannot lay out: estimate instead
            pass
    return len(text) * _FALLBACK_EM * _REFERENCE_PT


def text_width(text: str, pt: float, bold: bool = False) -> float:
    """Width of one line of `text` at `pt` points, in inches."""
    return _reference_width(text, bold) * pt / _REFERENCE_PT / 72


def line_height(pt: float) -> float:
    return pt * _LINE / 72


def wrapped_lines(text: str, width: float, pt: float, bold: bool = False) -> int:
    """Lines `text` takes when wrapped at word boundaries into `width` inches (a long word breaks)."""
    lines = 0
    space = text_width(" ", pt, bold)
    for paragraph in text.split("\n") or [""]:
        used, count = 0.0, 1
        for word in paragraph.split():
            w = text_width(word, pt, bold)
            if w > width:  # a word wider than the column breaks across lines
                pieces = math.ceil(w / width)
                count += pieces - 1 + (1 if used > 0 else 0)
                used = w - (pieces - 1) * width
                continue
            needed = w if used == 0 else used + space + w
            if needed > width and used > 0:
                count += 1
                used = w
            else:
                used = needed
        lines += count
    return lines


def text_height(text: str, width: float, pt: float, bold: bool = False) -> float:
    """Height of `text` wrapped into `width` inches, in inches."""
    return wrapped_lines(text, width, pt, bold) * line_height(pt)


def shorten(text: str, width: float, pt: float, bold: bool = False) -> str:
    """`text` cut with an ellipsis to fit one line of `width` inches (for labels the reader can look up)."""
    if text_width(text, pt, bold) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width(text[:mid].rstrip() + "…", pt, bold) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"
