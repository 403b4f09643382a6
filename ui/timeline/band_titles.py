"""Where one band's titles and count badges go in a frame, decided per frame and cached.

A mixin of BandItem (its column arrays, bars, font and metrics), kept apart so
the item's file holds its content and events: `frame()` finds the bars in view
with numpy, then places titles and badges through paint_band.place_titles (the
first frame's placement too) and keeps the result until the view or the bars
change, so the links item can keep clear of the same titles.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QStaticText, QTransform

from planner.layout import BAR_FILL, ROW_HEIGHT
from ui.timeline.band_frame import BandFrame, elided_title, place_titles, static_text
from ui.timeline.paint_band import DIAMOND_PX, TITLE_LIMIT


class TitlesMixin:
    def frame(self, to_device: QTransform, visible: QRectF) -> BandFrame:
        """Titles and badges for a frame drawn through `to_device` (this item -> device pixels)."""
        key = tuple(f"{v:.9g}" for v in (to_device.m11(), to_device.m22(), to_device.m31(), to_device.m32(),
                                          visible.left(), visible.top(), visible.right(), visible.bottom()))
        if key != self._frame_key or self._frame is None:
            self._frame = self._compute_frame(to_device, visible)
            self._frame_key = key
        return self._frame

    def _compute_frame(self, to_device: QTransform, visible: QRectF) -> BandFrame:
        m11, m22, dx, dy = to_device.m11(), to_device.m22(), to_device.m31(), to_device.m32()
        frame = BandFrame(shown=np.zeros(0, dtype=int), to_device=QTransform(to_device))
        if not self._bars or m11 == 0 or m22 == 0:
            return frame
        x0, x1 = m11 * self._x0 + dx, m11 * self._x1 + dx
        top, bottom = m22 * self._top + dy, m22 * (self._top + BAR_FILL) + dy
        centre = (top + bottom) / 2
        text_h = self._metrics.height()
        mid = (x0 + x1) / 2
        ext0 = np.where(self._milestone, mid - DIAMOND_PX, x0)
        ext1 = np.where(self._milestone, mid + DIAMOND_PX, x1)
        shown = (ext1 >= visible.left()) & (ext0 <= visible.right()) & (bottom >= visible.top()) & (top <= visible.bottom())
        frame.shown = np.flatnonzero(shown)
        if self._outline is not None:
            frame.outline = self._outline.frame(m11, m22, dx, dy, visible)
        lead = frame.outline.lead if frame.outline is not None else {}
        rows_ok = (centre - text_h / 2 >= visible.top()) & (centre + text_h / 2 <= visible.bottom())
        if abs(ROW_HEIGHT * m22) < text_h or len(frame.shown) > TITLE_LIMIT:
            return frame  # rows too thin for a line of text, or too many bars to read: no titles
        idx = np.flatnonzero(shown & rows_ok)
        idx = idx[np.lexsort((x0[idx], top[idx]))]
        self._measure(idx)
        candidates = zip(idx.tolist(), x0[idx].tolist(), x1[idx].tolist(), ext0[idx].tolist(), ext1[idx].tolist(),
                         top[idx].tolist(), centre[idx].tolist())
        obstacles = self._outline.obstacles_of(frame.outline) if frame.outline is not None else None
        place_titles(self, frame, candidates, visible, self._metrics, lead, obstacles)
        return frame

    # what paint_band.place_titles asks of a band
    def marked_at(self, n: int) -> bool:
        return bool(self._marked[n])

    def count_at(self, n: int) -> int | None:
        return self._counts.get(n)

    def milestone_at(self, n: int) -> bool:
        return bool(self._milestone[n])

    def title_width_at(self, n: int) -> float:
        return float(self._title_width[n])

    def title_at(self, n: int) -> str:
        return self._bars[n].item.title

    def item_id_at(self, n: int):
        return self._bars[n].item.id

    def _elided(self, n: int, room: float) -> tuple[str, float]:
        return elided_title(self._elisions, self._metrics, n, self._bars[n].item.title, room)

    def static_text(self, text: str) -> QStaticText:
        return static_text(self._static, self._font, text)

    def _measure(self, idx: np.ndarray) -> None:
        todo = idx[np.isnan(self._title_width[idx])]
        for n in todo:
            self._title_width[n] = self._metrics.horizontalAdvance(self._bars[n].item.title)
