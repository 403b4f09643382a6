"""Alignment rules about who owns each item, run as part of planner/alignment.py.

- ``missing-owner`` (warning): an item with no owner.
- ``owner-side`` (info): a business item owned only by IT roles, or tech
  work owned only by business roles (`IT_ROLES`, `BUSINESS_ROLES`; owners
  that match neither list are not judged).
"""

from __future__ import annotations

import re
from functools import lru_cache

from planner import alignment_report as say
from planner.alignment_report import RuleContext, Severity
from planner.model import Band, Status

# Owner roles, lower case. An owner field may name several people ("CTO / COO");
# it counts as one side only when every part is a role of that side.
IT_ROLES = frozenset({
    "cto", "cio", "ciso", "chief technology officer", "chief information officer",
    "chief information security officer", "chief data officer", "head of data", "head of it",
    "it director", "director of it", "head of technology", "technology director", "head of engineering",
    "head of platform", "head of infrastructure", "head of data science", "head of security",
    "head of architecture", "enterprise architect", "it", "it department",
})
BUSINESS_ROLES = frozenset({
    "ceo", "cfo", "coo", "cmo", "cro", "cco", "chro", "chief executive", "chief executive officer",
    "chief financial officer", "chief operating officer", "chief marketing officer",
    "chief revenue officer", "chief commercial officer", "chief customer officer",
    "chief people officer", "managing director", "finance director", "marketing director",
    "sales director", "commercial director", "operations director", "hr director",
    "head of sales", "head of marketing", "head of finance", "head of operations", "head of hr",
})


def owner_rules(a: RuleContext) -> None:
    """Missing owners, and owners on the wrong side of the business/technology line."""
    for item in a.roadmap.items.values():
        if item.status == Status.DONE:
            continue
        side = owner_side(item.owner)
        if side == "":
            a.hygiene_flagged.add(item.id)
            a.add(
                Severity.WARNING, "missing-owner", (item.id,),
                f"Nobody owns {say.quote(item.title)}.",
                "Name one accountable owner.",
            )
        elif item.band == Band.BUSINESS and side == "it":
            a.add(
                Severity.INFO, "owner-side", (item.id,),
                f"The business goal {say.quote(item.title)} is owned only by {item.owner.strip()}, "
                f"with no business owner.",
                "Give it a business owner and keep technology as the delivery partner.",
            )
        elif item.band == Band.TECH and side == "business":
            a.add(
                Severity.INFO, "owner-side", (item.id,),
                f"The technology work {say.quote(item.title)} is owned only by {item.owner.strip()}, "
                f"with nobody in technology accountable for delivering it.",
                "Add a technology owner accountable for delivery.",
            )


_OWNER_SPLIT = re.compile(r"\s*(?:/|,|;|&|\+|\band\b)\s*", re.IGNORECASE)
_PARENS = re.compile(r"\(([^)]*)\)")


@lru_cache(maxsize=4096)
def owner_side(owner: str) -> str:
    """'' for no owner, 'it' or 'business' when every named part is such a role, else 'other'."""
    parts = [p for p in _OWNER_SPLIT.split(owner.strip()) if p]
    if not parts:
        return ""
    sides = set()
    for part in parts:
        candidates = [part.lower(), *(c.strip().lower() for c in _PARENS.findall(part))]
        if any(c in IT_ROLES for c in candidates):
            sides.add("it")
        elif any(c in BUSINESS_ROLES for c in candidates):
            sides.add("business")
        else:
            sides.add("other")
    return sides.pop() if len(sides) == 1 else "other"
