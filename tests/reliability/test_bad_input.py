"""Bad input: each value is refused with a clear message and nothing saved is lost, or kept exactly.

Edits go the GUI's way (validate into changes, then `Store.apply`); JSON
imports through `read_json` and the command line. Control characters are kept
(see planner/validation.py for why); Excel drops the ones a cell cannot hold
(tests/exports).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import subprocess
import sys

import pytest
from reliability_helpers import MAIN, sha256
from reliability_cases import BAD_INPUTS, BAD_JSON

from planner.edits import UpdateItem
from planner.interchange import InterchangeError, export_json, read_json, roadmap_from_json, roadmap_to_json
from planner.model import ItemId, apply_changes
from planner.store import Store
from planner.validation import ValidationError


@pytest.mark.parametrize("case", BAD_INPUTS, ids=[c.name for c in BAD_INPUTS])
def test_bad_input_through_an_edit(tmp_path, sample, case):
    path = tmp_path / "plan.roadmap"
    with Store.create(path, sample) as store:
        before = store.dump()
        edit = case.build(sample)
        if case.answer is not None:
            with pytest.raises(ValidationError) as info:
                edit.changes(sample)
            assert case.answer in info.value.message and "\n" not in info.value.message
            assert store.dump() == before  # nothing written, nothing lost
            changes = ()
        else:
            changes = edit.changes(sample)
            store.apply(changes)
        model = apply_changes(sample, changes)
        # The store stays usable after a refusal: the next edit is saved.
        item = model.items[ItemId(22)]
        follow = UpdateItem(dataclasses.replace(item, title="Saved after")).changes(model)
        store.apply(follow)
        model = apply_changes(model, follow)
    with Store.open(path, read_only=True) as reader:
        assert reader.load() == model
    if case.answer is None:  # kept exactly through JSON too, as text
        out = tmp_path / "plan.json"
        export_json(model, out)
        assert read_json(out) == model


@pytest.fixture(scope="module")
def sample_json(sample):
    return roadmap_to_json(sample)


@pytest.mark.parametrize(("name", "spoil", "message"), BAD_JSON, ids=[c[0] for c in BAD_JSON])
def test_bad_json_import_is_refused_naming_the_path(sample_json, name, spoil, message):
    data = copy.deepcopy(sample_json)
    spoil(data)
    with pytest.raises(InterchangeError) as info:
        roadmap_from_json(data)
    assert str(info.value) == message


@pytest.mark.parametrize("data", [[], "roadmap", 3, None], ids=["list", "text", "number", "null"])
def test_json_that_is_not_an_object(data):
    with pytest.raises(InterchangeError, match=r"^\$: must be an object"):
        roadmap_from_json(data)


def test_cli_import_of_bad_json_creates_nothing_and_touches_nothing(tmp_path, sample_json, sample_path):
    """Importing never writes over a roadmap, and a refused import leaves no file behind."""
    bad = copy.deepcopy(sample_json)
    bad["items"][3]["budget"] = "lots"
    src = tmp_path / "in.json"
    src.write_text(json.dumps(bad), encoding="utf-8")
    digest = sha256(sample_path)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")}
    run = lambda *a: subprocess.run([sys.executable, str(MAIN), *a], capture_output=True, text=True, env=env, timeout=60)  # noqa: E731

    result = run("import", str(src), "--to", str(tmp_path / "new.roadmap"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"roadmap-planner: error: {src}: $.items[3].budget: must be a number, not text"
    assert not (tmp_path / "new.roadmap").exists()

    good = tmp_path / "good.json"
    good.write_text(json.dumps(sample_json), encoding="utf-8")
    result = run("import", str(good), "--to", str(sample_path))  # onto an existing roadmap
    assert result.returncode == 1 and "already exists" in result.stderr
    assert sha256(sample_path) == digest
