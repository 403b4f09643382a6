"""Link routes between the bands: edges they attach to, bundles with counts, hit tests (plain numbers)."""

from hypothesis import given
from hypothesis import strategies as st

from planner.link_routes import INSET, Box, LinkEnds, Side, nearest_route, route_links

BUSINESS = Box(100, 0, 1100, 300)
TECH = Box(100, 340, 1100, 700)  # the gap is y 300..340


def _link(key, tech_id, business_id, tech=(200, 300, 500), business=(150, 900, 120)):
    return LinkEnds(key, tech_id, business_id, *tech, *business)


def _pill(count):
    return (8.0 + 7 * len(str(count)), 13.0)


def test_a_link_leaves_the_tech_top_edge_crosses_the_gap_and_enters_the_business_bottom_edge():
    (route,), _ = route_links([_link(0, 1, 2)], BUSINESS, TECH)
    assert route.tech_end[1] == 500 and 200 + INSET <= route.tech_end[0] <= 300 - INSET
    assert route.tech_exit == (route.tech_end[0], TECH.top)  # straight up to the band's top
    assert route.business_entry[1] == BUSINESS.bottom
    assert route.business_end == (route.business_entry[0], 120)  # straight up into the bar
    assert 150 + INSET <= route.business_end[0] <= 900 - INSET
    assert route.tech_off is None and route.business_off is None


def test_the_entry_slides_along_a_long_goal_towards_its_enablers():
    (route,), _ = route_links([_link(0, 1, 2, tech=(700, 760, 500))], BUSINESS, TECH)
    assert abs(route.business_end[0] - route.tech_end[0]) < 1  # a straight run: nothing to cross


def test_links_into_one_goal_share_its_entry_and_show_a_count():
    links = [_link(n, 10 + n, 2, tech=(120 + 90 * n, 190 + 90 * n, 400 + 20 * n)) for n in range(6)]
    routes, bundles = route_links(links, BUSINESS, TECH, _pill)
    assert len({r.business_entry for r in routes}) == 1
    (bundle,) = bundles
    assert bundle.count == 6 and bundle.pill is not None
    assert BUSINESS.bottom <= bundle.pill.top and bundle.pill.bottom <= TECH.top
    assert bundle.pill.left <= bundle.x <= bundle.pill.right


def test_a_single_link_has_no_count():
    _, (bundle,) = route_links([_link(0, 1, 2)], BUSINESS, TECH, _pill)
    assert bundle.count == 1 and bundle.pill is None


def test_an_end_out_of_view_stops_at_the_band_edge_and_says_which_way():
    (route,), _ = route_links([_link(0, 1, 2, tech=(200, 300, 900))], BUSINESS, TECH)
    assert route.tech_end[1] == TECH.bottom and route.tech_off is Side.DOWN
    (route,), _ = route_links([_link(0, 1, 2, business=(-400, -50, 120))], BUSINESS, TECH)
    assert route.business_end[0] == BUSINESS.left and route.business_off is Side.LEFT


def test_hovering_near_a_route_finds_it():
    routes, _ = route_links([_link(0, 1, 2), _link(1, 3, 4, tech=(800, 900, 600), business=(850, 1000, 200))], BUSINESS, TECH)
    x, y = routes[1].tech_end[0] + 2, 450
    assert nearest_route(routes, x, y, 4).key == 1
    assert nearest_route(routes, 600, 100, 4) is None


@st.composite
def link_sets(draw):
    n = draw(st.integers(1, 30))
    out = []
    for key in range(n):
        tx0 = draw(st.floats(0, 1200))
        bx0 = draw(st.floats(0, 1200))
        out.append(LinkEnds(
            key, draw(st.integers(0, 8)), draw(st.integers(0, 5)),
            tx0, tx0 + draw(st.floats(0, 400)), draw(st.floats(320, 720)),
            bx0, bx0 + draw(st.floats(0, 600)), draw(st.floats(-20, 320)),
        ))
    return out


@given(link_sets())
def test_routes_stay_in_the_bands_and_count_pills_never_overlap(links):
    routes, bundles = route_links(links, BUSINESS, TECH, _pill)
    assert len(routes) == len(links)
    for r in routes:
        assert TECH.left <= r.tech_end[0] <= TECH.right and TECH.top <= r.tech_end[1] <= TECH.bottom
        assert BUSINESS.left <= r.business_end[0] <= BUSINESS.right and BUSINESS.top <= r.business_end[1] <= BUSINESS.bottom
        assert r.tech_exit[1] == TECH.top and r.business_entry[1] == BUSINESS.bottom
    assert sum(b.count for b in bundles) == len(links)
    pills = sorted((b.pill for b in bundles if b.pill), key=lambda p: (p.top, p.left))
    for a in pills:
        assert BUSINESS.bottom <= a.top and a.bottom <= TECH.top
        for b in pills:
            if a is not b:
                assert a.right <= b.left or b.right <= a.left or a.bottom <= b.top or b.bottom <= a.top
