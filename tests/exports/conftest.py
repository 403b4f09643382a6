"""Shared fixtures: the sample roadmap exported once per session, and helpers to read it back."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from exports.excel import export_board_pack

from board_pack_helpers import TODAY, StandInRenderer


@pytest.fixture(scope="session")
def sample_pack(sample, tmp_path_factory) -> Path:
    """The sample's board pack, its timeline pictures drawn by a stand-in (Qt-free) renderer."""
    path = tmp_path_factory.mktemp("pack") / "board-pack.xlsx"
    export_board_pack(sample, path, today=TODAY, timeline=StandInRenderer())
    return path


@pytest.fixture(scope="session")
def sample_wb(sample_pack):
    return load_workbook(sample_pack)


@pytest.fixture(scope="session")
def outlined(sample):
    """The sample with an outline and every kind of dependency timing, made through edits.

    CRM rebuild (26) > CRM go-live (27); Checkout rebuild (28) > Multi-currency payments (29) >
    Marketplace platform (30); links: 21->32 SS -14, 31->32 FS 0, 28->30 becomes part of a branch
    so it is removed, 21->40 SF +30, 22->35 FF +5, and 21 -> 'Launch in Germany' (business).
    """
    import dataclasses

    from planner import edits
    from planner.model import DependencyType, ItemId, LinkId, LinkKind, apply_changes

    def step(r, edit):
        return apply_changes(r, edit.changes(r))

    r = step(sample, edits.RemoveLink(LinkId(38)))  # 28 -> 30 would join a parent and its descendant
    r = step(r, edits.SetParent(ItemId(27), ItemId(26)))
    r = step(r, edits.SetParent(ItemId(29), ItemId(28)))
    r = step(r, edits.SetParent(ItemId(30), ItemId(29)))
    r = step(r, edits.UpdateLink(dataclasses.replace(r.links[LinkId(36)], dep_type=DependencyType.SS, lag_days=-14)))
    r = step(r, edits.UpdateLink(dataclasses.replace(r.links[LinkId(39)], dep_type=DependencyType.SF, lag_days=30)))
    r = step(r, edits.AddLink(LinkKind.DEPENDS, ItemId(22), ItemId(35), "Residency before certification", DependencyType.FF, 5))
    r = step(r, edits.AddLink(LinkKind.DEPENDS, ItemId(21), ItemId(7), "Cloud before Germany"))
    r = step(r, edits.UpdateItem(dataclasses.replace(r.items[ItemId(21)], title='Cloud <migration> & "phase 1"\x01 ]]> 🚀')))
    return r
