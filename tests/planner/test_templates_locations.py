"""A new empty roadmap, and the default roadmap seeded from the sample."""

from __future__ import annotations

from datetime import date

from planner import validation as v
from planner.locations import default_roadmap_path, ensure_default_roadmap
from planner.model import Band
from planner.store import Store, opened
from planner.templates import BUSINESS_LANES, TECH_LANES, empty_roadmap


def test_empty_roadmap_is_valid_and_stores(tmp_path):
    r = empty_roadmap("Fresh", date(2026, 8, 17))
    assert r.info.horizon_start == date(2026, 1, 1)
    assert r.info.tech_window_start == date(2026, 8, 1)
    assert [l.name for l in r.lanes_of(Band.BUSINESS)] == [n for n, _ in BUSINESS_LANES]
    assert [l.name for l in r.lanes_of(Band.TECH)] == [n for n, _ in TECH_LANES]
    assert not r.items
    v.check_info(r.info)
    for lane in r.lanes.values():
        v.check_lane(lane)
    with Store.create(tmp_path / "fresh.roadmap", r) as store:
        assert store.load() == r


def test_default_roadmap_is_created_once_from_the_sample(tmp_path, monkeypatch, sample):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    path = default_roadmap_path()
    assert path.is_relative_to(tmp_path) and path.name == "My roadmap.roadmap"
    assert ensure_default_roadmap() == path
    with opened(path) as store:
        assert store.load() == sample
        store.apply(())  # an empty change set is fine
    stamp = path.stat().st_mtime_ns, path.read_bytes()
    assert ensure_default_roadmap() == path  # second run: the user's file is left alone
    assert (path.stat().st_mtime_ns, path.read_bytes()) == stamp
