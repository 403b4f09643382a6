"""A date field that keeps what the user typed.

QDateEdit "fixes up" input it cannot take: typing 2026-01-01 over a whole
selected date became 2027-01-01 and was applied without a word. This field is
a line edit, so the text stays exactly as typed until it is valid; `date()`
says whether it is, and `parse_date` says why not. Up/Down step the year,
month or day under the cursor, and a calendar button pops up a month to pick
from, as QDateEdit's did.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QWidget

from planner.dates import MAX_DATE, MIN_DATE, add_months
from planner.validation import ValidationError

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DIGITS = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")


def parse_date(text: str, field: str) -> date:
    """The date in `text` (YYYY-MM-DD, or YYYYMMDD); `ValidationError(field, why)` otherwise."""
    match = _ISO.match(text) or _DIGITS.match(text)
    if not text.strip():
        raise ValidationError(field, f"{field} is required: type a date as YYYY-MM-DD")
    if match is None:
        raise ValidationError(field, f"{field} {text.strip()!r} is not a date: type it as YYYY-MM-DD")
    year, month, day = (int(g) for g in match.groups())
    try:
        value = date(year, month, day)
    except ValueError as error:
        raise ValidationError(field, f"{field} {text.strip()!r} is not a date ({error})") from None
    if not MIN_DATE <= value <= MAX_DATE:
        raise ValidationError(field, f"{field} {value} is outside {MIN_DATE.year}-{MAX_DATE.year}")
    return value


class DateField(QLineEdit):
    """A line edit for one date, with a calendar popup; `picked` when a day is clicked in it."""

    picked = Signal()

    def __init__(self, field: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.setPlaceholderText("YYYY-MM-DD")
        self.setToolTip("Type a date as YYYY-MM-DD; Up/Down step the part under the cursor")
        self._calendar = QCalendarWidget()
        self._calendar.setWindowFlags(Qt.WindowType.Popup)
        self._calendar.setGridVisible(True)
        self._calendar.setDateRange(QDate(MIN_DATE.year, MIN_DATE.month, MIN_DATE.day), QDate(MAX_DATE.year, MAX_DATE.month, MAX_DATE.day))
        self._calendar.clicked.connect(self._on_calendar_picked)
        self._calendar.activated.connect(self._on_calendar_picked)
        self.popup_action = QAction(_calendar_icon(self.palette().text().color()), "Pick from a calendar", self)
        self.popup_action.triggered.connect(self.show_calendar)
        self.addAction(self.popup_action, QLineEdit.ActionPosition.TrailingPosition)

    # --- value ---------------------------------------------------------------------

    def date(self) -> date | None:
        """The typed date, or None while the text is not one."""
        try:
            return parse_date(self.text(), self.field)
        except ValidationError:
            return None

    def setDate(self, value: date) -> None:  # noqa: N802  (Qt's name, so it reads like QDateEdit)
        self.setText(value.isoformat())

    # --- calendar --------------------------------------------------------------------

    def calendarWidget(self) -> QCalendarWidget:  # noqa: N802
        return self._calendar

    def calendarPopup(self) -> bool:  # noqa: N802
        return True

    def show_calendar(self) -> None:
        shown = self.date()
        if shown is not None:
            self._calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self._calendar.adjustSize()
        self._calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self._calendar.show()
        self._calendar.setFocus()

    def _on_calendar_picked(self, picked: QDate) -> None:
        self._calendar.hide()
        self.setDate(picked.toPython())
        self.setFocus()
        self.picked.emit()

    # --- keys -------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        step = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}.get(Qt.Key(event.key()))
        if step is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self._step(step)
            event.accept()
            return
        if event.key() == Qt.Key.Key_F4 or (event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier):
            self.show_calendar()
            event.accept()
            return
        super().keyPressEvent(event)

    def _step(self, step: int) -> None:
        """Step the year (cursor in 0-4), month (5-7) or day (8-) of a valid date, keeping the cursor."""
        current = self.date()
        if current is None:
            return
        cursor = self.cursorPosition()
        if cursor <= 4:
            stepped = add_months(current, 12 * step)
        elif cursor <= 7:
            stepped = add_months(current, step)
        else:
            stepped = current + timedelta(days=step)
        if MIN_DATE <= stepped <= MAX_DATE:
            self.setDate(stepped)
            self.setCursorPosition(cursor)


def _calendar_icon(colour) -> QIcon:
    """A small drawn calendar page, so the button needs no image file."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QPen(colour, 1.2))
    painter.drawRect(2, 3, 12, 11)
    painter.drawLine(2, 6, 14, 6)
    for x in (5, 8, 11):
        for y in (9, 12):
            painter.drawPoint(x, y)
    painter.end()
    return QIcon(pixmap)
