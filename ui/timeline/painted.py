"""What the timeline painted in its last frame, for tests and checks that measure without reading pixels."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF

from planner.model import ItemId


@dataclass(frozen=True)
class PaintedLabel:
    """One piece of text as drawn: `rect` is in the view's viewport coordinates.

    kind: "title" (an item's title; `placement` says inside, right, left or
    elided), "count" (how many links, or enablers when links are hidden),
    "axis" (`tier` names band and level, e.g. "tech:month"), "header",
    "marker" (the tech window's and today's labels) or "hint".
    """

    kind: str
    text: str
    full_text: str
    rect: QRectF
    item_id: ItemId | None = None
    tier: str | None = None
    placement: str = ""
