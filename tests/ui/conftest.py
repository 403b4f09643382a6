"""UI test fixtures (the sample, the Qt harness and windows are in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.store import Store
from tests.ui.days import TODAY


@pytest.fixture(autouse=True)
def _private_user_folders(isolated_settings, isolated_data):
    """Every UI test keeps its settings, backups and default roadmap away from the real user's."""


@pytest.fixture
def document(app, sample_file):
    """The sample opened as a document (no window)."""
    from ui.document.document import RoadmapDocument

    doc = RoadmapDocument.open(sample_file, today=lambda: TODAY)
    yield doc
    doc.close()


@pytest.fixture
def selection(app):
    from ui.document.selection import SelectionModel

    return SelectionModel()


@pytest.fixture
def window(make_window, sample_file):
    return make_window(sample_file)


@pytest.fixture
def dump_file():
    """Every row of a roadmap file, read through a fresh connection."""

    def dump(path: Path) -> dict:
        with Store.open(path, read_only=True) as store:
            return store.dump()

    return dump
