"""`repair`: a refused roadmap's data in a new clean file; the original is only read."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from foreign_objects import CASES, TRIGGER_CASES, edited_in_place, run_sql, sql_of

from planner import migrations
from planner.edits import MoveItems
from planner.interchange import roadmap_to_json
from planner.model import ItemId
from planner.store import ForeignSchemaError, NotARoadmapError, Store, StoreError
from planner.store_repair import clean_copy_name, repair
from planner.store_schema import expected_schema, schema_of
from test_foreign_schema import pretend_latest

# A view standing where our `setting` table should be leaves no table to copy from: refused, see below.
REPAIRABLE = [c for c in CASES if c.name != "a table replaced by a view"]


def schema(path):
    conn = sqlite3.connect(path)
    try:
        return schema_of(conn)
    finally:
        conn.close()


@pytest.mark.parametrize("case", REPAIRABLE, ids=[c.name for c in REPAIRABLE])
def test_repair_copies_the_data_into_a_clean_file(sample_path, sample, file_hash, case):
    with Store.open(sample_path, read_only=True) as store:
        rows = store.dump()
    case.make(sample_path)
    digest = file_hash(sample_path)
    clean = sample_path.with_name("clean.roadmap")

    repaired = repair(sample_path, clean)

    assert file_hash(sample_path) == digest  # the original only read
    assert repaired.path == clean and repaired.left_behind and case.reason.split(" (")[0] in repaired.left_behind[0]
    assert schema(clean) == expected_schema(migrations.LATEST)  # nothing of the original's schema came along
    with Store.open(clean) as store:
        assert store.load() == sample == repaired.roadmap
        assert roadmap_to_json(store.load()) == roadmap_to_json(sample)
        assert store.dump() == rows  # row for row


@pytest.mark.parametrize("case", [c for c in TRIGGER_CASES if c.name.startswith("trigger on item ")], ids=lambda c: c.name)
def test_an_edit_on_the_repaired_file_behaves(sample_path, sample, case):
    """The issue's harm: a bar move deleting every link. On the clean copy the move moves one bar, nothing else."""
    case.make(sample_path)
    clean = repair(sample_path, sample_path.with_name("clean.roadmap")).path
    with Store.open(clean) as store:
        store.apply(MoveItems((ItemId(21),), 14).changes(store.load()))
    with Store.open(clean) as store:
        after = store.load()
    moved = sample.items[ItemId(21)]
    assert (after.items[ItemId(21)].start, after.items[ItemId(21)].end) == (moved.start + timedelta(days=14), moved.end + timedelta(days=14))
    assert after.links == sample.links and after.settings == sample.settings
    assert {i: it.title for i, it in after.items.items()} == {i: it.title for i, it in sample.items.items()}
    assert {k: v for k, v in after.items.items() if k != ItemId(21)} == {k: v for k, v in sample.items.items() if k != ItemId(21)}


def test_repair_of_a_previous_version_file_upgrades_the_copy(sample_path, sample, file_hash, monkeypatch):
    TRIGGER_CASES[0].make(sample_path)
    digest = file_hash(sample_path)
    latest = pretend_latest(monkeypatch)
    clean = repair(sample_path, sample_path.with_name("clean.roadmap")).path
    assert file_hash(sample_path) == digest
    assert schema(clean) == expected_schema(latest)
    with Store.open(clean) as store:
        assert store.migrated_from is None and store.load() == sample


def test_repair_never_runs_the_originals_triggers(sample_path, sample):
    """Only reads reach the original, and no trigger fires on a read; the copy's inserts land in a fresh schema."""
    run_sql(sample_path, *(f"CREATE TRIGGER evil_{t} AFTER INSERT ON {t} BEGIN DELETE FROM link; END" for t in ("item", "link", "lane")))
    clean = repair(sample_path, sample_path.with_name("clean.roadmap")).path
    with Store.open(clean, read_only=True) as store:
        assert store.load().links == sample.links


def test_repair_refuses_an_existing_target(sample_path, file_hash):
    TRIGGER_CASES[0].make(sample_path)
    target = sample_path.with_name("taken.roadmap")
    target.write_bytes(b"mine")
    for to in (target, sample_path):
        with pytest.raises(StoreError, match=f"^{to}: already exists; choose a new name for the clean copy$"):
            repair(sample_path, to)
    assert target.read_bytes() == b"mine"


def test_repair_names_the_table_whose_rows_our_schema_refuses(sample_path, file_hash):
    """A loosened CHECK let a value in that our schema forbids: no clean file can hold it, so none is written."""
    old = sql_of(sample_path, "roadmap")
    edited_in_place("roadmap", "BETWEEN 3 AND 5", "BETWEEN 3 AND 9")(sample_path)
    run_sql(sample_path, "UPDATE roadmap SET business_years = 8")
    assert "BETWEEN 3 AND 5" in old
    digest = file_hash(sample_path)
    clean = sample_path.with_name("clean.roadmap")
    with pytest.raises(StoreError) as info:
        repair(sample_path, clean)
    assert str(info.value).startswith(f"{sample_path}: cannot be repaired: a row of its table 'roadmap' breaks a rule of the roadmap format (CHECK constraint failed")
    assert not clean.exists() and file_hash(sample_path) == digest


def test_repair_refuses_a_view_standing_in_for_a_table(sample_path):
    case = next(c for c in CASES if c.name == "a table replaced by a view")
    case.make(sample_path)
    with pytest.raises(StoreError, match="cannot be repaired: its 'setting' is a view, not the table Roadmap Planner writes"):
        repair(sample_path, sample_path.with_name("clean.roadmap"))


def test_repair_names_a_broken_reference(sample_path):
    run_sql(sample_path, "PRAGMA foreign_keys = OFF", "CREATE TABLE x (y)", "DELETE FROM lane WHERE id = 1")
    with pytest.raises(StoreError, match="cannot be repaired: a row of its table 'item' refers to a row of 'lane' that does not exist"):
        repair(sample_path, sample_path.with_name("clean.roadmap"))


@pytest.mark.parametrize("bad", [b"", b"not a database at all" * 100])
def test_repair_of_a_file_that_is_not_a_roadmap(tmp_path, bad):
    path = tmp_path / "bad.roadmap"
    path.write_bytes(bad)
    with pytest.raises(NotARoadmapError):
        repair(path, tmp_path / "clean.roadmap")
    assert not (tmp_path / "clean.roadmap").exists()


def test_repair_of_a_clean_file_is_a_plain_copy(sample_path, sample):
    repaired = repair(sample_path, sample_path.with_name("copy.roadmap"))
    assert repaired.left_behind == () and repaired.roadmap == sample


def test_the_clean_copy_is_named_beside_the_original_and_never_over_a_file(tmp_path):
    original = tmp_path / "From the CTO.roadmap"
    assert clean_copy_name(original) == tmp_path / "From the CTO (clean).roadmap"
    (tmp_path / "From the CTO (clean).roadmap").write_bytes(b"an earlier copy")
    assert clean_copy_name(original) == tmp_path / "From the CTO (clean 2).roadmap"


def test_a_foreign_object_is_refused_again_after_repair_only_in_the_original(sample_path):
    TRIGGER_CASES[0].make(sample_path)
    clean = repair(sample_path, clean_copy_name(sample_path)).path
    with pytest.raises(ForeignSchemaError):
        Store.open(sample_path)
    Store.open(clean).close()

