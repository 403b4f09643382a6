"""How tall the bands and their rows are, which lane packing they use, and their scroll bars."""

from __future__ import annotations

from itertools import product

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QScrollBar

from planner.band_fit import MIN_ROWS_SHOWN, BandFit, BandNeed, fit_bands
from planner.layout import BAR_FILL
from ui.timeline.paint_band import title_font
from ui.timeline.band_plot import FOOTROOM, BandPlot

SCROLL_BAR_PX = 11
MAX_ROW_GROWTH = 1.45  # spare room makes rows up to this much taller


def row_limits(font: QFont) -> tuple[float, float]:
    """Shortest and tallest row in pixels: a row always holds a line of the UI font, and a bar its title."""
    ui = QFontMetricsF(font).height()
    title = QFontMetricsF(title_font(font)).height()
    low = max(ui + 4, (title + 1) / BAR_FILL)
    return float(int(low + 0.999)), float(int(low * MAX_ROW_GROWTH))


class BandSizer:
    """Fits a view's two bands (planner.band_fit) into the height they share and keeps their scroll bars."""

    def __init__(self, view, layout, business: BandPlot, tech: BandPlot) -> None:
        self.view, self.grid = view, layout
        self.business, self.tech = business, tech
        self.all_rows = False  # picture mode: every lane in view, nothing scrolls
        self.only = None  # picture of one band: the Band shown alone
        self.scroll_bars: dict[BandPlot, QScrollBar] = {}
        for band in (business, tech):
            bar = QScrollBar(Qt.Orientation.Vertical, view.viewport())
            bar.setObjectName(f"{band.band}ScrollBar")
            bar.hide()
            bar.valueChanged.connect(lambda value, b=band: self.scroll(b, value / b.row_px, from_bar=True))
            self.scroll_bars[band] = bar

    def fit(self, available: float) -> bool:
        """Heights for `available` pixels with the roomiest lane packings that need no scrolling
        (else the tightest); True if a band changed its packing.

        In picture mode (`all_rows`) nothing scrolls: when even the tightest packing does not fit
        at readable rows, rows get thinner. `only` (a picture of one band) gives it all the height.
        """
        low, high = row_limits(self.view.font())
        b, t = self.business, self.tech
        slack = FOOTROOM + 0.05  # the strip below the last lane may be cut
        hidden = BandNeed(0.0, 0.0)

        def needs(i: int, j: int) -> tuple[BandNeed, BandNeed]:
            return (hidden if self.only is t.band else b.need_of(i)), (hidden if self.only is b.band else t.need_of(j))

        for i, j in sorted(product(range(len(b.layouts)), range(len(t.layouts))), key=sum):
            need_b, need_t = needs(i, j)
            fit = fit_bands(max(available, 0.0), need_b, need_t, low, high)
            if not fit.scrolls(need_b, fit.business_px, slack) and not fit.scrolls(need_t, fit.tech_px, slack):
                break
        else:
            if self.all_rows:  # a picture shows every lane, on thinner rows if need be
                fit = fit_bands(max(available, 0.0), *needs(i, j), 1.0, high)
        return self._apply(fit, i, j)

    def fit_steady(self, available: float) -> None:
        """Heights for `available` pixels keeping the row height and each band's packing: rows appearing or
        going (a parent folded) move only what is below them, and a band that no longer fits scrolls."""
        b, t = self.business, self.tech
        hidden = BandNeed(0.0, 0.0)
        need_b = hidden if self.only is t.band else b.need()
        need_t = hidden if self.only is b.band else t.need()
        row, before = b.row_px, b.plot.minimumHeight()
        fit = fit_bands(max(available, 0.0), need_b, need_t, row, row)
        rest = available - before
        if 0 < before < need_b.fixed + need_b.rows * row and rest >= need_t.fixed + min(need_t.rows, MIN_ROWS_SHOWN) * row:
            fit = BandFit(row, before, rest)  # the business band scrolled and still does: the tech band stays put
        self._apply(fit, b.choice, t.choice)

    def _apply(self, fit, i: int, j: int) -> bool:
        b, t = self.business, self.tech
        for band in (b, t):
            band.row_px = fit.row_px
        changed = b.use(i) | t.use(j)
        if abs(b.plot.minimumHeight() - fit.business_px) > 0.5:
            b.plot.setMinimumHeight(fit.business_px)
            b.plot.setMaximumHeight(fit.business_px)
        tech_min = 0.0 if self.only is b.band else min(fit.tech_px, 3 * fit.row_px + t.need().fixed)
        t.plot.setMinimumHeight(tech_min)
        if self.only is b.band:
            t.plot.setMaximumHeight(0)
        self.grid.setRowStretchFactor(3, 1)
        self.refresh()
        return changed

    def picture_mode(self, only, gap, links) -> None:
        """Every lane in view from now on; with `only` (a Band), that band alone: the other, the gap and the links go."""
        self.all_rows, self.only = True, only
        if only is not None:
            for item in ((self.tech if only == self.business.band else self.business).plot, gap):
                item.setMinimumHeight(0)
                item.setMaximumHeight(0)
                item.hide()
            links.hide()

    def refresh(self) -> None:
        for band in (self.business, self.tech):
            band.apply_rows()
            self.sync(band)

    def scroll(self, band: BandPlot, row: float, *, from_bar: bool = False) -> None:
        band.scroll_to(row)
        if not from_bar:
            self.sync(band)

    def sync(self, band: BandPlot) -> None:
        """Show the band's scroll bar beside it when its rows do not all fit, at its scroll position."""
        bar = self.scroll_bars[band]
        vb = band.view_box
        rect = self.view.mapFromScene(vb.sceneBoundingRect()).boundingRect()
        scrolls = band.max_scroll() > 0.01 and self.view.roadmap is not None and not self.all_rows
        bar.setVisible(scrolls)
        if not scrolls:
            return
        bar.setGeometry(QRect(rect.right() + 2, rect.top(), SCROLL_BAR_PX, rect.height()))
        bar.blockSignals(True)
        bar.setRange(0, int(round(band.max_scroll() * band.row_px)))
        bar.setPageStep(int(vb.height()))
        bar.setSingleStep(int(band.row_px))
        bar.setValue(int(round(band.scroll * band.row_px)))
        bar.blockSignals(False)
