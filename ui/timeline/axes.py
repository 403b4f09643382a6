"""Axes of a band: calendar dates along x on two tiers, lane names down the left (paint_chrome draws both)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF

from planner.ticks import Tier, axis_tiers
from ui.timeline.paint_chrome import STRIP_PX, TIER_PAD, calendar_axis_height, paint_calendar_axis, paint_lane_axis

__all__ = ["STRIP_PX", "TIER_PAD", "CalendarAxis", "LaneAxis"]


class CalendarAxis(pg.AxisItem):
    """Two tiers of calendar labels (planner.ticks decides which and where); the band draws their grid lines.

    The coarse tier is outermost. `strip` adds an empty strip between the
    tiers and the plot (the tech window's label is drawn there).
    """

    def __init__(self, orientation: str = "bottom", fiscal_year_start_month: int = 1, *, strip: float = 0.0, **kwargs):
        super().__init__(orientation, **kwargs)
        self.fiscal_year_start_month = fiscal_year_start_month
        self.strip = strip
        self.colours = None
        self.tiers: list[Tier] = []
        self.painted: list[tuple[str, QRectF, str]] = []  # (tier name, rect in axis coordinates, text) of the last picture
        self._widths: dict[str, float] = {}
        self._tiers_key: tuple | None = None
        self._tiers: list[Tier] = []
        self._font = QFont()
        self._metrics = QFontMetricsF(self._font)
        # showValues off: pyqtgraph would measure an empty string per tick on every pan; we draw the labels.
        self.setStyle(tickLength=0, autoExpandTextSpace=False, showValues=False)
        self.set_font(QFont())

    def set_font(self, font: QFont) -> None:
        self._font = QFont(font)
        self._metrics = QFontMetricsF(font)
        self._widths.clear()
        self._tiers_key = None
        self.setHeight(calendar_axis_height(font, self.strip))
        self.update()

    @property
    def tier_height(self) -> float:
        return self._metrics.height() + 2 * TIER_PAD

    def set_fiscal_year_start(self, month: int) -> None:
        self.fiscal_year_start_month = month
        self.update()

    def _measure(self, text: str) -> float:
        width = self._widths.get(text)
        if width is None:
            width = self._widths[text] = self._metrics.horizontalAdvance(text)
        return width

    def tiers_for(self, x0: float, x1: float, pixels: float) -> list[Tier]:
        """The tiers for a range (cached: the axis and the band's grid lines ask for the same frame)."""
        key = (x0, x1, round(pixels), self.fiscal_year_start_month)
        if key != self._tiers_key:
            self._tiers_key = key
            self._tiers = axis_tiers(x0, x1, round(pixels), self._measure, self.fiscal_year_start_month)
        return self._tiers

    def tickValues(self, minVal, maxVal, size):  # noqa: N802  (pyqtgraph API)
        return []  # no ticks or grid from pyqtgraph: its grid cost 15 ms a frame; the band draws its own

    def paint(self, p, opt, widget=None) -> None:
        view = self.linkedView()
        if view is None or self.colours is None:
            return
        (x0, x1), _ = view.viewRange()
        # The plot's own width: the band's grid asks with it too, so one computation serves both.
        self.tiers = self.tiers_for(x0, x1, view.width())
        bounds = self.mapRectFromParent(self.geometry())
        self.painted = paint_calendar_axis(p, bounds, self.tiers, self.orientation == "top", self._font, self.colours)


class LaneAxis(pg.AxisItem):
    """Lane names by the plot and the band's name turned up the side."""

    def __init__(self, title: str, **kwargs):
        super().__init__("left", **kwargs)
        self.title = title
        self.colours = None
        self.lanes: list[tuple[float, str]] = []  # (centre row, name)
        self._font = QFont()
        self.setStyle(tickLength=0, showValues=False)

    def set_lanes(self, lanes: list[tuple[float, str]], font: QFont) -> None:
        self.lanes, self._font = lanes, QFont(font)
        self.update()

    def tickValues(self, minVal, maxVal, size):  # noqa: N802
        return []

    def paint(self, p, opt, widget=None) -> None:
        view = self.linkedView()
        if view is None or self.colours is None:
            return
        bounds = self.mapRectFromParent(self.geometry())
        lanes = [(self.mapFromScene(view.mapViewToScene(QPointF(0, row))).y(), name) for row, name in self.lanes]
        paint_lane_axis(p, bounds, (bounds.top(), bounds.bottom()), lanes, self.title, self._font, self.colours)
