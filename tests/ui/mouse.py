"""Real mouse events sent to a widget's viewport, the way a user's pointer would.

Events carry both `button` and `buttons` (drags are unreliable otherwise) and
every press is released, so nothing leaks into the next test. Moves are
spaced past pyqtgraph's mouse rate limit (100 per second), which drops
moves that arrive closer together. pyqtgraph's own
tests/ui_testing.py explains why QTest's drag helpers are not used.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.MouseButton.NoButton
NO_MODS = Qt.KeyboardModifier.NoModifier
MOVE_INTERVAL_MS = 12


def _send(widget: QWidget, kind: QEvent.Type, pos: QPointF, button, buttons, mods) -> None:
    global_pos = QPointF(widget.mapToGlobal(pos.toPoint()))
    event = QMouseEvent(kind, pos, global_pos, button, buttons, mods)
    QApplication.sendEvent(widget, event)


def hover(widget: QWidget, pos: QPointF | QPoint, mods=NO_MODS) -> None:
    _send(widget, QEvent.Type.MouseMove, QPointF(pos), NONE, NONE, mods)


def click(widget: QWidget, pos: QPointF | QPoint, mods=NO_MODS) -> None:
    pos = QPointF(pos)
    _send(widget, QEvent.Type.MouseButtonPress, pos, LEFT, LEFT, mods)
    _send(widget, QEvent.Type.MouseButtonRelease, pos, LEFT, NONE, mods)


def drag(widget: QWidget, start: QPointF | QPoint, end: QPointF | QPoint, steps: int = 8, mods=NO_MODS) -> None:
    start, end = QPointF(start), QPointF(end)
    hover(widget, start, mods)  # as a real pointer arrives first: pyqtgraph picks drag targets on hover
    QTest.qWait(MOVE_INTERVAL_MS)
    _send(widget, QEvent.Type.MouseButtonPress, start, LEFT, LEFT, mods)
    try:
        for n in range(1, steps + 1):
            QTest.qWait(MOVE_INTERVAL_MS)
            p = start + (end - start) * (n / steps)
            _send(widget, QEvent.Type.MouseMove, p, NONE, LEFT, mods)
    finally:
        _send(widget, QEvent.Type.MouseButtonRelease, end, LEFT, NONE, mods)


def double_click(widget: QWidget, pos: QPointF | QPoint, mods=NO_MODS) -> None:
    """The sequence Qt 6 delivers for a real double-click: press, release, double-click, release."""
    pos = QPointF(pos)
    hover(widget, pos, mods)
    _send(widget, QEvent.Type.MouseButtonPress, pos, LEFT, LEFT, mods)
    _send(widget, QEvent.Type.MouseButtonRelease, pos, LEFT, NONE, mods)
    _send(widget, QEvent.Type.MouseButtonDblClick, pos, LEFT, LEFT, mods)
    _send(widget, QEvent.Type.MouseButtonRelease, pos, LEFT, NONE, mods)


def wheel(widget: QWidget, pos: QPointF | QPoint, delta: int, mods=NO_MODS) -> None:
    pos = QPointF(pos)
    global_pos = QPointF(widget.mapToGlobal(pos.toPoint()))
    event = QWheelEvent(pos, global_pos, QPoint(0, 0), QPoint(0, delta), NONE, mods, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)
