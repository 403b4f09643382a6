"""The files the exports write: each format's file name ending, what to call it, whether it is text.

The command line refuses an output name that does not end as its format does
(`export --xlsx x.png`), and lets text formats go to standard output as `-`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath


@dataclass(frozen=True)
class Format:
    extension: str
    called: str  # in a sentence: "--xlsx writes an Excel workbook"
    text: bool  # makes sense on standard output


FORMATS = {
    "json": Format(".json", "JSON", True),
    "xlsx": Format(".xlsx", "an Excel workbook", False),
    "pptx": Format(".pptx", "a PowerPoint deck", False),
    "png": Format(".png", "a PNG picture", False),
    "svg": Format(".svg", "an SVG drawing", False),
    "pdf": Format(".pdf", "a PDF document", False),
    "mspdi": Format(".xml", "MS Project XML", True),
    "ics": Format(".ics", "an iCalendar file", True),
}

# Options of `export` that only some formats take.
APPLIES = {"size": ("png", "svg", "pdf"), "scale": ("png",), "band": ("mspdi",)}


def output_mistake(name: str, kind: str, option: str) -> str | None:
    """What is wrong with writing format `kind` under `name` (`-`: standard output), or None."""
    fmt = FORMATS[kind]
    if name == "-":
        return None if fmt.text else f"{option} writes {fmt.called}, which cannot go to standard output; give a file name ending in {fmt.extension}"
    if PurePath(name).suffix.lower() != fmt.extension:
        return f"{name}: {option} writes {fmt.called}; give a file name ending in {fmt.extension}"
    return None
