"""Axes of a band: calendar dates along x on two tiers, lane names down the left."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF

from planner.ticks import Tier, axis_tiers

TIER_PAD = 2.0  # above and below each tier's text
STRIP_PX = 16.0  # the business axis' strip next to the plot, for the tech window's label


class CalendarAxis(pg.AxisItem):
    """Two tiers of calendar labels (planner.ticks decides which and where); the band draws their grid lines.

    The coarse tier is outermost. `strip` adds an empty strip between the
    tiers and the plot (the tech window's label is drawn there).
    """

    def __init__(self, orientation: str = "bottom", fiscal_year_start_month: int = 1, *, strip: float = 0.0, **kwargs):
        super().__init__(orientation, **kwargs)
        self.fiscal_year_start_month = fiscal_year_start_month
        self.strip = strip
        self.tiers: list[Tier] = []
        self.painted: list[tuple[str, QRectF, str]] = []  # (tier name, rect in axis coordinates, text) of the last picture
        self._widths: dict[str, float] = {}
        self._tiers_key: tuple | None = None
        self._tiers: list[Tier] = []
        self._metrics = QFontMetricsF(QFont())
        # showValues off: pyqtgraph would measure an empty string per tick on every pan; we draw the labels.
        self.setStyle(tickLength=0, autoExpandTextSpace=False, showValues=False)
        self.set_font(QFont())

    def set_font(self, font: QFont) -> None:
        self.setStyle(tickFont=font)
        self._metrics = QFontMetricsF(font)
        self._widths.clear()
        self._tiers_key = None
        self.setHeight(int(2 * self.tier_height + self.strip))
        self.picture = None
        self.update()

    @property
    def tier_height(self) -> float:
        return self._metrics.height() + 2 * TIER_PAD

    def set_fiscal_year_start(self, month: int) -> None:
        self.fiscal_year_start_month = month
        self.picture = None
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
        # The plot's own width (pyqtgraph's `size` adds a pixel each side): the band's grid asks with it too,
        # so one computation serves both, and labels map onto the plot exactly.
        view = self.linkedView()
        self.tiers = self.tiers_for(minVal, maxVal, view.width() if view is not None else size)
        return []  # no ticks or grid from pyqtgraph: its grid cost 15 ms a frame; the band draws its own

    def generateDrawSpecs(self, p):  # noqa: N802
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return None
        axis_spec, tick_specs, _ = specs
        bounds = self.mapRectFromParent(self.geometry())
        height = self.tier_height
        texts, self.painted = [], []
        for n, tier in enumerate(self.tiers):
            inner = not (n == 0 and len(self.tiers) == 2)  # the fine tier sits next to the plot
            row = (1 if inner else 0) if self.orientation == "top" else (0 if inner else 1)
            top = bounds.top() + row * height
            name = tier.level.name.lower()
            for label in tier.labels:
                # the text's own extent, measured afresh: what painted_labels reports is what was drawn
                rect = QRectF(bounds.left() + label.left, top + TIER_PAD, self._metrics.horizontalAdvance(label.text), self._metrics.height())
                texts.append((rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextDontClip, label.text))
                self.painted.append((name, rect, label.text))
        return axis_spec, tick_specs, texts
