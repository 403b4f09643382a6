"""Title placement on a row: inside, beside, elided or hidden, never overlapping (plain numbers)."""

from hypothesis import given
from hypothesis import strategies as st

from planner.label_layout import CLEARANCE, MIN_ELIDED, PAD, Placement, RowItem, place_row

LEFT, RIGHT = 0.0, 1000.0


def _placements(items, left=LEFT, right=RIGHT):
    return [(b.placement, round(b.left), round(b.width)) for b in place_row(items, left, right)]


def test_a_title_that_fits_goes_inside_its_bar():
    assert _placements([RowItem(0, 100, 300, 80)]) == [(Placement.INSIDE, 100 + PAD, 80)]


def test_a_long_title_goes_beside_on_the_right_when_the_space_is_free():
    boxes = place_row([RowItem(0, 100, 140, 120), RowItem(1, 400, 600, 50)], LEFT, RIGHT)
    assert boxes[0].placement is Placement.RIGHT and boxes[0].left > 140 and boxes[0].right <= 400 - CLEARANCE
    assert boxes[1].placement is Placement.INSIDE


def test_near_the_right_edge_a_title_goes_on_the_left():
    (box,) = place_row([RowItem(0, 950, 990, 120)], LEFT, RIGHT)
    assert box.placement is Placement.LEFT and box.right < 950 and box.left >= LEFT


def test_when_neither_side_is_free_the_title_is_elided_in_the_larger_room():
    items = [RowItem(0, 0, 200, 10), RowItem(1, 210, 300, 400), RowItem(2, 320, 900, 10)]
    boxes = place_row(items, LEFT, RIGHT)
    assert boxes[1].placement is Placement.ELIDED
    assert boxes[1].left >= 210 and boxes[1].right <= 300  # inside its own bar: the only room


def test_a_stub_is_hidden_rather_than_elided_to_nothing():
    items = [RowItem(0, 0, 200, 10), RowItem(1, 210, 225, 400), RowItem(2, 240, 900, 10)]
    assert place_row(items, LEFT, RIGHT)[1].placement is Placement.HIDDEN


def test_a_milestone_title_sits_beside_its_diamond_never_on_it():
    (box,) = place_row([RowItem(0, 493, 507, 90, milestone=True)], LEFT, RIGHT)
    assert box.placement is Placement.RIGHT and box.left > 507


def test_an_earlier_title_beside_its_bar_takes_the_space_first():
    # bar 0's title wants the gap on its right; bar 1's title would want the same gap on its left
    items = [RowItem(0, 100, 120, 100), RowItem(1, 300, 320, 100), RowItem(2, 330, 900, 10)]
    boxes = place_row(items, LEFT, RIGHT)
    assert boxes[0].placement is Placement.RIGHT
    assert boxes[1].placement is not Placement.LEFT or boxes[1].left >= boxes[0].right + CLEARANCE


def test_the_inside_title_of_a_bar_wider_than_the_view_sticks_to_the_view():
    (box,) = place_row([RowItem(0, -500, 2000, 80)], LEFT, RIGHT)
    assert box.placement is Placement.INSIDE and box.left == LEFT + PAD


def test_titles_keep_clear_of_an_obstacle_in_the_row():
    # An outline's spine at 200: the title left of the bar at 230 must not cross it, nor the title right of 100-140.
    items = [RowItem(0, 100, 140, 120), RowItem(-1, 199, 206, 0, obstacle=True), RowItem(1, 230, 250, 60)]
    boxes = place_row(items, LEFT, RIGHT)
    assert boxes[1].placement is Placement.HIDDEN
    assert boxes[0].placement is Placement.ELIDED and boxes[0].right <= 199 - CLEARANCE
    assert boxes[2].placement is Placement.RIGHT and boxes[2].left > 250


def test_a_lead_before_a_bar_is_kept_free_but_its_title_still_starts_inside():
    # A parent's triangle takes 17 px before its bar at 300: the title on the left of it and its neighbour's keep clear.
    items = [RowItem(0, 100, 140, 140), RowItem(1, 300, 600, 50, lead=17), RowItem(2, 700, 720, 400)]
    boxes = place_row(items, LEFT, RIGHT)
    assert boxes[0].right <= 300 - 17 - CLEARANCE
    assert boxes[1].placement is Placement.INSIDE and boxes[1].left == 300 + PAD
    assert place_row([RowItem(0, 300, 320, 100, lead=17)], LEFT, RIGHT)[0].placement is Placement.RIGHT
    (box,) = place_row([RowItem(0, 950, 990, 100, lead=17)], LEFT, RIGHT)
    assert box.placement is Placement.LEFT and box.right <= 950 - 17


def test_badges_at_the_right_end_keep_their_room():
    (box,) = place_row([RowItem(0, 100, 200, 85, reserve=14)], LEFT, RIGHT)
    assert box.placement is not Placement.INSIDE


@st.composite
def rows(draw):
    """A row of non-overlapping items (some milestones) with random title widths."""
    n = draw(st.integers(1, 12))
    x = draw(st.floats(-300, 300))
    items = []
    for key in range(n):
        x += draw(st.floats(0, 150))
        milestone = draw(st.booleans())
        width = 14.0 if milestone else draw(st.floats(1, 400))
        items.append(RowItem(key, x, x + width, draw(st.floats(5, 300)), milestone, draw(st.sampled_from([0.0, 9.0]))))
        x += width
    return items


@given(rows(), st.floats(0, 200), st.floats(300, 1400))
def test_titles_never_overlap_each_other_or_another_item_and_stay_in_view(items, left, right):
    boxes = [b for b in place_row(items, left, right) if b.placement is not Placement.HIDDEN]
    spans = sorted((b.left, b.right) for b in boxes)
    assert all(a[1] <= b[0] + 1e-6 for a, b in zip(spans, spans[1:]))
    by_key = {i.key: i for i in items}
    for box in boxes:
        assert left - 1e-6 <= box.left and box.right <= right + 1e-6
        own = by_key[box.key]
        for other in items:
            if other.key != box.key:
                assert box.right <= other.x0 + 1e-6 or box.left >= other.x1 - 1e-6
        inside_own = own.x0 <= box.left and box.right <= own.x1
        assert inside_own or box.right <= own.x0 or box.left >= own.x1  # on its bar, or off it entirely
        assert not (own.milestone and inside_own)


@given(rows(), st.floats(300, 1400))
def test_every_title_is_shown_whole_unless_elided_or_hidden(items, right):
    for box in place_row(items, 0.0, right):
        item = items[box.key]
        if box.placement in (Placement.INSIDE, Placement.RIGHT, Placement.LEFT):
            assert box.width == item.text_width
        elif box.placement is Placement.ELIDED:
            assert MIN_ELIDED <= box.width < item.text_width


def test_strip_labels_take_their_first_free_position_or_stay_out():
    from planner.label_layout import StripLabel, place_strip

    window = StripLabel("window", 200, (500.0, 100.0))
    today = StripLabel("today", 40, (460.0, 400.0))
    assert place_strip([window, today], 0, 1000) == {"window": 500.0, "today": 400.0}
    assert place_strip([window, StripLabel("today", 40, (520.0,))], 0, 1000) == {"window": 500.0}
    assert place_strip([StripLabel("wide", 2000, (0.0,))], 0, 1000) == {}
