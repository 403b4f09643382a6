"""The board slides reloaded with python-pptx: slides, shapes, texts, connectors, charts and notes."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from pptx import Presentation
from pptx.util import Inches

from board_pack_helpers import TODAY
from exports.slide_timeline import plan_timeline
from exports.slides import build_deck, export_slides
from planner.alignment import analyse
from planner.model import Band, LinkKind
from slide_helpers import connectors, font_sizes, glued_ids, item_shapes, keep_lanes


@pytest.fixture(scope="module")
def sample_deck(sample, tmp_path_factory):
    path = tmp_path_factory.mktemp("deck") / "slides.pptx"
    count = export_slides(sample, path, today=TODAY, source="northwind.roadmap")
    return build_deck(sample, TODAY, "northwind.roadmap"), Presentation(str(path)), count


def test_slide_count_and_order(sample_deck, sample):
    planned, prs, count = sample_deck
    assert count == len(prs.slides) == len(planned)
    kinds = [s.kind for s in planned]
    # title, the timeline (the sample is too tall for one dual slide: business, then technology),
    # alignment, one chart per shared outcome, since the last review, risks
    assert kinds == ["title", "timeline", "timeline", "alignment"] + ["outcome"] * len(sample.metrics) + ["drift", "risks"]
    assert prs.slide_width == Inches(13.333) and abs(prs.slide_height - Inches(7.5)) < Inches(0.01)


def test_every_item_is_one_shape_titled_as_typed(sample_deck, sample):
    planned, prs, _ = sample_deck
    seen = set()
    for content, slide in zip(planned, prs.slides):
        shapes = item_shapes(slide)
        if content.timeline is None:
            assert not shapes
            continue
        bars = content.timeline.bars
        assert len(shapes) == len(bars)
        for shape, bar in zip(shapes, bars):
            item = sample.items[bar.item_id]
            assert shape.name == f"item {item.id}"
            assert shape.text_frame.text == item.title
            assert shape.auto_shape_type.name == ("DIAMOND" if item.is_milestone else "ROUNDED_RECTANGLE")
            seen.add(item.id)
    assert seen == set(sample.items)  # every item is on some timeline slide


def test_bars_sit_at_their_dates_in_lane_colours(sample_deck, sample):
    planned, prs, _ = sample_deck
    content, slide = planned[1], prs.slides[1]
    block = content.timeline.blocks[0]
    assert block.band == Band.BUSINESS
    for shape in item_shapes(slide):
        item = sample.items[int(shape.name.split()[1])]
        lane = sample.lanes[item.lane_id]
        if not item.is_milestone:
            assert abs(shape.left - Inches(block.x_of(max(item.start, block.start)))) < Inches(0.01)
        if item.status in ("on_track", "at_risk", "off_track"):  # full lane colour; planned and done are lighter
            assert str(shape.fill.fore_color.rgb) == lane.colour.lstrip("#").upper()
        outline = {"at_risk": "D89A1C", "off_track": "CF4A3C"}.get(item.status)
        if outline:
            assert str(shape.line.color.rgb) == outline


def test_dependency_connectors_join_the_right_items_beneath_them(sample_deck, sample):
    planned, prs, _ = sample_deck
    content, slide = planned[2], prs.slides[2]
    depends = [l for l in sample.links.values() if l.kind == LinkKind.DEPENDS]
    ids = {int(s.name.split()[1]): s.shape_id for s in item_shapes(slide)}
    found = {c.name: glued_ids(c) for c in connectors(slide)}
    assert len(found) == len(depends) == len(content.timeline.connectors)
    for link in depends:
        assert found[f"link {link.source_id}-{link.target_id}"] == (ids[link.source_id], ids[link.target_id])
    order = [s.name for s in slide.shapes]
    first_item = next(n for n, name in enumerate(order) if name.startswith("item "))
    assert all(n < first_item for n, name in enumerate(order) if name.startswith("link "))


def test_a_roadmap_that_fits_gets_the_dual_timeline_with_supports_connectors(sample, tmp_path):
    small = keep_lanes(sample, {1, 5, 6})  # growth objectives; infrastructure and applications
    pages = plan_timeline(small, TODAY)
    assert len(pages) == 1 and [b.band for b in pages[0].blocks] == [Band.BUSINESS, Band.TECH]
    path = tmp_path / "dual.pptx"
    export_slides(small, path, today=TODAY)
    slide = Presentation(str(path)).slides[1]
    ids = {int(s.name.split()[1]): s for s in item_shapes(slide)}
    assert set(ids) == set(small.items)
    supports = [l for l in small.links.values() if l.kind == LinkKind.SUPPORTS]
    assert supports
    found = {c.name: c for c in connectors(slide)}
    assert len(found) == len(small.links)
    for link in supports:
        conn = found[f"link {link.source_id}-{link.target_id}"]
        tech, business = ids[link.source_id], ids[link.target_id]
        assert glued_ids(conn) == (tech.shape_id, business.shape_id)
        # glued to the top of the tech bar and the bottom of the business bar
        assert abs(conn.begin_y - tech.top) < 2 and abs(conn.end_y - (business.top + business.height)) < 2


def test_charts_hold_measurements_baseline_and_target(sample_deck, sample):
    planned, prs, _ = sample_deck
    charts = [s for slide in prs.slides for s in slide.shapes if s.has_chart]
    assert len(charts) == len(sample.metrics)
    history = {}
    for m in sorted(sample.measurements.values(), key=lambda m: m.measured_on):
        history.setdefault(m.metric_id, []).append(m)
    for frame, metric in zip(charts, sample.metrics.values()):
        plot = frame.chart.plots[0]
        series = {s.name: list(s.values) for s in plot.series}
        assert list(series) == ["Measured", "Baseline", "Target"]
        ms = history[metric.id]
        categories = list(plot.categories)
        assert len(categories) == len(ms) + (1 if metric.target_date > ms[-1].measured_on else 0)
        assert series["Measured"][: len(ms)] == [m.value for m in ms]
        assert all(v == metric.baseline for v in series["Baseline"])
        assert all(v == metric.target for v in series["Target"])


def test_tables_name_the_findings_items_and_top_risks(sample_deck, sample):
    planned, prs, _ = sample_deck
    report = analyse(sample, TODAY)
    alignment = prs.slides[3]
    texts = [s.text_frame.text for s in alignment.shapes if s.has_text_frame]
    assert f"{report.score}\nout of 100" in texts
    tables = [s.table for s in alignment.shapes if s.has_table]
    parts, findings = tables
    assert [parts.cell(r, 0).text for r in range(1, len(parts.rows))] == [p.name for p in report.parts]
    first = report.findings[0]
    assert findings.cell(1, 0).text == "Error"
    assert findings.cell(1, 2).text == "\n".join(sample.items[i].title for i in first.item_ids)
    risks = next(s.table for s in prs.slides[-1].shapes if s.has_table)
    scores = [int(risks.cell(r, 0).text.split("\n")[0]) for r in range(1, len(risks.rows))]
    assert scores == sorted((r.likelihood * r.impact for r in sample.risks.values()), reverse=True)[: len(scores)]


def test_drift_slide_lists_what_moved_and_the_decisions(sample_deck, sample):
    _, prs, _ = sample_deck
    slide = prs.slides[-2]
    moved, decisions = [s.table for s in slide.shapes if s.has_table]
    kinds = [moved.cell(r, 0).text for r in range(1, len(moved.rows))]
    assert kinds == ["Slipped", "Slipped", "Slipped", "Pulled in", "Added"]
    assert moved.cell(4, 1).text == "EU data residency\n107 days earlier"
    review = next(iter(sample.reviews.values()))
    assert [decisions.cell(r, 1).text.split("\n")[0] for r in range(1, len(decisions.rows))] == [
        d.item_title for d in review.decisions]


def test_notes_name_the_file_and_date_and_no_text_is_under_10pt(sample_deck):
    _, prs, _ = sample_deck
    for slide in prs.slides:
        notes = slide.notes_slide.notes_text_frame.text
        assert "northwind.roadmap" in notes and "16 Nov 2026" in notes
    assert min(font_sizes(prs)) >= 10


HOSTILE = ["=1+1", "<b>bold</b>", "&amp; co", "+31 Netherlands", "_x0041_ sellers", "{{title}}", "@SUM(A1)",
           "Ünïcødé — 北京 🚀", "line one\nline two"]


def test_hostile_text_stays_text(sample, tmp_path):
    items = dict(sample.items)
    for item, title in zip(list(items.values()), HOSTILE):
        items[item.id] = dataclasses.replace(item, title=title)
    info = dataclasses.replace(sample.info, title="<script>alert(1)</script>", organisation="=HYPERLINK(\"x\")")
    roadmap = dataclasses.replace(sample, items=items, info=info)
    path = tmp_path / "hostile.pptx"
    export_slides(roadmap, path, today=TODAY)
    prs = Presentation(str(path))
    shown = {}
    for slide in prs.slides:
        for shape in item_shapes(slide):
            shown[int(shape.name.split()[1])] = shape.text_frame.text
    for item, title in zip(list(sample.items.values()), HOSTILE):
        assert shown[item.id] == title.replace("\n", " ")  # a title is one line; nothing else changes
    first = [s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame]
    assert "<script>alert(1)</script>" in first
    assert any(t.startswith('=HYPERLINK("x")') for t in first)


def test_a_roadmap_with_nothing_in_it_still_makes_a_deck(tmp_path):
    from planner.templates import empty_roadmap

    path = tmp_path / "empty.pptx"
    count = export_slides(empty_roadmap("Empty", date(2026, 1, 1)), path, today=TODAY)
    prs = Presentation(str(path))
    assert len(prs.slides) == count
    assert not any(item_shapes(s) for s in prs.slides)


def test_a_cancelled_export_leaves_the_previous_deck_whole(sample, tmp_path):
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"the deck from last quarter")

    class Cancelled(Exception):
        pass

    def progress(done, total):
        if done == 3:
            raise Cancelled

    with pytest.raises(Cancelled):
        export_slides(sample, path, today=TODAY, progress=progress)
    assert path.read_bytes() == b"the deck from last quarter"
    assert [p.name for p in tmp_path.iterdir()] == ["slides.pptx"]


def test_outcome_facts_table_has_no_empty_header_row(sample_deck):
    planned, prs, _ = sample_deck
    slide = prs.slides[[s.kind for s in planned].index("outcome")]
    facts = next(s.table for s in slide.shapes if s.has_table)
    assert [facts.cell(r, 0).text for r in range(len(facts.rows))] == [
        "Status", "Latest", "Baseline", "Target", "Business goal", "Moved by", "About"]
