"""Where the default roadmap lives, and seeding it with the sample on first run."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from planner.store import SUFFIX, Store

APP_NAME = "Roadmap Planner"
APP_AUTHOR = "RoadmapPlanner"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_roadmap_path() -> Path:
    return data_dir() / f"My roadmap{SUFFIX}"


def ensure_default_roadmap() -> Path:
    """The default roadmap's path, creating it from the sample the first time."""
    path = default_roadmap_path()
    if not path.exists():
        from planner.interchange import load_sample

        path.parent.mkdir(parents=True, exist_ok=True)
        Store.create(path, load_sample()).close()
    return path


def sample_roadmap_path() -> Path:
    return data_dir() / f"Sample roadmap{SUFFIX}"


def ensure_sample_roadmap() -> Path:
    """The sample roadmap's own file (Open the sample), made from the bundled sample the first time."""
    path = sample_roadmap_path()
    if not path.exists():
        from planner.interchange import load_sample

        path.parent.mkdir(parents=True, exist_ok=True)
        Store.create(path, load_sample()).close()
    return path
