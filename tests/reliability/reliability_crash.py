"""Crash trials: SIGKILL a writer at random moments, then check the file.

Each trial starts `reliability_crash_child.py` on the same roadmap (left as
the previous kill left it), kills it after a random delay (some during
start-up: opening, WAL recovery, the rolling backup; most mid-stream), and
then checks that the file opens for writing (so the dead writer's lock is
gone), passes `PRAGMA integrity_check` and `foreign_key_check`, and equals
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
import time
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


@dataclass(frozen=True)
class Trial:
    number: int
    delay_s: float
    early: bool  # killed before the child said it was ready
    acked: int  # steps acknowledged before the kill
    outcome: str  # "at last ack", "next step whole", or what went wrong
    next_kind: str  # the step after the last ack: in flight or not yet begun
    next_rows: int
    acked_kinds: tuple[str, ...] = ()  # what the acknowledged steps were

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


def _one_trial(number: int, path: Path, backups: Path, start, rng: random.Random):
    seed = rng.randrange(2**31)
    today = date(2026, 1, 1) + timedelta(days=number)
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), str(seed), str(backups), today.isoformat()],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=HERE,
    )
    early = rng.random() < 0.15
    if early:
        delay = rng.uniform(0.0, 0.3)
    else:
        first = child.stdout.readline()
        if first != b"ready\n":
            child.kill()
            child.wait()
            return _failed(number, f"child did not start: {first!r} {child.stderr.read().decode()[-500:]}"), start
        delay = rng.uniform(0.0, 0.12)
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    out, err = child.stdout.read().decode(), child.stderr.read().decode()
    if child.returncode != -signal.SIGKILL:
        return _failed(number, f"child exited by itself ({child.returncode}): {err[-800:]}"), start
    acked = sum(1 for line in out.splitlines() if line.startswith("ack "))

    states = expected_states(start, seed, acked + 1)
    next_kind, next_rows, _ = states[acked + 1]
    kinds = tuple(kind for kind, _, _ in states[1 : acked + 1])
    try:
        with Store.open(path) as store:  # writable: runs WAL recovery, and needs the dead child's lock
            integrity = store.db.execute("PRAGMA integrity_check").fetchall()
            dangling = store.db.execute("PRAGMA foreign_key_check").fetchall()
            actual = store.load()
    except StoreError as e:
        return Trial(number, delay, early, acked, f"cannot open: {e}", next_kind, next_rows, kinds), start
    if integrity != [("ok",)] or dangling:
        outcome = f"integrity {integrity[:3]} foreign keys {dangling[:3]}"
    else:
        outcome = classify(actual, states, acked)
    problem = _check_backups(path, backups)
    if problem:
        outcome = problem
    return Trial(number, delay, early, acked, outcome, next_kind, next_rows, kinds), actual


def _failed(number: int, why: str) -> Trial:
    return Trial(number, 0.0, False, 0, why, "", 0)


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
    return {
        "kill trials": len(trials),
        "survivors": sum(t.survived for t in trials),
        "killed during start-up (open, recovery, backup)": sum(t.early for t in trials),
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
