"""Two copies open: a second writer is refused (and may look read-only); the file is never written by two.

Real processes: `reliability_holder_child.py` keeps a roadmap open and edits
it on command; `reliability_contender_child.py` processes race to open one.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_helpers import HERE, MAIN, folder_snapshot, sha256

from planner.lock import lock_path_for
from planner.model import ItemId
from planner.store import AlreadyOpenError, Store, StoreError


class Holder:
    """A child process with the roadmap open."""

    def __init__(self, path: Path, *, read_only: bool = False):
        args = [sys.executable, str(HERE / "reliability_holder_child.py"), str(path)] + (["read-only"] if read_only else [])
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=HERE)
        self.first = self.proc.stdout.readline().strip()

    def ask(self, line: str) -> str:
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.ask("close") == "closed"
            self.proc.wait(10)

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)


@pytest.fixture
def holders():
    made: list[Holder] = []

    def make(path: Path, **kw) -> Holder:
        h = Holder(path, **kw)
        made.append(h)
        return h

    yield make
    for h in made:
        if h.proc.poll() is None:
            h.kill()


def test_second_writer_is_refused_and_a_reader_sees_the_first_ones_edits(sample_path, holders):
    first = holders(sample_path)
    assert first.first == "opened"
    assert first.ask("rename 21 Edited by the first window") == "ok"

    second = holders(sample_path)
    assert second.first == f"refused: AlreadyOpenError: {sample_path}: {AlreadyOpenError.REASON}"
    assert second.proc.wait(10) == 1

    reader = holders(sample_path, read_only=True)
    assert reader.first == "opened"
    assert reader.ask("title 21") == "Edited by the first window"
    assert first.ask("rename 21 Edited again") == "ok"
    assert reader.ask("title 21") == "Edited again"  # a reader re-reads the file as it is now
    with pytest.raises(AlreadyOpenError) as info:  # this process too
        Store.open(sample_path)
    assert str(info.value) == f"{sample_path}: is already open in another window or program; open it read-only to look at it"

    reader.close()
    first.close()
    with Store.open(sample_path) as store:
        assert store.load().items[ItemId(21)].title == "Edited again"
        assert store.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert sorted(p.name for p in sample_path.parent.iterdir()) == [sample_path.name]  # lock file gone


def test_a_killed_writer_leaves_no_lock(sample_path, holders):
    first = holders(sample_path)
    assert first.ask("rename 22 Saved before the crash") == "ok"
    first.kill()
    assert lock_path_for(sample_path).exists()  # left behind, but nobody holds it
    with Store.open(sample_path) as store:
        assert store.load().items[ItemId(22)].title == "Saved before the crash"
    assert not lock_path_for(sample_path).exists()


def test_read_only_open_needs_no_lock_and_leaves_nothing(sample_path, holders):
    before = folder_snapshot(sample_path.parent)
    reader = holders(sample_path, read_only=True)
    assert reader.first == "opened"
    with Store.open(sample_path) as store:  # a reader does not stop a writer
        assert not store.read_only
    reader.close()
    assert folder_snapshot(sample_path.parent) == before


def test_same_process_may_reopen_and_the_lock_lasts_until_the_last_close(sample_path, holders):
    a = Store.open(sample_path)
    b = Store.open(sample_path)  # e.g. a window reopening its own file
    a.close()
    assert holders(sample_path).first.startswith("refused: AlreadyOpenError")
    b.close()
    assert holders(sample_path).first == "opened"


def test_save_as_never_replaces_a_file_open_elsewhere(tmp_path, sample, sample_path, holders):
    other = tmp_path / "other.roadmap"
    Store.create(other, sample).close()
    holder = holders(other)
    assert holder.ask("rename 21 Work in the other window") == "ok"
    with Store.open(sample_path) as store:
        with pytest.raises(StoreError) as info:
            store.save_as(other)
    assert str(info.value) == f"{other}: is open in another window or program; close it there or choose another name"
    holder.close()
    with Store.open(other) as store:
        assert store.load().items[ItemId(21)].title == "Work in the other window"


def test_cli_export_while_open_elsewhere_includes_its_saved_edits(tmp_path, sample_path, holders):
    holder = holders(sample_path)
    assert holder.ask("rename 23 Not yet checkpointed") == "ok"
    out = tmp_path / "out.json"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")}
    result = subprocess.run([sys.executable, str(MAIN), "export", str(sample_path), "--json", str(out)],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    titles = {i["id"]: i["title"] for i in json.loads(out.read_text(encoding="utf-8"))["items"]}
    assert titles[23] == "Not yet checkpointed"
    assert holder.ask("rename 23 And the writer carries on") == "ok"
    holder.close()


@pytest.mark.slow
def test_racing_processes_never_hold_the_lock_together(tmp_path, sample_path):
    log = tmp_path / "logs" / "holders.log"
    log.parent.mkdir()
    procs = [
        subprocess.Popen([sys.executable, str(HERE / "reliability_contender_child.py"), str(sample_path), str(log), "1.5"],
                         stdout=subprocess.PIPE, text=True, cwd=HERE)
        for _ in range(3)
    ]
    counts = [tuple(map(int, p.communicate(timeout=60)[0].split())) for p in procs]
    assert all(p.returncode == 0 for p in procs)
    holder = None
    turns = 0
    for line in log.read_text().splitlines():
        event, pid = line.split()
        if event == "enter":
            assert holder is None, f"{pid} entered while {holder} held the lock"
            holder, turns = pid, turns + 1
        else:
            assert holder == pid
            holder = None
    print(f"\nlock race: {turns} turns among 3 processes; (held, refused) each: {counts}")
    assert turns >= 30 and all(held > 0 for held, _ in counts)
    with Store.open(sample_path) as store:
        assert store.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert sorted(p.name for p in sample_path.parent.iterdir()) == ["logs", sample_path.name]  # no lock file left


def test_stale_wal_is_not_replayed_into_a_replacing_copy(tmp_path, sample, sample_path):
    """A crashed writer's -wal beside a file that Save As replaces must not be applied to the new file."""
    import shutil

    from planner.edits import AddItem
    from planner.model import Band, Item, LaneId, apply_changes

    crashed = tmp_path / "crashed"
    crashed.mkdir()
    target = crashed / "target.roadmap"
    Store.create(target, sample).close()
    with Store.open(target) as writer:  # leave a crash image: main file + hot WAL, copied while open
        model = writer.load()
        for n in range(20):
            changes = AddItem(Item(ItemId(0), Band.TECH, LaneId(9), f"lost {n}", model.info.horizon_start, model.info.horizon_start)).changes(model)
            writer.apply(changes)
            model = apply_changes(model, changes)
        image = tmp_path / "image"
        image.mkdir()
        for suffix in ("", "-wal", "-shm"):
            shutil.copyfile(f"{target}{suffix}", image / f"target.roadmap{suffix}")
    shutil.rmtree(crashed)
    with Store.open(sample_path) as store:
        store.save_as(image / "target.roadmap")
    with Store.open(image / "target.roadmap") as copy:
        assert copy.load() == sample
        assert copy.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_hash_of_refused_files_unchanged(sample_path, holders):
    holder = holders(sample_path)
    holder.close()
    digest = sha256(sample_path)
    holder = holders(sample_path)
    with pytest.raises(AlreadyOpenError):
        Store.open(sample_path)
    holder.close()
    assert sha256(sample_path) == digest


def test_a_read_only_window_never_reads_a_file_changed_under_it_as_damaged(tmp_path, sample, sample_path):
    """Read-only at rest is opened `immutable`; after another program grows the file, reads and Save As stay sound."""
    from reliability_checkpoint import ADDED

    reader = Store.open(sample_path, read_only=True)
    try:
        assert reader.load() == sample
        grown = subprocess.run([sys.executable, str(HERE / "reliability_checkpoint_child.py"), str(sample_path)],
                               capture_output=True, text=True, cwd=HERE, timeout=60)
        assert grown.stdout.split() == ["ready", "closed"], grown.stderr
        assert len(reader.load().items) == len(sample.items) + ADDED  # the file as it is now
        copy = tmp_path / "copy.roadmap"
        reader.save_as(copy)  # was: sqlite3.DatabaseError "database disk image is malformed"
    finally:
        reader.close()
    with Store.open(copy) as store:
        assert store.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert len(store.load().items) == len(sample.items) + ADDED


def test_a_file_system_without_locks_still_opens(sample_path, sample, monkeypatch):
    """Some network shares refuse flock: the roadmap opens (SQLite's own locking still guards the file)."""
    import errno

    from planner import lock

    if lock.fcntl is None:
        pytest.skip("POSIX flock only")

    def no_locks(fd, op):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(lock.fcntl, "flock", no_locks)
    with Store.open(sample_path) as store:
        assert not store.read_only and store.load() == sample
    assert {p.name for p in sample_path.parent.iterdir()} <= {sample_path.name, lock_path_for(sample_path).name}  # an empty sidecar may stay
