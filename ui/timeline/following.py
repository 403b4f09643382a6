"""How the timeline follows its roadmap change by change: lay out again only what a change touched.

A mixin of TimelineView (its `bands`, `links`, `sizer`, `selection`, `roadmap`,
`report`, `badges` and `colours`), kept apart so the view's file holds what is
shown rather than how it keeps up. A `ChangeNotice` names the items and links a
change touched: only their bands re-pack, and in them only their lanes
(planner.layout; lanes below one that grew move down), the bars item rewrites
only the bars that moved, the links item replaces only the links at those
items, and badges change for the items whose findings did (a ReportDelta's).
"""

from __future__ import annotations

from planner.layout import DAY, to_x
from planner.model import Band, Item, ItemId, Lane, Link, LinkKind, Roadmap, RoadmapInfo
from ui.timeline.chart_plan import NOMINAL_PLOT_PX
from ui.timeline.paint_band import title_font
from ui.timeline.paint_links import LinkSpec
from ui.timeline.outline_view import link_specs


class FollowingMixin:
    def follow(self, roadmap: Roadmap, notice) -> None:
        """Show `roadmap`, which `notice` (a ChangeNotice) says how the shown one became; the view stays put.

        Only the bands, lanes and links the change touched are laid out again (lanes below one
        that grew move down); a change to lanes or to the roadmap's own fields, or one that unfolds
        a parent to keep the selection shown, shows it afresh.
        """
        entities = (*notice.inserted, *notice.updated, *notice.removed)
        folds = self.collapsed
        if self.roadmap is not None and not any(isinstance(e, (Lane, RoadmapInfo)) for e in entities):
            self._keep_selection_shown(roadmap)
        if self.roadmap is None or self.collapsed != folds or any(isinstance(e, (Lane, RoadmapInfo)) for e in entities):
            self.set_roadmap(roadmap, fit=False)
            return
        items = {e.id: e.band for e in entities if isinstance(e, Item)}
        links = {e.id for e in entities if isinstance(e, Link)}
        folded = any(band.layout.outline.hidden for band in self.bands)
        self.roadmap = roadmap
        self._hover_item, self._hover_link = None, None
        if items:
            self._build_layouts(changed={band: {i for i, b in items.items() if b == band} for band in Band})
        self.selection.retain(roadmap.items)
        if self.baseline is not None:
            self._show_baseline()
        self.sizer.fit(self._available())
        if folded or any(band.layout.outline.hidden for band in self.bands):
            # A folded parent stands for its subtree's links: which those are follows the whole outline.
            self.links.set_links(link_specs(roadmap, self.bands), self.colours)
        elif items or links:
            self.links.update_links({i: _link_spec(roadmap, i) for i in links | self.links.links_at(items)})
        else:
            self.links.refresh()
        self._refresh_emphasis()
        self._on_tech_range_changed()

    def _build_layouts(self, bands=None, keep_choice: bool = False, changed: dict[Band, set[ItemId]] | None = None) -> None:
        """Pack the bands' lanes (both, or `bands`) for the plot's current width (see ui.timeline.packing).

        `keep_choice` keeps each band's packing choice (a fold); `changed`: the items each band's last
        packing may differ in (after an edit), a band with none keeping its own.
        """
        spans, font = self._spans(), title_font(self.font())
        width = self.business.view_box.width()
        width = width if width > 200 else NOMINAL_PLOT_PX
        if width != self._layout_width:
            changed, self._layout_width = None, width
        for band in bands or self.bands:
            ids = None if changed is None else changed.get(band.band)
            if ids is not None and not ids:
                continue
            items = self.roadmap.items_of(band.band)
            variants = band.reaches.measure(items, font, spans[band.band], width, ids)
            if ids is not None and band.reaches.touched is not None:
                ids = ids | band.reaches.touched  # a parent gains or loses its triangle's room
            band.show(self.roadmap, to_x(self.roadmap.info.horizon_start), self.font(), self.colours, self.badges,
                      variants, self.collapsed, band.choice if keep_choice or ids is not None else 0,
                      follow=ids is not None, items=items, changed=ids)
            band.date_axis.set_fiscal_year_start(self.roadmap.info.fiscal_year_start_month)
            band.today_line.set_x(to_x(self.today) + DAY / 2)

    def _badge(self, item_id: ItemId):
        """The badge colour of an item's worst finding, or None."""
        findings = self.report.by_item.get(item_id) if self.report is not None else None
        if not findings or self.roadmap is None or item_id not in self.roadmap.items:
            return None
        return self.colours.severity[str(findings[0].severity)]

    def set_report(self, report, items=None) -> None:
        """Badges (and tooltip findings) from an alignment report of the shown roadmap.

        `items`: the only items whose findings changed since the last report (a ReportDelta's).
        """
        self.report = report
        if items is None:
            severity = self.colours.severity
            by_item = report.by_item if report is not None and self.roadmap is not None else {}
            self.badges = {i: severity[str(fs[0].severity)] for i, fs in by_item.items() if i in self.roadmap.items}
        else:
            for item_id in items:
                badge = self._badge(item_id)
                if badge is None:
                    self.badges.pop(item_id, None)
                else:
                    self.badges[item_id] = badge
        for band in self.bands:
            band.bars.set_marks(self.badges, items)


def _link_spec(roadmap: Roadmap, link_id) -> LinkSpec | None:
    """How a supports link is drawn, nothing folded (None: it is not, or no longer exists)."""
    link = roadmap.links.get(link_id)
    if link is None or link.kind != LinkKind.SUPPORTS:
        return None
    tech, business = roadmap.items.get(link.source_id), roadmap.items.get(link.target_id)
    if tech is None or business is None:
        return None
    return LinkSpec(link.id, tech.id, business.id, late=tech.end > business.end)
