"""Fixtures for the reliability tests (the sample, files from it and the Qt harness are in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def read_only_folder():
    """Make a folder read-only for the test, and writable again after it (so tmp_path can be cleaned)."""
    made = []

    def make(folder: Path) -> Path:
        folder.chmod(0o555)
        made.append(folder)
        return folder

    yield make
    for folder in made:
        folder.chmod(0o755)
