"""SIGKILL a writer at chosen steps: every acknowledged edit survives, no edit is half applied."""

from __future__ import annotations

import pytest
from reliability_crash import classify, run_trials, summary
from reliability_stream import expected_states

from planner.model import apply_changes
from planner.store import Store

TRIALS = 60


@pytest.mark.slow
def test_killed_writer_never_loses_an_acknowledged_edit(tmp_path):
    trials = run_trials(tmp_path, TRIALS)
    figures = summary(trials)
    print(f"\ncrash trials ({tmp_path}):")
    for key, value in figures.items():
        print(f"  {key}: {value}")
    assert not figures["failures"], figures["failures"]
    assert figures["kill trials"] == figures["survivors"] == TRIALS >= 50
    # Work is bounded by count, not time: the kill came once step k+1 had begun (k drawn
    # from the seed) and the child was allowed no further step, however loaded the machine.
    for t in trials:
        assert t.acked == 0 if t.early else t.acked in (t.waited_for, t.waited_for + 1), t
    assert figures["acknowledged steps checked"] >= figures["acknowledged steps the kills waited for"] >= 10 * TRIALS
    assert figures["killed during start-up (open, recovery, backup)"] >= 3
    assert figures["kills aimed at a multi-row step"] >= 10


def test_the_check_would_see_a_half_applied_edit(tmp_path, sample):
    """The trial's verdict is not vacuous: a multi-row step written in two halves is caught."""
    states = expected_states(sample, seed=7, steps=40)
    n, (kind, rows, after) = next((n, s) for n, s in enumerate(states) if n and s[1] >= 3)
    before = states[n - 1][2]
    from reliability_stream import Session

    session = Session(sample, seed=7)
    for _ in range(n - 1):
        session.done(*session.next())
    _, changes = session.next()
    assert len(changes) == rows >= 3
    half = apply_changes(before, changes[: len(changes) // 2])
    path = tmp_path / "half.roadmap"
    with Store.create(path, before) as store:
        store.apply(changes[: len(changes) // 2])
        assert store.load() == half
    assert classify(half, states, n - 1) == "file matches no whole step: a step was half applied"
    assert classify(after, states, n - 1) == "next step whole"
    assert classify(before, states, n - 1) == "at last ack"
    assert classify(before, states, n) == "file holds the state after step {}: acknowledged steps were lost".format(n - 1)
