"""When a dependency is kept: typed links (FS, SS, FF, SF) with a lag, in whole days.

An item starts at the beginning of its start day and finishes at the end of
its end day; a milestone (start == end) is a moment at the end of its day.
Measured on those boundaries a link between predecessor P and successor S
with lag L requires

- FS: S starts no earlier than L days after P finishes (L = 0: the day after P's last day),
- SS: S starts no earlier than L days after P starts,
- FF: S finishes no earlier than L days after P finishes,
- SF: S finishes no earlier than L days after P starts.

A negative L allows that much overlap. This is MS Project's reading of a plan
worked from 08:00 to 17:00 (exports/mspdi.py writes those times), so a plan
that keeps its links here is not rescheduled there. A supports link is timed
as FF with a lag of the late-enabler lead time: the enabler finishes at least
that long before the goal does.
"""

from __future__ import annotations

from datetime import date, timedelta

from planner.model import DependencyType, Item

_DAY = timedelta(days=1)


def starts(item: Item) -> date:
    """The boundary where `item` starts: its start day's beginning (a milestone: its day's end)."""
    return item.start + _DAY if item.is_milestone else item.start


def finishes(item: Item) -> date:
    """The boundary where `item` finishes: the end of its end day, i.e. the next day's beginning."""
    return item.end + _DAY


def days_early(dep_type: DependencyType, lag_days: int, predecessor: Item, successor: Item) -> int:
    """How many days too early the successor is (0 or less: the link is kept)."""
    ref = starts(predecessor) if dep_type in (DependencyType.SS, DependencyType.SF) else finishes(predecessor)
    own = starts(successor) if dep_type in (DependencyType.FS, DependencyType.SS) else finishes(successor)
    return (ref - own).days + lag_days


def successor_verb(dep_type: DependencyType) -> str:
    """What the link constrains about the successor: 'start' or 'finish'."""
    return "start" if dep_type in (DependencyType.FS, DependencyType.SS) else "finish"


def predecessor_event(dep_type: DependencyType) -> str:
    """What the successor waits for: the predecessor 'starts' or 'finishes'."""
    return "starts" if dep_type in (DependencyType.SS, DependencyType.SF) else "finishes"


def requirement(dep_type: DependencyType, lag_days: int, predecessor_name: str) -> str:
    """The rule in words, e.g. 'must not start until 30 days after “A” finishes'."""
    verb, event = successor_verb(dep_type), predecessor_event(dep_type)
    n = abs(lag_days)
    days = "1 day" if n == 1 else f"{n} days"
    if lag_days > 0:
        return f"must not {verb} until {days} after {predecessor_name} {event}"
    if lag_days < 0:
        return f"must not {verb} more than {days} before {predecessor_name} {event}"
    return f"must not {verb} before {predecessor_name} {event}"
