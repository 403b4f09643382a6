"""The band tables: Qt model contract, in-place edits reaching the file, and selection sync."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QTableView

from planner.edits import AddItem, DeleteItems, MoveItems, RemoveLink, RenameLane
from planner.model import Band, Item, ItemId, Status
from planner.store import Store
from ui.document.document import RoadmapDocument
from ui.common.date_field import DateField
from ui.tables.model import ITEM_ID_ROLE, Column, ItemTableModel
from ui.tables.panel import TablesPanel

LOYALTY = 6  # the 6th business item: 'Loyalty programme relaunch', 2026-09-01 to 2027-06-30


def reload(path):
    with Store.open(path, read_only=True) as store:
        return store.load()


@pytest.fixture
def panel(qtbot, document, selection):
    widget = TablesPanel(document, selection)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(20)
    return widget


def cell_rect(view: QTableView, item_id: ItemId, column: int):
    proxy = view.model()
    for row in range(proxy.rowCount()):
        index = proxy.index(row, column)
        if index.data(ITEM_ID_ROLE) == item_id:
            view.scrollTo(index)
            return index, view.visualRect(index)
    raise AssertionError(f"item {item_id} is not shown")


def double_click(widget, pos: QPoint) -> None:
    """Press, release, double-click, release: the events a real double click delivers.

    QTest.mouseDClick alone sends only the double-click event, which an item
    view ignores because no press chose the cell first.
    """
    left = Qt.MouseButton.LeftButton
    QTest.mouseClick(widget, left, pos=pos)
    QTest.mouseDClick(widget, left, pos=pos)
    QTest.mouseRelease(widget, left, pos=pos)


def open_editor(qtbot, view: QTableView, item_id: ItemId, column: int):
    """Double-click the cell as a user would; return the editor the delegate opened."""
    view.window().activateWindow()
    _, rect = cell_rect(view, item_id, column)
    double_click(view.viewport(), rect.center())
    qtbot.waitUntil(lambda: view.state() == QTableView.State.EditingState)
    editor = QApplication.focusWidget()
    # A date editor's focus goes to its own line edit child.
    while editor is not None and editor.parent() is not view.viewport():
        editor = editor.parentWidget()
    assert editor is not None
    return editor


def type_into_cell(qtbot, view, item_id, column, text: str, editor_type=QLineEdit) -> None:
    editor = open_editor(qtbot, view, item_id, column)
    assert isinstance(editor, editor_type)
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        QTest.keyClicks(editor, text)
    else:
        QTest.keyClick(editor, Qt.Key.Key_Delete)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QTableView.State.EditingState)


def type_date_into_cell(qtbot, view, item_id, column, d: date) -> None:
    type_into_cell(qtbot, view, item_id, column, d.isoformat(), editor_type=DateField)


# --- the model contract ---------------------------------------------------------------


@pytest.mark.parametrize("band", [Band.BUSINESS, Band.TECH])
def test_qmodeltester_passes_while_rows_come_and_go(qtmodeltester, document, band):
    model = ItemTableModel(band, document)
    qtmodeltester.check(model, force_py=False)
    item = next(i for i in document.roadmap.items.values() if i.band == band)
    # The tester stays attached: every signal below is checked as it happens.
    document.push(MoveItems((item.id,), 14))
    document.push(DeleteItems((item.id,)))
    document.push(AddItem(dataclasses.replace(item, id=ItemId(0), title="Brand new")))
    document.undo_stack.undo()
    document.undo_stack.undo()
    document.undo_stack.undo()
    model.set_document(None)
    assert model.rowCount() == 0
    model.set_document(document)
    qtmodeltester.check(model, force_py=True)  # and pytest-qt's own Python checks


def test_qmodeltester_on_the_filtered_sorted_views(qtmodeltester, panel):
    for band in (Band.BUSINESS, Band.TECH):
        proxy = panel.proxies[band]
        proxy.sort(Column.BUDGET, Qt.SortOrder.DescendingOrder)
        panel.filter_edit.setText("o")
        qtmodeltester.check(proxy, force_py=False)


def test_rows_columns_and_values(panel, document):
    model = panel.models[Band.BUSINESS]
    business = sorted(i.id for i in document.roadmap.items.values() if i.band == Band.BUSINESS)
    assert model.rowCount() == len(business) == 20
    assert [model.index(r, 0).data(ITEM_ID_ROLE) for r in range(model.rowCount())] == business
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Title", "Lane", "Owner", "Start", "End", "Status", "Budget (£)", "Links"]
    row = model.row_of(LOYALTY)
    values = [model.index(row, c).data() for c in range(model.columnCount())]
    assert values == ["Loyalty programme relaunch", "Market positioning", "CMO", "2026-09-01", "2027-06-30", "At risk", "1,400,000", "2"]
    assert panel.tabs.tabText(0) == "Business (20)" and panel.tabs.tabText(1) == "Technology (20)"
    assert not model.flags(model.index(row, Column.LINKS)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(row, Column.TITLE)) & Qt.ItemFlag.ItemIsEditable


# --- editing in place --------------------------------------------------------------------


def test_title_edited_in_its_cell_reaches_the_file_and_undoes_exactly(panel, document, sample_file, dump_file, qtbot):
    original = dump_file(sample_file)
    view = panel.views[Band.BUSINESS]

    type_into_cell(qtbot, view, LOYALTY, Column.TITLE, "Membership relaunch")

    assert reload(sample_file).items[LOYALTY].title == "Membership relaunch"
    assert document.undo_stack.count() == 1
    after = dump_file(sample_file)
    document.undo_stack.undo()
    assert dump_file(sample_file) == original
    model = panel.models[Band.BUSINESS]
    assert model.index(model.row_of(LOYALTY), Column.TITLE).data() == "Loyalty programme relaunch"
    document.undo_stack.redo()
    assert dump_file(sample_file) == after


def test_owner_budget_and_dates_edit_in_place(panel, document, sample_file, dump_file, qtbot):
    original = dump_file(sample_file)
    view = panel.views[Band.BUSINESS]
    type_into_cell(qtbot, view, LOYALTY, Column.OWNER, "CCO")
    type_into_cell(qtbot, view, LOYALTY, Column.BUDGET, "1.5m")
    type_date_into_cell(qtbot, view, LOYALTY, Column.END, date(2027, 9, 30))
    type_date_into_cell(qtbot, view, LOYALTY, Column.START, date(2026, 10, 1))
    item = reload(sample_file).items[LOYALTY]
    assert (item.owner, item.budget, item.start, item.end) == ("CCO", 1_500_000, date(2026, 10, 1), date(2027, 9, 30))
    assert document.undo_stack.count() == 4
    type_into_cell(qtbot, view, LOYALTY, Column.BUDGET, "")
    assert reload(sample_file).items[LOYALTY].budget is None
    for _ in range(5):
        document.undo_stack.undo()
    assert dump_file(sample_file) == original


def test_status_and_lane_cells_offer_lists(panel, document, sample_file, dump_file, qtbot):
    original = dump_file(sample_file)
    view = panel.views[Band.TECH]
    panel.tabs.setCurrentWidget(view)
    tech = next(i for i in document.roadmap.items.values() if i.band == Band.TECH)

    editor = open_editor(qtbot, view, tech.id, Column.STATUS)
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(n) for n in range(editor.count())] == [s.label for s in Status]
    QTest.keyClick(editor, Qt.Key.Key_Down)  # a choice ends the edit at once
    qtbot.waitUntil(lambda: view.state() != QTableView.State.EditingState)
    statuses = list(Status)
    assert reload(sample_file).items[tech.id].status == statuses[statuses.index(tech.status) + 1]

    editor = open_editor(qtbot, view, tech.id, Column.LANE)
    lanes = document.roadmap.lanes_of(Band.TECH)
    assert [editor.itemText(n) for n in range(editor.count())] == [lane.name for lane in lanes]
    QTest.keyClick(editor, Qt.Key.Key_End)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QTableView.State.EditingState)
    assert reload(sample_file).items[tech.id].lane_id == lanes[-1].id
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert dump_file(sample_file) == original


def test_a_refused_edit_is_explained_and_leaves_the_file(panel, document, sample_file, dump_file, qtbot):
    original = dump_file(sample_file)
    view = panel.views[Band.BUSINESS]
    type_date_into_cell(qtbot, view, LOYALTY, Column.END, date(2026, 1, 31))
    assert dump_file(sample_file) == original
    assert document.undo_stack.count() == 0
    assert panel.message_label.isVisible()
    assert "before start 2026-09-01" in panel.message_label.text()
    type_into_cell(qtbot, view, LOYALTY, Column.TITLE, "")
    assert "title must not be empty" in panel.message_label.text()
    assert dump_file(sample_file) == original


def test_leaving_a_cell_unchanged_makes_no_step(panel, document, qtbot):
    view = panel.views[Band.BUSINESS]
    editor = open_editor(qtbot, view, LOYALTY, Column.OWNER)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QTableView.State.EditingState)
    assert document.undo_stack.count() == 0


# --- following edits made elsewhere ----------------------------------------------------


def test_follows_inserts_removes_and_updates_exactly(panel, document, qtbot):
    model = panel.models[Band.TECH]
    events = []
    model.rowsInserted.connect(lambda parent, first, last: events.append(("insert", first, last)))
    model.rowsRemoved.connect(lambda parent, first, last: events.append(("remove", first, last)))
    model.modelReset.connect(lambda: events.append(("reset",)))
    model.dataChanged.connect(lambda a, b, roles: events.append(("changed", a.row(), a.column(), b.row(), b.column())))
    tech_ids = [model.index(r, 0).data(ITEM_ID_ROLE) for r in range(model.rowCount())]
    victim = tech_ids[3]

    document.push(DeleteItems((victim,)))
    assert ("remove", 3, 3) in events and model.rowCount() == 19
    assert victim not in [model.index(r, 0).data(ITEM_ID_ROLE) for r in range(model.rowCount())]
    events.clear()
    document.undo_stack.undo()  # comes back in its place, links and all
    assert events[0] == ("insert", 3, 3)
    assert [model.index(r, 0).data(ITEM_ID_ROLE) for r in range(model.rowCount())] == tech_ids
    events.clear()

    template = document.roadmap.items[victim]
    document.push(AddItem(dataclasses.replace(template, id=ItemId(0), title="Edge AI pilot")))
    assert events == [("insert", 20, 20)]
    assert model.index(20, Column.TITLE).data() == "Edge AI pilot"
    assert panel.tabs.tabText(1) == "Technology (21)"
    events.clear()

    document.push(MoveItems((victim,), 31))
    assert events == [("changed", 3, 0, 3, len(Column.HEADERS) - 1)]
    events.clear()

    link = document.roadmap.links_of(victim)[0]
    document.push(RemoveLink(link.id))
    assert ("changed", 3, Column.LINKS, 3, Column.LINKS) in events
    assert ("reset",) not in events
    events.clear()

    document.push(RenameLane(template.lane_id, "Platforms"))
    assert any(e[0] == "changed" and e[2] == Column.LANE for e in events)
    assert model.index(3, Column.LANE).data() == "Platforms"
    assert ("reset",) not in events


def test_set_document_resets_once(panel, app, tmp_path, sample):
    other_path = tmp_path / "other.roadmap"
    small = dataclasses.replace(sample, items={k: v for k, v in sample.items.items() if k <= 3}, links={}, metrics={}, measurements={}, risks={}, reviews={})
    Store.create(other_path, small).close()
    other = RoadmapDocument.open(other_path)
    try:
        resets = []
        panel.models[Band.BUSINESS].modelReset.connect(lambda: resets.append(1))
        panel.set_document(other)
        assert resets == [1]
        assert panel.models[Band.BUSINESS].rowCount() == 3
        assert panel.models[Band.TECH].rowCount() == 0
        panel.set_document(None)
        assert panel.models[Band.BUSINESS].rowCount() == 0
    finally:
        other.close()


# --- sorting and filtering ---------------------------------------------------------------


def test_header_click_sorts_and_filter_narrows(panel, qtbot):
    view = panel.views[Band.BUSINESS]
    proxy = panel.proxies[Band.BUSINESS]
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(Column.BUDGET) + header.sectionSize(Column.BUDGET) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    budgets = [proxy.index(r, Column.BUDGET).data() for r in range(proxy.rowCount())]
    assert budgets[:4] == ["", "", "", ""]  # no budget sorts first, then by amount, not by text
    amounts = [float(b.replace(",", "")) for b in budgets if b]
    assert amounts == sorted(amounts)

    panel.filter_edit.setFocus()
    QTest.keyClicks(panel.filter_edit, "cmo")
    assert 0 < proxy.rowCount() < 20
    assert all(proxy.index(r, Column.OWNER).data() == "CMO" for r in range(proxy.rowCount()))
    assert panel.tabs.tabText(0) == f"Business ({proxy.rowCount()} of 20)"


def test_filtering_does_not_change_the_shared_selection(panel, selection):
    selection.set({LOYALTY, 1})
    panel.filter_edit.setText("loyalty")
    assert selection.ids == {LOYALTY, 1}
    view = panel.views[Band.BUSINESS]
    assert [i.data(ITEM_ID_ROLE) for i in view.selectionModel().selectedRows()] == [LOYALTY]
    panel.filter_edit.clear()
    assert {i.data(ITEM_ID_ROLE) for i in view.selectionModel().selectedRows()} == {LOYALTY, 1}


# --- selection, both ways -------------------------------------------------------------------


def test_clicking_rows_selects_items(panel, selection, qtbot):
    view = panel.views[Band.BUSINESS]
    notices = []
    selection.changed.connect(notices.append)
    _, rect = cell_rect(view, LOYALTY, Column.OWNER)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert selection.ids == {LOYALTY}
    _, rect = cell_rect(view, 2, Column.OWNER)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, rect.center())
    assert selection.ids == {LOYALTY, 2}
    assert notices == [frozenset({LOYALTY}), frozenset({LOYALTY, 2})]  # one notice per click, no echoes
    QTest.keyClick(view, Qt.Key.Key_Down)  # keyboard moves the selection too
    assert len(selection.ids) == 1


def test_a_selection_made_elsewhere_selects_rows_and_shows_their_tab(panel, selection, document):
    tech = sorted(i.id for i in document.roadmap.items.values() if i.band == Band.TECH)[-1]
    notices = []
    selection.changed.connect(notices.append)

    selection.set({tech})

    assert notices == [frozenset({tech})]  # the tables did not echo it back
    view = panel.views[Band.TECH]
    assert panel.tabs.currentWidget() is view
    assert [i.data(ITEM_ID_ROLE) for i in view.selectionModel().selectedRows()] == [tech]
    assert panel.views[Band.BUSINESS].selectionModel().selectedRows() == []
    selection.clear()
    assert view.selectionModel().selectedRows() == []


def test_a_deleted_selected_item_leaves_the_rest_selected(panel, selection, document):
    selection.set({LOYALTY, 2})
    document.push(DeleteItems((2,)))
    selection.retain(document.roadmap.items)  # as the timeline does on every change
    view = panel.views[Band.BUSINESS]
    assert selection.ids == {LOYALTY}
    assert [i.data(ITEM_ID_ROLE) for i in view.selectionModel().selectedRows()] == [LOYALTY]


def test_read_only_tables_are_not_editable(qtbot, app, sample_file):
    doc = RoadmapDocument.open(sample_file, read_only=True)
    try:
        model = ItemTableModel(Band.BUSINESS, doc)
        assert not model.flags(model.index(0, Column.TITLE)) & Qt.ItemFlag.ItemIsEditable
        assert model.setData(model.index(0, Column.TITLE), "x") is False
    finally:
        doc.close()


def test_invalid_indexes_are_refused(document):
    model = ItemTableModel(Band.BUSINESS, document)
    assert model.data(QModelIndex()) is None
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags
    assert model.setData(QModelIndex(), "x") is False
    assert isinstance(model.item_at(0), Item)
    assert model.row_of(ItemId(9999)) is None


def test_set_document_after_the_old_one_was_deleted(qtbot, app, sample_file, selection):
    from PySide6.QtCore import QCoreApplication, QEvent

    old = RoadmapDocument.open(sample_file)
    widget = TablesPanel(old, selection)
    qtbot.addWidget(widget)
    old.close()
    old.deleteLater()  # as the main window drops a replaced document
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    widget.set_document(None)
    assert widget.models[Band.BUSINESS].rowCount() == 0


def test_the_outline_shows_children_indented_under_their_parent(qtbot, panel, document, sample_file):
    """Issue 13: tables show the outline; sorted by title, each child follows its parent."""
    from planner.edits import SetParent
    from ui.tables.model import OUTLINE_INDENT

    roadmap = document.roadmap
    crm = next(i for i in roadmap.items.values() if i.title == "CRM rebuild")
    phase = next(i for i in roadmap.items.values() if i.title == "Zero-trust network access")
    document.push(SetParent(phase.id, crm.id))
    view = panel.views[Band.TECH]
    view.horizontalHeader().setSortIndicator(Column.TITLE, Qt.SortOrder.AscendingOrder)
    proxy = view.model()
    titles = [proxy.index(r, Column.TITLE).data() for r in range(proxy.rowCount())]
    at = titles.index("CRM rebuild")
    assert titles[at + 1] == OUTLINE_INDENT + "Zero-trust network access"
    index, _ = cell_rect(view, phase.id, Column.TITLE)
    assert index.data(Qt.ItemDataRole.EditRole) == "Zero-trust network access"  # what editing starts from
    assert "Part of: CRM rebuild" in index.data(Qt.ItemDataRole.ToolTipRole)
    type_into_cell(qtbot, view, phase.id, Column.TITLE, "Zero-trust rollout")
    assert reload(sample_file).items[phase.id].title == "Zero-trust rollout"  # no indent written to the file
