"""The presentation's steps: every slide of the deck, and on timeline slides each supported goal in focus."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from exports.board_facts import SupportLinks
from exports.slide_blocks import Para, Slide
from exports.slide_content import day
from exports.slide_style import LATE_LINK, MUTED, TEXT
from planner.model import ItemId, Roadmap

MAX_ENABLERS = 6  # listed in the focus box; the rest are counted


@dataclass(frozen=True)
class Step:
    slide: int  # index into the deck
    goal: ItemId | None = None  # the business goal in focus, if any


def steps_of(slides: list[Slide]) -> list[Step]:
    steps = []
    for n, slide in enumerate(slides):
        steps.append(Step(n))
        steps += [Step(n, goal) for goal in slide.focus]
    return steps


def focus_set(roadmap: Roadmap, goal: ItemId) -> frozenset[ItemId]:
    """The goal and the tech work that enables it."""
    return frozenset([goal, *SupportLinks.of(roadmap).supported_by.get(goal, ())])


def focus_caption(roadmap: Roadmap, goal: ItemId, today: date) -> list[Para]:
    """What the room reads about the goal in focus: its dates and each enabler's status and end."""
    item = roadmap.items[goal]
    enablers = sorted((roadmap.items[t] for t in SupportLinks.of(roadmap).supported_by.get(goal, ())),
                      key=lambda i: (i.end, i.title))
    lines = [Para(item.title, 14, bold=True), Para(f"{day(item.start)} – {day(item.end)} · {item.status.label}", 11, colour=MUTED),
             Para(f"Enabled by {len(enablers)}:", 11, bold=True)]
    for e in enablers[:MAX_ENABLERS]:
        late = e.end > item.end
        lines.append(Para(f"{e.title} · {e.status.label}, ends {day(e.end)}{' (after the goal)' if late else ''}", 11,
                          colour=LATE_LINK if late else TEXT))
    if len(enablers) > MAX_ENABLERS:
        lines.append(Para(f"…and {len(enablers) - MAX_ENABLERS} more", 11, colour=MUTED))
    return lines
