"""The drift dock: rows for the sample's review, following edits, and the baseline switch."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from planner.drift import DriftKind
from planner.edits import AddReview, MoveItems
from planner.model import Decision, ItemId, Roadmap
from planner.store import Store
from ui.document.document import RoadmapDocument
from ui.review.drift import ITEM_ID_ROLE, VALUE_ROLE, DriftPanel, DriftTableModel
from ui.document.selection import SelectionModel

WAREHOUSE = ItemId(31)  # 'Data warehouse consolidation': unchanged since the sample's review
CRM = ItemId(26)


@pytest.fixture
def panel(qtbot, document, selection):
    widget = DriftPanel(selection)
    qtbot.addWidget(widget)
    widget.set_document(document)
    widget.resize(760, 420)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(20)
    return widget


def rows(panel: DriftPanel) -> list[tuple]:
    model = panel.model
    cols = (DriftTableModel.ITEM, DriftTableModel.CHANGE, DriftTableModel.DAYS, DriftTableModel.DECISION)
    return [tuple(model.index(r, c).data(VALUE_ROLE) for c in cols) for r in range(model.rowCount())]


def test_the_table_keeps_its_contract_through_edits(qtmodeltester, panel, document):
    qtmodeltester.check(panel.model)
    document.push(MoveItems((WAREHOUSE,), 10))
    document.push(MoveItems((CRM,), -30))
    document.undo_stack.undo()
    document.undo_stack.undo()
    document.push(AddReview(date(2026, 12, 15)))
    document.undo_stack.undo()


def test_rows_for_the_samples_review(panel, document):
    review = document.roadmap.reviews[1]
    assert panel.current_review == review
    assert rows(panel) == [
        ("Generative-AI customer service assistant", DriftKind.ADDED, None, None),
        ("Store estate rationalisation", DriftKind.SLIPPED, 183, None),
        ("CRM rebuild", DriftKind.SLIPPED, 30, Decision.REDATE),
        ("CRM go-live", DriftKind.SLIPPED, 30, None),
        ("EU data residency", DriftKind.PULLED_IN, -107, Decision.REDATE),
    ]
    model = panel.model
    assert model.index(2, DriftTableModel.BASELINE).data() == "Jul 2026 – Mar 2027"
    assert model.index(2, DriftTableModel.NOW).data() == "Jul 2026 – Apr 2027"
    assert model.index(4, DriftTableModel.DAYS).data() == "−107"
    assert "1 added" in panel.summary.text() and "3 slipped (up to 183 days)" in panel.summary.text()


def test_drift_follows_an_edit_and_its_undo(panel, document):
    document.push(MoveItems((WAREHOUSE,), 10))
    assert ("Data warehouse consolidation", DriftKind.SLIPPED, 10, None) in rows(panel)
    document.undo_stack.undo()
    assert len(rows(panel)) == 5


def test_clicking_a_row_selects_and_reveals_its_item(qtbot, panel, selection):
    view = panel.view
    index = panel.model.index(2, 0)
    assert index.data(ITEM_ID_ROLE) == CRM
    with qtbot.waitSignal(panel.reveal_requested) as revealed:
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert selection.ids == {CRM}
    assert revealed.args == [(CRM,)]


def test_the_baseline_switch_asks_for_the_chosen_review(qtbot, panel, document):
    first = document.roadmap.reviews[1]
    with qtbot.waitSignal(panel.baseline_requested) as shown:
        QTest.mouseClick(panel.baseline_check, Qt.MouseButton.LeftButton, pos=panel.baseline_check.rect().center())
    assert shown.args == [first]

    # A newly recorded review becomes the one compared against, and its baseline is asked for.
    with qtbot.waitSignal(panel.baseline_requested) as shown:
        document.push(AddReview(date(2026, 12, 15)))
    second = document.roadmap.reviews[2]
    assert shown.args == [second] and panel.current_review == second
    assert rows(panel) == []
    assert "nothing has moved" in panel.summary.text()

    # Undoing it goes back to the review that is left.
    with qtbot.waitSignal(panel.baseline_requested) as shown:
        document.undo_stack.undo()
    assert shown.args == [first]

    with qtbot.waitSignal(panel.baseline_requested) as shown:
        panel.baseline_check.setChecked(False)
    assert shown.args == [None]


def test_choosing_an_older_review(qtbot, panel, document):
    document.push(AddReview(date(2026, 12, 15)))
    assert panel.review_combo.count() == 2 and "(latest)" in panel.review_combo.itemText(0)
    panel.choose_review(1)
    assert panel.current_review.id == 1
    assert len(rows(panel)) == 5


def test_a_roadmap_never_reviewed(qtbot, app, tmp_path, sample: Roadmap):
    path = tmp_path / "unreviewed.roadmap"
    Store.create(path, dataclasses.replace(sample, reviews={})).close()
    document = RoadmapDocument.open(path)
    try:
        widget = DriftPanel(SelectionModel())
        qtbot.addWidget(widget)
        widget.set_document(document)
        assert widget.current_review is None and widget.model.rowCount() == 0
        assert not widget.baseline_check.isEnabled()
        assert "No quarterly review" in widget.summary.text()
    finally:
        document.close()


def test_summary_lists_links_changed_since_a_recorded_review(panel, document):
    from planner.edits import AddLink, RemoveLink
    from planner.model import LinkKind

    assert "did not record its links" in panel.summary.text()  # the sample's review is older
    document.push(AddReview(date(2026, 12, 31), "Q3 review"))
    roadmap = document.roadmap
    pilot = next(i for i in roadmap.items.values() if i.title.startswith("Blockchain"))
    goal = next(i for i in roadmap.items.values() if i.title.startswith("Same-day"))
    document.push(AddLink(LinkKind.SUPPORTS, pilot.id, goal.id))
    document.push(RemoveLink(next(iter(roadmap.links))))
    text = panel.summary.text()
    assert "+ &#x27;Blockchain supply-chain pilot&#x27; supports &#x27;Same-day delivery in London&#x27;" in text
    assert "−" in text
