"""`roadmap-planner export FILE --mspdi OUT.xml [--band ...]` and `--ics OUT.ics`, run as a user would."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from icalendar import Calendar

from exports.mspdi import NS

MAIN = Path(__file__).resolve().parents[2] / "main.py"
N = {"p": NS}


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(MAIN), *args], capture_output=True, text=True, timeout=120)


def _sample(tmp_path: Path) -> Path:
    plan = tmp_path / "plan.roadmap"
    assert _run("new", str(plan), "--sample").returncode == 0
    return plan


def test_export_mspdi_writes_the_tech_band_by_default_and_the_business_band_on_request(tmp_path):
    plan = _sample(tmp_path)
    out = tmp_path / "tech.xml"
    result = _run("export", str(plan), "--mspdi", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {out} (20 tasks, 4 dependencies)"
    names = [t.findtext("p:Name", namespaces=N) for t in ET.parse(out).getroot().iterfind("p:Tasks/p:Task", N)]
    assert "Cloud migration (phase 1)" in names and "Online sales 30% of revenue" not in names

    out = tmp_path / "business.xml"
    result = _run("export", str(plan), "--mspdi", str(out), "--band", "business")
    assert result.returncode == 0, result.stderr
    names = [t.findtext("p:Name", namespaces=N) for t in ET.parse(out).getroot().iterfind("p:Tasks/p:Task", N)]
    assert "Online sales 30% of revenue" in names and "Cloud migration (phase 1)" not in names


def test_export_ics_writes_every_item(tmp_path):
    plan = _sample(tmp_path)
    out = tmp_path / "plan.ics"
    result = _run("export", str(plan), "--ics", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {out} (40 events)"
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 40


def test_band_without_mspdi_is_a_one_line_error_and_writes_nothing(tmp_path):
    plan = _sample(tmp_path)
    result = _run("export", str(plan), "--ics", str(tmp_path / "plan.ics"), "--band", "tech")
    assert result.returncode == 2  # a usage mistake, like --size where it does not apply
    assert result.stderr.strip() == "roadmap-planner: error: --band applies to --mspdi, not --ics (see roadmap-planner export --help)"
    assert not (tmp_path / "plan.ics").exists()
    result = _run("export", str(plan), "--mspdi", str(tmp_path / "x.xml"), "--band", "both")
    assert result.returncode == 2 and "invalid choice: 'both'" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize(("option", "head"), [("--ics", b"BEGIN:VCALENDAR"), ("--mspdi", b"<?xml")])
def test_text_plans_go_to_standard_output_with_a_dash(tmp_path, option, head):
    plan = _sample(tmp_path)
    result = subprocess.run([sys.executable, str(MAIN), "export", str(plan), option, "-"], capture_output=True, timeout=120)
    assert result.returncode == 0 and result.stderr == b"", result.stderr
    assert result.stdout.startswith(head)  # the file's bytes and nothing else
    named = tmp_path / ("plan.ics" if option == "--ics" else "plan.xml")
    assert _run("export", str(plan), option, str(named)).returncode == 0
    if option == "--mspdi":
        assert result.stdout == named.read_bytes()
    else:  # each event's DTSTAMP is when it was made
        assert len(result.stdout.splitlines()) == len(named.read_bytes().splitlines())
