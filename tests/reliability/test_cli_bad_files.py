"""Bad roadmap files through the command line and the store: one clear line, exit 1, bytes unchanged.

`main.py export FILE --json OUT` runs as a user would run it, in a subprocess.
A read-only file, or one in a read-only folder, is not an error: it exports,
and the store opens it read-only (the write bits are honoured even for root).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_helpers import MAIN, folder_snapshot, sha256
from reliability_cases import BAD_FILES, restore_permissions

from planner.interchange import roadmap_to_json
from planner.store import ReadOnlyError, Store, StoreError


def cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_DATA_HOME": str(cwd / "xdg"), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(MAIN), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


@pytest.fixture
def bad_file(request, tmp_path, sample_path):
    case = request.param
    good = sample_path.read_bytes()
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / "plan.roadmap"
    case.make(path, good)
    yield case, path
    restore_permissions(path)


@pytest.mark.parametrize("bad_file", BAD_FILES, ids=[c.name for c in BAD_FILES], indirect=True)
def test_cli_export_of_a_bad_file(tmp_path, bad_file, sample):
    case, path = bad_file
    before = folder_snapshot(path.parent)
    out = tmp_path / "out.json"

    result = cli(tmp_path, "export", str(path), "--json", str(out))

    assert "Traceback" not in result.stderr
    if case.read_only:
        assert result.returncode == 0, result.stderr
        assert json.loads(out.read_text(encoding="utf-8")) == roadmap_to_json(sample)
    else:
        lines = result.stderr.splitlines()
        assert result.returncode == 1 and len(lines) == 1, result.stderr
        assert lines[0].startswith(f"roadmap-planner: error: {path}: {case.reason}")
        assert not out.exists()
    assert folder_snapshot(path.parent) == before  # same bytes; no -wal, -shm, lock or temp file beside it


@pytest.mark.parametrize("bad_file", BAD_FILES, ids=[c.name for c in BAD_FILES], indirect=True)
def test_store_open_of_a_bad_file(bad_file, sample):
    case, path = bad_file
    before = folder_snapshot(path.parent)
    for read_only in (False, True):
        if case.read_only:
            with Store.open(path, read_only=read_only) as store:
                assert store.read_only
                assert store.load() == sample
                with pytest.raises(ReadOnlyError, match="is open read-only; the change was not made") as info:
                    store.apply(())
                assert str(info.value).startswith(f"{path}: ")
        else:
            with pytest.raises(StoreError) as info:
                Store.open(path, read_only=read_only)
            assert str(info.value).startswith(f"{path}: {case.reason}")
            assert "\n" not in str(info.value)
    assert folder_snapshot(path.parent) == before


def test_read_only_older_file_is_refused_not_upgraded(tmp_path, sample_path, monkeypatch, read_only_folder):
    """An older roadmap must be upgraded to open; read-only, it is refused, untouched."""
    from test_older_files import pretend_latest

    pretend_latest(monkeypatch)
    sample_path.chmod(0o444)
    digest = sha256(sample_path)
    try:
        with pytest.raises(ReadOnlyError, match="older roadmap that must be upgraded, but the file is read-only"):
            Store.open(sample_path)
    finally:
        sample_path.chmod(0o644)
    assert sha256(sample_path) == digest
    assert sorted(p.name for p in sample_path.parent.iterdir()) == [sample_path.name]


@pytest.mark.parametrize("command", ["new", "import"])
def test_creating_a_roadmap_in_a_read_only_folder_is_refused(tmp_path, sample, command, read_only_folder):
    """The store honours a folder's write bits when creating, as when opening (so this holds for root too)."""
    src = tmp_path / "in.json"
    src.write_text(json.dumps(roadmap_to_json(sample)), encoding="utf-8")
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "plan.roadmap"
    read_only_folder(folder)
    args = ["new", str(target), "--sample"] if command == "new" else ["import", str(src), "--to", str(target)]
    result = cli(tmp_path, *args)
    assert result.returncode == 1
    assert result.stderr == f"roadmap-planner: error: {target}: cannot write in the folder {folder} (it is read-only)\n"
    assert list(folder.iterdir()) == []
