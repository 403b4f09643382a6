"""Dock panels are made lazily: after the first paint, or when a hidden dock is first shown."""

from __future__ import annotations



def test_hidden_panels_fill_when_shown(window, qtbot, sample):
    tables_dock = next(d for d in window.docks if d.windowTitle() == "Tables")
    assert tables_dock.isHidden() and "Tables" not in window._panels  # not made before it is needed
    tables_dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: "Tables" in window._panels)
    tables = window.panel("Tables")
    business_rows = sum(1 for i in sample.items.values() if i.band == "business")
    qtbot.waitUntil(lambda: tables.models[next(iter(tables.models))].rowCount() > 0)
    assert sorted(m.rowCount() for m in tables.models.values()) == sorted([business_rows, len(sample.items) - business_rows])


def test_visible_panels_attach_after_the_first_paint(window, qtbot):
    qtbot.waitUntil(lambda: window.panel("Alignment Findings").report is not None)
    assert "Alignment 82/100" in window.score_label.text()  # the sample on the tests' fixed day
    # One analysis, owned by the document: the timeline and the dock show the same report.
    assert window.timeline.report is window.document.alignment.report is window.panel("Alignment Findings").report
