"""The analysis that follows edits equals a fresh one: random sequences of every edit kind, undo and redo.

Each step (tests/planner/edit_machine.py) is validated into a change set and
applied to the model the way the document does (undo applies
`invert(changes)`, redo the changes again, repeated nudges merge into one
step); the `IncrementalAnalysis` is told of the change set only. After every
step its report must equal `analyse(roadmap, today)`: findings in order,
score and parts, the stable finding keys, by_item and the counts. Replaying
every `ReportDelta` on a mirror of the findings must give the report's
findings too, which is what the findings dock relies on.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, run_state_machine_as_test

from planner import edits as e
from planner.alignment import IncrementalAnalysis, analyse
from planner.alignment_incremental import GLOBAL
from planner.interchange import load_sample
from planner.model import Band, apply_changes, invert
from tests.planner.edit_machine import SETTINGS, TODAY, RoadmapEdits, with_outline


class FollowingEdits(RoadmapEdits):
    """The edits, with an analysis following every change set."""

    @initialize(today=st.sampled_from([TODAY, date(2026, 12, 29), date(2027, 2, 15), date(2025, 6, 1)]))
    def start(self, today):
        """Days when the sample's metrics are fresh, just fresh, stale, and not yet measured."""
        self.today = today
        self.analysis = IncrementalAnalysis(self.model, today)
        self.mirror = {(f.severity, f.rule, k): f for f, k in zip(self.analysis.report.findings, self.analysis.report.keys)}

    def follow(self, changes) -> None:
        before = self.analysis.report.by_item
        delta = self.analysis.update(self.model, changes)
        after = self.analysis.report.by_item
        assert {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)} <= delta.items
        for severity, rule_id, key, finding in delta.changes:
            if finding is None:
                del self.mirror[severity, rule_id, key]
            else:
                self.mirror[severity, rule_id, key] = finding

    # --- what must hold after every step ----------------------------------------------------

    @invariant()
    def equals_a_fresh_analysis(self):
        fresh = analyse(self.model, self.today)
        report = self.analysis.report
        assert report == fresh
        assert report.keys == fresh.keys
        assert report.by_item == fresh.by_item
        assert report.counts_by_severity == fresh.counts_by_severity
        assert list(report.counts_by_rule.items()) == list(fresh.counts_by_rule.items())

    @invariant()
    def deltas_replay_to_the_report(self):
        report = self.analysis.report
        assert self.mirror == {(f.severity, f.rule, k): f for f, k in zip(report.findings, report.keys)}


def test_the_incremental_analysis_equals_a_fresh_one_after_every_step():
    run_state_machine_as_test(
        FollowingEdits,
        settings=settings(max_examples=120, stateful_step_count=30, deadline=None,
                          suppress_health_check=list(HealthCheck), database=None),
    )


def test_keys_are_the_entity_and_a_number_and_roadmap_wide_findings_come_first():
    model = dataclasses.replace(load_sample(), info=dataclasses.replace(load_sample().info, tech_months=60))
    report = analyse(model, TODAY)
    horizon = [k for f, k in zip(report.findings, report.keys) if f.rule == "tech-horizon"]
    assert horizon[0] == (GLOBAL, 0)
    assert all(isinstance(k[0], int) and k[1] >= 0 for k in horizon[1:])
    late = [(f, k) for f, k in zip(report.findings, report.keys) if f.rule == "late-enabler"]
    assert late and all(k[0] == f.item_ids[0] for f, k in late)  # the enabler's id: it judges its goals in turn


def test_a_drag_re_runs_only_the_units_of_the_item_its_goals_and_links():
    """What makes an edit cheap: a date change touches its own keys, not the other 39 items'."""
    model = load_sample()
    analysis = IncrementalAnalysis(model, TODAY)
    analysis.update(model, ())  # begin following
    item = next(i for i in model.items.values() if i.band == Band.TECH and analysis.enables.get(i.id))
    runs: list[tuple[str, int]] = []
    original = analysis._run
    analysis._run = lambda unit, key: (runs.append((unit, key)), original(unit, key))
    changes = e.MoveItems((item.id,), 7).changes(model)
    model = apply_changes(model, changes)
    analysis.update(model, changes)
    assert analysis.report == analyse(model, TODAY)
    keys = {key for _, key in runs}
    assert item.id in keys
    assert keys <= {item.id, *analysis.enables[item.id], *(l.id for l in model.links_of(item.id)),
                    *(m.id for m in model.metrics.values() if item.id in m.tech_item_ids)}
    assert len(runs) <= 12


def test_every_threshold_and_window_change_is_followed_on_each_kind_of_day():
    """The rare edits, one by one, where a random sequence might not reach them: thresholds and the tech window."""
    info = load_sample().info
    edits = [e.SetSetting(name, value) for name, value in SETTINGS] + [
        e.UpdateRoadmapInfo(dataclasses.replace(info, tech_start=date(2027, 6, 1))),
        e.UpdateRoadmapInfo(dataclasses.replace(info, tech_months=24)),
        e.UpdateRoadmapInfo(dataclasses.replace(info, horizon_start=date(2024, 1, 1))),
    ]
    for today in (TODAY, date(2026, 12, 29), date(2027, 2, 15), date(2025, 6, 1)):
        model = with_outline(load_sample())
        analysis = IncrementalAnalysis(model, today)
        for edit in edits:
            changes = edit.changes(model)
            for step in (changes, invert(changes)):
                model = apply_changes(model, step)
                analysis.update(model, step)
                assert analysis.report == analyse(model, today), (today, edit)
