"""Moving about the timeline: fit, zoom presets, pan, zoom, today, locked scales, the tech window.

A mixin of TimelineView (its `bands`, `business`, `tech`, `tech_window`,
`markers`, `roadmap` and `today`), kept apart so the view's file holds what
is shown rather than how one moves over it.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF

from planner.dates import add_months
from planner.layout import DAY, from_x, to_x
from ui.timeline.chart_plan import fit_range


class NavigationMixin:
    _fitted: dict | None = None  # band -> (the x range the last Fit All asked for, the range the view box took)

    def fit_all(self) -> None:
        """Business band over its horizon, tech band over its cycle, each widened to fit every item; lanes from the top."""
        if self.roadmap is None:
            return
        spans = self._spans()
        self._fitted = {}
        for band in self.bands:
            if not (self.locked and band is self.tech):
                self._fit(band, self._fit_range(band, spans))
            self._scroll(band, 0.0)

    def _fit(self, band, x_range: tuple[float, float]) -> None:
        band.view_box.setXRange(*x_range, padding=0)
        self._fitted[band.band] = (x_range, band.x_range())

    def _fit_range(self, band, spans) -> tuple[float, float]:
        return fit_range(band.layout, spans[band.band], band.view_box.width(), band.bars.dataBounds(0))

    def _keep_fitted(self) -> None:
        """A band with parents still showing what Fit All gave it fits again when its width changes: the room
        kept for triangles is in pixels. (A view fitted before it was laid out then shows what the first frame did.)"""
        if not self._fitted or self.roadmap is None:
            return
        spans = self._spans()
        for band in self.bands:
            asked, held = self._fitted.get(band.band, (None, None))
            if held is None or not band.layout.outline.parents or band.x_range() != held:
                continue
            wanted = self._fit_range(band, spans)
            if wanted != asked:
                self._fit(band, wanted)

    def show_span(self, months: int) -> None:
        """Zoom preset: up to 24 months sets the tech band's span, longer the business band's."""
        target = self.tech if months <= 24 and not self.locked else self.business
        x0, _ = target.x_range()
        start = from_x(x0)
        target.view_box.setXRange(x0, x0 + to_x(add_months(start, months)) - to_x(start), padding=0)

    def pan(self, fraction: float) -> None:
        """Move both bands by `fraction` of their visible width (positive: later)."""
        for band in self.bands:
            if self.locked and band is self.tech:
                continue
            x0, x1 = band.x_range()
            shift = (x1 - x0) * fraction
            band.view_box.setXRange(x0 + shift, x1 + shift, padding=0)

    def zoom(self, factor: float) -> None:
        """Zoom both bands about their centres: `factor` > 1 zooms in."""
        for band in self.bands:
            if self.locked and band is self.tech:
                continue
            band.view_box.scaleBy(x=1 / factor, y=1)

    def go_today(self) -> None:
        """Centre both bands on today, keeping their spans."""
        centre = to_x(self.today) + DAY / 2
        for band in self.bands:
            if self.locked and band is self.tech:
                continue
            x0, x1 = band.x_range()
            half = (x1 - x0) / 2
            band.view_box.setXRange(centre - half, centre + half, padding=0)

    def set_scales_locked(self, locked: bool) -> None:
        """Put both bands on one shared scale (the business band's) and keep them in step."""
        if locked == self.locked:
            return
        self.locked = locked
        self.tech.view_box.setXLink(self.business.view_box if locked else None)
        self.tech_window.setVisible(not locked)
        self.scales_locked_changed.emit(locked)
        self._place_markers()

    def _on_tech_window_dragged(self) -> None:
        if self._syncing or self.locked:
            return
        self._syncing = True
        try:
            lo, hi = self.tech_window.getRegion()
            self.tech.view_box.setXRange(lo, hi, padding=0)
        finally:
            self._syncing = False
        self._place_markers()

    def _on_tech_range_changed(self, *args) -> None:
        if not self._syncing:
            self._syncing = True
            try:
                self.tech_window.setRegion(self.tech.x_range())
            finally:
                self._syncing = False
        self._place_markers()

    def _on_range_changed(self, *args) -> None:
        self.links.update()
        self._place_markers()

    def _place_markers(self) -> None:
        """The tech window's label (saying what it shows) and today's, in the business axis' strip."""
        vb = self.business.view_box
        box = vb.sceneBoundingRect()
        axis = self.business.date_axis
        strip = QRectF(box.left(), box.top() - axis.strip, box.width(), axis.strip)
        window = None
        if self.roadmap is not None and not self.locked:
            lo, hi = self.tech_window.getRegion()
            left, right = vb.mapViewToScene(QPointF(lo, 0)).x(), vb.mapViewToScene(QPointF(hi, 0)).x()
            if right > box.left() and left < box.right():
                window = (left, right)
            last = from_x(hi - 1)
            self.markers.window_text = f"Tech window · {from_x(lo):%b %Y} – {last:%b %Y}"
        today = vb.mapViewToScene(QPointF(to_x(self.today) + DAY / 2, 0)).x() if self.roadmap is not None else None
        if today is not None and not box.left() <= today <= box.right():
            today = None
        self.markers.place(strip, window, today)

