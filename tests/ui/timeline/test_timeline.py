"""The dual timeline on the sample: geometry, links, region, zoom, selection, pictures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from planner.layout import DAY
from planner.model import Band, LinkKind
from tests.ui.mouse import click, drag, wheel
from planner.alignment import analyse
from ui.timeline.view import TimelineView
from tests.ui.days import TODAY


@pytest.fixture
def view(qtbot, app, sample):
    widget = TimelineView(today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.set_report(analyse(sample, TODAY))  # the badges' findings, as the window hands them in
    widget.set_roadmap(sample)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(20)  # let the layout settle before mapping coordinates
    widget.fit_all()
    qtbot.wait(20)
    return widget


def _by_title(roadmap, title):
    return next(i for i in roadmap.items.values() if i.title == title)


def _centre(rect) -> QPointF:
    return QPointF(rect.center())


@pytest.mark.parametrize("band", list(Band))
def test_bars_land_at_their_dates_and_in_their_lane(view, sample, band):
    plot = view.band(band)
    for item in sample.items_of(band):
        rect = view.item_rect(item.id)
        assert rect is not None
        if item.is_milestone:
            mid = (view.x_for_date(band, item.start) + view.x_for_date(band, item.start + timedelta(days=1))) / 2
            assert abs(rect.center().x() - mid) <= 2, item.title
        else:
            assert abs(rect.left() - view.x_for_date(band, item.start)) <= 2, item.title
            assert abs(rect.right() - view.x_for_date(band, item.end + timedelta(days=1))) <= 2, item.title
        box = next(b for b in plot.layout.lanes if b.lane.id == item.lane_id)
        top = view.mapFromScene(plot.view_box.mapViewToScene(QPointF(0, box.top))).y()
        bottom = view.mapFromScene(plot.view_box.mapViewToScene(QPointF(0, box.bottom))).y()
        assert top - 1 <= rect.center().y() <= bottom + 1, item.title


def test_no_two_bars_of_a_lane_overlap(view, sample):
    for band in Band:
        rects = [(i.lane_id, view.item_rect(i.id)) for i in sample.items_of(band) if not i.is_milestone]
        for n, (lane_a, a) in enumerate(rects):
            for lane_b, b in rects[n + 1:]:
                if lane_a == lane_b:
                    assert not a.adjusted(1, 1, -1, -1).intersects(b.adjusted(1, 1, -1, -1))


def test_links_join_each_tech_item_to_the_business_item_it_supports(view, sample):
    supports = {(l.source_id, l.target_id) for l in sample.links.values() if l.kind == LinkKind.SUPPORTS}
    segments = view.links.segments()
    assert {(s.spec.tech_id, s.spec.business_id) for s in segments} == supports
    for seg in segments:
        if seg.tech_clipped or seg.business_clipped:
            continue
        tech = view.item_rect(seg.spec.tech_id)
        business = view.item_rect(seg.spec.business_id)
        t = view.mapFromScene(seg.tech_end)
        b = view.mapFromScene(seg.business_end)
        assert tech.left() - 1 <= t.x() <= tech.right() + 1 and abs(t.y() - tech.top()) <= 8
        assert business.left() - 1 <= b.x() <= business.right() + 1 and abs(b.y() - business.bottom()) <= 8


def test_late_enabler_is_flagged_and_unaligned_items_marked(view, sample):
    late = {(s.spec.tech_id, s.spec.business_id) for s in view.links.segments() if s.spec.late}
    payments = _by_title(sample, "Multi-currency payments").id
    germany = _by_title(sample, "Launch in Germany").id
    assert (payments, germany) in late
    marks = {**view.business.bars._marks, **view.tech.bars._marks}
    severity = view.colours.severity
    assert marks[_by_title(sample, "Same-day delivery in London").id] == severity["warning"]
    assert marks[_by_title(sample, "Blockchain supply-chain pilot").id] == severity["warning"]
    assert marks[payments] == severity["error"]
    assert _by_title(sample, "CRM rebuild").id not in marks
    assert "Launch in Germany" in view.tooltip_for(payments)


def test_scrolled_out_link_end_is_clamped_to_the_band_edge(view, sample):
    view.tech.view_box.setXRange(view.tech.x_range()[0] + 400 * DAY, view.tech.x_range()[1] + 400 * DAY, padding=0)
    clipped = [s for s in view.links.segments() if s.tech_clipped]
    assert clipped
    box = view.tech.view_box.sceneBoundingRect()
    for s in clipped:
        assert box.left() - 0.5 <= s.tech_end.x() <= box.right() + 0.5


def test_dragging_the_tech_window_pans_the_tech_band(view, qtbot):
    lo, hi = view.tech_window.getRegion()
    before = view.tech.x_range()
    assert before == pytest.approx((lo, hi), rel=1e-9)
    vb = view.business.view_box
    # grab the region in its middle, in the gap between the first two lanes (no bar there)
    first = view.business.layout.lanes[0]
    y = vb.mapViewToScene(QPointF(0, first.bottom + 0.1)).y()
    start = QPointF(view.mapFromScene(vb.mapViewToScene(QPointF((lo + hi) / 2, 0)).x(), y))
    drag(view.viewport(), start, start + QPointF(120, 0))
    qtbot.wait(10)
    shift = 120 * (vb.viewRange()[0][1] - vb.viewRange()[0][0]) / vb.width()
    new_lo, new_hi = view.tech_window.getRegion()
    assert new_lo - lo == pytest.approx(shift, rel=0.1)
    assert view.tech.x_range() == pytest.approx((new_lo, new_hi), rel=1e-9)


def test_zooming_the_tech_band_resizes_the_region(view):
    view.tech.view_box.scaleBy(x=0.5)
    assert view.tech_window.getRegion() == pytest.approx(view.tech.x_range(), rel=1e-9)


def test_wheel_zoom_keeps_the_date_under_the_cursor(view):
    vb = view.tech.view_box
    rect = vb.sceneBoundingRect()
    pos = view.mapFromScene(QPointF(rect.left() + rect.width() * 0.3, rect.center().y()))
    before_date = view.date_at(Band.TECH, pos.x())
    span_before = view.tech.x_range()[1] - view.tech.x_range()[0]
    wheel(view.viewport(), pos, 240)
    span_after = view.tech.x_range()[1] - view.tech.x_range()[0]
    assert span_after < span_before * 0.95
    assert abs((view.date_at(Band.TECH, pos.x()) - before_date).days) <= 1
    assert view.business.x_range()[1] - view.business.x_range()[0] > span_after  # only the band under the cursor


def test_click_selects_ctrl_click_adds_escape_clears(view, sample):
    crm = _by_title(sample, "CRM rebuild").id
    cloud = _by_title(sample, "Cloud migration (phase 1)").id
    click(view.viewport(), _centre(view.item_rect(crm)))
    assert view.selection.ids == {crm}
    click(view.viewport(), _centre(view.item_rect(cloud)), Qt.KeyboardModifier.ControlModifier)
    assert view.selection.ids == {crm, cloud}
    related = view.business.bars._related
    targets = {l.target_id for l in sample.links.values() if l.source_id in (crm, cloud) and l.kind == LinkKind.SUPPORTS}
    assert related == targets
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert view.selection.ids == set()


def test_click_on_empty_space_clears_the_selection(view, sample):
    crm = _by_title(sample, "CRM rebuild").id
    view.selection.set({crm})
    vb = view.tech.view_box
    empty = view.mapFromScene(vb.mapViewToScene(QPointF(view.tech.x_range()[0] + DAY, view.tech.height - 0.05)))
    click(view.viewport(), empty)
    assert view.selection.ids == set()


def test_keyboard_zoom_pan_and_today(view):
    x0, x1 = view.tech.x_range()
    QTest.keyClick(view, Qt.Key.Key_Plus)
    z0, z1 = view.tech.x_range()
    assert (z1 - z0) == pytest.approx((x1 - x0) / 1.25, rel=0.01)
    QTest.keyClick(view, Qt.Key.Key_Right)
    p0, _ = view.tech.x_range()
    assert p0 - z0 == pytest.approx((z1 - z0) * 0.1, rel=0.01)
    QTest.keyClick(view, Qt.Key.Key_Home)
    h0, h1 = view.tech.x_range()
    assert view.date_at(Band.TECH, view.x_for_date(Band.TECH, TODAY) + 2) == TODAY
    assert abs((h0 + h1) / 2 - (view.tech.view_box.mapSceneToView(view.tech.view_box.sceneBoundingRect().center()).x())) < DAY


def test_presets_set_the_band_span(view):
    view.show_span(12)
    x0, x1 = view.tech.x_range()
    assert 365 <= (x1 - x0) / DAY <= 366
    view.show_span(60)
    b0, b1 = view.business.x_range()
    assert 1826 <= (b1 - b0) / DAY <= 1827


def test_lock_scales_keeps_both_bands_in_step(view):
    view.set_scales_locked(True)
    view.pan(0.3)
    assert view.tech.x_range() == pytest.approx(view.business.x_range(), rel=1e-9)
    assert not view.tech_window.isVisible()
    view.set_scales_locked(False)
    view.fit_all()
    assert view.tech.x_range() != pytest.approx(view.business.x_range(), rel=1e-3)


def test_fiscal_year_labels_on_the_axes(view):
    labels = {(l.tier, l.text) for l in view.painted_labels() if l.kind == "axis"}
    assert ("business:year", "FY27") in labels
    assert ("tech:quarter", "FY27 Q2") in labels and ("tech:month", "Jul") in labels  # months and quarters apart


def test_tooltip_names_owner_dates_and_links(view, sample):
    crm = _by_title(sample, "CRM rebuild")
    text = view.tooltip_for(crm.id)
    assert crm.title in text and crm.owner in text and "Supports:" in text
    blockchain = _by_title(sample, "Blockchain supply-chain pilot")
    assert "No business goal" in view.tooltip_for(blockchain.id)


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_picture_exports_are_valid_and_not_blank(view, tmp_path, suffix):
    from ui.output.picture import write_picture

    out = tmp_path / f"roadmap{suffix}"
    write_picture(view, out, scale=2.0)
    data = out.read_bytes()
    assert len(data) > 2000
    if suffix == ".png":
        image = QImage(str(out))
        assert image.width() == 2 * view.viewport().width()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 37)}
        assert len(colours) > 20  # bars, lanes, text: not a flat picture
    elif suffix == ".svg":
        text = data.decode("utf-8")
        assert text.lstrip().startswith("<?xml") and "<svg" in text
        assert "Northwind" in text  # the title is real text in the drawing
    else:
        assert data.startswith(b"%PDF")
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_bars_are_painted_in_their_lane_colour(view, sample):
    from ui.timeline.style import STATUS_FILL_AMOUNT

    image = view.grab().toImage()
    ratio = image.devicePixelRatio()
    checked = 0
    for item in sample.items.values():
        if item.is_milestone or item.status in STATUS_FILL_AMOUNT:
            continue  # plain fills only: planned and done items are tinted
        rect = view.item_rect(item.id)
        if rect.width() < 40:
            continue
        # a point inside the bar, right of its title text and below its corner mark
        x, y = int((rect.right() - 10) * ratio), int((rect.bottom() - 3) * ratio)
        colour = image.pixelColor(x, y)
        lane = sample.lanes[item.lane_id].colour
        expected = view.colours.fill_of(lane, item.status)
        assert abs(colour.red() - expected.red()) + abs(colour.green() - expected.green()) + abs(colour.blue() - expected.blue()) < 60, item.title
        checked += 1
    assert checked >= 10
