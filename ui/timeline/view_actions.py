"""The timeline's own toggles, for the main window's toolbar and View menu: focus, and which links show.

Made without the view (QtGui only), so the window's toolbar holds them before the live timeline exists.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from ui.timeline.paint_links import LinkMode


def build_actions(parent: QObject, set_focus: Callable[[bool], None], set_link_mode: Callable[[LinkMode], None],
                  mode: LinkMode = LinkMode.ALL) -> tuple[QAction, QActionGroup, dict[LinkMode, QAction]]:
    """Focus on Selection (F, while the timeline has focus) and the exclusive Links: All / Selection / None."""
    focus = QAction("&Focus on Selection", parent)
    focus.setCheckable(True)
    focus.setShortcut(QKeySequence("F"))
    focus.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # not while typing in a panel
    focus.setToolTip("Fade everything not connected to the selection, in both bands (F)")
    focus.toggled.connect(set_focus)
    group = QActionGroup(parent)
    actions = {}
    for m, text in ((LinkMode.ALL, "&All Links"), (LinkMode.SELECTION, "Links of the &Selection"), (LinkMode.NONE, "&No Links")):
        action = QAction(text, group)
        action.setCheckable(True)
        action.setChecked(m is mode)
        action.triggered.connect(lambda checked=False, m=m: set_link_mode(m))
        actions[m] = action
    return focus, group, actions
