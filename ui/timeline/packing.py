"""How much room lane packing keeps around items for their titles, measured at a band's own span."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QFontMetricsF

from planner.label_layout import CLEARANCE, GAP, PAD
from planner.model import Item
from ui.timeline.band_painter import DIAMOND_PX, MARK_PX

ROOMY_LIMIT = 2000  # bands with more items than this pack tight (no room for titles beside bars)
FIT_MARGIN = 1.06  # fit_all shows a little more than the span


def reaches(items: list[Item], metrics: QFontMetricsF, span: tuple[date, date], width: float) -> list[tuple[dict, dict]]:
    """(reach, optional reach) for each lane packing a band may use, roomiest first (see BandLayout.build).

    A milestone always keeps room for its diamond and title. A bar too short
    for its title asks for room beside it: the roomy packing grants it
    everywhere, the other only where it adds no row. The view takes the
    roomiest whose rows fit on screen. `width` is the plot's width in pixels.
    """
    px_per_day = width / (max((span[1] - span[0]).days, 1) * FIT_MARGIN)
    tight, beside = {}, {}
    roomy = len(items) <= ROOMY_LIMIT
    for item in items:
        if not (item.is_milestone or roomy):
            continue
        title = min(metrics.horizontalAdvance(item.title), 0.4 * width)
        if item.is_milestone:
            tight[item.id] = ((DIAMOND_PX + 2) / px_per_day, (DIAMOND_PX + GAP + title + CLEARANCE) / px_per_day)
        else:
            bar_px = ((item.end - item.start).days + 1) * px_per_day
            if title + 2 * PAD + MARK_PX > bar_px:
                beside[item.id] = (0.0, (GAP + title + CLEARANCE) / px_per_day)
    return [({**tight, **beside}, {}), (tight, beside)] if beside else [(tight, {})]
