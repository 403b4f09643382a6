"""Shared fixtures for the domain and store tests: the sample, and stores made from it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from planner.store import Store


@pytest.fixture
def store(sample_path: Path):
    """An open, writable store on a copy of the sample."""
    with Store.open(sample_path) as s:
        yield s


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def file_hash():
    return sha256
