"""The inspector: every field of the one selected item, edited as undoable steps.

A field commits when the user finishes with it (Return or leaving a line edit,
picking a date or a combo entry), as one `UpdateItem` pushed through the
document. Input the roadmap rules reject is shown under the form, with the
field marked, and is not applied; the rejected value stays in its field so it
can be corrected.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.edits import Batch, Edit, RemoveLink, SetParent, UpdateItem
from planner.model import Band, Item, ItemId, Link, Status
from planner.money import symbol
from planner.store import StoreError
from planner.validation import ValidationError
from ui.document.document import ChangeNotice, RoadmapDocument
from ui.document.selection import SelectionModel
from ui.common.colours import ERROR_COLOUR, swatch
from ui.common.date_field import DateField, parse_date
from ui.common.formatting import format_budget, parse_budget
from ui.common.widgets import disconnect_quietly, mark_invalid, show_read_only
from ui.inspector.links import LinkList
from ui.inspector.parents import ParentCombo

class _NotesEdit(QPlainTextEdit):
    """A multi-line field that, like QLineEdit, says when the user is done with it."""

    editing_finished = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab leaves the field rather than typing a tab
        margins = 2 * (self.frameWidth() + round(self.document().documentMargin()))
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + margins)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.editing_finished.emit()


@dataclass
class _Field:
    """One form row: how to read and write its widget in its own terms and in the item's."""

    name: str  # the Item attribute it edits
    widget: QWidget
    read: Callable[[], object]  # the widget's raw value (text, QDate, combo data)
    write: Callable[[object], None]  # show a raw value
    raw_of: Callable[[Item], object]  # the item's value as the widget shows it
    parse: Callable[[object], object]  # raw value -> item value; may raise ValidationError
    shown: object = None  # the raw value last shown from the model


class InspectorPanel(QWidget):
    """Edits the one selected item of `document`; shows a hint for none or several.

    `set_document(None)` empties it. Edits go through `document.push(UpdateItem)`
    with this panel as the notice's source.
    """

    def __init__(self, document: RoadmapDocument | None, selection: SelectionModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("InspectorPanel")
        self.document: RoadmapDocument | None = None
        self.selection = selection
        self.item_id: ItemId | None = None
        self._error_field: str | None = None
        self._build()
        selection.changed.connect(self._on_selection_changed)
        self.set_document(document)

    # --- building ---------------------------------------------------------------

    def _build(self) -> None:
        self.hint = QLabel()
        self.hint.setObjectName("InspectorHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.hint.setWordWrap(True)
        self.hint.setMargin(16)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.heading = QLabel()
        self.heading.setObjectName("InspectorHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Required")
        self.description_edit = _NotesEdit()
        self.lane_combo = QComboBox()
        self.lane_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.lane_combo.setMinimumContentsLength(12)
        self.parent_combo = ParentCombo()  # the item this one is part of (planner/hierarchy.py)
        self._lanes_shown: list | None = None  # the lanes the lane combo lists
        self.start_edit = DateField("start")
        self.end_edit = DateField("end")
        self.owner_edit = QLineEdit()
        self.owner_edit.setPlaceholderText("Who is accountable")
        self.status_combo = QComboBox()
        for status in Status:
            self.status_combo.addItem(status.label, status.value)
        self.budget_edit = QLineEdit()
        self.budget_edit.setPlaceholderText("None")
        self.budget_edit.setToolTip("Blank for no budget; 1,200,000 or 1.2m")
        self.metric_notes_edit = _NotesEdit()

        dates = QHBoxLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.start_edit, 1)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.end_edit, 1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("&Title", self.title_edit)
        form.addRow("&Description", self.description_edit)
        form.addRow("&Lane", self.lane_combo)
        form.addRow("&Part of", self.parent_combo)
        form.addRow("&Dates", dates)
        form.addRow("&Owner", self.owner_edit)
        form.addRow("&Status", self.status_combo)
        form.addRow("&Budget", self.budget_edit)
        self.budget_label = form.labelForField(self.budget_edit)
        form.addRow("&Metric notes", self.metric_notes_edit)
        form.labelForField(dates).setBuddy(self.start_edit)

        self.read_only_label = QLabel("This roadmap is open read-only: its fields can be read and copied, not changed.")
        self.read_only_label.setObjectName("InspectorReadOnly")
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setStyleSheet("QLabel { color: #b45309; }")
        self.read_only_label.hide()

        self.error_label = QLabel()
        self.error_label.setObjectName("InspectorError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error_label.hide()

        self.links = LinkList()
        self.links.remove_requested.connect(self.remove_link)

        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)

        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self.heading)
        column.addWidget(self.read_only_label)
        column.addLayout(form)
        column.addWidget(self.error_label)
        column.addWidget(rule)
        column.addWidget(self.links)
        column.addStretch(1)
        self.form_page = QScrollArea()
        self.form_page.setWidget(page)
        self.form_page.setWidgetResizable(True)
        self.form_page.setFrameShape(QFrame.Shape.NoFrame)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.hint)
        self.stack.addWidget(self.form_page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        def line(edit: QLineEdit) -> tuple[Callable, Callable]:
            def write(raw: str) -> None:
                edit.setText(raw)
                edit.setCursorPosition(0)  # a long title shows its start, not its end

            return edit.text, write

        def notes(edit: QPlainTextEdit) -> tuple[Callable, Callable]:
            return edit.toPlainText, lambda raw: edit.setPlainText(raw)

        def combo(box: QComboBox) -> tuple[Callable, Callable]:
            return box.currentData, lambda raw: box.setCurrentIndex(box.findData(raw))

        same = lambda raw: raw  # noqa: E731
        self.fields: dict[str, _Field] = {
            f.name: f
            for f in (
                _Field("title", self.title_edit, *line(self.title_edit), lambda i: i.title, same),
                _Field("description", self.description_edit, *notes(self.description_edit), lambda i: i.description, same),
                _Field("lane_id", self.lane_combo, *combo(self.lane_combo), lambda i: i.lane_id, same),
                _Field("parent_id", self.parent_combo, *combo(self.parent_combo), lambda i: i.parent_id or 0,
                       lambda raw: ItemId(raw) if raw else None),
                _Field("start", self.start_edit, *line(self.start_edit), lambda i: i.start.isoformat(), lambda raw: parse_date(raw, "start")),
                _Field("end", self.end_edit, *line(self.end_edit), lambda i: i.end.isoformat(), lambda raw: parse_date(raw, "end")),
                _Field("owner", self.owner_edit, *line(self.owner_edit), lambda i: i.owner, same),
                _Field("status", self.status_combo, *combo(self.status_combo), lambda i: i.status.value, Status),
                _Field("budget", self.budget_edit, *line(self.budget_edit), lambda i: format_budget(i.budget), parse_budget),
                _Field("metric_notes", self.metric_notes_edit, *notes(self.metric_notes_edit), lambda i: i.metric_notes, same),
            )
        }
        for edit in (self.title_edit, self.owner_edit, self.budget_edit, self.start_edit, self.end_edit):
            edit.editingFinished.connect(self.commit)
        for notes_edit in (self.description_edit, self.metric_notes_edit):
            notes_edit.editing_finished.connect(self.commit)
        for edit in (self.start_edit, self.end_edit):
            edit.picked.connect(self.commit)  # a day picked in the calendar is finished at once
        for f in self.fields.values():
            if not isinstance(f.widget, QComboBox):
                f.widget.installEventFilter(self)
        # `activated` is the user's choice (mouse or keyboard), never a refresh.
        self.lane_combo.activated.connect(self.commit)
        self.parent_combo.activated.connect(self.commit)
        self.status_combo.activated.connect(self.commit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # WORKAROUND: a focused line, text or date edit claims Ctrl+Z/Ctrl+Shift+Z
        # for its own typing history even when it has nothing to undo, so after
        # a field is committed Edit > Undo would do nothing. Let the shortcut
        # through to the document's undo unless the field holds uncommitted typing.
        if event.type() == QEvent.Type.ShortcutOverride and _is_undo_key(event):
            field = next((f for f in self.fields.values() if f.widget is watched), None)
            if field is not None and (field.shown is None or field.read() == field.shown):
                event.ignore()
                return True
        return super().eventFilter(watched, event)

    # --- document and selection ----------------------------------------------------

    def set_document(self, document: RoadmapDocument | None) -> None:
        """Show `document` (None: nothing open), forgetting the previous one."""
        if self.document is not None:
            disconnect_quietly(self.document.changed, self._on_document_changed)
        self.document = document
        if document is not None:
            document.changed.connect(self._on_document_changed)
        self._clear_error()
        self._show(self.selection.ids, force=True)

    def _on_selection_changed(self, ids: frozenset) -> None:
        self._show(ids)

    def _on_document_changed(self, notice: ChangeNotice) -> None:
        self._show(self.selection.ids, force=True)

    def _show(self, ids: frozenset, *, force: bool = False) -> None:
        doc = self.document
        item_id = next(iter(ids)) if len(ids) == 1 else None
        if doc is None or item_id is None or item_id not in doc.roadmap.items:
            if doc is None:
                self.hint.setText("No roadmap is open.")
            elif len(ids) > 1:
                self.hint.setText(f"{len(ids)} items are selected.\nSelect one item to see and edit its fields.")
            else:
                self.hint.setText("Select an item on the timeline or in a table to see and edit its fields.")
            self.item_id = None
            self._clear_error()
            self.stack.setCurrentWidget(self.hint)
            return
        if item_id != self.item_id:
            self.item_id = item_id
            self._clear_error()
            for f in self.fields.values():
                f.shown = None  # a new item: show every field afresh
        elif not force:
            return
        self._fill(doc.roadmap.items[item_id])
        self.stack.setCurrentWidget(self.form_page)

    def _fill(self, item: Item) -> None:
        doc = self.document
        roadmap = doc.roadmap
        kind = "Milestone" if item.is_milestone else ("Business goal" if item.band == Band.BUSINESS else "Tech initiative")
        band = "business band" if item.band == Band.BUSINESS else "tech band"
        self.heading.setText(f"<b>{html.escape(item.title)}</b><br><span>{kind} · {band} · #{item.id}</span>")
        self.budget_label.setText(f"&Budget ({symbol(roadmap.info.currency).strip()})")

        lanes = roadmap.lanes_of(item.band)
        if self._lanes_shown != lanes:  # rebuilt only when the band's lanes changed, not after every edit
            self._lanes_shown = lanes
            self.lane_combo.blockSignals(True)
            self.lane_combo.clear()
            for lane in lanes:
                self.lane_combo.addItem(swatch(lane.colour, self.lane_combo.style().pixelMetric(self.lane_combo.style().PixelMetric.PM_SmallIconSize)), lane.name, lane.id)
            self.lane_combo.blockSignals(False)
            self.fields["lane_id"].shown = None  # its entries were rebuilt
        if self.parent_combo.show_item(roadmap, item):
            self.fields["parent_id"].shown = None  # its entries were rebuilt

        for f in self.fields.values():
            raw = f.raw_of(item)
            # A field whose value did not move is left alone: one the user is still working on (or that
            # was rejected) keeps what they typed, and one showing it already is not written again (after
            # every edit, each text field's cursor went back to the start and its document was rebuilt).
            if f.shown is not None and raw == f.shown:
                continue
            f.widget.blockSignals(True)
            try:
                f.write(raw)
            finally:
                f.widget.blockSignals(False)
            f.shown = raw
        if self._error_field is not None and not self._dirty():
            self._clear_error()

        editable = doc.canEdit
        for f in self.fields.values():
            if isinstance(f.widget, (QLineEdit, QPlainTextEdit)):
                if f.widget.isReadOnly() != (not editable):  # a plain text edit's setReadOnly costs even when unchanged
                    f.widget.setReadOnly(not editable)  # text stays selectable and copyable
                show_read_only(f.widget, not editable)
            else:
                f.widget.setEnabled(editable)
        for edit in (self.start_edit, self.end_edit):
            edit.popup_action.setEnabled(editable)
        self.read_only_label.setVisible(not editable)
        self.links.fill(roadmap, item, editable)

    @property
    def link_rows(self) -> list[tuple[Link, QWidget, QToolButton]]:
        return self.links.rows

    # --- committing --------------------------------------------------------------------

    def _dirty(self) -> list[_Field]:
        return [f for f in self.fields.values() if f.shown is not None and f.read() != f.shown]

    def commit(self) -> bool:
        """Apply every field the user changed as one step; False if rejected (nothing applied)."""
        doc = self.document
        if doc is None or self.item_id is None or not doc.canEdit or self.item_id not in doc.roadmap.items:
            return False
        dirty = self._dirty()
        if not dirty:
            return True
        current = doc.roadmap.items[self.item_id]
        try:
            values = {f.name: f.parse(f.read()) for f in dirty}
            doc.push(_edit_of(current, values), source=self)
        except ValidationError as error:
            self._show_error(error.field, error.message, dirty)
            return False
        except StoreError as error:
            self._show_error(None, str(error), dirty)
            return False
        self._clear_error()
        # A change that makes no step (the same value typed again) sends no notice.
        self._fill(doc.roadmap.items[self.item_id])
        return True

    def remove_link(self, link_id) -> None:
        doc = self.document
        if doc is None or not doc.canEdit:
            return
        try:
            doc.push(RemoveLink(link_id), source=self)
        except (ValidationError, StoreError) as error:
            self._show_error(None, str(error), [])

    # --- showing errors -------------------------------------------------------------

    def _show_error(self, field: str | None, message: str, dirty: list[_Field]) -> None:
        self._clear_marks()
        target = self._field_for(field, dirty)
        if target is not None:
            mark_invalid(target.widget, True)
        self._error_field = target.name if target is not None else ""
        text = message[:1].upper() + message[1:]
        self.error_label.setText(f"{text}. Not applied." if not text.endswith(".") else f"{text} Not applied.")
        self.error_label.show()

    def _field_for(self, field: str | None, dirty: list[_Field]) -> _Field | None:
        name = {"lane": "lane_id", "metric notes": "metric_notes", "parent": "parent_id"}.get(field or "", field or "")
        if name in self.fields:
            return self.fields[name]
        return dirty[0] if len(dirty) == 1 else None

    def _clear_error(self) -> None:
        self._error_field = None
        self.error_label.hide()
        self.error_label.clear()
        self._clear_marks()

    def _clear_marks(self) -> None:
        for f in self.fields.values():
            mark_invalid(f.widget, False)

    @property
    def error_text(self) -> str:
        """The message under the form, '' when there is none."""
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def marked_fields(self) -> list[str]:
        return [name for name, f in self.fields.items() if f.widget.property("invalid")]


def _edit_of(current: Item, values: dict) -> Edit:
    """One step for the fields changed: a new parent goes through SetParent, which moves the item into its lane."""
    if "parent_id" not in values:
        return UpdateItem(dataclasses.replace(current, **values))
    reparent = SetParent(current.id, values.pop("parent_id"))
    if not values:
        return reparent
    return Batch(f"Edit '{current.title}'", (UpdateItem(dataclasses.replace(current, **values)), reparent))


def _is_undo_key(event: QKeyEvent) -> bool:
    return (
        event.matches(QKeySequence.StandardKey.Undo)
        or event.matches(QKeySequence.StandardKey.Redo)
        or event.keyCombination() == QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Y)
    )
