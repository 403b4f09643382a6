"""What the timeline's tooltips say: an item's dates, links and findings; a link's two ends and why."""

from __future__ import annotations

import html
from datetime import timedelta

from planner.dates import months_between
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QToolTip

from planner.model import Band, ItemId, LinkId, LinkKind, Roadmap
from planner.money import exact

MAX_FINDINGS = 3
MAX_INSIDE = 8  # milestones named in a collapsed parent's tooltip


def item_tooltip(roadmap: Roadmap, item_id: ItemId, report, severity_colours: dict, inside=()) -> str:
    """`inside`: what a collapsed parent stands for (its milestones are named, drawn on its bar as diamonds)."""
    if item_id not in roadmap.items:
        return ""
    item = roadmap.items[item_id]
    lane = roadmap.lanes[item.lane_id].name
    if item.is_milestone:
        when = f"{item.start:%d %b %Y}"
    else:
        months = max(1, months_between(item.start, item.end + timedelta(days=1)))
        when = f"{item.start:%d %b %Y} – {item.end:%d %b %Y} ({months} month{'s' if months != 1 else ''})"
    lines = [f"<b>{html.escape(item.title)}</b>", f"{html.escape(lane)} · {item.status.label}", when]
    parent = roadmap.items.get(item.parent_id) if item.parent_id is not None else None
    if parent is not None:
        lines.append(f"Part of: {html.escape(parent.title)}")
    if inside:
        lines.append(f"<i>Collapsed: {len(inside)} item{'s' if len(inside) != 1 else ''} inside (Space or the triangle unfolds)</i>")
        milestones = [i for i in inside if i.is_milestone]
        lines += [f"◆ {html.escape(m.title)} · {m.start:%d %b %Y}" for m in milestones[:MAX_INSIDE]]
        if len(milestones) > MAX_INSIDE:
            lines.append(f"<i>and {len(milestones) - MAX_INSIDE} more milestones</i>")
    if item.owner:
        lines.append(f"Owner: {html.escape(item.owner)}")
    if item.budget is not None:
        lines.append(f"Budget: {exact(item.budget, roadmap.info.currency)}")
    supports = [l for l in roadmap.links.values() if l.kind == LinkKind.SUPPORTS]
    if item.band == Band.TECH:
        names = [roadmap.items[l.target_id].title for l in supports if l.source_id == item_id]
        lines.append("Supports: " + html.escape("; ".join(names)) if names else "<i>No business goal is linked to this initiative</i>")
    else:
        names = [roadmap.items[l.source_id].title for l in supports if l.target_id == item_id]
        lines.append("Enabled by: " + html.escape("; ".join(names)) if names else "<i>No tech initiative supports this goal</i>")
    findings = report.by_item.get(item_id, ()) if report else ()
    for finding in findings[:MAX_FINDINGS]:
        colour = severity_colours[str(finding.severity)].name()
        lines.append(f"<span style='color:{colour}'>●</span> {html.escape(finding.message)}")
    if len(findings) > MAX_FINDINGS:
        lines.append(f"<i>and {len(findings) - MAX_FINDINGS} more findings</i>")
    return "<br>".join(lines)


def link_tooltip(roadmap: Roadmap, link_id: LinkId) -> str:
    link = roadmap.links.get(link_id)
    if link is None or link.source_id not in roadmap.items or link.target_id not in roadmap.items:
        return ""
    source, target = roadmap.items[link.source_id], roadmap.items[link.target_id]
    verb = "supports" if link.kind == LinkKind.SUPPORTS else "must finish before"
    lines = [f"<b>{html.escape(source.title)}</b> {verb} <b>{html.escape(target.title)}</b>"]
    lines.append(html.escape(link.rationale) if link.rationale else "<i>No rationale recorded</i>")
    if link.kind == LinkKind.SUPPORTS and source.end > target.end:
        lines.append(f"<i>The enabler ends {source.end:%d %b %Y}, after the goal ({target.end:%d %b %Y})</i>")
    return "<br>".join(lines)


def show_tooltip(view, ev) -> None:
    """Qt's resting-pointer tooltip, held to the rectangle of what is under the pointer."""
    if view.roadmap is None or (view.editor is not None and view.editor.gesture is not None):
        QToolTip.hideText()
        return
    pos = ev.pos()
    scene = view.mapToScene(pos)
    for band in view.bands:
        if not band.view_box.sceneBoundingRect().contains(scene):
            continue
        folded = band.bars.disclosure_at(band.bars.mapFromScene(scene))
        if folded is not None:
            title = html.escape(view.roadmap.items[folded].title)
            verb = "Expand" if folded in view.collapsed else "Collapse"
            QToolTip.showText(ev.globalPos(), f"{verb} <b>{title}</b> (Space)", view.viewport(), QRect(pos.x() - 6, pos.y() - 6, 12, 12))
            return
        hit = band.bars.hit_at(band.bars.mapFromScene(scene))
        if hit is not None:
            rect = view.item_rect(hit.item_id)
            rect = rect.adjusted(-2, -2, 2, 2).intersected(view.viewport().rect()) if rect else QRect(pos, pos)
            QToolTip.showText(ev.globalPos(), view.tooltip_for(hit.item_id), view.viewport(), rect)
            return
    spec = view.links.link_at(scene)
    if spec is not None:
        QToolTip.showText(ev.globalPos(), link_tooltip(view.roadmap, spec.link_id), view.viewport(), QRect(pos.x() - 5, pos.y() - 5, 10, 10))
        return
    text, rect = view.header.shown
    header = view.mapFromScene(view.header.mapRectToScene(rect)).boundingRect()
    if view.header.elided and header.contains(pos):
        QToolTip.showText(ev.globalPos(), view.header.full_text, view.viewport(), header)
        return
    QToolTip.hideText()
