"""The shared outcomes dock's models and number helpers: metric list, measurement table, values."""

from __future__ import annotations

import html

import math
import re
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt


from planner.model import Measurement, MeasurementId, Metric, MetricId, Roadmap
from planner.validation import ValidationError
from ui.common.models import RowTableModel, sync_rows

ItemIndex = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2

MEASURED_COLOUR = "#1565c0"
TARGET_COLOUR = "#2e7d32"


# --- numbers ---------------------------------------------------------------------------------


def format_value(value: float | None, unit: str = "") -> str:
    """'2.5%', '1,200 orders', '99.83%'; '' for no value."""
    if value is None:
        return ""
    text = f"{int(value):,}" if value.is_integer() and abs(value) < 1e15 else f"{value:,}"
    unit = unit.strip()
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def edit_text(value: float | None) -> str:
    """A value as typed into a field: exact, so reading it back gives the same number."""
    if value is None:
        return ""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def parse_value(text: str, field: str = "value", *, unit: str = "", required: bool = True) -> float | None:
    """The number a user typed: '2.5', '1,200', '99.9%' (the metric's unit may follow)."""
    cleaned = text.strip()
    if unit.strip() and cleaned.lower().endswith(unit.strip().lower()):
        cleaned = cleaned[: -len(unit.strip())]
    cleaned = re.sub(r"[\s,_%]", "", cleaned)
    if not cleaned:
        if required:
            raise ValidationError(field, f"enter a {field}")
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise ValidationError(field, f"{field} must be a number such as 2.5 or 1,200, not {text.strip()!r}") from None
    if not math.isfinite(value):
        raise ValidationError(field, f"{field} must be a finite number")
    return value


def _day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def progress(metric: Metric, latest: Measurement | None) -> float | None:
    """Share of the way from baseline to target the latest measurement has come (may be <0 or >1)."""
    if latest is None or metric.baseline is None or metric.target is None or metric.target == metric.baseline:
        return None
    return (latest.value - metric.baseline) / (metric.target - metric.baseline)


def measurements_of(roadmap: Roadmap, metric_id: MetricId) -> list[Measurement]:
    """The metric's measurements, oldest first."""
    return sorted((m for m in roadmap.measurements.values() if m.metric_id == metric_id), key=lambda m: (m.measured_on, m.id))


# --- models ------------------------------------------------------------------------------------


def metric_header_html(roadmap: Roadmap | None, metric: Metric | None) -> str:
    """What the panel says above the plot: the metric's plan, its latest value, what it measures and who moves it."""
    if roadmap is None:
        return "No roadmap is open."
    if metric is None:
        if not roadmap.metrics:
            return ("No shared outcome metrics yet. Add one to track whether the technology work "
                    "moves a business result.")
        return "Select a metric to see its history."
    e = html.escape
    title = f"<b>{e(metric.name)}</b>"
    lines = [title]
    plan = []
    if metric.baseline is not None:
        plan.append(f"baseline {e(format_value(metric.baseline, metric.unit))}")
    if metric.target is not None:
        target = f"target {e(format_value(metric.target, metric.unit))}"
        if metric.target_date is not None:
            target += f" by {_day(metric.target_date)}"
        plan.append(target)
    ms = measurements_of(roadmap, metric.id)
    if ms:
        latest = ms[-1]
        plan.append(f"latest {e(format_value(latest.value, metric.unit))} on {_day(latest.measured_on)}")
    if plan:
        text = "; ".join(plan)
        lines.append(text[:1].upper() + text[1:])
    goal = roadmap.items.get(metric.business_item_id) if metric.business_item_id is not None else None
    lines.append(f"Measures: <i>{e(goal.title)}</i>" if goal else "Measures: <i>no business goal named</i>")
    tech = [roadmap.items[t].title for t in metric.tech_item_ids if t in roadmap.items]
    lines.append(
        "Moved by: " + (", ".join(f"<i>{e(t)}</i>" for t in tech) if tech else "<i>no tech work named</i>")
    )
    return "<br>".join(lines)


class MetricListModel(RowTableModel):
    """The roadmap's metrics (id order) with the latest value, target and progress."""

    HEADERS = ("Metric", "Latest", "Target", "Progress")
    NAME, LATEST, TARGET, PROGRESS = range(4)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[tuple[Metric, Measurement | None]] = []

    def set_roadmap(self, roadmap: Roadmap | None) -> None:
        """Follow `roadmap` with exact row inserts, removes and updates."""
        rows = []
        if roadmap is not None:
            latest: dict[MetricId, Measurement] = {}
            for m in roadmap.measurements.values():
                seen = latest.get(m.metric_id)
                if seen is None or (m.measured_on, m.id) > (seen.measured_on, seen.id):
                    latest[m.metric_id] = m
            rows = [(metric, latest.get(metric.id)) for metric in roadmap.metrics.values()]
        sync_rows(self, self._rows, rows, key=lambda r: r[0].id)

    def metric_at(self, row: int) -> Metric:
        return self._rows[row][0]

    def row_of(self, metric_id: MetricId) -> int | None:
        for n, (metric, _) in enumerate(self._rows):
            if metric.id == metric_id:
                return n
        return None

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        metric, latest = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return metric.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return metric.name
            if column == self.LATEST:
                return format_value(latest.value, metric.unit) if latest else "–"
            if column == self.TARGET:
                return format_value(metric.target, metric.unit) if metric.target is not None else "–"
            share = progress(metric, latest)
            return "–" if share is None else f"{share:.0%}"
        if role == VALUE_ROLE:
            if column == self.NAME:
                return metric.name
            if column == self.LATEST:
                return latest.value if latest else None
            if column == self.TARGET:
                return metric.target
            return progress(metric, latest)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.LATEST and latest is not None:
                return f"Measured {_day(latest.measured_on)}" + (f": {latest.note}" if latest.note else "")
            if column == self.TARGET and metric.target_date is not None:
                return f"Target by {_day(metric.target_date)}"
            if column == self.PROGRESS:
                return "How far the latest measurement has come from the baseline towards the target"
            return metric.notes or None
        return None


class MeasurementTableModel(RowTableModel):
    """One metric's measurements, oldest first: date, value, note."""

    HEADERS = ("Date", "Value", "Note")
    DATE, VALUE, NOTE = range(3)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[Measurement] = []
        self.unit = ""

    def show(self, roadmap: Roadmap | None, metric_id: MetricId | None) -> None:
        metric = roadmap.metrics.get(metric_id) if roadmap is not None and metric_id is not None else None
        rows = measurements_of(roadmap, metric.id) if metric is not None else []
        if metric is not None and metric.unit != self.unit:
            self.unit = metric.unit
            if self._rows:
                self.dataChanged.emit(self.index(0, self.VALUE), self.index(len(self._rows) - 1, self.VALUE))
        sync_rows(self, self._rows, rows, key=lambda m: m.id)

    def measurement_at(self, row: int) -> Measurement:
        return self._rows[row]

    def row_of(self, measurement_id: MeasurementId) -> int | None:
        for n, m in enumerate(self._rows):
            if m.id == measurement_id:
                return n
        return None

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        m = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return m.id
        if role == Qt.ItemDataRole.DisplayRole:
            return (m.measured_on.isoformat(), format_value(m.value, self.unit), m.note)[column]
        if role == VALUE_ROLE:
            return (m.measured_on, m.value, m.note)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NOTE and m.note:
            return m.note
        return None


# --- the metric dialog -----------------------------------------------------------------------------


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
