"""Shared fixtures for the domain and store tests: the sample, and stores made from it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from planner.interchange import load_sample
from planner.model import Roadmap
from planner.store import Store


@pytest.fixture(scope="session")
def sample() -> Roadmap:
    """The bundled sample roadmap (frozen dataclasses, safe to share)."""
    return load_sample()


@pytest.fixture
def sample_path(tmp_path: Path, sample: Roadmap) -> Path:
    """A closed roadmap file holding the sample."""
    path = tmp_path / "sample.roadmap"
    Store.create(path, sample).close()
    return path


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
