"""`roadmap-planner export FILE --xlsx OUT`, run as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from exports.excel import SHEET_NAMES

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(MAIN), *args], capture_output=True, text=True, timeout=120)


def test_export_xlsx_writes_the_board_pack(tmp_path):
    plan = tmp_path / "plan.roadmap"
    assert _run("new", str(plan), "--sample").returncode == 0
    out = tmp_path / "pack.xlsx"
    result = _run("export", str(plan), "--xlsx", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {out}"
    wb = load_workbook(out)
    assert wb.sheetnames == list(SHEET_NAMES)
    assert wb["Summary"]["A1"].value == "Northwind Retail Group Strategy 2026-2030"


def test_export_xlsx_to_a_folder_is_a_one_line_error(tmp_path):
    plan = tmp_path / "plan.roadmap"
    _run("new", str(plan), "--sample")
    result = _run("export", str(plan), "--xlsx", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.strip() == f"roadmap-planner: error: {tmp_path}: is a folder; choose a file name"


def test_export_takes_one_format(tmp_path):
    result = _run("export", str(tmp_path / "plan.roadmap"), "--xlsx", "a.xlsx", "--json", "a.json")
    assert result.returncode == 2 and "not allowed with" in result.stderr
    assert "--xlsx OUT" in _run("--help").stdout
