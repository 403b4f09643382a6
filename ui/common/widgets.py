"""Small widget helpers the rooms share."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QComboBox, QWidget

from ui.common.colours import ERROR_COLOUR


def disconnect_quietly(signal, slot) -> None:
    # WORKAROUND: disconnecting from a document Qt has already deleted raises
    # RuntimeError, and PySide warns (RuntimeWarning) on a slot that was never connected.
    try:
        signal.disconnect(slot)
    except (RuntimeError, TypeError):
        pass


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Tint a field red (or restore it); palette rather than a style sheet, so combo and date buttons still draw."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    if not invalid:
        widget.setPalette(QPalette())
        return
    palette = widget.palette()
    red = QColor(ERROR_COLOUR)
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        base = palette.color(role)
        tint = QColor.fromRgbF(
            base.redF() * 0.75 + red.redF() * 0.25, base.greenF() * 0.75 + red.greenF() * 0.25, base.blueF() * 0.75 + red.blueF() * 0.25
        )
        palette.setColor(role, tint)
    widget.setPalette(palette)


def show_read_only(widget: QWidget, read_only: bool) -> None:
    """Give a read-only text field the window's background, so it does not look editable."""
    if bool(widget.property("readOnlyLook")) == read_only:
        return
    widget.setProperty("readOnlyLook", read_only)
    palette = QPalette() if not read_only else widget.palette()
    if read_only:
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
    widget.setPalette(palette)


class LazyComboBox(QComboBox):
    """A combo box whose full list is made only when the user reaches for it (opens it or focuses it).

    Until then it holds what shows (the current entry); `needs_entries` asks the owner to fill it, so
    a list of 5,000 possible parents is not rebuilt after every edit of a 10,000-item roadmap.
    """

    needs_entries = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.complete = False  # does it hold the full list now?

    def showPopup(self) -> None:  # noqa: N802
        self._complete()
        super().showPopup()

    def focusInEvent(self, event) -> None:  # noqa: N802
        self._complete()  # arrow keys step through the full list
        super().focusInEvent(event)

    def _complete(self) -> None:
        if not self.complete:
            self.needs_entries.emit()
            self.complete = True
