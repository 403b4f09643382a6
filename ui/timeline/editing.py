"""Editing on the timeline: drags, double-clicks, keys and menus turned into undo steps.

The editor sits between the view and the document. Mouse events reach it
from the band items; it runs one gesture at a time (ui.timeline.gestures),
shows the preview while the pointer moves, and pushes exactly one edit when
the gesture ends — nothing of a half-done drag reaches the file, and Escape
puts everything back.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QMenu, QToolTip

from planner import edits
from planner.hierarchy import descendants
from planner.layout import BAR_FILL, DAY, Part, from_x, to_x
from planner.model import Band, ItemId, LinkKind
from planner.validation import ValidationError
from ui.timeline.drag_preview import DragPreviewItem, item_rect
from ui.timeline.gestures import (
    LinkGesture, MoveGesture, Pointer, ResizeGesture, SnapUnit, default_length, new_item, snap, snap_unit_for, step,
)
from ui.timeline.view import BandPlot, TimelineView


def _quote(title: str) -> str:
    return f"'{title if len(title) <= 40 else title[:39] + '…'}'"


class TimelineEditor(QObject):
    """Direct manipulation of one TimelineView over one document."""

    message = Signal(str)  # for the status bar

    def __init__(self, view: TimelineView, parent: QObject | None = None):
        super().__init__(parent)
        self.view = view
        self.document = None
        self.gesture = None
        self._gesture_band: BandPlot | None = None
        self._cancelled = False
        self._editor: QLineEdit | None = None
        self.previews = {}
        self.menu: QMenu | None = None  # the last item menu shown
        for band in view.bands:
            preview = DragPreviewItem()
            band.plot.addItem(preview, ignoreBounds=True)
            self.previews[band.band] = preview
            band.bars.drag_handler = self._on_drag
            band.bars.double_clicked.connect(self.rename)
            band.bars.context_requested.connect(self._on_context_menu)
            band.view_box.emptyDoubleClicked.connect(lambda pos, b=band: self._on_empty_double_click(b, pos))
        view.tech.bars.link_handles = True
        view.editor = self

    # --- document -------------------------------------------------------------------

    def set_document(self, document) -> None:
        self.cancel()
        self.document = document

    @property
    def editable(self) -> bool:
        return self.document is not None and self.document.canEdit

    @property
    def roadmap(self):
        return self.document.roadmap

    def _push(self, edit, *, label: str | None = None, merge_key=None) -> tuple:
        """Push one undo step; a rule it breaks is shown, not raised. Returns the changes made (empty: none)."""
        try:
            changes = self.document.push(edit, source=self, label=label, merge_key=merge_key)
        except ValidationError as error:
            self.message.emit(f"Not changed: {error.message}")
            return ()
        except Exception as error:  # the store said no (read-only, changed elsewhere): say why
            self.message.emit(f"Not saved: {error}")
            return ()
        if changes:
            self.message.emit(label or edit.label)
        return changes

    # --- snapping ---------------------------------------------------------------------

    def snap_unit(self, band: BandPlot) -> SnapUnit:
        x0, x1 = band.x_range()
        width = band.view_box.width()
        return snap_unit_for(width / max((x1 - x0) / DAY, 1e-9)) if width > 0 else SnapUnit.MONTH

    def _pointer(self, band: BandPlot, scene_pos: QPointF, modifiers) -> Pointer:
        p = band.view_box.mapSceneToView(scene_pos)
        lane = band.layout.lane_at(p.y())
        return Pointer(
            x=p.x(), lane_id=lane.id if lane else None, unit=self.snap_unit(band),
            snapping=not bool(modifiers & Qt.KeyboardModifier.ShiftModifier),
            fy_month=self.roadmap.info.fiscal_year_start_month,
        )

    # --- drags --------------------------------------------------------------------------

    def _on_drag(self, bars, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        band = next(b for b in self.view.bands if b.bars is bars)
        if ev.isStart():
            self._cancelled = False
            QToolTip.hideText()  # nothing covers the drop target while dragging
            self.view.clear_hover()
            if not self.editable or not self._begin(band, ev):
                ev.ignore()  # not on an item (or read-only): the view pans
                return
        ev.accept()
        if self.gesture is None:
            return  # cancelled with Escape: swallow the rest of this drag
        self._update(ev.scenePos(), ev.modifiers())
        if ev.isFinish():
            self.finish()

    def _begin(self, band: BandPlot, ev) -> bool:
        scene = ev.buttonDownScenePos()
        handle = band.bars.on_link_handle(scene)
        hit = band.bars.hit_at(band.bars.mapFromScene(scene))
        if handle is None and hit is None:
            return False
        item = self.roadmap.items[handle if handle is not None else hit.item_id]
        alt = bool(ev.modifiers() & Qt.KeyboardModifier.AltModifier)
        self._gesture_band = band
        if item.band == Band.TECH and (handle is not None or alt):
            self.gesture = LinkGesture(item, self.roadmap)
            self.view.selection.set({item.id})
        elif hit.part in (Part.START, Part.END) and not item.is_milestone:
            self.gesture = ResizeGesture(item, "start" if hit.part == Part.START else "end")
            self.view.selection.set({item.id})
        else:
            selected = self.view.selection.ids
            if item.id not in selected:
                self.view.selection.set({item.id})
                selected = {item.id}
            others = [self.roadmap.items[i] for i in sorted(selected) if i != item.id and i in self.roadmap.items]
            anchor = band.view_box.mapSceneToView(scene).x()
            self.gesture = MoveGesture((item, *others), anchor, carried=self._carried(band, (item, *others)))
        return True

    def _carried(self, band: BandPlot, items) -> tuple:
        """The shown descendants of dragged parents (not dragged themselves): they move with them."""
        parents = band.layout.outline.parents
        if not any(i.id in parents for i in items):
            return ()
        dragged = {i.id for i in items}
        below = [d for i in items for d in descendants(self.roadmap, i.id) if d.id in band.layout.bars]
        return tuple({d.id: d for d in below if d.id not in dragged}.values())

    def _update(self, scene_pos: QPointF, modifiers) -> None:
        gesture, band = self.gesture, self._gesture_band
        if isinstance(gesture, LinkGesture):
            business = self.view.business
            hit = business.bars.hit_at(business.bars.mapFromScene(scene_pos))
            if hit is None:
                tech_hit = band.bars.hit_at(band.bars.mapFromScene(scene_pos))
                hovered = tech_hit.item_id if tech_hit else None
            else:
                hovered = hit.item_id
            gesture.update(hovered)
            self.view.pending_link.set_pending(gesture.source.id, scene_pos, gesture.target.id if gesture.target else None)
            return
        gesture.update(self._pointer(band, scene_pos, modifiers))
        self._show_preview(band)

    def _show_preview(self, band: BandPlot) -> None:
        gesture = self.gesture
        moving = isinstance(gesture, MoveGesture)
        originals = (*gesture.items, *gesture.carried) if moving else (gesture.item,)
        ghosts = [band.bars.bar_rect(i.id) for i in originals]
        lanes = {box.lane.id: box for box in band.layout.lanes}
        lead_top = band.layout.bars[originals[0].id].top
        bars = []
        for before, after in zip(originals, gesture.preview() + (gesture.preview_carried() if moving else [])):
            current = band.layout.bars[before.id]
            # Into another lane, a subtree keeps its shape from the lane's first row.
            top = current.top if after.lane_id == before.lane_id else lanes[after.lane_id].top + (1 - BAR_FILL) / 2 + current.top - lead_top
            colour = self.roadmap.lanes[after.lane_id].colour
            bars.append((item_rect(after.start, after.end, top), QColor(colour), after.is_milestone))
        lead = gesture.preview()[0]
        when = f"{lead.start:%d %b %Y}" if lead.is_milestone else f"{lead.start:%d %b %Y} – {lead.end:%d %b %Y}"
        if isinstance(gesture, MoveGesture) and gesture.lane_id not in (None, originals[0].lane_id):
            when += f" · {self.roadmap.lanes[gesture.lane_id].name}"
        self.previews[band.band].show_drag([g for g in ghosts if g is not None], bars, when, self.view.colours)

    def finish(self) -> None:
        """End the gesture: push its one edit, or say why nothing changed."""
        gesture, self.gesture = self.gesture, None
        self._clear_previews()
        if gesture is None:
            return
        edit = gesture.finish()
        if edit is None:
            if isinstance(gesture, LinkGesture):
                self.message.emit(f"No link made: {gesture.reason or 'drop it on a business item'}")
            return
        label = None
        if isinstance(gesture, MoveGesture):
            lead = gesture.items[0]
            label = f"Move {_quote(lead.title)}" if len(gesture.items) == 1 else f"Move {len(gesture.items)} items"
        elif isinstance(gesture, ResizeGesture):
            label = f"Resize {_quote(gesture.item.title)}"
        elif isinstance(gesture, LinkGesture):
            label = f"Link {_quote(gesture.source.title)} to {_quote(gesture.target.title)}"
        self._push(edit, label=label)

    def cancel(self) -> bool:
        """Escape: drop the gesture in progress and put everything back. True if there was one."""
        if self.gesture is None:
            return False
        self.gesture = None
        self._clear_previews()
        self.message.emit("Drag cancelled")
        return True

    def _clear_previews(self) -> None:
        for preview in self.previews.values():
            preview.clear()
        self.view.pending_link.set_pending(None, None, None)

    # --- creating, renaming, deleting ---------------------------------------------------

    def _on_empty_double_click(self, band: BandPlot, pos: QPointF) -> None:
        lane = band.layout.lane_at(pos.y())
        if not self.editable or lane is None:
            return
        start = snap(from_x(pos.x()), self.snap_unit(band), self.roadmap.info.fiscal_year_start_month)
        self.add_item(band.band, lane_id=lane.id, start=start)

    def add_item(self, band: Band, *, milestone: bool = False, lane_id=None, start: date | None = None) -> ItemId | None:
        """Create an item (toolbar, menu or double-click), select it, show it and open its title for editing.

        Its length follows the zoom (a quarter at a two-year view), so it is wide enough for its title.
        """
        if not self.editable:
            return None
        plot = self.view.band(band)
        lanes = self.roadmap.lanes_of(band)
        if not lanes:
            self.message.emit(f"Add a {band} lane first (Edit > Lanes…)")
            return None
        if lane_id is None:
            chosen = [self.roadmap.items[i] for i in self.view.selection.ids if i in self.roadmap.items]
            lane_id = next((i.lane_id for i in chosen if i.band == band), lanes[0].id)
        unit = self.snap_unit(plot)
        if start is None:
            x0, x1 = plot.x_range()
            today = self.view.today
            centre = today if x0 <= to_x(today) <= x1 else from_x((x0 + x1) / 2)
            start = snap(centre, unit, self.roadmap.info.fiscal_year_start_month)
        item = new_item(self.roadmap, band, lane_id, start, default_length(self.view.visible_days(band)), milestone=milestone)
        changes = self._push(edits.AddItem(item))
        if not changes:
            return None
        new_id = changes[0].entity.id
        self.view.selection.set({new_id})
        self.view.reveal({new_id})
        self.rename(new_id)
        return new_id

    def rename(self, item_id: ItemId) -> None:
        """F2 / double-click: edit the title in place; Return saves, Escape leaves it."""
        if not self.editable or item_id not in self.roadmap.items:
            return
        self._close_editor()
        rect = self.view.item_rect(item_id) or QRect(20, 20, 200, 24)
        editor = QLineEdit(self.view.viewport())
        editor.setObjectName("InlineTitleEditor")
        editor.setText(self.roadmap.items[item_id].title)
        editor.selectAll()
        editor.setGeometry(rect.left(), rect.center().y() - 13, max(rect.width(), 220), 26)
        editor.returnPressed.connect(lambda: self._commit_rename(item_id, editor))
        editor.installEventFilter(self)
        editor.show()
        editor.setFocus()
        self._editor = editor

    def _commit_rename(self, item_id: ItemId, editor: QLineEdit) -> None:
        title = editor.text()
        self._close_editor()
        item = self.roadmap.items.get(item_id)
        if item is not None and title != item.title:
            self._push(edits.UpdateItem(dataclasses.replace(item, title=title)), label=f"Rename to {_quote(title)}")

    def _close_editor(self) -> None:
        editor, self._editor = self._editor, None
        if editor is not None:
            editor.removeEventFilter(self)
            editor.hide()
            editor.deleteLater()
            self.view.setFocus()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self._editor:
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
                self._close_editor()
                return True
            if event.type() == QEvent.Type.FocusOut:
                self._close_editor()
        return False

    def delete_selected(self) -> None:
        ids = tuple(sorted(i for i in self.view.selection.ids if i in self.roadmap.items))
        if not ids or not self.editable:
            return
        label = f"Delete {_quote(self.roadmap.items[ids[0]].title)}" if len(ids) == 1 else f"Delete {len(ids)} items"
        self._push(edits.DeleteItems(ids), label=label)

    def duplicate_selected(self) -> None:
        items = [self.roadmap.items[i] for i in sorted(self.view.selection.ids) if i in self.roadmap.items]
        if not items or not self.editable:
            return
        label = f"Duplicate {_quote(items[0].title)}" if len(items) == 1 else f"Duplicate {len(items)} items"
        # DuplicateItems copies each item's subtree too, the copies under the copied parent.
        changes = self._push(edits.DuplicateItems(tuple(i.id for i in items)), label=label)
        if changes:
            self.view.selection.set(c.entity.id for c in changes)

    def nudge(self, direction: int) -> None:
        """Arrow keys: move the selection one snap unit; successive nudges are one undo step."""
        items = [self.roadmap.items[i] for i in sorted(self.view.selection.ids) if i in self.roadmap.items]
        if not items or not self.editable:
            return
        lead = items[0]
        unit = self.snap_unit(self.view.band(lead.band))
        days = (step(lead.start, unit, direction) - lead.start).days
        ids = tuple(i.id for i in items)
        label = f"Nudge {_quote(lead.title)}" if len(ids) == 1 else f"Nudge {len(ids)} items"
        self._push(edits.MoveItems(ids, days), label=label, merge_key=("nudge", ids))

    def unlink(self, link_id) -> None:
        link = self.roadmap.links.get(link_id)
        if link is None or not self.editable:
            return
        source, target = self.roadmap.items[link.source_id], self.roadmap.items[link.target_id]
        self._push(edits.RemoveLink(link_id), label=f"Unlink {_quote(source.title)} from {_quote(target.title)}")

    # --- keys and menus ----------------------------------------------------------------

    def handle_key(self, ev: QKeyEvent) -> bool:
        """Keys the view passes on first; True when handled here."""
        key = ev.key()
        if key == Qt.Key.Key_Escape:
            return self.cancel()
        if self.gesture is not None or not self.view.selection.ids:
            return False
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and not ev.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.nudge(-1 if key == Qt.Key.Key_Left else 1)
            return True
        if key == Qt.Key.Key_F2 and len(self.view.selection.ids) == 1:
            self.rename(next(iter(self.view.selection.ids)))
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selected()
            return True
        return False

    def _add_fold_action(self, menu: QMenu, item) -> None:
        """Collapse or expand a parent (view state: allowed on a read-only file too); on a child, fold its parent."""
        view = self.view
        parent = view.outline_parent(item.id)
        if parent is not None:
            text = "Expand" if parent.collapsed else "Collapse"
            menu.addAction(f"{text}\tSpace", lambda: view.toggle_collapsed(item.id)).setObjectName("FoldAction")
        elif item.parent_id is not None and view.outline_parent(item.parent_id) is not None:
            title = _quote(self.roadmap.items[item.parent_id].title)
            menu.addAction(f"Collapse {title}\tSpace", view.fold_selection).setObjectName("FoldAction")

    def _on_context_menu(self, item_id: ItemId, screen_pos) -> None:
        if item_id not in self.roadmap.items:
            return
        if item_id not in self.view.selection.ids:
            self.view.selection.set({item_id})
        menu = QMenu(self.view)
        item = self.roadmap.items[item_id]
        menu.addAction("Rename", lambda: self.rename(item_id)).setEnabled(self.editable)
        menu.addAction("Duplicate", self.duplicate_selected).setEnabled(self.editable)
        menu.addAction("Delete", self.delete_selected).setEnabled(self.editable)
        self._add_fold_action(menu, item)
        links = [l for l in self.roadmap.links_of(item_id) if l.kind == LinkKind.SUPPORTS]
        if links:
            menu.addSeparator()
            for link in links:
                other = self.roadmap.items[link.target_id if link.source_id == item_id else link.source_id]
                menu.addAction(f"Unlink from {_quote(other.title)}", lambda l=link.id: self.unlink(l)).setEnabled(self.editable)
        if item.band == Band.TECH:
            menu.addSeparator()
            hint = menu.addAction("Link: drag the handle above the bar (or Alt+drag) onto a business item")
            hint.setEnabled(False)
        self.menu = menu  # tests find its actions here
        menu.popup(screen_pos)
