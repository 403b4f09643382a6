"""Tables of each band's items: sortable, filterable, edited in place.

`ItemTableModel` holds one band's rows in id order and follows the document's
change notices with exact row inserts, removes and dataChanged; only a new
document resets it (napari's container models work the same way). Edits made
in a cell are pushed as one `UpdateItem` each. `TablesPanel` shows both bands
as tabs and keeps their row selection in step with the shared `SelectionModel`.
"""

from __future__ import annotations


from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.model import Band
from ui.document.document import RoadmapDocument
from ui.common.colours import ERROR_COLOUR
from ui.common.formatting import BAND_NAMES
from ui.document.selection import SelectionModel
from ui.tables.model import ITEM_ID_ROLE, Column, ItemFilterModel, ItemTableDelegate, ItemTableModel

class TablesPanel(QWidget):
    """Both bands' tables as tabs, over one filter, selecting in step with `selection`."""

    def __init__(self, document: RoadmapDocument | None, selection: SelectionModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("TablesPanel")
        self.selection = selection
        self.document: RoadmapDocument | None = None
        self._syncing = False
        self.models: dict[Band, ItemTableModel] = {}
        self.proxies: dict[Band, ItemFilterModel] = {}
        self.views: dict[Band, QTableView] = {}

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("TablesFilter")
        self.filter_edit.setPlaceholderText("Filter items by any column…")
        self.filter_edit.setClearButtonEnabled(True)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.message_label = QLabel()
        self.message_label.setObjectName("TablesMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.message_label.hide()

        for band in (Band.BUSINESS, Band.TECH):
            model = ItemTableModel(band, None, self)
            proxy = ItemFilterModel(self)
            proxy.setSourceModel(model)
            view = QTableView()
            # Sizing columns reads every cell by default: 0.5-0.9 s at 10,000 rows. A sample of rows suffices.
            view.horizontalHeader().setResizeContentsPrecision(200)
            view.setObjectName(f"{band.value.capitalize()}Table")
            view.setModel(proxy)
            view.setItemDelegate(ItemTableDelegate(model, view))
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            view.setEditTriggers(
                QAbstractItemView.EditTrigger.DoubleClicked
                | QAbstractItemView.EditTrigger.EditKeyPressed
            )
            view.setAlternatingRowColors(True)
            view.setWordWrap(False)
            rows = view.verticalHeader()
            rows.hide()
            rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
            header = view.horizontalHeader()
            header.setSortIndicatorClearable(True)
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # id order until a header is clicked
            header.setHighlightSections(False)
            header.setStretchLastSection(False)
            view.setSortingEnabled(True)
            view.selectionModel().selectionChanged.connect(lambda *_, b=band: self._on_view_selection_changed(b))
            model.edit_rejected.connect(self._on_edit_rejected)
            model.notice_applied.connect(self._on_model_followed)
            proxy.rowsInserted.connect(self._update_tab_titles)
            proxy.rowsRemoved.connect(self._update_tab_titles)
            proxy.modelReset.connect(self._update_tab_titles)
            self.models[band], self.proxies[band], self.views[band] = model, proxy, view
            self.tabs.addTab(view, BAND_NAMES[band])

        self.filter_edit.textChanged.connect(self._on_filter_changed)
        selection.changed.connect(self._on_selection_changed)

        top = QHBoxLayout()
        top.setContentsMargins(4, 4, 4, 0)
        top.addWidget(self.filter_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message_label)
        self.set_document(document)

    def set_document(self, document: RoadmapDocument | None) -> None:
        """Show `document`'s items (None: nothing open); resets both tables."""
        self.document = document
        self._syncing = True
        try:
            for band, model in self.models.items():
                model.set_document(document)
                view = self.views[band]
                view.resizeColumnsToContents()
                header = view.horizontalHeader()
                header.resizeSection(Column.TITLE, min(max(header.sectionSize(Column.TITLE), 160), 280))
                header.resizeSection(Column.LANE, min(header.sectionSize(Column.LANE), 170))
                header.resizeSection(Column.OWNER, min(header.sectionSize(Column.OWNER), 180))
        finally:
            self._syncing = False
        self.message_label.hide()
        self._update_tab_titles()
        self._select_rows(self.selection.ids, reveal=False)

    # --- filter and feedback ---------------------------------------------------------

    def _on_filter_changed(self, text: str) -> None:
        self._syncing = True  # hiding rows drops them from the view's selection, not the shared one
        try:
            for proxy in self.proxies.values():
                proxy.setFilterFixedString(text)
        finally:
            self._syncing = False
        self._select_rows(self.selection.ids, reveal=False)
        self._update_tab_titles()

    def _update_tab_titles(self, *_) -> None:
        for n, band in enumerate((Band.BUSINESS, Band.TECH)):
            shown, total = self.proxies[band].rowCount(), self.models[band].rowCount()
            count = f"{total}" if shown == total else f"{shown} of {total}"
            self.tabs.setTabText(n, f"{BAND_NAMES[band]} ({count})")

    def _on_edit_rejected(self, message: str) -> None:
        self.message_label.setText(message[:1].upper() + message[1:] + " Not applied.")
        self.message_label.show()

    def _on_model_followed(self) -> None:
        self.message_label.hide()
        self._select_rows(self.selection.ids, reveal=False)

    # --- selection, both ways ----------------------------------------------------------

    def _on_view_selection_changed(self, band: Band) -> None:
        if self._syncing or self.models[band].updating:
            return
        view, proxy = self.views[band], self.proxies[band]
        ids = {proxy.index(index.row(), 0).data(ITEM_ID_ROLE) for index in view.selectionModel().selectedRows()}
        self._syncing = True
        try:
            # The rows chosen in a table are the whole selection, as a click on the timeline is.
            self.selection.set(ids)
        finally:
            self._syncing = False
        # Keep the other table in step (it may have shown the previous selection).
        other = Band.TECH if band == Band.BUSINESS else Band.BUSINESS
        self._select_band_rows(other, self.selection.ids, reveal=False)

    def _on_selection_changed(self, ids: frozenset) -> None:
        if not self._syncing:
            self._select_rows(ids, reveal=True)

    def _select_rows(self, ids: frozenset, *, reveal: bool) -> None:
        for band in self.models:
            self._select_band_rows(band, ids, reveal=reveal)
        if reveal and ids:
            current = self.tabs.currentWidget()
            bands = {b for b, m in self.models.items() if any(m.row_of(i) is not None for i in ids)}
            shown = next(b for b, v in self.views.items() if v is current)
            if bands and shown not in bands:
                self.tabs.setCurrentWidget(self.views[bands.pop()])

    def _select_band_rows(self, band: Band, ids: frozenset, *, reveal: bool) -> None:
        model, proxy, view = self.models[band], self.proxies[band], self.views[band]
        wanted = QItemSelection()
        first: QModelIndex | None = None
        last_column = model.columnCount() - 1
        for item_id in ids:
            row = model.row_of(item_id)
            if row is None:
                continue
            top_left = proxy.mapFromSource(model.index(row, 0))
            if not top_left.isValid():
                continue  # filtered out
            wanted.select(top_left, top_left.siblingAtColumn(last_column))
            if first is None or top_left.row() < first.row():
                first = top_left
        selection_model = view.selectionModel()
        if _same_rows(selection_model.selection(), wanted):
            return
        self._syncing = True
        try:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            selection_model.select(wanted, flags)
            if first is not None:
                selection_model.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
                if reveal:
                    view.scrollTo(first, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._syncing = False


def _same_rows(a: QItemSelection, b: QItemSelection) -> bool:
    def rows(s: QItemSelection) -> set[int]:
        return {row for r in s for row in range(r.top(), r.bottom() + 1)}

    return rows(a) == rows(b)

