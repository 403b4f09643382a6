"""The dual timeline reads at a glance on a laptop (issue 11), measured from what the view painted.

On the sample and on a 1,000-item synthetic roadmap, at the commonest laptop
sizes and a desktop one, with the default docks and with a bottom dock open:
no two painted labels overlap, no title covers another bar, titles are not
dropped, and links are painted beneath titles; with an outline, expanded or
folded, no title crosses a parent's spine and no disclosure triangle covers a
bar. `painted_labels()` gives the rectangles, so nothing here reads pixels.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRectF, Qt

from benchmarks.roadmap_gen import write as write_synthetic
from planner.store import Store
from tests.ui.timeline.outline_sample import by_title, with_outline
from ui.timeline.view import TimelineView

pytestmark = pytest.mark.gui
TODAY = date(2026, 11, 28)
SIZES = [(1280, 800), (1366, 768), (1920, 1080)]


def open_window(make_window, qtbot, path, size, bottom_dock=False):
    window = make_window()
    window.timeline.today = TODAY  # the view's notion of today, fixed (never the real date)
    window.resize(*size)
    window.load(path)
    qtbot.wait(30)
    if bottom_dock:
        next(d for d in window.docks if d.windowTitle() == "Tables").show()
        qtbot.wait(30)
    window.timeline.fit_all()
    return settle(window.timeline, qtbot)


def settle(view, qtbot):
    qtbot.wait(30)
    view.viewport().repaint()  # a fresh frame: painted_labels() describes it
    return view


def overlapping(rects: list[tuple[object, QRectF]]) -> list[tuple[object, object]]:
    """Pairs of (key, rect) whose rectangles overlap by more than half a pixel (a sweep along x)."""
    found = []
    ordered = sorted(((r.adjusted(0.5, 0.5, -0.5, -0.5), k) for k, r in rects), key=lambda e: e[0].left())
    for n, (a, ka) in enumerate(ordered):
        for b, kb in ordered[n + 1:]:
            if b.left() >= a.right():
                break
            if a.intersects(b):
                found.append((ka, kb))
    return found


def bar_rects(view) -> dict:
    """Each item's bar or diamond as drawn, cut to its band's plot area."""
    out = {}
    for band in view.bands:
        box = QRectF(view.mapFromScene(band.view_box.sceneBoundingRect()).boundingRect())
        for item_id in band.layout.bars:
            rect = QRectF(view.item_rect(item_id)).intersected(box)
            if not rect.isEmpty():
                out[item_id] = rect
    return out


def titles(view):
    return [l for l in view.painted_labels() if l.kind == "title"]


def assert_reads_cleanly(view):
    labels = view.painted_labels()
    assert labels, "nothing painted"
    clashes = overlapping([((l.kind, l.text), l.rect) for l in labels])
    assert not clashes, clashes[:5]
    viewport = QRectF(view.viewport().rect())
    for label in labels:
        assert viewport.contains(label.rect.adjusted(0.5, 0.5, -0.5, -0.5)), (label.kind, label.text)
    bars = bar_rects(view)
    covered = overlapping([(("title", l.item_id), l.rect) for l in labels if l.kind in ("title", "count")]
                          + [(("bar", i), r) for i, r in bars.items()])
    covered = [(a, b) for a, b in covered if {a[0], b[0]} == {"title", "bar"} and a[1] != b[1]]
    assert not covered, covered[:5]
    assert_links_beneath_titles(view, bars)


def assert_links_beneath_titles(view, bars):
    """Links are painted before every bar and title, and no link is drawn through a title beside its bar."""
    order = view.scene().items(Qt.SortOrder.AscendingOrder)  # painting order: first painted first
    for band in view.bands:
        assert order.index(view.links) < order.index(band.bars)
    clear = [QRectF(view.mapFromScene(r).boundingRect()) for r in view.links.clip_out]
    for label in titles(view):
        if not bars.get(label.item_id, QRectF()).intersects(label.rect):  # beside its bar: cut out of the links' clip
            assert any(c.adjusted(-1, -1, 1, 1).contains(label.rect) for c in clear), label.text


@pytest.fixture(scope="module")
def synthetic_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("synthetic") / "synthetic-1000.roadmap"
    write_synthetic(path, 1000)
    return path


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("bottom_dock", [False, True], ids=["default docks", "bottom dock"])
def test_the_sample_reads_cleanly_with_every_title(make_window, qtbot, sample_file, size, bottom_dock):
    view = open_window(make_window, qtbot, sample_file, size, bottom_dock)
    assert_reads_cleanly(view)
    shown = {l.item_id for l in titles(view)}
    low, _ = view.row_limits()
    assert view.business.row_px == view.tech.row_px >= low  # business rows as tall as tech rows, never too thin
    for band in view.bands:
        box = QRectF(view.mapFromScene(band.view_box.sceneBoundingRect()).boundingRect())
        for item_id, bar in band.layout.bars.items():
            rect = QRectF(view.item_rect(item_id))
            if box.contains(rect.center()) and box.top() + 2 <= rect.top() and rect.bottom() <= box.bottom() - 2:
                assert item_id in shown, f"{bar.item.title}: no title"  # every item in view has its title
    if not bottom_dock:
        assert shown == set(view.roadmap.items)  # the whole sample fits and every title shows


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("bottom_dock", [False, True], ids=["default docks", "bottom dock"])
def test_a_thousand_items_read_cleanly(make_window, qtbot, synthetic_path, size, bottom_dock):
    view = open_window(make_window, qtbot, synthetic_path, size, bottom_dock)
    assert_reads_cleanly(view)
    assert len(titles(view)) >= 20
    assert any(bar.isVisible() for bar in view.scroll_bars.values())  # too many rows: the bands scroll


def test_a_bottom_dock_keeps_rows_readable_and_the_bands_scroll(make_window, qtbot, sample_file):
    view = open_window(make_window, qtbot, sample_file, (1366, 768), bottom_dock=True)
    low, _ = view.row_limits()
    assert view.tech.row_px == low
    bar = view.scroll_bars[view.tech.band]
    assert bar.isVisible() and bar.maximum() > 0
    before = {l.item_id for l in titles(view)}
    bar.setValue(bar.maximum())
    settle(view, qtbot)
    assert view.tech.scroll > 0
    after = {l.item_id for l in titles(view)}
    assert after - before  # scrolled: other titles come into view
    assert_reads_cleanly(view)


def test_links_are_painted_beneath_bars_and_titles(make_window, qtbot, sample_file):
    view = open_window(make_window, qtbot, sample_file, (1366, 768))
    assert len(view.painted_link_paths()) >= 30
    bars = bar_rects(view)
    assert any(not bars[l.item_id].intersects(l.rect) for l in titles(view))  # some titles sit beside their bars
    assert_links_beneath_titles(view, bars)


def test_a_link_leaves_the_tech_top_and_enters_the_business_bottom(make_window, qtbot, sample_file):
    view = open_window(make_window, qtbot, sample_file, (1366, 768))
    for spec, points, _ in view.painted_link_paths():
        tech, business = QRectF(view.item_rect(spec.tech_id)), QRectF(view.item_rect(spec.business_id))
        start, end = points[0], points[-1]
        assert tech.left() - 1 <= start.x() <= tech.right() + 1 and abs(start.y() - tech.top()) <= 2
        assert business.left() - 1 <= end.x() <= business.right() + 1 and abs(end.y() - business.bottom()) <= 2
        gap_top = view.mapFromScene(view.business.view_box.sceneBoundingRect().bottomLeft()).y()
        gap_bottom = view.mapFromScene(view.tech.view_box.sceneBoundingRect().topLeft()).y()
        assert any(gap_top <= p.y() <= gap_bottom for p in points)  # crosses the gap row


def test_links_into_one_goal_show_their_count(make_window, qtbot, sample_file):
    view = open_window(make_window, qtbot, sample_file, (1366, 768))
    counts = {l.item_id: int(l.text) for l in view.painted_labels() if l.kind == "count"}
    supports = {}
    for link in view.roadmap.links.values():
        if link.kind == "supports":
            supports[link.target_id] = supports.get(link.target_id, 0) + 1
    assert counts and all(counts[i] == supports[i] for i in counts)
    assert max(supports, key=supports.get) in counts  # the biggest bundle is labelled


@pytest.fixture
def view(qtbot, app, sample):
    widget = TimelineView(today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.set_roadmap(sample)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(20)
    widget.fit_all()
    return settle(widget, qtbot)


def test_a_zoom_sweep_from_two_weeks_to_ten_years_never_overlaps_axis_labels(view, qtbot):
    x0 = view.tech.x_range()[0]
    for n in range(26):
        days = 14 * (3653 / 14) ** (n / 25)
        for band in view.bands:
            band.view_box.setXRange(x0, x0 + days * 86400, padding=0)
        settle(view, qtbot)
        axis = [l for l in view.painted_labels() if l.kind == "axis"]
        for name in ("business", "tech"):
            mine = [l for l in axis if l.tier.startswith(name)]
            assert mine, (name, days)
            clashes = overlapping([(l.tier + " " + l.text, l.rect) for l in mine])
            assert not clashes, (round(days), clashes[:3])
            tiers = {l.tier for l in mine}
            assert len(tiers) <= 2
            if any(t.endswith(":month") for t in tiers):
                assert not any(t.endswith(":month") and l.text.startswith(("Q", "FY")) for l in mine for t in [l.tier])
        assert_reads_cleanly(view)


def test_the_header_elides_with_its_full_text_in_reach(view, qtbot):
    view.resize(520, 700)
    settle(view, qtbot)
    (header,) = [l for l in view.painted_labels() if l.kind == "header"]
    assert header.text != header.full_text and header.text.endswith("…")
    assert header.rect.right() <= view.viewport().width()
    assert "as of 28 Nov 2026" in header.full_text


def test_the_tech_window_label_says_what_it_shows(view, qtbot):
    (label,) = [l for l in view.painted_labels() if l.kind == "marker" and l.tier == "window"]
    lo, hi = view.tech_window.getRegion()
    from planner.layout import from_x

    assert label.text == f"Tech window · {from_x(lo):%b %Y} – {from_x(hi - 1):%b %Y}"
    view.tech.view_box.setXRange(view.tech.x_range()[0], view.tech.x_range()[0] + 365 * 86400, padding=0)
    settle(view, qtbot)
    (label,) = [l for l in view.painted_labels() if l.kind == "marker" and l.tier == "window"]
    start = from_x(view.tech.x_range()[0])
    assert label.text.startswith(f"Tech window · {start:%b %Y} – ") and "18 months" not in label.text


def test_an_empty_band_shows_a_hint(qtbot, app, sample):
    from dataclasses import replace

    empty = replace(sample, items={i: it for i, it in sample.items.items() if it.band == "tech"}, links={})
    widget = TimelineView(today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.set_roadmap(empty)
    widget.show()
    qtbot.waitExposed(widget)
    settle(widget, qtbot)
    hints = [l.text for l in widget.painted_labels() if l.kind == "hint"]
    assert hints == ["Double-click a lane to add a business goal"]


def test_a_restored_dock_layout_still_paints_titles(make_window, qtbot, sample_file):
    first = open_window(make_window, qtbot, sample_file, (1366, 768), bottom_dock=True).window()
    tables = next(d for d in first.docks if d.windowTitle() == "Tables")
    first.resizeDocks([tables], [520], Qt.Orientation.Vertical)  # a tall bottom dock, remembered on close
    qtbot.wait(30)
    first.close()
    again = make_window(sample_file)  # reads the saved geometry and dock state
    again.timeline.today = TODAY
    qtbot.wait(50)
    view = settle(again.timeline, qtbot)
    assert next(d for d in again.docks if d.windowTitle() == "Tables").isVisible()
    low, _ = view.row_limits()
    assert view.tech.row_px >= low and view.business.row_px >= low
    shown = titles(view)
    assert {l.item_id for l in shown} & set(view.business.layout.bars) and {l.item_id for l in shown} & set(view.tech.layout.bars)
    assert len(shown) >= 8
    assert_reads_cleanly(view)


def test_shift_wheel_scrolls_a_band_and_its_scroll_bar_follows(make_window, qtbot, sample_file):
    from tests.ui.mouse import wheel

    view = open_window(make_window, qtbot, sample_file, (1366, 768), bottom_dock=True)
    bar = view.scroll_bars[view.tech.band]
    centre = view.mapFromScene(view.tech.view_box.sceneBoundingRect().center())
    wheel(view.viewport(), centre, -120, Qt.KeyboardModifier.ShiftModifier)
    settle(view, qtbot)
    assert view.tech.scroll > 0 and bar.value() == round(view.tech.scroll * view.tech.row_px)
    wheel(view.viewport(), centre, 120, Qt.KeyboardModifier.ShiftModifier)
    settle(view, qtbot)
    assert view.tech.scroll == 0 and bar.value() == 0


# --- with an outline (issue 13): children beneath their parents, some folded ---------------------------


@pytest.fixture
def outline_file(tmp_path, sample):
    path = tmp_path / "outline.roadmap"
    Store.create(path, with_outline(sample, crowded=True)).close()
    return path


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("folded", ["expanded", "collapsed", "business collapsed"])
def test_an_outline_reads_cleanly(make_window, qtbot, outline_file, size, folded):
    tl = open_window(make_window, qtbot, outline_file, size)
    crm, online = (by_title(tl.roadmap, t).id for t in ("CRM rebuild", "Online sales 30% of revenue"))
    tl.set_collapsed({"expanded": (), "collapsed": (crm, online), "business collapsed": (online,)}[folded])
    settle(tl, qtbot)
    assert_outline_reads_cleanly(tl)
    assert any(l.kind == "disclosure" for l in tl.painted_labels())  # at least one triangle in view


def assert_outline_reads_cleanly(tl):
    """As `assert_reads_cleanly`, and no disclosure triangle covers a bar, no title is drawn across a spine."""
    assert_reads_cleanly(tl)
    labels = tl.painted_labels()
    marks = [l for l in labels if l.kind == "disclosure"]
    covered = overlapping([(("mark", l.item_id), l.rect) for l in marks] + [(("bar", i), r) for i, r in bar_rects(tl).items()])
    assert not [c for c in covered if {c[0][0], c[1][0]} == {"mark", "bar"}], covered
    for parent, lines in tl.painted_outline().spines:
        x = lines[0].x1()
        for label in labels:
            if label.kind == "title" and lines[0].y1() <= label.rect.center().y() <= lines[0].y2():
                assert not label.rect.left() - 1 < x < label.rect.right() + 1, label.text


def test_a_zoom_sweep_keeps_the_outline_readable(make_window, qtbot, outline_file):
    tl = open_window(make_window, qtbot, outline_file, (1366, 768))
    x0 = tl.business.x_range()[0]  # from the horizon's start: 'Loyalty programme relaunch' has 'Brand refresh' close before it
    for n in range(16):
        days = 30 * (15 * 365 / 30) ** (n / 15)
        for band in tl.bands:
            band.view_box.setXRange(x0, x0 + days * 86400, padding=0)
        settle(tl, qtbot)
        assert_outline_reads_cleanly(tl)
