"""JSON export: text stays text, a failed export leaves the old file, an unwritable place is reported.

(The Excel board pack has the same guarantees, tested in tests/exports.)
"""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import tempfile
from pathlib import Path

import pytest

import main
from planner.interchange import export_json, read_json
from planner.model import ItemId

FORMULAS = ['=HYPERLINK("http://evil.example","Click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1"]


def test_formula_like_text_stays_text_in_json(tmp_path, sample):
    items = dict(sample.items)
    for n, text in enumerate(FORMULAS):
        item = items[ItemId(21 + n)]
        items[item.id] = dataclasses.replace(item, title=text, owner=text, description=text)
    roadmap = dataclasses.replace(sample, items=items)
    out = tmp_path / "plan.json"
    export_json(roadmap, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    exported = {i["id"]: i for i in data["items"]}
    for n, text in enumerate(FORMULAS):
        for key in ("title", "owner", "description"):
            assert exported[21 + n][key] == text and isinstance(exported[21 + n][key], str)
    assert read_json(out) == roadmap


@pytest.fixture
def existing(tmp_path) -> Path:
    path = tmp_path / "out" / "plan.json"
    path.parent.mkdir()
    path.write_bytes(b'{"the": "board\'s previous export"}')
    return path


def untouched(path: Path) -> None:
    assert path.read_bytes() == b'{"the": "board\'s previous export"}'
    assert [p.name for p in path.parent.iterdir()] == [path.name], "temporary file left behind"


def test_disk_full_mid_write_leaves_the_old_export(sample, existing, monkeypatch):
    real_write = Path.write_text

    def full(self, text, *args, **kwargs):
        real_write(self, text[: len(text) // 2], *args, **kwargs)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    with pytest.raises(OSError) as info:
        export_json(sample, existing)
    assert info.value.errno == errno.ENOSPC
    assert info.value.filename == str(existing)  # the target, not the temporary file
    untouched(existing)


def test_cli_reports_a_full_disk_in_one_line(sample_path, existing, monkeypatch, capsys):
    def full(self, text, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    assert main.run(["export", str(sample_path), "--json", str(existing)]) == 1
    assert capsys.readouterr().err == f"roadmap-planner: error: {existing}: could not write the file (the disk is full)\n"
    untouched(existing)


def test_cli_reports_an_unwritable_folder_naming_the_target(sample_path, existing, monkeypatch, capsys):
    """Write bits set but the OS refuses (an ACL, a read-only mount): simulated where the OS would answer."""

    def denied(*args, **kwargs):
        name = os.path.join(kwargs.get("dir", "."), ".plan.json.abc123.tmp")
        raise PermissionError(errno.EACCES, "Permission denied", name)

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    assert main.run(["export", str(sample_path), "--json", str(existing)]) == 1
    assert capsys.readouterr().err == f"roadmap-planner: error: {existing}: cannot write in the folder {existing.parent} (permission denied)\n"
    untouched(existing)


def test_cli_reports_a_read_only_folder(sample_path, existing, capsys, read_only_folder):
    """The folder's write bits are honoured for root too, so this runs in CI."""
    read_only_folder(existing.parent)
    assert main.run(["export", str(sample_path), "--json", str(existing)]) == 1
    assert capsys.readouterr().err == f"roadmap-planner: error: {existing}: cannot write in the folder {existing.parent} (it is read-only)\n"
    untouched(existing)


@pytest.mark.parametrize("where", ["missing folder", "a folder"])
def test_cli_reports_a_target_it_cannot_use(tmp_path, sample_path, capsys, where):
    target = tmp_path / "nowhere" / "plan.json" if where == "missing folder" else tmp_path
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main.run(["export", str(sample_path), "--json", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"roadmap-planner: error: {target}: ") and err.count("\n") == 1
    assert ("does not exist" if where == "missing folder" else "is a folder") in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before
