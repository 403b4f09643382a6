"""The timeline's own toggles, for the main window's toolbar and View menu: focus, and which links show."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from ui.timeline.links_item import LinkMode


def build_actions(view) -> tuple[QAction, QActionGroup, dict[LinkMode, QAction]]:
    """Focus on Selection (F, while the timeline has focus) and the exclusive Links: All / Selection / None."""
    focus = QAction("&Focus on Selection", view)
    focus.setCheckable(True)
    focus.setShortcut(QKeySequence("F"))
    focus.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # not while typing in a panel
    focus.setToolTip("Fade everything not connected to the selection, in both bands (F)")
    focus.toggled.connect(view.set_focus_mode)
    view.addAction(focus)
    group = QActionGroup(view)
    actions = {}
    for mode, text in ((LinkMode.ALL, "&All Links"), (LinkMode.SELECTION, "Links of the &Selection"), (LinkMode.NONE, "&No Links")):
        action = QAction(text, group)
        action.setCheckable(True)
        action.setChecked(mode is view.link_mode)
        action.triggered.connect(lambda checked=False, m=mode: view.set_link_mode(m))
        actions[mode] = action
    return focus, group, actions
