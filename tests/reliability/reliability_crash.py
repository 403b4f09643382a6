"""Crash trials: SIGKILL a writer at seeded points of its work, then check the file.

Each trial starts `reliability_crash_child.py` on the same roadmap (left as
the previous kill left it) and kills it the moment it has said a chosen
thing: that it started (the kill lands in opening and WAL recovery), that it
opened the file (the kill lands in the rolling backup), or, after the parent
let it make a random number k of steps one by one, that it began step k+1
(the kill lands in its transaction or just after) or committed it (the kill
lands before its acknowledgement). A third of the trials pick a k whose step
k+1 writes several rows. Kills are timed by what the child has done, never by
seconds, and the child makes at most k+1 steps, so a loaded machine changes
where inside step k+1 a kill lands but not how much each trial checks.

After each kill the file must open for writing (so the dead writer's lock is
gone), pass `PRAGMA integrity_check` and `foreign_key_check`, and equal
exactly the roadmap after the last acknowledged step or after the one step
that followed it, applied whole. Any other state is a failure: a lost
acknowledged edit or part of a multi-row edit.
"""

from __future__ import annotations

import collections
import os
import random
import signal
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from reliability_stream import MULTI_ROW, expected_states

from planner.backups import backups_of
from planner.interchange import load_sample
from planner.store import Store, StoreError

HERE = Path(__file__).resolve().parent
CHILD = HERE / "reliability_crash_child.py"
KEEP = 5
MAX_ACKS = 30  # k is drawn from 0..MAX_ACKS
EARLY_SHARE = 0.15
STAGES = ("started", "opened")  # what the child says before its first step
IN_STEP = ("begin", "committed")  # what it says during one


@dataclass(frozen=True)
class Trial:
    number: int
    kill_after: str  # what the child had said when it was killed: "started", "opened", "begin K+1", "committed K+1"
    early: bool  # killed before the child said it was ready
    waited_for: int  # the k acknowledged steps before the step the kill aimed at (0 when early)
    acked: int  # steps acknowledged before the kill: k, or k+1 when step k+1 finished before the signal landed
    outcome: str  # "at last ack", "next step whole", or what went wrong
    next_kind: str  # the step after the last ack: in flight or not yet begun
    next_rows: int
    acked_kinds: tuple[str, ...] = ()  # what the acknowledged steps were
    aimed_at: tuple[str, int] = ("", 0)  # the kind and rows of step k+1, the one the kill aimed at

    @property
    def survived(self) -> bool:
        return self.outcome in ("at last ack", "next step whole")


def run_trials(folder: Path, trials: int, seed: int = 20261116, log=None) -> list[Trial]:
    path = folder / "crash.roadmap"
    backups = folder / "backups"
    Store.create(path, load_sample()).close()
    with Store.open(path, read_only=True) as store:
        start = store.load()
    rng = random.Random(seed)
    results = []
    for number in range(1, trials + 1):
        trial, start = _one_trial(number, path, backups, start, rng)
        results.append(trial)
        if log is not None:
            log(trial)
        if not trial.survived:
            break  # the next trial would start from a file we cannot trust
    return results


def _plan(rng: random.Random, start, seed: int) -> tuple[str, int]:
    """When to kill: after a start-up stage (k = 0), or when step k+1 has begun or been committed."""
    if rng.random() < EARLY_SHARE:
        return rng.choice(STAGES), 0
    word = "begin" if rng.random() < 0.7 else "committed"
    if rng.random() < 1 / 3:  # aim at a multi-row step
        states = expected_states(start, seed, MAX_ACKS + 1)
        multi = [k for k in range(MAX_ACKS + 1) if states[k + 1][0] in MULTI_ROW or states[k + 1][1] > 1]
        if multi:
            return word, rng.choice(multi)
    return word, rng.randint(0, MAX_ACKS)


def _one_trial(number: int, path: Path, backups: Path, start, rng: random.Random):
    seed = rng.randrange(2**31)
    stage, k = _plan(rng, start, seed)
    early = stage in STAGES
    kill_after = stage if early else f"{stage} {k + 1}"
    today = date(2026, 1, 1) + timedelta(days=number)
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), str(seed), str(backups), today.isoformat()],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=HERE,
    )
    said: list[str] = []

    def hear(word: str) -> bool:
        while not (said and said[-1].startswith(word)):
            line = child.stdout.readline().decode()
            if not line:
                return False
            said.append(line)
        return True

    def go() -> None:
        child.stdin.write(b"go\n")
        child.stdin.flush()

    heard = hear(stage if early else "ready")
    for n in range(1, 1 if early else k + 2):
        if not heard:
            break
        go()
        heard = hear(f"ack {n} " if n <= k else f"{kill_after} ")
    if heard:
        os.kill(child.pid, signal.SIGKILL)
    child.stdin.close()
    child.wait()
    out, err = "".join(said) + child.stdout.read().decode(), child.stderr.read().decode()
    if child.returncode != -signal.SIGKILL:
        return _failed(number, f"child stopped before {kill_after!r} ({child.returncode}): {err[-800:]}"), start
    acked = sum(1 for line in out.splitlines(keepends=True) if line.startswith("ack ") and line.endswith("\n"))

    states = expected_states(start, seed, max(acked, k) + 2)
    aimed_at = ("", 0) if early else states[k + 1][:2]
    next_kind, next_rows, _ = states[acked + 1]
    kinds = tuple(kind for kind, _, _ in states[1 : acked + 1])
    try:
        with Store.open(path) as store:  # writable: runs WAL recovery, and needs the dead child's lock
            integrity = store.db.execute("PRAGMA integrity_check").fetchall()
            dangling = store.db.execute("PRAGMA foreign_key_check").fetchall()
            actual = store.load()
    except StoreError as e:
        return Trial(number, kill_after, early, k, acked, f"cannot open: {e}", next_kind, next_rows, kinds, aimed_at), start
    if integrity != [("ok",)] or dangling:
        outcome = f"integrity {integrity[:3]} foreign keys {dangling[:3]}"
    else:
        outcome = classify(actual, states, acked)
    problem = _check_backups(path, backups)
    if problem:
        outcome = problem
    return Trial(number, kill_after, early, k, acked, outcome, next_kind, next_rows, kinds, aimed_at), actual


def _failed(number: int, why: str) -> Trial:
    return Trial(number, "", False, 0, 0, why, "", 0)


def classify(actual, states, acked: int) -> str:
    """Where the file is among the whole-step states: at the last ack, one step on, or neither."""
    if actual == states[acked][2]:
        return "at last ack"
    if acked + 1 < len(states) and actual == states[acked + 1][2]:
        return "next step whole"
    for n, (_, _, roadmap) in enumerate(states):
        if roadmap == actual:
            return f"file holds the state after step {n}: acknowledged steps were lost"
    return "file matches no whole step: a step was half applied"


def _check_backups(path: Path, backups: Path) -> str:
    found = backups_of(path, backups)
    if len(found) > KEEP:
        return f"{len(found)} backups kept, not {KEEP}"
    for _, backup in found:
        try:
            with Store.open(backup, read_only=True) as store:
                if store.db.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                    return f"backup {backup.name} is damaged"
                store.load()
        except StoreError as e:
            return f"backup unusable: {e}"
    return ""


def summary(trials: list[Trial]) -> dict[str, object]:
    """The figures: trials, survivors, where each kill left the file."""
    outcomes = collections.Counter(t.outcome for t in trials)
    in_flight_multi = [t for t in trials if t.next_kind in MULTI_ROW or t.next_rows > 1]
    aimed_multi = [t for t in trials if t.aimed_at[0] in MULTI_ROW or t.aimed_at[1] > 1]
    return {
        "kill trials": len(trials),
        "survivors": sum(t.survived for t in trials),
        "killed during start-up (open, recovery, backup)": sum(t.early for t in trials),
        "  after 'started' / 'opened'": " / ".join(str(sum(t.kill_after == s for t in trials)) for s in STAGES),
        "acknowledged steps the kills waited for": sum(t.waited_for for t in trials),
        "kills during a step, after 'begin' / 'committed'": " / ".join(
            str(sum(t.kill_after.startswith(w) for t in trials)) for w in IN_STEP
        ),
        "  'begin' kills before the step's commit / after it": " / ".join(
            str(sum(t.kill_after.startswith("begin") and t.outcome == o for t in trials)) for o in ("at last ack", "next step whole")
        ),
        "kills aimed at a multi-row step": len(aimed_multi),
        "  of which landed before its ack": sum(t.acked == t.waited_for for t in aimed_multi),
        "file at the last acknowledged step": outcomes["at last ack"],
        "file one step further, that step whole": outcomes["next step whole"],
        "kills with a multi-row step next (never half applied)": len(in_flight_multi),
        "kills after a multi-row step committed, before its ack": sum(t.outcome == "next step whole" for t in in_flight_multi),
        "acknowledged steps checked": sum(t.acked for t in trials),
        "  of which multi-row": ", ".join(
            f"{kind} {n}" for kind, n in sorted(collections.Counter(k for t in trials for k in t.acked_kinds if k in MULTI_ROW).items())
        ),
        "  undo / redo / reopen": " / ".join(
            str(sum(k == kind for t in trials for k in t.acked_kinds)) for kind in ("undo", "redo", "reopen")
        ),
        "failures": [f"trial {t.number}: {t.outcome}" for t in trials if not t.survived],
    }
