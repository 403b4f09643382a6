"""`roadmap-planner export FILE --pptx OUT`, run as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pptx import Presentation

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(MAIN), *args], capture_output=True, text=True, timeout=120)


def test_export_pptx_writes_the_deck(tmp_path):
    plan = tmp_path / "plan.roadmap"
    assert _run("new", str(plan), "--sample").returncode == 0
    before = plan.read_bytes()
    out = tmp_path / "slides.pptx"
    result = _run("export", str(plan), "--pptx", str(out))
    assert result.returncode == 0, result.stderr
    prs = Presentation(str(out))
    assert result.stdout.strip() == f"Wrote {out} ({len(prs.slides)} slides)"
    assert "plan.roadmap" in prs.slides[1].notes_slide.notes_text_frame.text
    assert plan.read_bytes() == before  # exporting never writes the roadmap
    assert not list(tmp_path.glob(".slides.pptx.*"))  # no temporary file left behind


def test_export_pptx_errors_are_one_line_and_leave_the_old_deck(tmp_path):
    plan = tmp_path / "plan.roadmap"
    _run("new", str(plan), "--sample")
    result = _run("export", str(plan), "--pptx", str(tmp_path / "no" / "slides.pptx"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"roadmap-planner: error: {tmp_path / 'no' / 'slides.pptx'}: the folder {tmp_path / 'no'} does not exist"
    bad = tmp_path / "bad.roadmap"
    bad.write_text("not a roadmap")
    old = tmp_path / "old.pptx"
    old.write_bytes(b"previous deck")
    result = _run("export", str(bad), "--pptx", str(old))
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert old.read_bytes() == b"previous deck"
    assert "--pptx OUT" in _run("--help").stdout
