"""What one frame of a band shows besides its bars: titles and count badges, and where they go (QtCore only).

`place_titles` is the one answer to where a title or a badge goes, for the live
band item (which finds the bars in view with numpy) and the first frame (which
finds them by row, without numpy) alike; planner.label_layout does the sums.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QStaticText, QTransform

from planner.label_layout import Placement, RowItem, place_row
from planner.model import ItemId

DIAMOND_PX = 6.5  # half-diagonal of a milestone
MARK_PX = 8  # side of the corner notch on items with an alignment finding
PILL_PAD = 4.0


@dataclass(frozen=True)
class FrameTitle:
    """A title (or count badge) as placed in one frame, in device pixels."""

    index: int
    item_id: ItemId
    placement: str  # a label_layout.Placement, or "count"
    rect: QRectF
    text: str  # as drawn (perhaps elided)
    full_text: str
    on_bar: bool  # drawn over its own bar (not beside it)


@dataclass
class BandFrame:
    shown: Sequence[int] = field(default_factory=list)  # indices of bars in view, ascending (the live item: an array)
    titles: list[FrameTitle] = field(default_factory=list)
    pills: list[tuple[int, QRectF, str]] = field(default_factory=list)  # (bar index, rect, text)
    hidden: list[int] = field(default_factory=list)  # bars in view whose title did not fit
    outline: object | None = None  # the live item's outline_marks.OutlineFrame, for a band with parents
    to_device: QTransform = field(default_factory=QTransform)  # the band's coordinates -> these pixels

    def clear_rects(self) -> list[QRectF]:
        """Where links must not be drawn: titles off their bars, and badges."""
        return [t.rect for t in self.titles if not t.on_bar] + [r for _, r, _ in self.pills]


def place_titles(band, frame: BandFrame, candidates: Iterable[tuple], visible: QRectF, metrics: QFontMetricsF,
                 lead: dict[int, float] | None = None, obstacles: Callable[[int], list] | None = None) -> None:
    """Where titles and count badges go: the one answer, for the live band item and the first frame alike.

    `candidates`: (bar index, x0, x1, extent x0, extent x1, top, centre) in device pixels of the bars in view
    with room for a line of text (`metrics`' height), by row then x. `band` answers marked_at, count_at, milestone_at,
    title_width_at, title_at, item_id_at and _elided(n, room); `lead`: pixels a parent's triangle takes
    before it; `obstacles(n)`: the x spans in bar n's row that titles keep clear of (an outline's spine).
    """
    row: list[RowItem] = []
    row_top = None
    geometry: dict[int, tuple[float, float, float]] = {}
    text_h = metrics.height()
    for n, a, b, e0, e1, top, centre in candidates:
        geometry[n] = (a, b, centre)
        if row_top is not None and top != row_top:
            _place_row(band, frame, row, visible, text_h, geometry, obstacles)
            row = []
        row_top = top
        reserve = MARK_PX if band.marked_at(n) else 0.0
        if row and frame.pills and frame.pills[-1][0] == row[-1].key and frame.pills[-1][1].right() + 2 > e0:
            frame.pills.pop()  # a milestone's badge would touch this item: the badge gives way
        milestone = band.milestone_at(n)
        count = band.count_at(n)
        if count is not None:
            w = metrics.horizontalAdvance(str(count)) + 2 * PILL_PAD
            if milestone:
                frame.pills.append((n, QRectF(e1 + 3, centre - text_h / 2, w, text_h), str(count)))
                e1 += w + 3
            elif min(b, visible.right()) - max(a, visible.left()) >= w + reserve + 8:
                right = min(b, visible.right()) - 3 - reserve
                frame.pills.append((n, QRectF(right - w, centre - text_h / 2, w, text_h), str(count)))
                reserve += w + 3
        row.append(RowItem(n, e0, e1, band.title_width_at(n), milestone, reserve, lead=lead.get(n, 0.0) if lead else 0.0))
    if row:
        _place_row(band, frame, row, visible, text_h, geometry, obstacles)


def _place_row(band, frame: BandFrame, row: list[RowItem], visible: QRectF, text_h: float, geometry: dict,
               obstacles: Callable[[int], list] | None) -> None:
    spans = obstacles(row[0].key) if obstacles is not None else None
    if spans:  # an outline's spine crosses this row: titles keep clear of it
        row = sorted(row + [RowItem(-1 - k, a, b, 0.0, obstacle=True) for k, (a, b) in enumerate(spans)], key=lambda r: r.x0)
    for box in place_row(row, visible.left(), visible.right()):
        if box.key < 0:
            continue
        if box.placement is Placement.HIDDEN:
            frame.hidden.append(box.key)
            continue
        n = box.key
        a, b, centre = geometry[n]
        title = band.title_at(n)
        text, width = band._elided(n, box.width) if box.placement is Placement.ELIDED else (title, box.width)
        rect = QRectF(box.left, centre - text_h / 2, width, text_h)
        on_bar = not band.milestone_at(n) and a <= box.left and box.right <= b + 0.5
        frame.titles.append(FrameTitle(n, band.item_id_at(n), box.placement, rect, text, title, on_bar))


def elided_title(cache: dict, metrics: QFontMetricsF, n: int, title: str, room: float) -> tuple[str, float]:
    """Bar `n`'s title elided to `room` pixels, and its width, kept in `cache`: panning asks for the same ones again."""
    key = (n, int(room))
    found = cache.get(key)
    if found is None:
        text = metrics.elidedText(title, Qt.TextElideMode.ElideRight, int(room))
        found = cache[key] = (text, metrics.horizontalAdvance(text))
    return found


def static_text(cache: dict, font: QFont, text: str) -> QStaticText:
    """`text` laid out once in `font` (kept in `cache`), so each frame only draws it."""
    found = cache.get(text)
    if found is None:
        found = cache[text] = QStaticText(text)
        found.setTextFormat(Qt.TextFormat.PlainText)
        found.prepare(QTransform(), font)
    return found
