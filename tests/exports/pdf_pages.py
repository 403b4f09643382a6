"""What a printed PDF holds, page by page, as poppler reads it (a plain module: tests/ has no packages).

`pdftotext -bbox-layout` gives every word's box in points; a box is 1.30x the
font size (DejaVu Sans, LibreOffice's stand-in for Calibri). Text rotated a
quarter turn (the Alignment matrix's column titles) comes as lines of words
stacked down the page, whose font size is their box's width instead.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

BOX_PER_POINT = 1.30
HEADER_BOTTOM_PT = 40.0  # the page header (sheet name in the middle) sits above this

_LINE = re.compile(r"<line [^>]*>(.*?)</line>", re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    rotated: bool

    @property
    def size_pt(self) -> float:
        """The font size the word printed at."""
        return ((self.x1 - self.x0) if self.rotated else (self.y1 - self.y0)) / BOX_PER_POINT


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    words: tuple[Word, ...]

    @property
    def sheet(self) -> str:
        """The sheet name the page header prints in its middle."""
        middle = [w for w in self.words if w.y1 < HEADER_BOTTOM_PT and self.width / 3 < w.x0 < self.width * 2 / 3]
        return " ".join(w.text for w in sorted(middle, key=lambda w: w.x0))

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def smallest(self) -> Word:
        return min(self.words, key=lambda w: w.size_pt)


def read_pages(pdf: Path) -> list[Page]:
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for number, chunk in enumerate(xml.split("<page ")[1:], 1):
        width = float(re.match(r'width="([\d.]+)"', chunk).group(1))
        words = []
        for line in _LINE.findall(chunk):
            boxes = [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in _WORD.findall(line)]
            # Rotated text: several words sharing one column, one below the other.
            rotated = len(boxes) > 1 and len({round(b[0], 1) for b in boxes}) == 1 and len({round(b[1], 1) for b in boxes}) > 1
            words.extend(Word(t, x0, y0, x1, y1, rotated) for x0, y0, x1, y1, t in boxes)
        pages.append(Page(number, width, tuple(words)))
    return pages


@dataclass(frozen=True)
class PlacedImage:
    page: int
    width_px: int
    height_px: int
    ppi: float


def read_images(pdf: Path) -> list[PlacedImage]:
    """Every picture in the PDF with the resolution it prints at (poppler's `pdfimages -list`)."""
    out = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    images = []
    for line in out.splitlines()[2:]:
        f = line.split()
        if len(f) > 13 and f[2] == "image":
            images.append(PlacedImage(int(f[0]), int(f[3]), int(f[4]), float(f[12])))
    return images
