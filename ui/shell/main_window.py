"""The main window: menus, status bar and the timeline over one open document."""

from __future__ import annotations

import gc
import html
from collections import Counter
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QUndoGroup
from PySide6.QtWidgets import QDockWidget, QFrame, QLabel, QMainWindow, QMessageBox, QScrollArea, QWidget

from planner import clock
from planner.model import Band, Item
from planner.store import Store
from ui import settings as app_settings
from ui.document.document import ChangeNotice, RoadmapDocument
from ui.common.formatting import band_counts, count_summary
from ui.common.severity import status_text
from ui.document.selection import SelectionModel
from ui.shell.actions import build_actions, build_menus
from ui.shell.file_actions import FileActionsMixin
from ui.shell.panels import PANEL_AREAS, make_panel
from ui.shell.start_page import install_start_page
from ui.timeline.first_frame import FirstFrame
from ui.timeline.view_actions import build_actions as build_view_actions

APP_NAME = "Roadmap Planner"


class MainWindow(FileActionsMixin, QMainWindow):
    """One window over one open roadmap.

    `persistent=False` (screenshots) neither reads nor writes settings.
    """

    def __init__(self, parent: QWidget | None = None, *, persistent: bool = True, today: Callable[[], date] = clock.today):
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self._persistent = persistent
        self.today = today
        self.document: RoadmapDocument | None = None
        self.presentation = None  # the full-screen slides while presenting (View > Present)
        self.windows = None  # the WindowRegistry this window belongs to, if any (it sets this)
        self._painted = False  # has the timeline drawn the current roadmap yet?
        self._band_counts: Counter = Counter()  # items by band, for the status bar
        self.undo_group = QUndoGroup(self)
        self.selection = SelectionModel(self)
        self.selection.changed.connect(self._on_selection_changed)
        # The first picture needs no pyqtgraph: a first frame paints it, the live timeline is built after
        # that paint (or the moment anything asks for it) and takes its place without a visible change.
        self._live = None
        self._editor = None
        self.first_frame = FirstFrame(today=today())
        self.first_frame.swap_requested = self._swap_now
        self.first_frame.painted = self._on_first_frame_painted
        self.focus_action, self.link_mode_group, self.link_mode_actions = build_view_actions(
            self, lambda on: self.timeline.set_focus_mode(on), lambda mode: self.timeline.set_link_mode(mode))
        self.start_page, self.pages = install_start_page(self)  # no roadmap open: a start page, not an empty chart
        self.docks: list[QDockWidget] = []
        # Panels are made when first needed (after the first paint, or when shown):
        # their modules and widgets are not on the way to the first picture.
        self._panels: dict[str, QWidget] = {}
        self._attached: dict[str, object] = {}  # panel -> the document it was last given
        for title, area in PANEL_AREAS:
            self._dock(title, area)
        self.tabifyDockWidget(self.docks[0], self.docks[1])
        self.tabifyDockWidget(self.docks[0], self.docks[2])
        self.docks[0].raise_()
        for dock in self.docks[-3:]:
            self.tabifyDockWidget(self.docks[-4], dock)
        for dock in self.docks[-4:]:
            dock.hide()  # the timeline gets the room until the user asks for these
        self.score_label = QLabel()
        self.read_only_label = QLabel()
        self.read_only_label.setObjectName("ReadOnlyNotice")
        self.read_only_label.setStyleSheet("QLabel { color: #b45309; font-weight: 600; padding: 0 6px; }")
        self.read_only_label.linkActivated.connect(lambda _link: self._on_save_as())
        self.read_only_label.hide()
        self.counts_label = QLabel()
        self.statusBar().addPermanentWidget(self.read_only_label)
        self.statusBar().addPermanentWidget(self.score_label)
        self.statusBar().addPermanentWidget(self.counts_label)
        build_actions(self)
        build_menus(self)
        self.resize(1280, 800)
        # After the resize: on the default small window a 290 px dock would be squeezed for good.
        self.resizeDocks([self.docks[0]], [290], Qt.Orientation.Horizontal)  # the timeline keeps the room
        if persistent:
            self._restore_window()
        self._refresh()

    # --- the live timeline, behind the first frame ------------------------------------

    @property
    def timeline(self):
        """The interactive timeline, built (and swapped in for the first frame) on first use."""
        if self._live is None:
            self._build_timeline()
        return self._live

    @property
    def editor(self):
        self.timeline
        return self._editor

    def _build_timeline(self) -> None:
        from ui.timeline.editing import TimelineEditor
        from ui.timeline.view import TimelineView

        actions = (self.focus_action, self.link_mode_group, self.link_mode_actions)
        live = self._live = TimelineView(self, selection=self.selection, today=self.today(), actions=actions)
        self._editor = TimelineEditor(live, self)
        self._editor.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        live.painted.connect(self._on_timeline_painted)
        live.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        live.collapsed_changed.connect(self._on_folds_changed)
        for a in (self.delete_action, self.rename_action):
            live.addAction(a)
        if self.document is not None:
            self._editor.set_document(self.document)
            live.set_collapsed(self._folds(self.document), relayout=False)
            live.set_roadmap(self.document.roadmap, fit=True)
        self.pages.addWidget(live)
        if self.pages.currentWidget() is self.first_frame:
            self.pages.setCurrentWidget(live)
            if self.first_frame.hasFocus():
                live.setFocus()
        self.first_frame.set_roadmap(None)  # nothing to keep in step any more

    def _folds(self, document) -> tuple:
        return app_settings.folded_parents(self._settings(), document.path) if self._persistent else ()

    def _on_first_frame_painted(self) -> None:
        if self._live is None:
            QTimer.singleShot(0, self._swap_now)  # after this paint has reached the screen

    def _swap_now(self, event=None) -> None:
        """Build the live timeline now; an input event that asked for it is handed on, not lost."""
        live = self.timeline
        if event is not None:
            from ui.shell.handover import replay

            replay(event, self.first_frame, live)

    # --- the document (opening files: ui/shell/file_actions.py) ----------------------------

    def set_document(self, document: RoadmapDocument) -> None:
        old, self.document = self.document, document
        self._band_counts = band_counts(document.roadmap)
        gc.unfreeze()  # what the last document left can be collected again (see _after_first_paint)
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
            old.close()
            old.deleteLater()
        if self._live is not None:
            self._editor.set_document(document)
        for panel in self._panels.values():
            panel.set_document(None)  # cheap; the new roadmap reaches them after the first paint
        self._attached.clear()
        self.undo_group.addStack(document.undo_stack)
        # A read-only document gets no active stack, so Undo/Redo stay disabled.
        self.undo_group.setActiveStack(document.undo_stack if document.canEdit else None)
        document.changed.connect(self._on_document_changed)
        document.alignment.changed.connect(self._on_report_changed)
        # Panels connect to the document after this window (so a change reaches the
        # timeline first and the findings report lands on the new roadmap), and
        # only once the timeline has painted: hidden ones wait until shown.
        # Already on screen with the live timeline: no first paint to wait for. Otherwise the live
        # timeline's first paint (after the first frame's) says when.
        self._painted = self.isVisible() and self._live is not None
        if self._painted:
            QTimer.singleShot(0, self._after_first_paint)
        # Queued: the dialog waits until the undo stack has finished dropping the failed step.
        document.failed.connect(self._on_document_failed, Qt.ConnectionType.QueuedConnection)
        if self._live is not None:
            self._live.set_collapsed(self._folds(document), relayout=False)
            self._live.set_roadmap(document.roadmap, fit=True)
        else:
            self.first_frame.set_roadmap(document.roadmap, self._folds(document))
        self._refresh()

    def panel(self, title: str) -> QWidget:
        """The dock panel called `title`, made (and wired) on first use."""
        if title not in self._panels:
            panel = make_panel(title, self)
            self._panels[title] = panel
            dock = next(d for d in self.docks if d.windowTitle() == title)
            dock.widget().setWidget(panel)
        return self._panels[title]

    def _on_timeline_painted(self) -> None:
        if self._painted:
            return  # the timeline shows this document afresh (lanes changed): panels and report are in place
        self._painted = True
        self._after_first_paint()

    def _after_first_paint(self) -> None:
        """What the first picture need not wait for: the alignment report, then the panels."""
        self._on_report_changed()
        self._attach_panels()
        QTimer.singleShot(200, Store.warm_up)  # the first edit then does not pause for imports
        # WORKAROUND: CPython's full garbage collection walks every live object: with 10,000 items open
        # about 100 ms (500 ms at 50,000), landing in the middle of an edit. What is alive now (the
        # roadmap, its analysis, the views) is moved out of its way; a new document lets it go again.
        gc.freeze()

    def _attach_panels(self) -> None:
        if self.document is None:
            return
        for dock in self.docks:
            title = dock.windowTitle()
            if not dock.isHidden() and self._attached.get(title) is not self.document:
                self._attached[title] = self.document
                self.panel(title).set_document(self.document)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._persistent:
            settings = self._settings()
            settings.setValue("window/geometry", self.saveGeometry())
            settings.setValue("window/state", self.saveState())
        if self.document is not None:
            self.document.close()
        super().closeEvent(event)

    # --- reacting ----------------------------------------------------------------------

    def _on_document_changed(self, notice: ChangeNotice) -> None:
        if self._live is not None:
            self._live.follow(self.document.roadmap, notice)  # only what the change touched is laid out again
        else:
            self.first_frame.set_roadmap(self.document.roadmap, self.first_frame.collapsed)
        for entities, step in ((notice.inserted, 1), (notice.removed, -1)):  # the status bar's counts follow it too
            for e in entities:
                if isinstance(e, Item):
                    self._band_counts[e.band] += step
        self._refresh()

    def _on_folds_changed(self, item_ids) -> None:
        if self._persistent and self.document is not None:
            app_settings.remember_folded(self._settings(), self.document.path, item_ids)

    def _on_document_failed(self, message: str) -> None:
        QMessageBox.warning(self, "Change not saved", message)

    def _refresh(self) -> None:
        doc = self.document
        self.pages.setCurrentWidget((self._live or self.first_frame) if doc is not None else self.start_page)
        if doc is None:
            self.setWindowTitle(APP_NAME)
            self.counts_label.setText("No roadmap open")
            self.start_page.set_recent(self.recent_files())
        else:
            suffix = "" if doc.canEdit else " [read-only]"
            self.read_only_label.setVisible(not doc.canEdit)
            if not doc.canEdit:
                # Say why (the file, its folder, or asked for), and offer the way out: a copy elsewhere.
                reason = doc.store.read_only_reason or "changes cannot be made to this file"
                self.read_only_label.setText(f"Read-only: {html.escape(reason)} · <a href='save-as'>Save As…</a>")
            self.setWindowTitle(f"{doc.roadmap.info.title} — {doc.path.name} — {APP_NAME}{suffix}")
            self.counts_label.setText(count_summary(doc.roadmap, self._band_counts))
        has_doc = doc is not None
        for action in (self.save_as_action, self.export_json_action, self.export_picture_action, self.export_pack_action, self.print_action,
                       *self.view_actions):
            action.setEnabled(has_doc)
        for action in self.edit_actions:
            action.setEnabled(has_doc and doc.canEdit)
        self._on_selection_changed()

    def _on_selection_changed(self, *_) -> None:
        """Delete and Duplicate need a selection, Rename exactly one item."""
        doc = self.document
        editable = doc is not None and doc.canEdit
        count = len(self.selection.ids)
        self.delete_action.setEnabled(editable and count > 0)
        self.duplicate_action.setEnabled(editable and count > 0)
        self.rename_action.setEnabled(editable and count == 1)

    # --- actions -------------------------------------------------------------------------

    def _on_add_milestone(self) -> None:
        """A milestone in the band of the selected item, else in the business band."""
        roadmap = self.document.roadmap if self.document else None
        selected = [roadmap.items[i] for i in self.selection.ids if roadmap and i in roadmap.items]
        self.editor.add_item(selected[0].band if selected else Band.BUSINESS, milestone=True)

    def _dock(self, title: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{title}Dock")
        # A panel scrolls rather than forcing its minimum size on the window
        # (an unshown main window otherwise grows to fit hidden docks).
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        dock.setWidget(scroller)
        self.addDockWidget(area, dock)
        self.docks.append(dock)
        dock.visibilityChanged.connect(lambda visible: visible and self._painted and self._attach_panels())
        return dock

    def _on_report_changed(self, delta=None) -> None:
        """The document's report changed: badges (of the items the delta names) and the status-bar score follow it."""
        if self.document is None:
            return
        report = self.document.alignment.report
        if self._live is not None:  # the live view takes the whole report when it is built
            self._live.set_report(report, delta.items if delta is not None else None)
        self.score_label.setText(status_text(report))
        self.score_label.setToolTip(report.score_reason if report is not None and report.score is None else "")

    def _on_start_review(self) -> None:
        if self.document is None:
            return
        from ui.review.dialog import QuarterlyReviewDialog

        dialog = QuarterlyReviewDialog(self.document, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _on_properties(self) -> None:
        if self.document is not None:
            from ui.properties.dialog import RoadmapPropertiesDialog

            RoadmapPropertiesDialog(self.document, self).open()

    def _on_lanes(self) -> None:
        if self.document is not None:
            from ui.lanes.dialog import LanesDialog

            LanesDialog(self.document, self).open()

    def _on_rename(self) -> None:
        if len(self.selection.ids) == 1:
            self.editor.rename(next(iter(self.selection.ids)))

    def _on_present(self) -> None:
        if self.document is None:
            return
        from ui.present.window import PresentationWindow

        self.presentation = PresentationWindow(self.document, self)
        self.presentation.present()

    def _on_about(self) -> None:
        from ui.about.dialog import AboutDialog

        dialog = AboutDialog(self.document.path if self.document else None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.about_dialog = dialog  # for tests
        dialog.open()

    def _on_copy_diagnostics(self) -> None:
        from ui.about.diagnostics import copy_diagnostics

        copy_diagnostics(self.document.path if self.document else None)
        self.statusBar().showMessage("Diagnostics copied to the clipboard: paste them into your bug report", 8000)

    # --- settings -------------------------------------------------------------------------

    def _settings(self) -> QSettings:
        return app_settings.open_settings()

    def _restore_window(self) -> None:
        settings = self._settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
            if isinstance(geometry, QByteArray):
                # WORKAROUND: restoring tabbed docks on a window not yet shown grows it
                # to the sum of the docks' heights; the saved geometry is the truth.
                self.restoreGeometry(geometry)
