"""One shared outcome plotted: its measurements against baseline, target and target date.

x is Unix seconds at UTC midnight (`planner.layout.to_x`) on a `DateAxisItem`
with utcOffset 0, so dates read the same in every time zone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette

import pyqtgraph as pg  # after PySide6, so pyqtgraph binds to it

from planner.layout import to_x
from planner.model import Measurement, Metric
from ui.outcomes.models import MEASURED_COLOUR, TARGET_COLOUR, _day, format_value

DAY = 86_400


class MetricPlot(pg.PlotWidget):
    """The measurements as a line with points, the baseline and target as labelled lines."""

    measurement_clicked = Signal(object)  # MeasurementId

    def __init__(self, parent=None):
        super().__init__(parent, axisItems={"bottom": pg.DateAxisItem(orientation="bottom", utcOffset=0)})
        self.setObjectName("MetricPlot")
        self.setMinimumHeight(160)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.showGrid(x=False, y=True, alpha=0.12)
        self._metric: Metric | None = None
        self._measurements: dict = {}
        self.path_curve = pg.PlotDataItem([], [], pen=pg.mkPen(TARGET_COLOUR, width=1, style=Qt.PenStyle.DashLine))
        self.path_curve.setOpacity(0.55)
        self.curve = pg.PlotDataItem([], [], pen=pg.mkPen(MEASURED_COLOUR, width=2))
        self.points = pg.ScatterPlotItem(
            size=8, brush=pg.mkBrush(MEASURED_COLOUR), pen=pg.mkPen("w", width=1), hoverable=True, tip=self._point_tip,
        )
        self.points.sigClicked.connect(self._on_points_clicked)
        self.highlight = pg.ScatterPlotItem(size=15, brush=pg.mkBrush(None), pen=pg.mkPen(MEASURED_COLOUR, width=2))
        # Each horizontal line is labelled on its outer side (set in show_metric), away from the data between them.
        label_opts = {"movable": False, "position": 0.3}
        self.baseline_line = pg.InfiniteLine(angle=0, pen=pg.mkPen("#888888", width=1, style=Qt.PenStyle.DashLine),
                                             label="Baseline", labelOpts={**label_opts, "color": "#777777"})
        self.target_line = pg.InfiniteLine(angle=0, pen=pg.mkPen(TARGET_COLOUR, width=1.5, style=Qt.PenStyle.DashLine),
                                           label="Target", labelOpts={**label_opts, "color": TARGET_COLOUR})
        self.target_date_line = pg.InfiniteLine(angle=90, pen=pg.mkPen(TARGET_COLOUR, width=1, style=Qt.PenStyle.DotLine))
        for item in (self.baseline_line, self.target_line, self.target_date_line, self.path_curve, self.curve,
                     self.highlight, self.points):
            self.addItem(item)

    def show_metric(self, metric: Metric | None, ms: list[Measurement], today: date) -> None:
        """Plot `metric`'s measurements `ms` (oldest first); an empty plot around `today` for none."""
        self._metric = metric
        self._measurements = {m.id: m for m in ms}
        xs = [float(to_x(m.measured_on)) for m in ms]
        ys = [m.value for m in ms]
        self.curve.setData(xs, ys)
        self.points.setData(x=xs, y=ys, data=[m.id for m in ms])
        unit = metric.unit if metric else ""
        target_date = metric.target_date if metric else None
        baseline, target = (metric.baseline, metric.target) if metric else (None, None)
        by = f" by {_day(target_date)}" if target_date is not None else ""
        for line, value, text, other in ((self.baseline_line, baseline, "Baseline", target),
                                         (self.target_line, target, "Target", baseline)):
            line.setVisible(value is not None)
            if value is not None:
                line.setValue(value)
                line.label.setFormat(f"{text} {format_value(value, unit)}{by if line is self.target_line else ''}")
                above = other is None or value >= other
                line.label.anchors = [(0.5, 1), (0.5, 1)] if above else [(0.5, 0), (0.5, 0)]
                line.label.updatePosition()
        self.target_date_line.setVisible(target_date is not None)
        if target_date is not None:
            self.target_date_line.setValue(float(to_x(target_date)))
        # The straight path from the first measurement at baseline to the target by its date.
        if ms and baseline is not None and target is not None and target_date is not None and target_date > ms[0].measured_on:
            self.path_curve.setData([xs[0], float(to_x(target_date))], [baseline, target])
        else:
            self.path_curve.setData([], [])

        all_x = xs + ([float(to_x(target_date))] if target_date else [])
        all_y = ys + [v for v in (baseline, target) if v is not None]
        if not all_x:
            all_x = [float(to_x(today))]
        if not all_y:
            all_y = [0.0, 1.0]
        x0, x1 = min(all_x), max(all_x)
        if x1 - x0 < 60 * DAY:
            x0, x1 = x0 - 45 * DAY, x1 + 45 * DAY
        y0, y1 = min(all_y), max(all_y)
        if y1 == y0:
            y0, y1 = y0 - max(abs(y0) * 0.1, 1.0), y1 + max(abs(y1) * 0.1, 1.0)
        self.setXRange(x0, x1, padding=0.06)
        self.setYRange(y0, y1, padding=0.22)

    def highlight_measurement(self, m: Measurement | None) -> None:
        """Ring the selected measurement's point (None: no ring)."""
        if m is None:
            self.highlight.setData(x=[], y=[])
        else:
            self.highlight.setData(x=[float(to_x(m.measured_on))], y=[m.value])

    def plotted_points(self) -> list[tuple[float, float]]:
        """(x, value) of each plotted measurement, oldest first."""
        xs, ys = self.curve.getData()
        return [] if xs is None else [(float(x), float(y)) for x, y in zip(xs, ys)]

    def apply_palette(self, palette: QPalette) -> None:
        text = palette.color(QPalette.ColorRole.Text)
        self.setBackground(palette.color(QPalette.ColorRole.Base))
        for name in ("left", "bottom"):
            axis = self.getAxis(name)
            axis.setTextPen(text)
            muted = QColor(text)
            muted.setAlphaF(0.45)
            axis.setPen(muted)

    def _point_tip(self, x: float, y: float, data: Any) -> str:
        m, metric = self._measurements.get(data), self._metric
        if m is None or metric is None:
            return ""
        text = f"{_day(m.measured_on)}: {format_value(m.value, metric.unit)}"
        return f"{text}\n{m.note}" if m.note else text

    def _on_points_clicked(self, item, points, ev=None) -> None:
        if len(points):
            self.measurement_clicked.emit(points[0].data())
