"""What the timeline painted in its last frame, for tests and checks that measure without reading pixels."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF

from planner.model import ItemId


@dataclass(frozen=True)
class PaintedLabel:
    """One piece of text as drawn: `rect` is in the view's viewport coordinates.

    kind: "title" (an item's title; `placement` says inside, right, left or
    elided), "count" (how many links, or enablers when links are hidden),
    "axis" (`tier` names band and level, e.g. "tech:month"), "header",
    "marker" (the tech window's and today's labels), "hint", or "disclosure"
    (a parent's triangle: text "▶" collapsed, "▼" expanded; not text, but
    nothing may overlap it either).
    """

    kind: str
    text: str
    full_text: str
    rect: QRectF
    item_id: ItemId | None = None
    tier: str | None = None
    placement: str = ""


def painted_link_paths(view) -> list:
    return [
        (spec, [QPointF(view.mapFromScene(QPointF(x, y))) for x, y in route.polyline()], spec.link_id in view.links.painted_strong)
        for spec, route in view.links.painted
    ]


def painted_labels(view) -> list[PaintedLabel]:
    """Gather the last on-screen frame's labels from a TimelineView's items, in viewport coordinates."""
    out = []

    def to_view(scene_rect: QRectF) -> QRectF:
        return QRectF(view.mapFromScene(scene_rect).boundingRect())

    text, rect = view.header.shown
    if text:
        out.append(PaintedLabel("header", text, view.header.full_text, to_view(view.header.mapRectToScene(rect))))
    for band in view.bands:
        for title in band.bars.painted:
            kind = "count" if title.placement == "count" else "title"
            out.append(PaintedLabel(kind, title.text, title.full_text, QRectF(title.rect), title.item_id, placement=str(title.placement)))
        for item_id, rect, collapsed in painted_outline(view, (band,)).disclosures:
            mark = "▶" if collapsed else "▼"
            out.append(PaintedLabel("disclosure", mark, mark, rect, item_id))
        for tier, rect, label in band.date_axis.painted:
            out.append(PaintedLabel("axis", label, label, to_view(band.date_axis.mapRectToScene(rect)), tier=f"{band.band}:{tier}"))
        if band.hint.isVisible():
            out.append(PaintedLabel("hint", band.hint.text(), band.hint.text(), to_view(band.hint.sceneBoundingRect())))
    for item_id, rect, label in view.links.painted_counts:
        out.append(PaintedLabel("count", label, label, to_view(rect), item_id))
    for key, rect, label in view.markers.placed:
        out.append(PaintedLabel("marker", label, label, to_view(rect), tier=key))
    return out


@dataclass(frozen=True)
class PaintedOutline:
    """The outline's marks of the last frame on screen, in viewport coordinates."""

    disclosures: list[tuple[ItemId, QRectF, bool]]  # (parent, triangle's box, collapsed)
    spines: list[tuple[ItemId, list[QLineF]]]  # (parent, the spine and its ticks into its children's rows)
    diamonds: list[tuple[ItemId, ItemId, QPointF]]  # (collapsed parent, hidden milestone, centre)


def painted_outline(view, bands=None) -> PaintedOutline:
    out = PaintedOutline([], [], [])
    for band in bands or view.bands:
        frame = band.bars.screen_frame
        if frame is None or frame.outline is None:
            continue
        bars = band.bars._bars
        marks = frame.outline
        out.disclosures.extend((bars[n].item.id, QRectF(box), collapsed) for n, box, collapsed in marks.disclosures)
        out.spines.extend((bars[n].item.id, [QLineF(line) for line in lines]) for n, lines in marks.spines)
        out.diamonds.extend((bars[n].item.id, item_id, QPointF(c)) for n, item_id, c in marks.diamonds)
    return out
