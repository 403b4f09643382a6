"""Input that reached the first frame, handed to the live timeline once it is in place (nothing is lost)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF
from PySide6.QtGui import QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget


def replay(event: QEvent, source: QWidget, view) -> None:
    """Send a copy of `event` (a key press, mouse press or wheel turn on `source`) to the live `view`."""
    kind = event.type()
    if kind == QEvent.Type.KeyPress:
        copy = QKeyEvent(kind, event.key(), event.modifiers(), event.text(), event.isAutoRepeat(), event.count())
        QApplication.sendEvent(view, copy)
        return
    target = view.viewport()
    view.place_items()
    if isinstance(event, QMouseEvent):
        pos = QPointF(target.mapFromGlobal(source.mapToGlobal(event.position().toPoint())))
        copy = QMouseEvent(kind, pos, event.globalPosition(), event.button(), event.buttons(), event.modifiers())
    elif isinstance(event, QWheelEvent):
        pos = QPointF(target.mapFromGlobal(source.mapToGlobal(event.position().toPoint())))
        copy = QWheelEvent(pos, event.globalPosition(), event.pixelDelta(), event.angleDelta(), event.buttons(),
                           event.modifiers(), event.phase(), event.inverted())
    else:
        return
    QApplication.sendEvent(target, copy)
