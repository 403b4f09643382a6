"""Bad input: one clear message naming the file and what is wrong; nothing written."""

from __future__ import annotations

import random
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from imports.plan import ImportFileError
from imports.reading import ReadOptions, read_plan

MAIN = Path(__file__).resolve().parents[2] / "main.py"
FIXTURES = Path(__file__).parent / "fixtures"
OPTIONS = ReadOptions(date(2026, 1, 5), engine="builtin")

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<Project xmlns="http://schemas.microsoft.com/project"><Name>&lol4;</Name><Tasks/></Project>
"""


def cli_import(tmp_path: Path, source: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(MAIN), "import", str(source), "--to", str(tmp_path / "out.roadmap"), *extra],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)


def assert_refused(tmp_path: Path, source: Path, reason: str, *extra: str) -> None:
    result = cli_import(tmp_path, source, *extra)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith(f"roadmap-planner: error: {source}: "), lines[0]
    assert reason in lines[0], lines[0]
    assert not (tmp_path / "out.roadmap").exists() and not list(tmp_path.glob("*.roadmap*"))


def test_truncated_mspdi(tmp_path):
    text = (FIXTURES / "mspdi/mpxj_sample1.xml").read_text(encoding="utf-8")
    bad = tmp_path / "cut.xml"
    bad.write_text(text[: len(text) // 2], encoding="utf-8")
    assert_refused(tmp_path, bad, "not well-formed XML", )


def test_malformed_gan(tmp_path):
    bad = tmp_path / "bad.gan"
    bad.write_text('<?xml version="1.0"?><project name="x"><tasks><task id="0" name="a" start="2024-13-45" duration="2"/></tasks></project>')
    assert_refused(tmp_path, bad, "task 0 start: '2024-13-45' is not a date")


def test_billion_laughs_refused_before_any_expansion(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(BILLION_LAUGHS)
    assert_refused(tmp_path, bomb, "refused: the XML declares a DTD or entities")
    with pytest.raises(ImportFileError, match="DTD or entities"):
        from imports import mspdi

        mspdi.read_raw(bomb)  # the reader itself refuses too, not only the detection


def test_external_entity_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    xxe = tmp_path / "xxe.gan"
    xxe.write_text(f'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY s SYSTEM "file://{secret}">]>'
                   '<project name="&s;"><tasks><task id="0" name="&s;" start="2024-01-02" duration="1"/></tasks></project>')
    result = cli_import(tmp_path, xxe)
    assert result.returncode == 1 and "TOP-SECRET" not in result.stdout + result.stderr
    assert "refused: the XML declares a DTD or entities" in result.stderr


def test_spreadsheet_without_header(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    for row in ([1, 2, 3], ["x", 4.5, "y"], [None, "z", 7]):
        book.active.append(row)
    path = tmp_path / "numbers.xlsx"
    book.save(path)
    assert_refused(tmp_path, path, "no sheet has a recognisable header row (sheets: Sheet); name the columns with --map")


def test_csv_with_invalid_dates_in_every_row(tmp_path):
    path = tmp_path / "dates.csv"
    path.write_text("Task,Start,End\nA,2024-02-30,2024-03-01\nB,soon,later\n")
    plan = read_plan(path, OPTIONS)
    assert plan.tasks == ()
    assert [s.why for s in plan.skipped] == ["start: '2024-02-30' is not a date", "start: 'soon' is not a date"]
    assert_refused(tmp_path, path, "no tasks to import")


def test_ambiguous_dates_ask_for_dates_option(tmp_path):
    path = tmp_path / "dates.csv"
    path.write_text("Task;Start;End\nA;01/02/2024;03/04/2024\n", encoding="utf-8")
    assert_refused(tmp_path, path, "dates like 01/02/2024 could be day-first or month-first; say --dates dmy or --dates mdy")
    result = cli_import(tmp_path, path, "--dates", "mdy")
    assert result.returncode == 0, result.stderr


def test_dependency_cycle(tmp_path):
    path = tmp_path / "cycle.csv"
    path.write_text("ID,Task,Start,End,Predecessors\n1,A,2024-01-01,2024-01-05,3\n2,B,2024-01-06,2024-01-09,1\n3,C,2024-01-10,2024-01-12,2\n")
    assert_refused(tmp_path, path, "the dependencies form a cycle")


def test_parent_cycle(tmp_path):
    path = tmp_path / "parents.csv"
    path.write_text("ID,Task,Start,End,Parent\n1,A,2024-01-01,2024-01-05,2\n2,B,2024-01-06,2024-01-09,1\n")
    assert_refused(tmp_path, path, "is its own ancestor (a parent cycle)")


def test_fifty_megabytes_of_random_bytes(tmp_path):
    path = tmp_path / "noise.mpp"
    rng = random.Random(13)
    with path.open("wb") as f:
        for _ in range(50):
            f.write(rng.randbytes(1 << 20))
    assert_refused(tmp_path, path, "binary data that is not a format we import")


def test_truncated_workbook_and_empty_file(tmp_path):
    data = (FIXTURES / "spreadsheet/roadmap2xlsx_gantt.xlsx").read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: len(data) // 3])
    assert_refused(tmp_path, cut, "damaged or truncated ZIP")
    empty = tmp_path / "empty.ics"
    empty.write_bytes(b"")
    assert_refused(tmp_path, empty, "the file is empty")


def test_unknown_map_role_and_column(tmp_path):
    source = FIXTURES / "spreadsheet/roadmap2xlsx_roadmap.tsv"
    result = cli_import(tmp_path, source, "--map", "Title=name")
    assert result.returncode == 1 and "'name' is not a role" in result.stderr
    assert_refused(tmp_path, source, "--map names a column that is not in the header: 'Nope'", "--map", "Nope=title")
