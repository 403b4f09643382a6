"""Driving the inspector as a user would (click into a field, type over it, pick from a combo), and the sample's items the tests use."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QWidget

from planner.store import Store

LOYALTY = 6  # a business goal of the sample: 2026-09-01 to 2027-06-30, two tech items enable it
CHECKOUT = 28  # "Checkout rebuild": 2026-09-01 to 2027-03-31, tech band
CRM_REBUILD, CRM_GO_LIVE, DATA_WAREHOUSE = 26, 27, 31


def reload(path):
    with Store.open(path, read_only=True) as store:
        return store.load()


def focus(qtbot, widget: QWidget) -> None:
    """Click into `widget` as a user would, so it has keyboard focus."""
    widget.window().activateWindow()
    if isinstance(widget, QComboBox):  # a click would open its list: arrive by Tab instead
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus)
        return
    pos = QPoint(6, min(widget.height() // 2, 10))
    # QTest does not route a click to the child under the pointer as the window
    # system does; a date edit's text is its child line edit, so aim at that.
    target = widget.childAt(pos) or widget
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(widget, pos))
    qtbot.waitUntil(widget.hasFocus)


def retype(qtbot, edit: QWidget, text: str, finish=Qt.Key.Key_Return) -> None:
    focus(qtbot, edit)
    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        QTest.keyClicks(edit, text)
    else:
        QTest.keyClick(edit, Qt.Key.Key_Delete)
    QTest.keyClick(edit, finish)


def type_date(qtbot, edit, d: date) -> None:
    """Select the whole date and type another over it, as a user would."""
    retype(qtbot, edit, d.isoformat())


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Open the combo with the mouse and pick the entry reading `text` with the keyboard, as a user would."""
    focus(qtbot, combo)
    QTest.mouseClick(combo, Qt.MouseButton.LeftButton, pos=QPoint(combo.width() // 2, combo.height() // 2))
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    target = combo.findText(text, Qt.MatchFlag.MatchEndsWith)
    assert target > 0, f"{text!r} is not offered"
    for _ in range(abs(target - combo.currentIndex())):
        QTest.keyClick(view, Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up)
    QTest.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible())
