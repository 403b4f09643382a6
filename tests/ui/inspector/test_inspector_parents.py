"""Inspector > Part of: putting an item under another as one step in the file, and what it never offers."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from tests.ui.inspector.inspector_input import CRM_GO_LIVE, CRM_REBUILD, DATA_WAREHOUSE, choose, focus, reload


def test_part_of_puts_an_item_under_another_as_one_step_and_undoes_in_the_file(panel, selection, document, sample_file, dump_file, qtbot):
    original = dump_file(sample_file)
    selection.set({DATA_WAREHOUSE})  # in the Data lane; CRM rebuild is in Applications
    assert panel.parent_combo.currentText() == "None (top level)"

    choose(qtbot, panel.parent_combo, "CRM rebuild")

    moved = reload(sample_file).items[DATA_WAREHOUSE]
    assert (moved.parent_id, moved.lane_id) == (CRM_REBUILD, 6)  # under CRM rebuild, in its lane
    assert document.undo_stack.count() == 1 and document.undo_stack.undoText() == "Change parent"
    assert panel.parent_combo.currentText().strip() == "CRM rebuild"
    assert panel.lane_combo.currentText() == "Applications"

    document.undo_stack.undo()
    assert dump_file(sample_file) == original
    assert panel.parent_combo.currentText() == "None (top level)" and panel.lane_combo.currentText() == "Data"


def test_part_of_never_offers_the_item_or_what_is_under_it(panel, selection, document, qtbot):
    selection.set({CRM_GO_LIVE})
    choose(qtbot, panel.parent_combo, "CRM rebuild")
    focus(qtbot, panel.title_edit)
    selection.set({CRM_REBUILD})
    assert panel.parent_combo.count() == 1  # the list is made when the combo is opened, not after every edit
    focus(qtbot, panel.parent_combo)
    QTest.mouseClick(panel.parent_combo, Qt.MouseButton.LeftButton, pos=QPoint(panel.parent_combo.width() // 2, 5))
    qtbot.waitUntil(panel.parent_combo.view().isVisible)
    offered = [panel.parent_combo.itemText(n).strip() for n in range(panel.parent_combo.count())]
    QTest.keyClick(panel.parent_combo.view(), Qt.Key.Key_Escape)
    assert "CRM rebuild" not in offered and "CRM go-live" not in offered
    assert "Cloud migration (phase 1)" in offered and "Online sales 30% of revenue" not in offered  # its band only


def test_a_refused_parent_is_shown_and_not_applied(panel, selection, sample_file, dump_file, qtbot):
    original = dump_file(sample_file)
    selection.set({32})  # the customer data platform depends on cloud migration: it cannot go under it
    choose(qtbot, panel.parent_combo, "Cloud migration (phase 1)")
    assert "a dependency cannot join an item and its parent" in panel.error_text
    assert panel.marked_fields() == ["parent_id"]
    assert dump_file(sample_file) == original
