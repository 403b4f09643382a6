"""How tall each band is and how tall a row is, given the height the two bands share (no Qt).

Rows never shrink below a height that holds one line of text: when the rows
do not fit, the bands keep that height and scroll. Both bands use the same
row height, so a business bar is never thinner than a tech bar. Spare room
makes rows taller, up to a limit, and what is left goes below the tech band.
"""

from __future__ import annotations

from dataclasses import dataclass

SMALL_BAND_SHARE = 0.45  # a band needing no more than this share of the room is shown whole
MIN_ROWS_SHOWN = 3.0


@dataclass(frozen=True)
class BandNeed:
    rows: float  # content height in rows (lanes, gaps between them, the strip below)
    fixed: float  # pixels besides the rows: axis and the strip above the first lane


@dataclass(frozen=True)
class BandFit:
    row_px: float
    business_px: float  # each band's height in pixels, fixed part included
    tech_px: float

    def scrolls(self, need: BandNeed, band_px: float, slack_rows: float = 0.0) -> bool:
        """Whether a band of `band_px` pixels cannot show all of `need` (`slack_rows` may be cut off)."""
        return (need.rows - slack_rows) * self.row_px > band_px - need.fixed + 0.5


def fit_bands(available: float, business: BandNeed, tech: BandNeed, min_row_px: float, max_row_px: float) -> BandFit:
    """Split `available` pixels between the bands (business above, tech below)."""
    room = max(available - business.fixed - tech.fixed, 0.0)
    rows = max(business.rows + tech.rows, 1e-9)
    row = min(max(room / rows, min_row_px), max_row_px)
    if rows * row <= room + 1e-6:
        business_px = business.fixed + business.rows * row
        return BandFit(row, business_px, available - business_px)
    row = min_row_px  # too many rows: keep them readable, and scroll
    need_b, need_t = business.rows * row, tech.rows * row
    floor_b, floor_t = min(need_b, MIN_ROWS_SHOWN * row), min(need_t, MIN_ROWS_SHOWN * row)
    if need_b <= room * SMALL_BAND_SHARE:
        share_b = need_b
    elif need_t <= room * SMALL_BAND_SHARE:
        share_b = room - need_t
    else:
        share_b = room * need_b / (need_b + need_t)
    share_b = max(floor_b, min(share_b, room - floor_t))
    business_px = business.fixed + share_b
    return BandFit(row, business_px, max(available - business_px, tech.fixed + floor_t))
