"""Where one band's titles and count badges go in a frame, decided per frame and cached.

A mixin of BandItem (its column arrays, bars, font and metrics), kept apart so
the item's file holds its content and events: `frame()` finds the bars in view
with numpy, then places each row's titles through planner.label_layout (plain
numbers) and keeps the result until the view or the bars change, so the links
item can keep clear of the same titles.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QStaticText, QTransform

from planner.label_layout import Placement, RowItem, place_row
from planner.layout import BAR_FILL, ROW_HEIGHT
from ui.timeline.band_painter import DIAMOND_PX, MARK_PX, BandFrame, FrameTitle

TITLE_LIMIT = 3000  # more bars than this in view are too dense to title
PILL_PAD = 4.0


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
        frame = BandFrame(to_device=QTransform(to_device))
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
            frame.outline = self._outline.frame(self, m11, m22, dx, dy, ext0, ext1, visible)
        lead = frame.outline.lead if frame.outline is not None else {}
        rows_ok = (centre - text_h / 2 >= visible.top()) & (centre + text_h / 2 <= visible.bottom())
        if abs(ROW_HEIGHT * m22) < text_h or len(frame.shown) > TITLE_LIMIT:
            return frame  # rows too thin for a line of text, or too many bars to read: no titles
        idx = np.flatnonzero(shown & rows_ok)
        idx = idx[np.lexsort((x0[idx], top[idx]))]
        self._measure(idx)
        row: list[RowItem] = []
        row_top = None
        for n in idx:
            n = int(n)
            if row_top is not None and top[n] != row_top:
                self._place(frame, row, visible, centre, text_h, x0, x1)
                row = []
            row_top = top[n]
            reserve = MARK_PX if self._marked[n] else 0.0
            a, b = float(ext0[n]), float(ext1[n])
            if row and frame.pills and frame.pills[-1][0] == row[-1].key and frame.pills[-1][1].right() + 2 > a:
                frame.pills.pop()  # a milestone's badge would touch this item: the badge gives way
            count = self._counts.get(n)
            if count is not None:
                w = self._metrics.horizontalAdvance(str(count)) + 2 * PILL_PAD
                if self._milestone[n]:
                    frame.pills.append((n, QRectF(b + 3, centre[n] - text_h / 2, w, text_h), str(count)))
                    b += w + 3
                elif min(x1[n], visible.right()) - max(x0[n], visible.left()) >= w + reserve + 8:
                    right = min(x1[n], visible.right()) - 3 - reserve
                    frame.pills.append((n, QRectF(right - w, centre[n] - text_h / 2, w, text_h), str(count)))
                    reserve += w + 3
            row.append(RowItem(n, a, b, float(self._title_width[n]), bool(self._milestone[n]), reserve, lead=lead.get(n, 0.0)))
        if row:
            self._place(frame, row, visible, centre, text_h, x0, x1)
        return frame

    def _elided(self, n: int, room: float) -> tuple[str, float]:
        """A title elided to `room` pixels, and its width: cached, as panning asks for the same ones again."""
        key = (n, int(room))
        found = self._elisions.get(key)
        if found is None:
            text = self._metrics.elidedText(self._bars[n].item.title, Qt.TextElideMode.ElideRight, int(room))
            found = self._elisions[key] = (text, self._metrics.horizontalAdvance(text))
        return found

    def static_text(self, text: str) -> QStaticText:
        found = self._static.get(text)
        if found is None:
            found = self._static[text] = QStaticText(text)
            found.setTextFormat(Qt.TextFormat.PlainText)
            found.prepare(QTransform(), self._font)
        return found

    def _measure(self, idx: np.ndarray) -> None:
        todo = idx[np.isnan(self._title_width[idx])]
        for n in todo:
            self._title_width[n] = self._metrics.horizontalAdvance(self._bars[n].item.title)

    def _place(self, frame: BandFrame, row: list[RowItem], visible: QRectF, centre, text_h: float, x0, x1) -> None:
        spans = frame.outline.obstacles.get(float(self._top[row[0].key])) if frame.outline is not None else None
        if spans:  # an outline's spine crosses this row: titles keep clear of it
            row = sorted(row + [RowItem(-1 - k, a, b, 0.0, obstacle=True) for k, (a, b) in enumerate(spans)], key=lambda r: r.x0)
        for box in place_row(row, visible.left(), visible.right()):
            if box.key < 0:
                continue
            if box.placement is Placement.HIDDEN:
                frame.hidden.append(box.key)
                continue
            n = box.key
            title = self._bars[n].item.title
            if box.placement is Placement.ELIDED:
                text, width = self._elided(n, box.width)
            else:
                text, width = title, box.width
            rect = QRectF(box.left, centre[n] - text_h / 2, width, text_h)
            on_bar = not self._milestone[n] and x0[n] <= box.left and box.right <= x1[n] + 0.5
            frame.titles.append(FrameTitle(n, self._bars[n].item.id, box.placement, rect, text, title, on_bar))
