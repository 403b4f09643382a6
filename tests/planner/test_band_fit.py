"""Band heights and row height: rows stay readable, the same in both bands, and bands scroll instead."""

from hypothesis import given
from hypothesis import strategies as st

from planner.band_fit import MIN_ROWS_SHOWN, BandNeed, fit_bands

MIN_ROW, MAX_ROW = 19.0, 28.0


def test_rows_fit_and_grow_to_use_the_room():
    fit = fit_bands(900, BandNeed(12, 50), BandNeed(16, 40), MIN_ROW, MAX_ROW)
    assert MIN_ROW < fit.row_px <= MAX_ROW
    assert fit.business_px == 50 + 12 * fit.row_px
    assert fit.business_px + fit.tech_px == 900
    assert not fit.scrolls(BandNeed(16, 40), fit.tech_px)


def test_too_little_room_keeps_the_minimum_row_and_scrolls():
    fit = fit_bands(420, BandNeed(12, 50), BandNeed(16, 40), MIN_ROW, MAX_ROW)
    assert fit.row_px == MIN_ROW
    assert fit.business_px + fit.tech_px == 420
    assert fit.scrolls(BandNeed(12, 50), fit.business_px) and fit.scrolls(BandNeed(16, 40), fit.tech_px)


def test_a_small_business_band_is_shown_whole_while_the_tech_band_scrolls():
    fit = fit_bands(500, BandNeed(4, 50), BandNeed(40, 40), MIN_ROW, MAX_ROW)
    assert fit.business_px == 50 + 4 * MIN_ROW
    assert fit.scrolls(BandNeed(40, 40), fit.tech_px)


@given(st.floats(100, 2000), st.floats(1, 300), st.floats(1, 300))
def test_rows_never_shrink_and_each_band_shows_a_few_rows(available, rows_b, rows_t):
    b, t = BandNeed(rows_b, 50), BandNeed(rows_t, 40)
    fit = fit_bands(available, b, t, MIN_ROW, MAX_ROW)
    assert MIN_ROW <= fit.row_px <= MAX_ROW
    assert fit.business_px >= b.fixed + min(rows_b, MIN_ROWS_SHOWN) * fit.row_px - 1e-6
    assert fit.tech_px >= t.fixed + min(rows_t, MIN_ROWS_SHOWN) * fit.row_px - 1e-6
