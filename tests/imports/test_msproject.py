"""Both MS Project readers, MPXJ in a child process and the built-in MSPDI one, give the same plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from imports import mpxj
from imports.reading import ReadOptions, read_plan

FIXTURES = Path(__file__).parent / "fixtures" / "mspdi"
needs_java = pytest.mark.skipif(not mpxj.available(), reason=f"MPXJ path not testable here: {mpxj.why_unavailable() if not mpxj.available() else ''}")


@needs_java
@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.xml")), ids=lambda p: p.name)
def test_mpxj_and_builtin_reader_agree(path):
    built_in = read_plan(path, ReadOptions(date(2026, 1, 5), engine="builtin"))
    by_mpxj = read_plan(path, ReadOptions(date(2026, 1, 5), engine="mpxj"))
    assert by_mpxj.reader.startswith("read by MPXJ") and built_in.reader.startswith("read by the built-in")
    assert by_mpxj.tasks == built_in.tasks
    assert by_mpxj.links == built_in.links
    assert (by_mpxj.skipped, by_mpxj.not_carried, by_mpxj.notes) == (built_in.skipped, built_in.not_carried, built_in.notes)
    assert by_mpxj.title == built_in.title


def test_without_java_mspdi_falls_back_and_mpp_names_what_to_install(tmp_path, monkeypatch):
    from imports.plan import ImportFileError

    monkeypatch.setattr(mpxj, "java_found", lambda: False)
    plan = read_plan(FIXTURES / "mpxj_sample1.xml", ReadOptions(date(2026, 1, 5)))
    assert plan.reader == f"read by the built-in MSPDI reader (no Java runtime found: {mpxj.INSTALL_HINT})"
    mpp = tmp_path / "plan.mpp"
    mpp.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ImportFileError, match="needs MPXJ and Java; no Java runtime found: install a Java runtime .*default-jre-headless"):
        read_plan(mpp, ReadOptions(date(2026, 1, 5)))


def test_null_rows_and_7_5_hour_days():
    plan = read_plan(FIXTURES / "mpxj_mspdinulltasks.xml", ReadOptions(date(2026, 1, 5), engine="builtin"))
    assert [s.why for s in plan.skipped] == ["it stands for the project itself"] + ["a blank row"] * 3
    parents = {t.title: t.parent for t in plan.tasks}
    assert parents["Task 2"] == parents["Task 3"] == "1"  # blank row 2 between 'Task 1' and its children
    assert "lags converted at the file's 7.5-hour working day" in plan.notes


def test_a_bundle_runs_the_mpxj_child_through_its_own_executable(monkeypatch, tmp_path):
    """A frozen app has no `python -m`: it passes the flag main.py dispatches on."""
    import main

    monkeypatch.setattr(mpxj.sys, "frozen", True, raising=False)
    command = mpxj.child_command(tmp_path / "p.mpp")
    assert command == [mpxj.sys.executable, mpxj.CHILD_FLAG, str(tmp_path / "p.mpp")]
    monkeypatch.setattr("imports.mpxj_child.main", lambda argv: 7 if argv == ["p.mpp"] else 0)
    assert main.run([mpxj.CHILD_FLAG, "p.mpp"]) == 7
