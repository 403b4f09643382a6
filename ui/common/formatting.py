"""How the rooms write dates, budgets, bands, links and counts, and read budgets back."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from PySide6.QtCore import QDate

from planner.model import Band, ItemId, Link, LinkKind, Roadmap
from planner.validation import ValidationError

DATE_FORMAT = "yyyy-MM-dd"  # Qt's pattern for every date field
BAND_NAMES = {Band.BUSINESS: "Business", Band.TECH: "Technology"}

_SCALE = {"k": 1e3, "m": 1e6, "bn": 1e9, "b": 1e9}
_BUDGET = re.compile(r"^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(k|m|bn|b)?$")


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def format_budget(value: float | None) -> str:
    """'1,200,000' for 1200000.0, '' for no budget; exact, so re-reading gives the same number."""
    if value is None:
        return ""
    if value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,}"


def parse_budget(text: str) -> float | None:
    """The budget a user typed: '' is none; '1,200,000', '£850k' and '2.1m' are numbers.

    Raises `ValidationError("budget", ...)` for anything else; the rules
    (no negative budgets) are left to planner.validation.
    """
    cleaned = re.sub(r"[\s,_£$€]", "", text).lower()
    if not cleaned:
        return None
    match = _BUDGET.match(cleaned)
    if match is None:
        raise ValidationError("budget", f"budget must be a number such as 1,200,000 or 1.2m, not {text.strip()!r}")
    return float(match.group(1)) * _SCALE.get(match.group(2) or "", 1)


def link_description(roadmap: Roadmap, link: Link, item_id: ItemId) -> str:
    """How `link` reads from `item_id`'s side: "Supports 'Online sales 30% of revenue'"."""
    outgoing = link.source_id == item_id
    other = roadmap.items.get(link.target_id if outgoing else link.source_id)
    title = other.title if other is not None else "?"
    if link.kind == LinkKind.SUPPORTS:
        verb = "Supports" if outgoing else "Enabled by"
    else:
        verb = "Depends on" if outgoing else "Required by"
    return f"{verb} '{title}'"


def count_summary(roadmap: Roadmap, counts: Counter | None = None) -> str:
    """'20 business items · 20 tech initiatives · 35 links' (`counts`: items by band, if counted already)."""
    counts = counts if counts is not None else band_counts(roadmap)
    business, tech = counts[Band.BUSINESS], counts[Band.TECH]
    links = len(roadmap.links)

    def n(count: int, one: str, many: str) -> str:
        return f"{count:,} {one if count == 1 else many}"

    return f"{n(business, 'business item', 'business items')} · {n(tech, 'tech initiative', 'tech initiatives')} · {n(links, 'link', 'links')}"


def band_counts(roadmap: Roadmap) -> Counter:
    return Counter(i.band for i in roadmap.items.values())
