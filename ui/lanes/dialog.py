"""Managing a band's swimlanes: add, rename, recolour, reorder and delete empty ones.

Each action is one undoable step (planner.edits lane edits pushed through the
document); what the rules refuse, such as deleting a lane that still holds
items, is explained in the dialog and nothing changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.edits import AddLane, DeleteLane, Edit, RecolourLane, RenameLane, ReorderLanes
from planner.model import Band, Item, Lane, LaneId
from planner.store import StoreError
from planner.validation import ValidationError
from ui.document.document import ChangeNotice, RoadmapDocument
from ui.common.colours import ERROR_COLOUR, swatch
from ui.common.formatting import BAND_NAMES

LANE_ID_ROLE = Qt.ItemDataRole.UserRole + 1

# Colours offered to new lanes, in turn: muted enough for bars with dark text.
NEW_LANE_COLOURS = ("#4a7fb5", "#c0813c", "#3a9a94", "#b8615a", "#5d6fc4", "#8f8a3a", "#9468bf", "#4f9a62", "#a0648f", "#7a7f87")


class _ReadOnlyDelegate(QStyledItemDelegate):
    """For the item-count column: shown, never edited."""

    def createEditor(self, parent, option, index):  # noqa: N802
        return None


class BandLanesPage(QWidget):
    """One band's lanes in order, with the buttons that change them."""

    def __init__(self, dialog: LanesDialog, band: Band):
        super().__init__()
        self.dialog = dialog
        self.band = band
        self.list = QTreeWidget()
        self.list.setObjectName(f"{band.value.capitalize()}Lanes")
        self.list.setColumnCount(2)
        self.list.setHeaderLabels(["Lane", "Items"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setItemDelegateForColumn(1, _ReadOnlyDelegate(self.list))
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionsClickable(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.list.itemChanged.connect(self._on_item_renamed)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(f"New {BAND_NAMES[band].lower()} lane name")
        self.name_edit.returnPressed.connect(self.add_lane)
        self.name_edit.textChanged.connect(lambda _: self._update_buttons())
        self.add_button = QPushButton("&Add")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_lane)

        self.rename_button = QPushButton("&Rename")
        self.colour_button = QPushButton("&Colour…")
        self.up_button = QPushButton("Move &Up")
        self.down_button = QPushButton("Move Do&wn")
        self.delete_button = QPushButton("&Delete")
        self.rename_button.clicked.connect(self.start_rename)
        self.colour_button.clicked.connect(self.choose_colour)
        self.up_button.clicked.connect(lambda: self.move_lane(-1))
        self.down_button.clicked.connect(lambda: self.move_lane(+1))
        self.delete_button.clicked.connect(self.delete_lane)
        for b in (self.rename_button, self.colour_button, self.up_button, self.down_button, self.delete_button):
            b.setAutoDefault(False)
        self.delete_button.setToolTip("Delete the selected lane; only an empty lane can be deleted")
        QShortcut(QKeySequence("Alt+Up"), self.list, lambda: self.move_lane(-1), context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence("Alt+Down"), self.list, lambda: self.move_lane(+1), context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence.StandardKey.Delete, self.list, self.delete_lane, context=Qt.ShortcutContext.WidgetShortcut)

        buttons = QVBoxLayout()
        for b in (self.rename_button, self.colour_button, self.up_button, self.down_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        grid = QGridLayout(self)
        grid.addWidget(self.list, 0, 0)
        grid.addLayout(buttons, 0, 1)
        adding = QHBoxLayout()
        adding.addWidget(self.name_edit, 1)
        adding.addWidget(self.add_button)
        grid.addLayout(adding, 1, 0, 1, 2)

    # --- showing ------------------------------------------------------------------

    def lanes(self) -> list[Lane]:
        doc = self.dialog.document
        return doc.roadmap.lanes_of(self.band) if doc is not None else []

    def selected_lane(self) -> Lane | None:
        item = self.list.currentItem()
        doc = self.dialog.document
        if item is None or doc is None:
            return None
        return doc.roadmap.lanes.get(item.data(0, LANE_ID_ROLE))

    def select_lane(self, lane_id: LaneId) -> None:
        for row in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(row)
            if item.data(0, LANE_ID_ROLE) == lane_id:
                self.list.setCurrentItem(item, 0)
                return

    def refresh(self) -> None:
        """Show the band's lanes; rows keep their place and an open rename editor stays open."""
        lanes = self.lanes()
        doc = self.dialog.document
        counts: dict[LaneId, int] = {}
        if doc is not None:
            for item in doc.roadmap.items_of(self.band):
                counts[item.lane_id] = counts.get(item.lane_id, 0) + 1
        current = self.list.currentItem()
        current_id = current.data(0, LANE_ID_ROLE) if current is not None else None
        editing = self.list.state() == QAbstractItemView.State.EditingState
        self.list.blockSignals(True)
        try:
            if self._shown_ids() != [l.id for l in lanes]:
                editing = False
                self.list.clear()
                for lane in lanes:
                    row = QTreeWidgetItem()
                    row.setData(0, LANE_ID_ROLE, lane.id)
                    row.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.list.addTopLevelItem(row)
                current = self.list.currentItem()
            editable = doc is not None and doc.canEdit
            for r, lane in enumerate(lanes):
                row = self.list.topLevelItem(r)
                row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | (Qt.ItemFlag.ItemIsEditable if editable else Qt.ItemFlag.NoItemFlags))
                if not (editing and row is current):
                    row.setText(0, lane.name)
                row.setIcon(0, swatch(lane.colour))
                n = counts.get(lane.id, 0)
                row.setText(1, str(n))
                tip = f"{lane.name}: {n} item{'s' if n != 1 else ''} · {lane.colour}"
                row.setToolTip(0, tip)
                row.setToolTip(1, tip)
        finally:
            self.list.blockSignals(False)
        if current_id is not None:
            self.select_lane(current_id)
        if self.list.currentItem() is None and self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0), 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        doc = self.dialog.document
        editable = doc is not None and doc.canEdit
        current = self.list.currentItem()
        row = self.list.indexOfTopLevelItem(current) if current is not None else -1
        count = self.list.topLevelItemCount()
        has = editable and row >= 0
        self.rename_button.setEnabled(has)
        self.colour_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < count - 1)
        self.name_edit.setEnabled(editable)
        self.add_button.setEnabled(editable and bool(self.name_edit.text().strip()))

    # --- actions -------------------------------------------------------------------

    def add_lane(self) -> None:
        name = self.name_edit.text().strip()
        used = {l.colour.lower() for l in self.lanes()}
        colour = next((c for c in NEW_LANE_COLOURS if c not in used), NEW_LANE_COLOURS[len(used) % len(NEW_LANE_COLOURS)])
        changes = self.dialog.push(AddLane(self.band, name, colour))
        if changes:
            self.name_edit.clear()
            self.select_lane(changes[0].entity.id)

    def start_rename(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.setFocus()
            self.list.editItem(item, 0)

    def _shown_ids(self) -> list[LaneId]:
        return [self.list.topLevelItem(r).data(0, LANE_ID_ROLE) for r in range(self.list.topLevelItemCount())]

    def _on_item_renamed(self, item: QTreeWidgetItem, column: int) -> None:
        doc = self.dialog.document
        lane = doc.roadmap.lanes.get(item.data(0, LANE_ID_ROLE)) if doc is not None else None
        if column != 0 or lane is None or item.text(0) == lane.name:
            return
        if not self.dialog.push(RenameLane(lane.id, item.text(0).strip())):
            self.list.blockSignals(True)  # refused: show the name the lane still has
            item.setText(0, lane.name)
            self.list.blockSignals(False)

    def choose_colour(self) -> None:
        lane = self.selected_lane()
        if lane is None:
            return
        dialog = QColorDialog(QColor(lane.colour), self)
        dialog.setObjectName("LaneColourDialog")
        dialog.setWindowTitle(f"Colour of '{lane.name}'")
        dialog.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.colorSelected.connect(lambda colour, lane_id=lane.id: self._recolour(lane_id, colour))
        self.dialog.colour_dialog = dialog
        dialog.open()

    def _recolour(self, lane_id: LaneId, colour: QColor) -> None:
        if colour.isValid():
            self.dialog.push(RecolourLane(lane_id, colour.name()))

    def move_lane(self, step: int) -> None:
        lane = self.selected_lane()
        if lane is None:
            return
        ids = [l.id for l in self.lanes()]
        row = ids.index(lane.id)
        target = row + step
        if not 0 <= target < len(ids):
            return
        ids[row], ids[target] = ids[target], ids[row]
        self.dialog.push(ReorderLanes(self.band, tuple(ids)))
        self.select_lane(lane.id)

    def delete_lane(self) -> None:
        lane = self.selected_lane()
        if lane is not None:
            self.dialog.push(DeleteLane(lane.id))


class LanesDialog(QDialog):
    """Add, rename, recolour, reorder and delete the lanes of both bands.

    Non-modal is fine: it follows the document's change notices, so lanes
    changed elsewhere (or by undo) show at once.
    """

    def __init__(self, document: RoadmapDocument | None, parent: QWidget | None = None, *, band: Band = Band.BUSINESS):
        super().__init__(parent)
        self.setObjectName("LanesDialog")
        self.setWindowTitle("Lanes")
        self.document: RoadmapDocument | None = None
        self.colour_dialog: QColorDialog | None = None  # the colour chooser last opened, for tests and closing
        self.tabs = QTabWidget()
        self.pages: dict[Band, BandLanesPage] = {}
        for b in (Band.BUSINESS, Band.TECH):
            self.pages[b] = BandLanesPage(self, b)
            self.tabs.addTab(self.pages[b], f"{BAND_NAMES[b]} lanes")
        self.tabs.setCurrentWidget(self.pages[band])
        self.message_label = QLabel()
        self.message_label.setObjectName("LanesMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.message_label.hide()
        self.hint_label = QLabel("Double-click a lane (or press F2) to rename it. Every change can be undone.")
        self.hint_label.setWordWrap(True)
        self.hint_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        # Return finishes a rename or adds a lane; it must not also close the dialog.
        for button in close.buttons():
            button.setAutoDefault(False)
            button.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(close)
        self.resize(460, 360)
        self.set_document(document)

    def set_document(self, document: RoadmapDocument | None) -> None:
        """Manage `document`'s lanes (None: nothing open, everything disabled)."""
        if self.document is not None:
            try:
                self.document.changed.disconnect(self._on_document_changed)
            except (RuntimeError, TypeError):
                pass
        self.document = document
        if document is not None:
            document.changed.connect(self._on_document_changed)
        self.message_label.hide()
        for page in self.pages.values():
            page.list.clear()
            page.refresh()

    def page(self, band: Band) -> BandLanesPage:
        return self.pages[band]

    def push(self, edit: Edit) -> tuple:
        """Push `edit` as one step; show why if it is refused. Returns the changes made."""
        doc = self.document
        if doc is None:
            return ()
        try:
            changes = doc.push(edit, source=self)
        except ValidationError as error:
            self.show_message(error.message)
            return ()
        except StoreError as error:
            self.show_message(str(error))
            return ()
        self.message_label.hide()
        return changes

    def show_message(self, message: str) -> None:
        text = message[:1].upper() + message[1:]
        self.message_label.setText(text if text.endswith(".") else text + ".")
        self.message_label.show()

    @property
    def message(self) -> str:
        return self.message_label.text() if not self.message_label.isHidden() else ""

    def _on_document_changed(self, notice: ChangeNotice) -> None:
        touched = (*notice.inserted, *notice.updated, *notice.removed)
        # Lanes themselves, or items (whose counts the tooltips show).
        if any(isinstance(e, (Lane, Item)) for e in touched):
            for page in self.pages.values():
                page.refresh()
