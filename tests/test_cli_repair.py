"""`check`, `export` and `repair` on a roadmap holding objects we did not write: refused with the repair named, and a clean copy made."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.cli_run import cli, one_line_error, sha256


# --- a roadmap holding objects we did not write, and `repair` ----------------------------


def _sent_with_a_trigger(tmp_path: Path) -> Path:
    from foreign_objects import run_sql

    assert cli(tmp_path, "new", "sent.roadmap", "--sample").returncode == 0
    assert cli(tmp_path, "export", "sent.roadmap", "--json", "before.json").returncode == 0
    run_sql(tmp_path / "sent.roadmap", "CREATE TRIGGER t AFTER UPDATE ON item BEGIN DELETE FROM link; END")
    return tmp_path / "sent.roadmap"


@pytest.mark.parametrize("command", [["check", "sent.roadmap"], ["export", "sent.roadmap", "--json", "out.json"]])
def test_a_file_with_a_foreign_trigger_is_refused_and_the_repair_named(tmp_path, command):
    sent = _sent_with_a_trigger(tmp_path)
    digest = sha256(sent)
    line = one_line_error(cli(tmp_path, *command))
    assert line == (
        "roadmap-planner: error: sent.roadmap: holds a trigger 't' on table 'item' that Roadmap Planner did not write; "
        "the file was not changed. To copy its data into a clean file: roadmap-planner repair sent.roadmap --to 'sent (clean).roadmap'"
    )
    assert sha256(sent) == digest
    assert sorted(os.listdir(tmp_path)) == ["before.json", "sent.roadmap"]  # no -wal, -shm, backup or output


def test_repair_writes_a_clean_copy_with_the_same_data(tmp_path):
    sent = _sent_with_a_trigger(tmp_path)
    digest = sha256(sent)
    result = cli(tmp_path, "repair", "sent.roadmap", "--to", "sent (clean).roadmap")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Copied the data of sent.roadmap into sent (clean).roadmap (40 items, 39 links); sent.roadmap was not changed",
        "  not copied: the original holds a trigger 't' on table 'item' that Roadmap Planner did not write",
    ]
    assert sha256(sent) == digest
    assert cli(tmp_path, "export", "sent (clean).roadmap", "--json", "after.json").returncode == 0
    assert json.loads((tmp_path / "after.json").read_text()) == json.loads((tmp_path / "before.json").read_text())
    assert cli(tmp_path, "check", "sent (clean).roadmap").returncode == 1  # opens and is analysed (the sample has an error finding)


@pytest.mark.parametrize(("args", "message"), [
    (["repair", "nope.roadmap", "--to", "clean.roadmap"], "nope.roadmap: no such file"),
    (["repair", "sent.roadmap", "--to", "sent.roadmap"], "sent.roadmap: already exists; choose a new name for the clean copy"),
    (["repair", "before.json", "--to", "clean.roadmap"], "before.json: is not a roadmap file (it is not an SQLite database)"),
])
def test_repair_errors_are_one_line(tmp_path, args, message):
    sent = _sent_with_a_trigger(tmp_path)
    digest = sha256(sent)
    assert one_line_error(cli(tmp_path, *args)) == f"roadmap-planner: error: {message}"
    assert sha256(sent) == digest and not (tmp_path / "clean.roadmap").exists()
