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
