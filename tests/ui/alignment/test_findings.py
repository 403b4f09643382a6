"""The findings dock: its tree model, clicks selecting items, and refreshing after edits and undo."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtTest import QTest

from planner.alignment import RULES, ReportDelta, Severity, analyse
from planner.edits import AddLink, DuplicateItems, MoveItems, UpdateItem
from planner.model import ItemId, LinkKind
from ui.alignment.model import FINDING_ROLE, FindingsModel
from ui.alignment.panel import FindingsPanel
from ui.common.severity import HEADINGS, status_text
from ui.common.models import sync_rows
from tests.ui.days import TODAY

BLOCKCHAIN = ItemId(39)  # tech work that supports nothing: 'unjustified-tech'
MULTI_CURRENCY = ItemId(29)  # ends after 'Launch in Germany' (7), which it supports: 'late-enabler'
GERMANY = ItemId(7)
SAME_DAY = ItemId(3)  # a goal in the tech window nothing supports: 'unsupported-goal'


@pytest.fixture
def panel(qtbot, document, selection):
    widget = FindingsPanel(selection)
    qtbot.addWidget(widget)
    widget.set_document(document)
    widget.resize(460, 720)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(20)
    return widget


def leaves(model: FindingsModel) -> list[QModelIndex]:
    out = []
    for s in range(model.rowCount()):
        severity = model.index(s, 0)
        for r in range(model.rowCount(severity)):
            rule = model.index(r, 0, severity)
            out += [model.index(n, 0, rule) for n in range(model.rowCount(rule))]
    return out


def leaf_for(model: FindingsModel, rule: str) -> QModelIndex:
    for index in leaves(model):
        if index.data(FINDING_ROLE).rule == rule:
            return index
    raise AssertionError(f"no {rule} finding shown")


def shown_rules(model: FindingsModel) -> set[str]:
    return {index.data(FINDING_ROLE).rule for index in leaves(model)}


def click(qtbot, panel: FindingsPanel, index: QModelIndex) -> None:
    view = panel.view
    view.scrollTo(index)
    qtbot.wait(20)
    rect = view.visualRect(index)
    assert rect.isValid() and view.viewport().rect().contains(rect.center())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())


def test_model_contract_holds_through_edits_and_undo(qtmodeltester, panel, document):
    qtmodeltester.check(panel.model)  # the C++ tester keeps checking every later signal
    document.push(AddLink(LinkKind.SUPPORTS, BLOCKCHAIN, GERMANY))
    document.push(UpdateItem(dataclasses.replace(document.roadmap.items[SAME_DAY], owner="")))
    document.undo_stack.undo()
    document.undo_stack.undo()
    document.undo_stack.redo()


def test_shows_the_report_grouped_by_severity_and_rule(panel, document):
    report = analyse(document.roadmap, TODAY)
    assert panel.report == report
    model = panel.model
    headings = [model.index(n, 0).data() for n in range(model.rowCount())]
    assert headings == ["Errors (1)", "Warnings (2)", "Information (10)"]
    errors = model.index(0, 0)
    assert model.index(0, 0, errors).data() == f"{RULES['late-enabler']} (1)"
    assert [i.data(FINDING_ROLE) for i in leaves(model)] == list(report.findings)
    assert panel.header.score_label.text() == str(report.score)
    assert panel.header.counts[Severity.INFO].text() == "10 info"
    assert status_text(report) == f"Alignment {report.score}/100 · 1 error · 2 warnings · 10 info"
    # Every group opens expanded, so every finding is visible without clicking.
    assert all(panel.view.isExpanded(i.parent()) for i in leaves(model))


def test_clicking_a_finding_selects_and_reveals_its_items(qtbot, panel, selection):
    index = leaf_for(panel.model, "late-enabler")
    finding = index.data(FINDING_ROLE)
    assert set(finding.item_ids) == {MULTI_CURRENCY, GERMANY}
    with qtbot.waitSignal(panel.reveal_requested) as revealed:
        click(qtbot, panel, index)
    assert selection.ids == {MULTI_CURRENCY, GERMANY}
    assert revealed.args == [finding.item_ids]
    assert "Suggested action" in panel.detail.text()


def test_clicking_a_rule_group_selects_all_its_items(qtbot, panel, selection, document):
    info = panel.model.index(2, 0)
    rule = panel.model.index(0, 0, info)
    click(qtbot, panel, rule)
    expected = {i for f in analyse(document.roadmap, TODAY).findings if f.rule == "unmeasured-link" for i in f.item_ids}
    assert selection.ids == expected and len(expected) == 10
    assert panel.model.item_ids(rule)


def test_findings_refresh_after_an_edit_and_after_undo(qtbot, panel, document):
    assert "unjustified-tech" in shown_rules(panel.model)
    with qtbot.waitSignal(panel.report_changed) as changed:
        document.push(AddLink(LinkKind.SUPPORTS, BLOCKCHAIN, GERMANY))
    assert changed.args[0] is panel.report
    assert "unjustified-tech" not in shown_rules(panel.model)
    assert panel.report == analyse(document.roadmap, TODAY)

    with qtbot.waitSignal(panel.report_changed):
        document.undo_stack.undo()
    assert "unjustified-tech" in shown_rules(panel.model)
    assert panel.report == analyse(document.roadmap, TODAY)


def test_the_score_header_follows_edits_that_change_it_and_keeps_what_others_leave(panel, document):
    """The header skips reports whose score, parts and counts are those shown: it must still see each change."""

    def header() -> tuple:
        h = panel.header
        return h.score_label.text(), tuple(c.text() for c in h.counts.values()), tuple(m.score for _, m, _ in h._part_rows)

    first, report = header(), analyse(document.roadmap, TODAY)
    document.push(AddLink(LinkKind.SUPPORTS, BLOCKCHAIN, GERMANY))  # justifies a tech item: one info finding fewer
    fixed = analyse(document.roadmap, TODAY)
    assert header() != first
    linked = header()
    assert panel.header.score_label.text() == str(fixed.score)
    assert panel.header.counts[Severity.INFO].text() == f"{fixed.counts_by_severity[Severity.INFO]} info"
    renamed = dataclasses.replace(document.roadmap.items[SAME_DAY], title="Same day, renamed")
    document.push(UpdateItem(renamed))  # changes no finding count or score
    assert analyse(document.roadmap, TODAY).counts_by_severity == fixed.counts_by_severity
    assert header() == linked and panel.header.score_label.text() == str(analyse(document.roadmap, TODAY).score)
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert header() == first and panel.header.score_label.text() == str(report.score)


def test_a_drag_that_fixes_the_late_enabler_clears_the_error(qtbot, panel, document):
    # What a drag on the timeline pushes: the enabler moved to end on the launch day.
    document.push(MoveItems((MULTI_CURRENCY,), -182))
    assert not panel.report.has_errors
    assert panel.model.index(0, 0).data().startswith("Warnings")
    document.undo_stack.undo()
    assert panel.report.has_errors
    assert panel.model.index(0, 0).data() == "Errors (1)"


def test_the_current_finding_survives_an_unrelated_edit(qtbot, panel, document):
    index = leaf_for(panel.model, "unsupported-goal")
    click(qtbot, panel, index)
    finding = index.data(FINDING_ROLE)
    document.push(AddLink(LinkKind.SUPPORTS, BLOCKCHAIN, GERMANY))
    assert panel.view.currentIndex().data(FINDING_ROLE) == finding


def test_no_document_shows_nothing(qtbot, panel):
    with qtbot.waitSignal(panel.report_changed) as changed:
        panel.set_document(None)
    assert changed.args == [None]
    assert panel.report is None
    assert panel.model.rowCount() == 0


class _ListModel(QAbstractListModel):
    def __init__(self):
        super().__init__()
        self.rows: list[tuple[int, str]] = []

    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return self.rows[index.row()][1] if index.isValid() and role == Qt.ItemDataRole.DisplayRole else None


_rows = st.lists(st.tuples(st.integers(0, 30), st.sampled_from("abc")), max_size=25, unique_by=lambda r: r[0])


@given(before=_rows, after=_rows)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_sync_rows_reaches_the_new_rows_through_exact_signals(app, before, after):
    """Replaying the signals on a mirror list gives the new rows, and changed rows are announced."""
    model = _ListModel()
    model.rows = list(before)
    mirror = list(before)
    changed = set()
    model.rowsAboutToBeRemoved.connect(lambda parent, first, last: mirror.__delitem__(slice(first, last + 1)))
    model.rowsInserted.connect(lambda parent, first, last: mirror.__setitem__(slice(first, first), model.rows[first:last + 1]))
    model.dataChanged.connect(lambda top, bottom, roles=(): changed.update(range(top.row(), bottom.row() + 1)))
    sync_rows(model, model.rows, after, key=lambda r: r[0])
    assert model.rows == after
    assert [k for k, _ in mirror] == [k for k, _ in after]
    kept = {k: v for k, v in before}
    assert {r for r, (k, v) in enumerate(after) if k in kept and kept[k] != v and mirror[r] != (k, v)} <= changed


def test_findings_wrap_to_a_narrow_dock_instead_of_being_cut(qtbot, panel):
    """Issue 10.7: findings were cut to one line and the dock scrolled sideways."""
    panel.resize(290, 720)  # the right-hand dock's default width
    qtbot.wait(50)
    assert panel.minimumSizeHint().width() <= 290
    index = leaf_for(panel.model, "late-enabler")
    panel.view.scrollTo(index)
    qtbot.wait(20)
    line = panel.view.fontMetrics().lineSpacing()
    assert panel.view.visualRect(index).height() >= 3 * line  # the sentence wraps onto several lines
    assert not panel.view.horizontalScrollBar().isVisible()


def _shown(model: FindingsModel) -> list:
    return [i.data(FINDING_ROLE) for i in leaves(model)]


def _row_signals(model: FindingsModel) -> list[str]:
    seen: list[str] = []
    for name in ("rowsInserted", "rowsRemoved", "dataChanged", "modelReset", "layoutChanged"):
        getattr(model, name).connect(lambda *args, name=name: seen.append(name))
    return seen


def test_edits_undo_and_redo_move_only_the_rows_their_delta_names(qtbot, tmp_path, selection):
    """A roadmap of 640 items and about 200 findings: a drag, its undo and redo each touch a few rows."""
    from planner.interchange import load_sample
    from planner.model import apply_changes
    from planner.store import Store
    from ui.document.document import RoadmapDocument

    roadmap = load_sample()
    for _ in range(4):
        roadmap = apply_changes(roadmap, DuplicateItems(tuple(roadmap.items)).changes(roadmap))
    Store.create(tmp_path / "big.roadmap", roadmap).close()
    document = RoadmapDocument.open(tmp_path / "big.roadmap", today=lambda: TODAY)
    widget = FindingsPanel(selection)
    qtbot.addWidget(widget)
    widget.set_document(document)
    assert len(_shown(widget.model)) > 150
    seen = _row_signals(widget.model)
    steps = [lambda: document.push(MoveItems((MULTI_CURRENCY,), -182)), document.undo_stack.undo, document.undo_stack.redo,
             lambda: document.push(UpdateItem(dataclasses.replace(document.roadmap.items[SAME_DAY], owner="")))]
    for step in steps:
        seen.clear()
        step()
        assert _shown(widget.model) == list(document.alignment.report.findings)
        assert "modelReset" not in seen and "layoutChanged" not in seen
        assert 1 <= len(seen) <= 6, seen
    document.close()


@given(steps=st.lists(st.tuples(st.sampled_from(sorted(range(1, 41))), st.integers(-300, 300),
                                st.sampled_from(["move", "owner", "done", "undo"])), max_size=12))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_tree_follows_random_deltas_to_the_report(app, steps):
    """Groups appear and vanish as their first finding comes and their last goes; rows always match the report."""
    from planner.alignment import IncrementalAnalysis
    from planner.interchange import load_sample
    from planner.model import Status, apply_changes, invert

    roadmap = load_sample()
    analysis = IncrementalAnalysis(roadmap, TODAY)
    model = FindingsModel()
    model.set_report(analysis.report, analysis.version)
    done: list = []
    for item_id, days, kind in steps:
        item = roadmap.items[ItemId(item_id)]
        if kind == "undo":
            if not done:
                continue
            changes = invert(done.pop())
        else:
            edit = {"move": MoveItems((item.id,), days),
                    "owner": UpdateItem(dataclasses.replace(item, owner="" if item.owner else "CEO")),
                    "done": UpdateItem(dataclasses.replace(item, status=Status.DONE if item.status != Status.DONE else Status.PLANNED))}[kind]
            changes = edit.changes(roadmap)
            done.append(changes)
        roadmap = apply_changes(roadmap, changes)
        assert model.apply(analysis.update(roadmap, changes))
        assert _shown(model) == list(analysis.report.findings)
        assert [model.index(n, 0).data() for n in range(model.rowCount())] == [
            f"{heading} ({analysis.report.counts_by_severity[s]})" for s, heading in HEADINGS.items()
            if analysis.report.counts_by_severity[s]]


def test_a_delta_that_does_not_follow_the_report_shown_is_refused(document):
    model = FindingsModel()
    report = document.alignment.report
    model.set_report(report, document.alignment.version)
    document.push(MoveItems((MULTI_CURRENCY,), -182))
    model.version = -1  # as if a change had been missed
    stale = ReportDelta((), document.alignment.version - 1, document.alignment.version)
    assert not model.apply(stale)
    assert _shown(model) == list(report.findings)


def test_a_reworded_finding_keeps_its_row_and_says_so(qtbot, panel, document):
    """Moving the late enabler further changes how late it is: the same row, announced by dataChanged."""
    index = leaf_for(panel.model, "late-enabler")
    before = index.data()
    changed = []
    panel.model.dataChanged.connect(lambda top, bottom, roles=(): changed.append((top.row(), top.parent().data())))
    inserted = []
    panel.model.rowsInserted.connect(lambda *args: inserted.append(args))
    document.push(MoveItems((MULTI_CURRENCY,), 10))
    after = leaf_for(panel.model, "late-enabler")
    assert after.data() != before and after == index
    assert (index.row(), index.parent().data()) in changed and not inserted


def test_a_delta_may_reword_then_remove_the_last_finding_of_a_group(app):
    """One change set can touch a finding twice; the group it empties goes, and nothing else is asked of it."""
    from planner.alignment import IncrementalAnalysis
    from planner.interchange import load_sample

    analysis = IncrementalAnalysis(load_sample(), TODAY)
    model = FindingsModel()
    model.set_report(analysis.report, analysis.version)
    report = analysis.report
    n = next(n for n, f in enumerate(report.findings) if f.rule == "unsupported-goal")
    finding, key = report.findings[n], report.keys[n]
    reworded = dataclasses.replace(finding, message="reworded")
    delta = ReportDelta(((finding.severity, finding.rule, key, reworded), (finding.severity, finding.rule, key, None)),
                        analysis.version, analysis.version + 1)
    assert model.apply(delta)
    assert "unsupported-goal" not in shown_rules(model)
    assert _shown(model) == [f for f in report.findings if f is not finding]
    assert model.index(1, 0).data() == "Warnings (1)"


def test_the_model_keeps_no_wrapper_of_the_item_qt_made_for_its_root(app, document):
    # Shiboken cannot tell when a C++-made item dies: a kept wrapper outlived a closed window (frozen by
    # gc.freeze) and was handed out again for the next object at its address (crashes late in the suite).
    import gc
    import weakref

    model = FindingsModel()
    model.set_report(document.alignment.report, document.alignment.version)
    assert model.rowCount() > 0
    root = weakref.ref(model.invisibleRootItem())
    gc.collect()
    assert root() is None
