"""The roadmap file: round trips, pragmas, atomic writes, creating, copying, read-only."""

from __future__ import annotations

import dataclasses
import os
import sqlite3

import pytest

from planner import migrations
from planner.edits import AddItem, MoveItems, UpdateItem
from planner.model import Band, Item, ItemId, LaneId, Update, apply_changes
from planner.store import ReadOnlyError, StaleChangeError, Store, StoreError, opened


def test_create_and_load_round_trip(tmp_path, sample):
    path = tmp_path / "plan.roadmap"
    with Store.create(path, sample) as store:
        assert store.load() == sample
    with opened(path) as store:
        assert store.load() == sample
    assert sorted(os.listdir(tmp_path)) == ["plan.roadmap"]  # no temp file, WAL checkpointed on close


def test_opened_store_pragmas(store):
    pragma = lambda name: store.db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("foreign_keys") == 1
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL: a committed edit survives a power cut, not only a crash
    assert pragma("user_version") == migrations.LATEST
    assert pragma("application_id") == migrations.APPLICATION_ID


def test_apply_is_atomic(store, sample):
    before = store.dump()
    item = sample.items[ItemId(21)]
    ghost = dataclasses.replace(item, id=ItemId(9999))
    changes = (
        Update(item, dataclasses.replace(item, title="Renamed")),  # fine on its own
        Update(ghost, dataclasses.replace(ghost, title="Nobody")),  # no such row
    )
    with pytest.raises(StaleChangeError) as info:
        store.apply(changes)
    assert str(store.path) in str(info.value) and "item 9999" in str(info.value)
    assert store.dump() == before
    assert store.load() == sample
    with opened(store.path, read_only=True) as other:  # and on disk, through another connection
        assert other.dump() == before


def test_apply_is_atomic_on_a_constraint_failure(store, sample):
    before = store.dump()
    item = sample.items[ItemId(21)]
    changes = (
        Update(item, dataclasses.replace(item, title="Renamed")),
        Update(item, dataclasses.replace(item, lane_id=LaneId(999))),  # foreign key: no lane 999
    )
    with pytest.raises(sqlite3.IntegrityError):
        store.apply(changes)
    assert store.dump() == before


def test_create_refuses_an_existing_path(tmp_path, sample_path, sample, file_hash):
    digest = file_hash(sample_path)
    with pytest.raises(StoreError) as info:
        Store.create(sample_path, sample)
    assert str(sample_path) in str(info.value) and "already exists" in str(info.value)
    assert file_hash(sample_path) == digest
    assert sorted(os.listdir(tmp_path)) == [sample_path.name]


def test_create_refuses_a_missing_folder(tmp_path, sample):
    with pytest.raises(StoreError, match="folder does not exist"):
        Store.create(tmp_path / "nowhere" / "plan.roadmap", sample)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    "spoil",
    [
        # Store.create trusts its caller to validate; the schema still refuses these,
        # and the half-built file must not survive.
        lambda r: dataclasses.replace(r, info=dataclasses.replace(r.info, business_years=9)),
        lambda r: dataclasses.replace(r, items={**r.items, ItemId(21): dataclasses.replace(r.items[ItemId(21)], lane_id=LaneId(99))}),
        lambda r: dataclasses.replace(r, items={**r.items, ItemId(22): dataclasses.replace(r.items[ItemId(22)], end=r.items[ItemId(22)].start.replace(year=1999))}),
    ],
    ids=["check-constraint", "foreign-key", "end-before-start"],
)
def test_create_leaves_no_file_behind_when_it_fails(tmp_path, sample, spoil):
    with pytest.raises(sqlite3.IntegrityError):
        Store.create(tmp_path / "plan.roadmap", spoil(sample))
    assert os.listdir(tmp_path) == []


def test_save_as_copies_uncheckpointed_changes(tmp_path, store, sample):
    model = sample
    for edit in (
        MoveItems((ItemId(21), ItemId(22)), days=31),
        UpdateItem(dataclasses.replace(sample.items[ItemId(26)], title="CRM rebuild (phase 2)")),
        AddItem(Item(ItemId(0), Band.TECH, LaneId(9), "Agentic pilot", model.info.horizon_start, model.info.horizon_start)),
    ):
        changes = edit.changes(model)
        store.apply(changes)
        model = apply_changes(model, changes)
    wal = store.path.with_name(store.path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0, "the edits should still be in the WAL"

    target = tmp_path / "copy.roadmap"
    store.save_as(target)
    assert store.load() == model  # the source is still open and usable
    with opened(target) as copy:
        assert copy.load() == model
        assert copy.dump() == store.dump()
    assert not any(n.startswith(".copy.roadmap") for n in os.listdir(tmp_path))  # no temp file left


def test_save_as_refuses_the_open_file(store):
    with pytest.raises(StoreError, match="already open"):
        store.save_as(store.path)


def test_read_only_store_refuses_to_apply(sample_path, sample):
    with opened(sample_path, read_only=True) as store:
        before = store.dump()
        item = sample.items[ItemId(21)]
        with pytest.raises(ReadOnlyError) as info:
            store.apply((Update(item, dataclasses.replace(item, title="Renamed")),))
        assert str(sample_path) in str(info.value) and "read-only" in str(info.value)
        assert store.read_only
        assert store.load() == sample
        assert store.dump() == before


def test_dump_covers_every_table_and_the_header(store):
    dump = store.dump()
    assert {"roadmap", "lane", "item", "link", "metric", "metric_tech_item", "measurement", "risk", "review",
            "review_decision", "review_baseline"} <= set(dump)
    assert dump["user_version"] == [(migrations.LATEST,)]
    assert dump["application_id"] == [(migrations.APPLICATION_ID,)]
