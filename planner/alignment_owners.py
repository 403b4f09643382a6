"""Alignment rules about who owns each item, one item at a time (planner/alignment_rules.py says how).

- ``missing-owner`` (warning): an item with no owner.
- ``owner-side`` (info): a business item owned only by IT roles, or tech
  work owned only by business roles (`IT_ROLES`, `BUSINESS_ROLES`; owners
  that match neither list are not judged).
"""

from __future__ import annotations

import re
from functools import lru_cache

from planner import alignment_report as say
from planner.alignment_report import Finding, Result, RuleContext, Severity
from planner.model import Band, Item, Status

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


def owner_unit(a: RuleContext, item: Item) -> Result | None:
    """A missing owner, or an owner on the wrong side of the business/technology line."""
    if item.status == Status.DONE:
        return None
    side = owner_side(item.owner)
    if side == "":
        finding = Finding(
            Severity.WARNING, "missing-owner", (item.id,),
            f"Nobody owns {say.quote(item.title)}.",
            "Name one accountable owner.",
        )
        return ((finding,), (item.id,), (), None, ())
    if item.band == Band.BUSINESS and side == "it":
        finding = Finding(
            Severity.INFO, "owner-side", (item.id,),
            f"The business goal {say.quote(item.title)} is owned only by {item.owner.strip()}, "
            f"with no business owner.",
            "Give it a business owner and keep technology as the delivery partner.",
        )
    elif item.band == Band.TECH and side == "business":
        finding = Finding(
            Severity.INFO, "owner-side", (item.id,),
            f"The technology work {say.quote(item.title)} is owned only by {item.owner.strip()}, "
            f"with nobody in technology accountable for delivering it.",
            "Add a technology owner accountable for delivery.",
        )
    else:
        return None
    return ((finding,), (), (), None, ())


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
