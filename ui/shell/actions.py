"""The main window's actions, menus and toolbar; the window keeps the slots."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from planner.model import Band


def build_actions(window) -> None:
    """Every action of the window, as attributes of it (the menus and toolbar share them)."""
    def action(text: str, slot, shortcut=None) -> QAction:
        a = QAction(text, window)
        if shortcut is not None:
            a.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        a.triggered.connect(slot)
        return a

    window.new_action = action("&New…", window._on_new, QKeySequence.StandardKey.New)
    window.open_action = action("&Open…", window._on_open, "Ctrl+O")
    window.save_as_action = action("Save &As…", window._on_save_as, QKeySequence.StandardKey.SaveAs)
    window.export_json_action = action("&JSON…", window._on_export_json)
    window.import_action = action("&Import…", window._on_import, "Ctrl+I")
    window.quit_action = action("&Quit", window.close, "Ctrl+Q")
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    window.undo_action = window.undo_group.createUndoAction(window)
    window.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
    window.redo_action = window.undo_group.createRedoAction(window)
    window.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    window.export_pack_action = action("&Board Pack (Excel)…", window._on_export_pack, "Ctrl+E")
    window.export_picture_action = action("&Picture (PNG, SVG, PDF)…", window._on_export_picture, "Ctrl+Shift+E")
    window.export_slides_action = action("&Slides (PowerPoint)…", window._on_export_slides)
    window.present_action = action("&Present", window._on_present, "F5")
    window.present_action.setToolTip("Show the board slides full screen, live on this roadmap (Escape leaves)")
    window.print_action = action("&Print…", window._on_print, QKeySequence.StandardKey.Print)
    window.preset_actions = [
        action(text, lambda checked=False, m=months: window.timeline.show_span(m), f"Ctrl+{n}")
        for n, (text, months) in enumerate((("&12 Months", 12), ("&24 Months", 24), ("&3 Years", 36), ("&5 Years", 60)), 1)
    ]
    window.fit_action = action("&Fit All", lambda: window.timeline.fit_all(), "Ctrl+0")
    window.zoom_in_action = action("Zoom &In", lambda: window.timeline.zoom(1.25), [QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
    window.zoom_out_action = action("Zoom &Out", lambda: window.timeline.zoom(0.8), "Ctrl+-")
    window.today_action = action("Go to &Today", lambda: window.timeline.go_today(), "Ctrl+T")
    window.expand_all_action = action("E&xpand All", lambda: window.timeline.expand_all())
    window.expand_all_action.setToolTip("Show every item under its parent (Space folds or unfolds the selected parent)")
    window.collapse_all_action = action("Co&llapse All", lambda: window.timeline.collapse_all())
    window.collapse_all_action.setToolTip("Fold every parent: each stands for what is under it")
    window.lock_action = action("&Lock Scales", lambda on: window.timeline.set_scales_locked(on), "Ctrl+L")
    window.lock_action.setCheckable(True)
    window.lock_action.setToolTip("Put both bands on one shared time scale")
    window.add_goal_action = action("Add Business &Goal", lambda: window.editor.add_item(Band.BUSINESS), "Ctrl+Shift+G")
    window.add_initiative_action = action("Add Tech &Initiative", lambda: window.editor.add_item(Band.TECH), "Ctrl+Shift+I")
    window.add_milestone_action = action("Add &Milestone", window._on_add_milestone, "Ctrl+Shift+M")
    window.delete_action = action("&Delete", lambda: window.editor.delete_selected(), QKeySequence.StandardKey.Delete)
    window.duplicate_action = action("D&uplicate", lambda: window.editor.duplicate_selected(), "Ctrl+D")
    window.rename_action = action("&Rename", window._on_rename, "F2")
    window.lanes_action = action("&Lanes…", window._on_lanes, "Ctrl+Shift+L")
    window.properties_action = action("Roadmap &Properties…", window._on_properties, "Ctrl+Shift+P")
    window.properties_action.setToolTip("Title, vision and mission, horizons, fiscal year and currency")
    window.review_action = action("&Start Quarterly Review…", window._on_start_review, "Ctrl+Shift+R")
    window.edit_actions = [window.add_goal_action, window.add_initiative_action, window.add_milestone_action,
                         window.delete_action, window.duplicate_action, window.rename_action, window.lanes_action,
                         window.review_action, window.properties_action]
    for a in (window.delete_action, window.rename_action):
        a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # not while typing in a panel
        window.first_frame.addAction(a)  # the live timeline gets them too when it is built
    window.view_actions = [*window.preset_actions, window.fit_action, window.zoom_in_action, window.zoom_out_action, window.today_action,
                           window.expand_all_action, window.collapse_all_action, window.lock_action, window.focus_action, *window.link_mode_actions.values()]
    window.backups_action = action("Open &Backups Folder", window._on_open_backups)
    window.diagnostics_action = action("Copy &Diagnostics", window._on_copy_diagnostics)
    window.diagnostics_action.setStatusTip("Versions, platform and paths for a bug report, to the clipboard")
    window.about_action = action("&About Roadmap Planner", window._on_about)
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)

def build_menus(window) -> None:
    """The menu bar and the toolbar."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(window.new_action)
    file_menu.addAction(window.open_action)
    window.recent_menu = file_menu.addMenu("Open &Recent")
    window.recent_menu.aboutToShow.connect(window._fill_recent_menu)
    file_menu.addAction(window.import_action)
    file_menu.addSeparator()
    file_menu.addAction(window.save_as_action)
    window.export_menu = file_menu.addMenu("&Export")
    window.export_menu.addAction(window.export_pack_action)
    window.export_menu.addAction(window.export_slides_action)
    window.export_menu.addAction(window.export_picture_action)
    window.export_menu.addAction(window.export_json_action)
    file_menu.addAction(window.print_action)
    file_menu.addSeparator()
    file_menu.addAction(window.properties_action)
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addAction(window.undo_action)
    edit_menu.addAction(window.redo_action)
    edit_menu.addSeparator()
    for a in window.edit_actions[:3]:
        edit_menu.addAction(a)
    edit_menu.addSeparator()
    for a in window.edit_actions[3:-1]:  # the last, Roadmap Properties, lives in the File menu
        edit_menu.addAction(a)
    view_menu = bar.addMenu("&View")
    for a in window.preset_actions:
        view_menu.addAction(a)
    view_menu.addAction(window.fit_action)
    view_menu.addSeparator()
    view_menu.addAction(window.zoom_in_action)
    view_menu.addAction(window.zoom_out_action)
    view_menu.addAction(window.today_action)
    view_menu.addSeparator()
    view_menu.addAction(window.expand_all_action)
    view_menu.addAction(window.collapse_all_action)
    view_menu.addSeparator()
    view_menu.addAction(window.lock_action)
    view_menu.addAction(window.focus_action)
    links_menu = view_menu.addMenu("Lin&ks")
    for a in window.link_mode_actions.values():
        links_menu.addAction(a)
    view_menu.addSeparator()
    view_menu.addAction(window.present_action)
    window.panels_menu = view_menu.addMenu("&Panels")
    for dock in window.docks:
        window.panels_menu.addAction(dock.toggleViewAction())
    toolbar = window.addToolBar("View")
    toolbar.setObjectName("ViewToolBar")
    toolbar.setMovable(False)
    for a in (*window.preset_actions, window.fit_action):
        toolbar.addAction(a)
    toolbar.addSeparator()
    toolbar.addAction(window.today_action)
    toolbar.addAction(window.lock_action)
    toolbar.addAction(window.focus_action)
    toolbar.addSeparator()
    for a in window.edit_actions[:3]:
        toolbar.addAction(a)
    review_menu = bar.addMenu("&Review")
    review_menu.addAction(window.review_action)
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(window.backups_action)
    help_menu.addAction(window.diagnostics_action)
    help_menu.addSeparator()
    help_menu.addAction(window.about_action)
