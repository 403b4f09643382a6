"""The timeline preview: what it draws, and navigation that the soak test drives."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

import pyqtgraph as pg
from planner.layout import to_x
from planner.model import Band
from ui.timeline_preview import BandItem, TimelinePreview, band_layout

pytestmark = pytest.mark.gui


@pytest.fixture
def preview(qtbot, app, sample):
    widget = TimelinePreview(today=date(2026, 11, 1))
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.set_roadmap(sample)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_band_layout_keeps_every_item_and_stacks_lanes(sample):
    for band in Band:
        slots, shapes, height = band_layout(sample, band)
        assert len(shapes) == len(sample.items_of(band))
        assert [s.name for s in slots] == [l.name for l in sample.lanes_of(band)]
        assert all(a.bottom <= b.top for a, b in zip(slots, slots[1:]))
        assert height == slots[-1].bottom
        assert all(s.x0 <= s.x1 for s in shapes)


def test_one_graphics_item_paints_all_bars_of_a_band(preview):
    for view in preview.bands:
        painters = [i for i in view.getPlotItem().items if isinstance(i, BandItem)]
        assert painters == [view.bars]
        # only lane tints, today line and (business) the tech window besides it
        assert len(view.getPlotItem().items) <= 12


def test_lane_names_label_the_left_axis(preview, sample):
    ticks = preview.tech.getPlotItem().getAxis("left")._tickLevels[0]
    assert [name for _, name in ticks] == [l.name for l in sample.lanes_of(Band.TECH)]
    widths = {v.getPlotItem().getAxis("left").width() for v in preview.bands}
    assert len(widths) == 1  # dates line up between the bands


def test_tech_window_and_today_line(preview, sample):
    info = sample.info
    lo, hi = preview.tech_window.getRegion()
    assert lo == to_x(info.tech_window_start)
    assert hi == to_x(date(2028, 1, 1))  # 18 months from July 2026
    assert isinstance(preview.tech_window, pg.LinearRegionItem)
    for view in preview.bands:
        assert view.today_line.value() == pytest.approx(to_x(date(2026, 11, 1)), abs=86_400)


def test_fit_zoom_and_pan(preview):
    vb = preview.tech.view_box
    preview.fit_all()
    (x0, x1), y = vb.viewRange()
    preview.zoom(2.0)
    (z0, z1), y2 = vb.viewRange()
    assert z1 - z0 == pytest.approx((x1 - x0) / 2, rel=1e-6)
    assert y2 == pytest.approx(y)
    preview.pan(0.25)
    (p0, p1), _ = vb.viewRange()
    assert p0 - z0 == pytest.approx((z1 - z0) * 0.25, rel=1e-6)
    preview.fit_all()
    assert vb.viewRange()[0] == pytest.approx([x0, x1], rel=1e-9)


def test_mouse_wheel_zooms_time_only(preview, qtbot):
    view = preview.business
    qtbot.wait(20)
    vb = view.view_box
    (x0, x1), (y0, y1) = vb.viewRange()
    centre = view.mapFromScene(vb.mapViewToScene(QPointF((x0 + x1) / 2, (y0 + y1) / 2)))
    event = QWheelEvent(
        QPointF(centre), QPointF(view.viewport().mapToGlobal(centre)), QPoint(0, 0), QPoint(0, 120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )
    QApplication.sendEvent(view.viewport(), event)
    (n0, n1), (m0, m1) = vb.viewRange()
    assert n1 - n0 < x1 - x0
    assert (m0, m1) == pytest.approx((y0, y1))


def test_an_empty_preview_paints(qtbot, app):
    widget = TimelinePreview()
    qtbot.addWidget(widget)
    widget.set_roadmap(None)
    widget.show()
    qtbot.waitExposed(widget)
    assert not widget.grab().isNull()


def test_dark_palette_gives_a_dark_background(preview, app):
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette(preview.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e8eaed"))
    preview.setPalette(palette)
    image = preview.grab().toImage()
    corner = image.pixelColor(image.width() - 5, image.height() // 2)
    assert corner.lightnessF() < 0.3
