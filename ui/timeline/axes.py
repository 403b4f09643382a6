"""Axes of a band: calendar dates along x, lane names down the left."""

from __future__ import annotations

import pyqtgraph as pg

from planner.ticks import calendar_ticks


class CalendarAxis(pg.AxisItem):
    """Years, quarters, months, weeks or days, whichever fit; fiscal-year aware.

    Ticks come from `planner.ticks`, which thins each level so labels never
    crowd; this class only hands them to pyqtgraph.
    """

    def __init__(self, orientation: str = "bottom", fiscal_year_start_month: int = 1, **kwargs):
        super().__init__(orientation, **kwargs)
        self.fiscal_year_start_month = fiscal_year_start_month
        self._labels: dict[float, dict[float, str]] = {}
        # Our levels are already thinned: let pyqtgraph draw every label it is given.
        self.setStyle(textFillLimits=[(0, 1.0), (2, 1.0), (4, 1.0), (6, 1.0)], autoExpandTextSpace=True)

    def set_fiscal_year_start(self, month: int) -> None:
        self.fiscal_year_start_month = month
        self.picture = None
        self.update()

    def tickValues(self, minVal, maxVal, size):  # noqa: N802  (pyqtgraph API)
        levels = calendar_ticks(minVal, maxVal, size, self.fiscal_year_start_month)
        self._labels = {level.spacing: dict(level.ticks) for level in levels}
        return [(level.spacing, [x for x, _ in level.ticks]) for level in levels]

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        labels = self._labels.get(spacing, {})
        return [labels.get(v, "") for v in values]
