"""Hover neighbours and the focus set: supports and depends links, each direction followed on its own."""

from datetime import date

from planner.connections import connected, neighbours
from planner.model import Band, Item, ItemId, Lane, LaneId, Link, LinkId, LinkKind, Roadmap, RoadmapInfo


def _roadmap(links):
    lanes = {LaneId(1): Lane(LaneId(1), Band.BUSINESS, "Growth", "#336699", 0), LaneId(2): Lane(LaneId(2), Band.TECH, "Apps", "#339966", 0)}
    names = {1: Band.BUSINESS, 2: Band.BUSINESS, 3: Band.BUSINESS, 10: Band.TECH, 11: Band.TECH, 12: Band.TECH, 13: Band.TECH}
    items = {
        ItemId(n): Item(ItemId(n), band, LaneId(1 if band == Band.BUSINESS else 2), f"item {n}", date(2026, 1, 1), date(2026, 6, 30))
        for n, band in names.items()
    }
    info = RoadmapInfo(title="t", horizon_start=date(2026, 1, 1))
    return Roadmap(info=info, lanes=lanes, items=items, links={
        LinkId(k): Link(LinkId(k), kind, ItemId(s), ItemId(t)) for k, (kind, s, t) in enumerate(links, 1)
    })


S, D = LinkKind.SUPPORTS, LinkKind.DEPENDS
# 10 supports goal 1; 11 supports goals 1 and 2; 12 must finish before 10 starts; 13 supports goal 3 only.
ROADMAP = _roadmap([(S, 10, 1), (S, 11, 1), (S, 11, 2), (D, 12, 10), (S, 13, 3)])


def test_neighbours_are_the_other_ends_of_supports_links():
    assert neighbours(ROADMAP, {1}) == {10, 11}
    assert neighbours(ROADMAP, {11}) == {1, 2}
    assert neighbours(ROADMAP, {12}) == frozenset()


def test_neighbours_follow_the_links_after_an_edit():
    """The other ends are indexed once per links mapping; an edit replaces the mapping, so they follow it."""
    from planner.edits import AddLink, RemoveLink
    from planner.model import apply_changes

    assert neighbours(ROADMAP, {3}) == {13}
    linked = apply_changes(ROADMAP, AddLink(S, ItemId(12), ItemId(3)).changes(ROADMAP))
    assert neighbours(linked, {3}) == {12, 13}
    assert neighbours(ROADMAP, {3}) == {13}  # the roadmap before the edit is still what it was
    unlinked = apply_changes(linked, RemoveLink(LinkId(5)).changes(linked))
    assert neighbours(unlinked, {3}) == {12}


def test_links_at_an_item_are_its_links_in_id_order_after_edits_too():
    from planner.connections import links_at
    from planner.edits import AddLink
    from planner.model import apply_changes

    assert links_at(ROADMAP, ItemId(11)) == ROADMAP.links_of(ItemId(11))
    assert links_at(ROADMAP, ItemId(10)) == ROADMAP.links_of(ItemId(10))  # supports and depends alike
    linked = apply_changes(ROADMAP, AddLink(S, ItemId(13), ItemId(1)).changes(ROADMAP))
    assert links_at(linked, ItemId(1)) == linked.links_of(ItemId(1)) and len(links_at(linked, ItemId(1))) == 3
    assert links_at(ROADMAP, ItemId(99)) == []


def test_focus_on_a_goal_finds_its_enablers_through_depends_links_too():
    assert connected(ROADMAP, {1}) == {1, 10, 11, 12}  # not goal 2 (an enabler's other goal), not 13


def test_focus_on_a_prerequisite_finds_what_it_is_for():
    assert connected(ROADMAP, {12}) == {12, 10, 1}


def test_focus_on_unknown_ids_is_empty():
    assert connected(ROADMAP, {999}) == frozenset()


def test_hover_keeps_an_item_and_its_other_ends():
    from planner.connections import emphasis

    e = emphasis(ROADMAP, {1}, hover_item=11)
    assert e.keep == {11, 1, 2} and e.strong == {11}
    assert {10, 11} <= e.related  # the selection's neighbours stay outlined


def test_focus_is_not_undone_by_hovering():
    from planner.connections import emphasis

    assert emphasis(ROADMAP, {1}, hover_item=13, focused=True) == emphasis(ROADMAP, {1}, focused=True)


def test_hovering_a_link_keeps_its_two_ends():
    from planner.connections import emphasis

    e = emphasis(ROADMAP, set(), hover_link=3)  # 11 supports 2
    assert e.keep == {11, 2} and e.link == 3 and e.strong == frozenset()


def test_focus_keeps_what_is_connected_and_draws_links_between_them():
    from planner.connections import emphasis

    e = emphasis(ROADMAP, {1}, focused=True)
    assert e.keep == {1, 10, 11, 12} and e.both_ends


def test_nothing_hovered_or_focused_fades_nothing():
    from planner.connections import emphasis

    e = emphasis(ROADMAP, {1})
    assert e.keep is None and e.strong == {1} and e.related == {10, 11}
