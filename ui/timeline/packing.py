"""How much room lane packing keeps around items for their titles, measured at a band's own span."""

from __future__ import annotations

from collections import Counter
from datetime import date

from PySide6.QtGui import QFont, QFontMetricsF

from planner.label_layout import CLEARANCE, GAP, PAD
from planner.model import Item, ItemId
from ui.timeline.outline_marks import LEAD_PX
from ui.timeline.paint_band import DIAMOND_PX, MARK_PX

ROOMY_LIMIT = 2000  # bands with more items than this pack tight (no room for titles beside bars)
FIT_MARGIN = 1.06  # fit_all shows a little more than the span


class Reaches:
    """(reach, optional reach) for each lane packing a band may use, roomiest first (see BandLayout.build).

    A milestone always keeps room for its diamond and title. A bar too short
    for its title asks for room beside it: the roomy packing grants it
    everywhere, the other only where it adds no row. The view takes the
    roomiest whose rows fit on screen. `width` is the plot's width in pixels.
    A parent keeps room before it for its disclosure triangle.

    The reach of each item is kept, so after an edit only the items it
    touched (and the parents it joined or left) are measured again; a new
    font, span or width, or a band crossing ROOMY_LIMIT, measures them all.
    """

    def __init__(self) -> None:
        self._context: tuple | None = None
        self._tight: dict[ItemId, tuple[float, float]] = {}
        self._beside: dict[ItemId, tuple[float, float]] = {}
        self._parent_of: dict[ItemId, ItemId] = {}  # each item's parent, as last measured
        self._kids: Counter[ItemId] = Counter()  # how many items name each parent
        self.touched: set[ItemId] | None = None  # the items the last `measure` measured again (None: all)

    def measure(self, items: list[Item], font: QFont, span: tuple[date, date], width: float,
                changed: set[ItemId] | None = None) -> list[tuple[dict, dict]]:
        """The variants for `items` with titles in `font`; `changed` names the only items that may differ
        from the last call's."""
        roomy = len(items) <= ROOMY_LIMIT
        context = (font.key(), span, width, roomy)
        metrics = QFontMetricsF(font)
        px_per_day = width / (max((span[1] - span[0]).days, 1) * FIT_MARGIN)
        if changed is None or context != self._context:
            self._context, self._tight, self._beside = context, {}, {}
            self._parent_of = {i.id: i.parent_id for i in items if i.parent_id is not None}
            self._kids = Counter(self._parent_of.values())
            todo, self.touched = items, None
        else:
            self._tight, self._beside = dict(self._tight), dict(self._beside)  # earlier variants stay as they were
            fresh = [i for i in items if i.id in changed]
            remeasure = set(changed)
            for item_id in changed:  # parents it left or joined may gain or lose their triangle's room
                old = self._parent_of.pop(item_id, None)
                if old is not None:
                    self._kids[old] -= 1
                    remeasure.add(old)
            for item in fresh:
                if item.parent_id is not None:
                    self._parent_of[item.id] = item.parent_id
                    self._kids[item.parent_id] += 1
                    remeasure.add(item.parent_id)
            for item_id in remeasure:
                self._tight.pop(item_id, None)
                self._beside.pop(item_id, None)
            todo = fresh if remeasure == changed else [i for i in items if i.id in remeasure]
            self.touched = remeasure
        for item in todo:
            lead = LEAD_PX / px_per_day if self._kids[item.id] > 0 else 0.0
            if not (item.is_milestone or roomy):
                if lead:
                    self._tight[item.id] = (lead, 0.0)
                continue
            title = min(metrics.horizontalAdvance(item.title), 0.4 * width)
            if item.is_milestone:
                self._tight[item.id] = (lead + (DIAMOND_PX + 2) / px_per_day, (DIAMOND_PX + GAP + title + CLEARANCE) / px_per_day)
                continue
            if lead:
                self._tight[item.id] = (lead, 0.0)
            bar_px = ((item.end - item.start).days + 1) * px_per_day
            if title + 2 * PAD + MARK_PX > bar_px:
                self._beside[item.id] = (lead, (GAP + title + CLEARANCE) / px_per_day)
        tight, beside = self._tight, self._beside
        return [({**tight, **beside}, {}), (tight, beside)] if beside else [(tight, {})]
