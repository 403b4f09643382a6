"""Folding parents on the timeline (issue 13): which are collapsed, and what that changes on screen.

Collapsing is view state: never an undoable edit, never written to the
roadmap file (the main window remembers it per file in QSettings). A
collapsed parent stands for its descendants: their links are drawn to it,
hovering or selecting it lights up what they are linked to, and selecting one
of them elsewhere (tables, findings) unfolds its ancestors. Folding keeps the
view steady: the row height and each band's packing stay, lanes above the
fold stay put and what is below moves only by the rows that come or go.

A mixin of TimelineView (its `bands`, `roadmap`, `selection`, `sizer`,
`links` and layout building), like NavigationMixin.
"""

from __future__ import annotations

from dataclasses import replace

from planner.connections import Emphasis, emphasis, neighbours
from planner.hierarchy import ancestors
from planner.model import ItemId, Roadmap
from planner.outline_layout import OutlineParent
from ui.timeline import paint_links
from ui.timeline.paint_links import LinkSpec


class OutlineMixin:
    collapsed: frozenset[ItemId] = frozenset()

    # --- state -----------------------------------------------------------------------

    def set_collapsed(self, ids, *, relayout: bool = True) -> None:
        """Collapse exactly `ids` (other parents expand). Items a fold hides leave the selection for their parent."""
        ids = frozenset(ids)
        if ids == self.collapsed:
            return
        changed = ids ^ self.collapsed
        self.collapsed = ids
        if relayout and self.roadmap is not None:
            bands = {self.roadmap.items[i].band for i in changed if i in self.roadmap.items}
            self._relayout_steady([b for b in self.bands if b.band in bands])
            hidden = {i for i in self.selection.ids if self.shown_for(i) != i}
            if hidden:
                self.selection.set((self.selection.ids - hidden) | {self.shown_for(i) for i in hidden})
        self.collapsed_changed.emit(ids)

    def toggle_collapsed(self, item_id: ItemId) -> None:
        """Fold a shown parent, or unfold it (a click on its triangle)."""
        if self.outline_parent(item_id) is not None:
            self.set_collapsed(self.collapsed ^ {item_id})

    def fold_selection(self) -> None:
        """Space: fold or unfold the selected parents; on a child, fold its parent (which is then selected)."""
        if self.roadmap is None:
            return
        chosen = [i for i in sorted(self.selection.ids) if i in self.roadmap.items]
        parents = [i for i in chosen if self.outline_parent(i) is not None]
        if parents:
            fold = any(i not in self.collapsed for i in parents)  # mixed: fold them all first
            self.set_collapsed(self.collapsed | set(parents) if fold else self.collapsed - set(parents))
            return
        above = {self.roadmap.items[i].parent_id for i in chosen} - {None}
        above = {p for p in above if self.outline_parent(p) is not None}
        if above:
            self.set_collapsed(self.collapsed | above)
            self.selection.set(above)
        elif chosen:
            self.message.emit("Space folds a parent: this item has nothing under it")

    def expand_all(self) -> None:
        self.set_collapsed(frozenset())

    def collapse_all(self) -> None:
        """Fold every parent that has its children in its lane."""
        if self.roadmap is not None:
            self.set_collapsed({i.parent_id for i in self.roadmap.items.values() if i.parent_id in self.roadmap.items})

    def expand_to(self, item_ids) -> bool:
        """Unfold the ancestors hiding any of `item_ids`; True if something unfolded."""
        if self.roadmap is None or not self.collapsed:
            return False
        folded = set()
        for item_id in item_ids:
            if self.shown_for(item_id) != item_id:
                folded |= {a.id for a in ancestors(self.roadmap, item_id)} & self.collapsed
        if folded:
            self.set_collapsed(self.collapsed - folded)
        return bool(folded)

    def _keep_selection_shown(self, roadmap: Roadmap) -> None:
        """Before a new layout: unfold what would hide a selected item (one just put under a folded parent)."""
        if self.collapsed:
            folded = {a.id for i in self.selection.ids for a in ancestors(roadmap, i)} & self.collapsed
            if folded:
                self.set_collapsed(self.collapsed - folded, relayout=False)

    # --- what is shown -------------------------------------------------------------------

    def shown_for(self, item_id: ItemId) -> ItemId:
        """The item drawn for `item_id`: itself, or the collapsed ancestor it is folded into."""
        for band in self.bands:
            shown = band.layout.outline.hidden.get(item_id)
            if shown is not None:
                return shown
        return item_id

    def outline_parent(self, item_id: ItemId) -> OutlineParent | None:
        """`item_id` as a shown parent (with its rows, or what it stands for when collapsed), else None."""
        for band in self.bands:
            found = band.layout.outline.parents.get(item_id)
            if found is not None:
                return found
        return None

    def folded_items(self, item_id: ItemId) -> tuple:
        """What a shown collapsed parent stands for (nothing for any other item)."""
        parent = self.outline_parent(item_id)
        return parent.inside if parent is not None and parent.collapsed else ()

    def folded_inside(self, item_id: ItemId) -> frozenset[ItemId]:
        return frozenset(i.id for i in self.folded_items(item_id))

    def _relayout_steady(self, bands) -> None:
        """Lay out `bands` again with the new folds, keeping row height, packing choice and scroll."""
        if not bands:
            return
        self._build_layouts(bands, keep_choice=True)
        self.sizer.fit_steady(self._available())
        self.links.set_links(link_specs(self.roadmap, self.bands), self.colours)
        self._refresh_emphasis()

    def _emphasis(self, selected: frozenset[ItemId], hover_link) -> Emphasis:
        """planner.connections.emphasis for the selection and hover, where a collapsed parent lights up what its
        hidden descendants are linked to, as they would (focus follows their links too)."""
        hover = self._hover_item
        if not self.collapsed:
            return emphasis(self.roadmap, selected, hover_item=hover, hover_link=hover_link, focused=self.focused)
        chosen = frozenset().union(*(self.folded_inside(i) for i in selected))
        e = emphasis(self.roadmap, selected | chosen if self.focused else selected, hover_item=hover, hover_link=hover_link,
                     focused=self.focused)
        hovered = self.folded_inside(hover) if hover is not None else frozenset()
        if not chosen and not hovered:
            return e
        around = neighbours(self.roadmap, chosen | hovered)
        keep = e.keep | hovered | neighbours(self.roadmap, hovered) if e.keep is not None and hovered else e.keep
        return replace(e, keep=keep, related=e.related | around)


def link_specs(roadmap: Roadmap, bands=()) -> list[LinkSpec]:
    """The supports links as drawn: each end at the item shown for it in `bands` (a collapsed parent for what it hides)."""
    return paint_links.link_specs(roadmap, {k: v for band in bands for k, v in band.layout.outline.hidden.items()})
