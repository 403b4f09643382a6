"""The format-neutral result of reading another tool's file: an `ImportedPlan`.

Every reader (MS Project, GanttProject, spreadsheets, iCalendar) produces one,
and one function (`imports.mapping`) turns it into roadmap items. `complete()`
does what all formats share: it drops links to tasks that are not in the file,
refuses parent and dependency cycles, rolls undated parents up from their
children and places undated tasks after their predecessors, saying so.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from planner.model import Status

DEP_TYPES = ("FS", "SS", "FF", "SF")
UNDATED_DAYS = 7  # an undated task is placed as a one-week bar
UNGROUPED = "Ungrouped"  # the lane for top-level tasks outside any group


class ImportFileError(Exception):
    """The file cannot be imported; the message names the file and what is wrong."""

    def __init__(self, path: Path | str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = Path(path)
        self.reason = message


@dataclass(frozen=True)
class ImportedTask:
    key: str  # the source's own id (UID, row id, UID property), unique in the plan
    title: str  # exactly as in the file (only trailing no-break spaces trimmed, and reported)
    start: date | None = None
    end: date | None = None
    milestone: bool = False
    parent: str | None = None  # key of the parent task
    group: str = ""  # lane/group name given by the source, if any
    owner: str = ""
    status: Status | None = None
    description: str = ""
    budget: float | None = None
    undated: bool = False  # dates were not in the file: placed by complete()


@dataclass(frozen=True)
class ImportedLink:
    predecessor: str
    successor: str
    dep_type: str = "FS"  # one of DEP_TYPES
    lag_days: int = 0


@dataclass(frozen=True)
class Skipped:
    what: str
    why: str


@dataclass(frozen=True)
class ImportedPlan:
    source: Path
    format: str  # e.g. "GanttProject (.gan)"
    title: str = ""
    tasks: tuple[ImportedTask, ...] = ()
    links: tuple[ImportedLink, ...] = ()
    not_carried: tuple[str, ...] = ()  # "7 resources", "costs", "2 calendars"
    skipped: tuple[Skipped, ...] = ()
    notes: tuple[str, ...] = ()  # defects handled: "2 titles had trailing no-break spaces, trimmed"
    reader: str = "built-in reader"

    # --- derived facts, used by the preview and the tests ---

    def children(self) -> dict[str | None, list[ImportedTask]]:
        out: dict[str | None, list[ImportedTask]] = {}
        for t in self.tasks:
            out.setdefault(t.parent, []).append(t)
        return out

    def parents(self) -> set[str]:
        return {t.parent for t in self.tasks if t.parent is not None}

    def depth(self) -> int:
        by_key = {t.key: t for t in self.tasks}
        deepest = 0
        for t in self.tasks:
            d, p = 1, t.parent
            while p is not None:
                d, p = d + 1, by_key[p].parent
            deepest = max(deepest, d)
        return deepest

    def milestones(self) -> list[ImportedTask]:
        return [t for t in self.tasks if t.milestone]

    def one_day(self) -> list[ImportedTask]:
        """Tasks that are not milestones but start and end on one day: a roadmap shows them as milestones."""
        return [t for t in self.tasks if not t.milestone and t.start is not None and t.start == t.end]

    def link_counts(self) -> Counter:
        return Counter((l.dep_type, l.lag_days) for l in self.links)

    def top_groups(self) -> list[str]:
        """Lane names when lanes come from the top-level groups, in first-seen order."""
        return list(dict.fromkeys(groups(self).values()))


def groups(plan: ImportedPlan) -> dict[str, str]:
    """Each task's group: its top-level ancestor's own group (a lane column), else that ancestor's
    title when it has children, else UNGROUPED. A child always shares its top ancestor's group."""
    by_key = {t.key: t for t in plan.tasks}
    parents = plan.parents()
    out: dict[str, str] = {}
    for t in plan.tasks:
        top = t
        while top.parent is not None:
            top = by_key[top.parent]
        out[t.key] = top.group or (top.title.strip() if top.key in parents else UNGROUPED)
    return out


def trim_title(raw: str) -> tuple[str, bool]:
    """Trailing no-break spaces are an editor artefact: trim them (and say so)."""
    trimmed = raw.rstrip("\u00a0")
    if trimmed != raw and not trimmed.strip():
        return raw, False
    return trimmed, trimmed != raw


def complete(plan: ImportedPlan, undated_start: date) -> ImportedPlan:
    """Check structure, drop dangling links, date what the file left undated."""
    keys = [t.key for t in plan.tasks]
    dupes = [k for k, n in Counter(keys).items() if n > 1]
    if dupes:
        raise ImportFileError(plan.source, f"task id {dupes[0]!r} is used by {Counter(keys)[dupes[0]]} tasks")
    by_key = {t.key: t for t in plan.tasks}
    skipped = list(plan.skipped)
    tasks = []
    for t in plan.tasks:
        if t.parent is not None and t.parent not in by_key:
            skipped.append(Skipped(f"parent of '{t.title}'", f"{t.parent!r} is not in the file"))
            t = dataclasses.replace(t, parent=None)
        tasks.append(t)
    by_key = {t.key: t for t in tasks}
    _refuse_parent_cycle(plan.source, by_key)
    links = []
    seen = set()
    for l in plan.links:
        missing = [k for k in (l.predecessor, l.successor) if k not in by_key]
        if missing:
            skipped.append(Skipped(f"dependency {l.predecessor} → {l.successor}", f"{missing[0]!r} is not in the file"))
        elif l.predecessor == l.successor:
            skipped.append(Skipped(f"dependency of '{by_key[l.predecessor].title}'", "it points to itself"))
        elif (l.predecessor, l.successor) in seen:
            skipped.append(Skipped(f"dependency {l.predecessor} → {l.successor}", "a second link between the same tasks"))
        else:
            seen.add((l.predecessor, l.successor))
            links.append(l)
    order = _dependency_order(plan.source, by_key, links)
    tasks, notes = _date_undated(tasks, links, order, undated_start)
    return dataclasses.replace(
        plan, tasks=tuple(tasks), links=tuple(links), skipped=tuple(skipped), notes=plan.notes + tuple(notes)
    )


def _refuse_parent_cycle(source: Path, by_key: dict[str, ImportedTask]) -> None:
    for t in by_key.values():
        seen, p = {t.key}, t.parent
        while p is not None:
            if p in seen:
                raise ImportFileError(source, f"task '{t.title}' is its own ancestor (a parent cycle)")
            seen.add(p)
            p = by_key[p].parent


def _dependency_order(source: Path, by_key: dict[str, ImportedTask], links: list[ImportedLink]) -> list[str]:
    """Tasks in an order where every predecessor comes first; a cycle is refused."""
    preds: dict[str, list[str]] = {k: [] for k in by_key}
    succs: dict[str, list[str]] = {k: [] for k in by_key}
    for l in links:
        preds[l.successor].append(l.predecessor)
        succs[l.predecessor].append(l.successor)
    waiting = {k: len(v) for k, v in preds.items()}
    ready = [k for k in by_key if waiting[k] == 0]
    order: list[str] = []
    while ready:
        k = ready.pop()
        order.append(k)
        for s in succs[k]:
            waiting[s] -= 1
            if waiting[s] == 0:
                ready.append(s)
    if len(order) < len(by_key):
        stuck = [by_key[k].title for k in by_key if waiting[k] > 0][:3]
        raise ImportFileError(source, "the dependencies form a cycle (through " + ", ".join(f"'{s}'" for s in stuck) + ")")
    return order


def _date_undated(tasks, links, order, undated_start: date):
    """Roll parents up from children; place undated leaves after their predecessors."""
    by_key = {t.key: t for t in tasks}
    kids: dict[str, list[str]] = {}
    for t in tasks:
        if t.parent is not None:
            kids.setdefault(t.parent, []).append(t.key)
    one_date = 0
    for k, t in by_key.items():
        if (t.start is None) != (t.end is None):  # one date known: the task sits on that day
            one_date += 1
            d = t.start or t.end
            by_key[k] = dataclasses.replace(t, start=d, end=d)
    dated = [t for t in by_key.values() if t.start is not None]
    anchor = min((t.start for t in dated), default=undated_start)
    preds: dict[str, list[ImportedLink]] = {}
    for l in links:
        preds.setdefault(l.successor, []).append(l)
    placed = 0
    for k in order:
        t = by_key[k]
        if t.start is not None or k in kids:
            continue
        length = 0 if t.milestone else UNDATED_DAYS - 1
        after = [_earliest_start(by_key[l.predecessor], l, length) for l in preds.get(k, []) if by_key[l.predecessor].start]
        start = max(after) if after else anchor
        end = start + timedelta(days=length)
        by_key[k] = dataclasses.replace(t, start=start, end=end, undated=True)
        placed += 1
    rolled = 0
    for k in _deepest_first(by_key, kids):
        t = by_key[k]
        if t.start is None:
            spans = [by_key[c] for c in kids[k] if by_key[c].start is not None]
            if spans:
                by_key[k] = dataclasses.replace(t, start=min(c.start for c in spans), end=max(c.end for c in spans))
                rolled += 1
    notes = []
    if one_date:
        notes.append(f"{one_date} {_plural(one_date, 'task')} with only one date placed on that day")
    if placed:
        notes.append(
            f"{placed} {_plural(placed, 'task')} without dates placed as {_plural(placed, f'a {UNDATED_DAYS}-day bar', f'{UNDATED_DAYS}-day bars')} from "
            f"{anchor.isoformat()} after their predecessors: set their dates"
        )
    if rolled:
        notes.append(f"{rolled} undated {_plural(rolled, 'parent')} spanned from {_plural(rolled, 'its', 'their')} children")
    return [by_key[t.key] for t in tasks], notes


def _earliest_start(pred: ImportedTask, link: ImportedLink, length: int) -> date:
    """Where a task of `length` (+1) days can start after `pred` under the link's type and lag."""
    lag = timedelta(days=link.lag_days)
    one, span = timedelta(days=1), timedelta(days=length)
    return {
        "FS": pred.end + one + lag,
        "SS": pred.start + lag,
        "FF": pred.end + lag - span,
        "SF": pred.start + lag - span,
    }[link.dep_type]


def _deepest_first(by_key, kids) -> list[str]:
    def depth(k: str) -> int:
        d, p = 0, by_key[k].parent
        while p is not None:
            d, p = d + 1, by_key[p].parent
        return d

    return sorted(kids, key=depth, reverse=True)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return one if n == 1 else (many or one + "s")


def summary(plan: ImportedPlan, lanes: list[str] | None = None, more_skipped: tuple[Skipped, ...] = ()) -> str:
    """The one-paragraph preview shown before anything is written (CLI and GUI)."""
    n = len(plan.tasks)
    ms = len(plan.milestones())
    parents = len(plan.parents())
    types = Counter(l.dep_type for l in plan.links)
    lag = sum(1 for l in plan.links if l.lag_days)
    parts = [f"{plan.format}, {plan.reader}: {n} {_plural(n, 'item')}"]
    detail = [f"{ms} {_plural(ms, 'milestone')}", f"{parents} {_plural(parents, 'parent')}"]
    if parents:
        detail.append(f"{plan.depth()} levels deep")
    parts[0] += " (" + ", ".join(detail) + ")"
    link_text = f"{len(plan.links)} dependency {_plural(len(plan.links), 'link')}"
    if plan.links:
        link_text += " (" + ", ".join(f"{types[t]} {t}" for t in DEP_TYPES if types[t])
        link_text += f"; {lag} with lag)" if lag else ")"
    parts.append(link_text)
    if lanes is not None:
        parts.append(f"{len(lanes)} {_plural(len(lanes), 'lane')} ({', '.join(lanes[:6])}{', …' if len(lanes) > 6 else ''})")
    text = ", ".join(parts) + "."
    one_day = len(plan.one_day())
    notes = plan.notes + ((f"{one_day} one-day {_plural(one_day, 'task')} will show as {_plural(one_day, 'a milestone', 'milestones')}",) if one_day else ())
    if notes:
        text += " Handled: " + "; ".join(notes) + "."
    if plan.not_carried:
        text += " Not carried: " + ", ".join(plan.not_carried) + "."
    skipped = plan.skipped + tuple(more_skipped)
    if skipped:
        shown = "; ".join(f"{s.what} ({s.why})" for s in skipped[:8])
        more = f"; and {len(skipped) - 8} more" if len(skipped) > 8 else ""
        text += f" Skipped {len(skipped)}: {shown}{more}."
    return text
