"""`roadmap-planner export FILE --mspdi OUT.xml [--band ...]` and `--ics OUT.ics`, run as a user would."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

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
    assert result.returncode == 1
    assert result.stderr.strip() == "roadmap-planner: error: --band applies to --mspdi only"
    assert not (tmp_path / "plan.ics").exists()
    result = _run("export", str(plan), "--mspdi", str(tmp_path / "x.xml"), "--band", "both")
    assert result.returncode == 2 and "invalid choice: 'both'" in result.stderr
