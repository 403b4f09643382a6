"""The headless command line, run as a user would: a subprocess in a scratch folder."""

from __future__ import annotations

import json
import zipfile
import os
import random
import stat
import subprocess
from pathlib import Path

import pytest

from tests.cli_run import cli, one_line_error, sha256


def test_version(tmp_path):
    from planner import __version__

    result = cli(tmp_path, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"roadmap-planner {__version__}"


def test_help_shows_examples(tmp_path):
    result = cli(tmp_path, "--help")
    assert result.returncode == 0
    assert "examples:" in result.stdout
    for command in ("new plan.roadmap --sample", "export plan.roadmap --json plan.json", "import plan.json --to copy.roadmap",
                    "repair sent.roadmap --to clean.roadmap"):
        assert command in result.stdout


def test_new_export_import_export_gives_identical_json(tmp_path):
    made = cli(tmp_path, "new", "plan.roadmap", "--sample")
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == "Created plan.roadmap"

    first = cli(tmp_path, "export", "plan.roadmap", "--json", "plan.json")
    assert first.returncode == 0, first.stderr
    data = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert data["format"] == "roadmap-planner" and len(data["items"]) >= 27

    imported = cli(tmp_path, "import", "plan.json", "--to", "copy.roadmap")
    assert imported.returncode == 0, imported.stderr
    assert f"({len(data['items'])} items)" in imported.stdout

    second = cli(tmp_path, "export", "copy.roadmap", "--json", "copy.json")
    assert second.returncode == 0, second.stderr
    assert (tmp_path / "copy.json").read_bytes() == (tmp_path / "plan.json").read_bytes()
    assert not (tmp_path / "xdg").exists()  # headless commands leave the default roadmap alone


def test_new_without_sample_uses_the_file_name_as_title(tmp_path):
    assert cli(tmp_path, "new", "Q3 plan.roadmap").returncode == 0
    assert cli(tmp_path, "export", "Q3 plan.roadmap", "--json", "out.json").returncode == 0
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert data["roadmap"]["title"] == "Q3 plan"
    assert data["items"] == [] and len(data["lanes"]) == 9


def _sample_json() -> dict:
    from resources import SAMPLE_ROADMAP

    return json.loads(SAMPLE_ROADMAP.read_text(encoding="utf-8"))


def test_import_of_bad_json_names_file_and_path(tmp_path):
    data = _sample_json()
    data["items"][1]["end"] = "2025-01-01"
    (tmp_path / "bad.json").write_text(json.dumps(data), encoding="utf-8")
    line = one_line_error(cli(tmp_path, "import", "bad.json", "--to", "out.roadmap"))
    assert "bad.json: $.items[1].end: end 2025-01-01 is before start" in line
    assert sorted(os.listdir(tmp_path)) == ["bad.json"]  # no target, no temp file


def test_import_of_malformed_json(tmp_path):
    (tmp_path / "broken.json").write_text('{"format": "roadmap-planner",\n "version": 1,,}', encoding="utf-8")
    line = one_line_error(cli(tmp_path, "import", "broken.json", "--to", "out.roadmap"))
    assert "broken.json: $: is not valid JSON" in line and "line 2" in line
    assert not (tmp_path / "out.roadmap").exists()


def test_import_of_a_missing_file(tmp_path):
    line = one_line_error(cli(tmp_path, "import", "nothing.json", "--to", "out.roadmap"))
    assert "nothing.json: no such file" in line


def _spoil_budget(d):
    d["items"][0]["budget"] = 10**400


def _spoil_row(d):
    d["items"][0]["row"] = 2**70


def _spoil_decisions(d):
    d["reviews"][0]["decisions"].append(dict(d["reviews"][0]["decisions"][0]))


def _spoil_title(d):
    d["items"][0]["title"] = "\ud800"  # a lone surrogate: valid JSON escape, not encodable text


def _spoil_description(d):
    d["items"][0]["description"] = "x" * 10_000_000  # the board pack would cut it at a cell's 32,767


@pytest.mark.parametrize(
    ("spoil", "where"),
    [
        pytest.param(_spoil_budget, "$.items[0].budget", id="huge-budget"),
        pytest.param(_spoil_row, "$.items[0].row", id="huge-row"),
        pytest.param(_spoil_decisions, "$.reviews[0].decisions", id="duplicate-decision"),
        pytest.param(_spoil_title, "$.items[0].title", id="lone-surrogate"),
        pytest.param(_spoil_description, "$.items[0].description: description is 10,000,000 characters; the limit is 32,767",
                     id="10-MB-description"),
    ],
)
def test_import_of_json_the_file_cannot_hold_is_a_one_line_error(tmp_path, spoil, where):
    data = _sample_json()
    spoil(data)
    (tmp_path / "odd.json").write_text(json.dumps(data), encoding="utf-8")
    line = one_line_error(cli(tmp_path, "import", "odd.json", "--to", "out.roadmap"))
    assert f"odd.json: {where}" in line
    assert sorted(os.listdir(tmp_path)) == ["odd.json"]


def test_import_refuses_an_existing_target(tmp_path):
    assert cli(tmp_path, "new", "plan.roadmap", "--sample").returncode == 0
    assert cli(tmp_path, "export", "plan.roadmap", "--json", "plan.json").returncode == 0
    (tmp_path / "taken.roadmap").write_bytes(b"precious")
    line = one_line_error(cli(tmp_path, "import", "plan.json", "--to", "taken.roadmap"))
    assert "taken.roadmap: already exists" in line
    assert (tmp_path / "taken.roadmap").read_bytes() == b"precious"


def test_export_of_a_garbage_file(tmp_path):
    garbage = tmp_path / "garbage.roadmap"
    garbage.write_bytes(random.Random(7).randbytes(5000))
    digest = sha256(garbage)
    line = one_line_error(cli(tmp_path, "export", "garbage.roadmap", "--json", "out.json"))
    assert "garbage.roadmap: is not a roadmap file" in line
    assert sha256(garbage) == digest
    assert sorted(os.listdir(tmp_path)) == ["garbage.roadmap"]


def test_export_of_a_missing_file(tmp_path):
    line = one_line_error(cli(tmp_path, "export", "nope.roadmap", "--json", "out.json"))
    assert "nope.roadmap: no such file" in line
    assert os.listdir(tmp_path) == []


def test_export_leaves_nothing_beside_the_roadmap(tmp_path):
    assert cli(tmp_path, "new", "plan.roadmap", "--sample").returncode == 0
    assert cli(tmp_path, "export", "plan.roadmap", "--json", "plan.json").returncode == 0
    assert sorted(os.listdir(tmp_path)) == ["plan.json", "plan.roadmap"]


def usage_error(result: subprocess.CompletedProcess, help_for: str = "roadmap-planner") -> str:
    """One line naming the mistake and where --help is (never argparse's multi-line usage), exit status 2."""
    assert result.returncode == 2, result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and not lines[0].startswith("usage:"), result.stderr
    assert lines[0].startswith("roadmap-planner: error: ") and lines[0].endswith(f"(see {help_for} --help)")
    return lines[0]


@pytest.fixture
def plan(tmp_path) -> Path:
    assert cli(tmp_path, "new", "plan.roadmap", "--sample").returncode == 0
    return tmp_path / "plan.roadmap"


def test_export_without_a_format_is_a_usage_error(tmp_path, plan):
    line = usage_error(cli(tmp_path, "export", "plan.roadmap"), "roadmap-planner export")
    assert "one of the arguments --json --xlsx --pptx --png --svg --pdf --mspdi --ics is required" in line
    assert sorted(os.listdir(tmp_path)) == ["plan.roadmap"]


@pytest.mark.parametrize(
    ("args", "help_for", "says"),
    [
        (["frobnicate", "s.roadmap"], "roadmap-planner",
         "unknown command 'frobnicate', and no file of that name; the commands are new, export, import, check"),
        (["exprot", "plan.roadmap", "--json", "x.json"], "roadmap-planner", "unknown command 'exprot' (did you mean export?)"),
        (["plan.roadmap", "extra.roadmap"], "roadmap-planner", "unrecognized arguments: extra.roadmap"),
        (["export", "plan.roadmap", "--json"], "roadmap-planner export", "argument --json: expected one argument"),
        (["export", "plan.roadmap", "--png", "a.png", "--size", "big"], "roadmap-planner export",
         "argument --size: size must look like 1600x1000, not 'big'"),
        (["export", "plan.roadmap", "--json", "a.json", "--size", "800x600"], "roadmap-planner export",
         "--size applies to --png, --svg, --pdf, not --json"),
        (["export", "plan.roadmap", "--xlsx", "a.xlsx", "--size", "800x600"], "roadmap-planner export",
         "--size applies to --png, --svg, --pdf, not --xlsx"),
        (["export", "plan.roadmap", "--svg", "a.svg", "--scale", "2"], "roadmap-planner export", "--scale applies to --png, not --svg"),
        (["plan.roadmap", "--size", "800x600"], "roadmap-planner", "--size applies only with --screenshot"),
        (["import", "in.json"], "roadmap-planner import", "the following arguments are required: --to"),
        (["check", "plan.roadmap", "--colour"], "roadmap-planner check", "unrecognized arguments: --colour"),
    ],
)
def test_usage_mistakes_are_one_line_naming_the_mistake(tmp_path, plan, args, help_for, says):
    assert says in usage_error(cli(tmp_path, *args), help_for)
    assert sorted(os.listdir(tmp_path)) == ["plan.roadmap"]


@pytest.mark.parametrize("option", [["--lane", "Growth"], ["--band", "business"], ["--map", "Task=title"], ["--dates", "dmy"]])
def test_import_options_for_other_tools_files_are_refused_with_our_json(tmp_path, plan, option):
    assert cli(tmp_path, "export", "plan.roadmap", "--json", "plan.json").returncode == 0
    line = usage_error(cli(tmp_path, "import", "plan.json", "--to", "copy.roadmap", *option), "roadmap-planner import")
    assert f"{option[0]} applies to other tools' files, not to our JSON" in line
    assert sorted(os.listdir(tmp_path)) == ["plan.json", "plan.roadmap"]


@pytest.mark.parametrize(
    ("option", "name", "expected"),
    [("--xlsx", "x.png", ".xlsx"), ("--png", "x.svg", ".png"), ("--svg", "x.pdf", ".svg"), ("--pdf", "x.json", ".pdf"),
     ("--json", "x.xlsx", ".json"), ("--json", "plan", ".json"), ("--xlsx", "pack.xlsx.bak", ".xlsx"),
     ("--mspdi", "plan.mpp", ".xml"), ("--ics", "plan.ical", ".ics"), ("--pptx", "deck.ppt", ".pptx")],
)
def test_a_file_name_that_does_not_match_its_format_is_refused(tmp_path, plan, option, name, expected):
    (tmp_path / name).write_bytes(b"keep")
    line = usage_error(cli(tmp_path, "export", "plan.roadmap", option, name), "roadmap-planner export")
    assert f"{name}: {option} writes " in line and f"give a file name ending in {expected}" in line
    assert (tmp_path / name).read_bytes() == b"keep"
    assert sorted(os.listdir(tmp_path)) == sorted([name, "plan.roadmap"])


def test_the_extension_is_matched_without_case(tmp_path, plan):
    result = cli(tmp_path, "export", "plan.roadmap", "--json", "PLAN.JSON")
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "PLAN.JSON").read_text(encoding="utf-8"))["format"] == "roadmap-planner"


def test_screenshot_wants_a_png_name(tmp_path, plan):
    line = usage_error(cli(tmp_path, "plan.roadmap", "--screenshot", "shot.jpg"))
    assert "shot.jpg: --screenshot writes a PNG picture; give a file name ending in .png" in line


def test_json_to_standard_output_with_a_dash(tmp_path, plan):
    assert cli(tmp_path, "export", "plan.roadmap", "--json", "plan.json").returncode == 0
    result = cli(tmp_path, "export", "plan.roadmap", "--json", "-")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == (tmp_path / "plan.json").read_text(encoding="utf-8")  # the JSON and nothing else
    assert sorted(os.listdir(tmp_path)) == ["plan.json", "plan.roadmap"]


@pytest.mark.parametrize("option", ["--xlsx", "--pptx", "--png", "--svg", "--pdf"])
def test_binary_formats_do_not_go_to_standard_output(tmp_path, plan, option):
    line = usage_error(cli(tmp_path, "export", "plan.roadmap", option, "-"), "roadmap-planner export")
    assert "cannot go to standard output" in line
    assert sorted(os.listdir(tmp_path)) == ["plan.roadmap"]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux's /proc")
def test_a_stream_like_dev_stdout_is_refused_and_stays_a_link(tmp_path, plan):
    """Run as root, a rename over /dev/stdout once replaced the system's link with a plain file. Tested
    through a link of our own to /proc/self/fd/1 (what /dev/stdout is), so a regression here replaces
    only that link; tests/planner/test_atomic.py refuses the real /dev/stdout behind a safety net."""
    link = tmp_path / "stdout.json"
    link.symlink_to("/proc/self/fd/1")
    assert one_line_error(cli(tmp_path, "export", "plan.roadmap", "--json", "stdout.json")) == (
        "roadmap-planner: error: stdout.json: leads to an open stream (such as standard output), not a file; "
        "nothing was written (a text export goes to standard output as -)"
    )
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"
    assert sorted(os.listdir(tmp_path)) == ["plan.roadmap", "stdout.json"]


def test_a_device_is_refused_and_left_alone(tmp_path, plan):
    device = tmp_path / "null.json"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    except (PermissionError, AttributeError):
        pytest.skip("making a character device needs root (the real /dev/null is tested in tests/planner/test_atomic.py)")
    before = os.lstat(device)
    assert one_line_error(cli(tmp_path, "export", "plan.roadmap", "--json", "null.json")) == (
        "roadmap-planner: error: null.json: is a character device, not a regular file; nothing was written"
    )
    after = os.lstat(device)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert sorted(os.listdir(tmp_path)) == ["null.json", "plan.roadmap"]


def test_export_writes_through_a_link(tmp_path, plan):
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "2026.json").write_text("old")
    (tmp_path / "latest.json").symlink_to(tmp_path / "store" / "2026.json")
    result = cli(tmp_path, "export", "plan.roadmap", "--json", "latest.json")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "latest.json").is_symlink()
    assert json.loads((tmp_path / "store" / "2026.json").read_text(encoding="utf-8"))["format"] == "roadmap-planner"
    assert sorted(os.listdir(tmp_path / "store")) == ["2026.json"]


def test_new_refuses_an_existing_file(tmp_path):
    (tmp_path / "plan.roadmap").write_bytes(b"keep me")
    line = one_line_error(cli(tmp_path, "new", "plan.roadmap", "--sample"))
    assert "plan.roadmap: already exists" in line
    assert (tmp_path / "plan.roadmap").read_bytes() == b"keep me"


def test_check_prints_score_and_findings_and_fails_on_errors(tmp_path):
    assert cli(tmp_path, "new", "plan.roadmap", "--sample").returncode == 0
    result = cli(tmp_path, "check", "plan.roadmap")
    assert result.returncode == 1  # the sample has a late enabler (an error)
    assert "alignment score" in result.stdout and "Multi-currency payments" in result.stdout
    report = json.loads(cli(tmp_path, "check", "plan.roadmap", "--json").stdout)
    assert 0 <= report["score"] <= 100 and any(f["rule"] == "late-enabler" for f in report["findings"])


def test_check_of_an_empty_roadmap_exits_zero_with_no_score_and_says_why(tmp_path):
    assert cli(tmp_path, "new", "empty.roadmap").returncode == 0
    result = cli(tmp_path, "check", "empty.roadmap")
    assert result.returncode == 0, result.stdout + result.stderr
    first, why = result.stdout.splitlines()[:2]
    assert first.endswith("alignment score —") and "no business goals or tech initiatives" in why
    assert "/100" not in result.stdout and " 100 " not in result.stdout  # no score, and no parts scored
    report = json.loads(cli(tmp_path, "check", "empty.roadmap", "--json").stdout)
    assert report["score"] is None and report["parts"] == [] and "no business goals" in report["score_reason"]


@pytest.mark.gui
@pytest.mark.parametrize("kind", ["png", "svg", "pdf"])
def test_export_picture_headless(tmp_path, kind):
    assert cli(tmp_path, "new", "plan.roadmap", "--sample").returncode == 0
    result = cli(tmp_path, "export", "plan.roadmap", f"--{kind}", f"t.{kind}", "--size", "1200x800")
    assert result.returncode == 0, result.stderr
    data = (tmp_path / f"t.{kind}").read_bytes()
    if kind == "png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (1200, 800)  # exactly the size asked for
    elif kind == "svg":
        assert b"<svg" in data and b"Northwind" in data
    else:
        assert data.startswith(b"%PDF") and len(data) > 5000


@pytest.mark.gui
def test_png_scale_sharpens_without_changing_the_size(tmp_path):
    from PySide6.QtGui import QImage

    assert cli(tmp_path, "new", "plan.roadmap", "--sample").returncode == 0
    for scale in ("1", "2"):
        result = cli(tmp_path, "export", "plan.roadmap", "--png", f"s{scale}.png", "--size", "2000x1200", "--scale", scale)
        assert result.returncode == 0, result.stderr
    sharp, plain = QImage(str(tmp_path / "s2.png")), QImage(str(tmp_path / "s1.png"))
    assert (sharp.width(), sharp.height()) == (plain.width(), plain.height()) == (2000, 1200)
    assert sharp != plain  # the same plan drawn twice as large: the view laid out at 1000x600
    bad = cli(tmp_path, "export", "plan.roadmap", "--png", "x.png", "--scale", "20")
    assert bad.returncode == 2 and "scale must be 0.5-8" in bad.stderr


@pytest.mark.gui
def test_pdf_export_paginates_a4_landscape(tmp_path):
    assert cli(tmp_path, "new", "plan.roadmap", "--sample").returncode == 0
    assert cli(tmp_path, "export", "plan.roadmap", "--pdf", "t.pdf").returncode == 0
    data = (tmp_path / "t.pdf").read_bytes()
    assert data.count(b"/MediaBox [0 0 842.000000 595.000000]") == 1  # one A4 landscape page: both bands fit


@pytest.mark.gui
def test_board_pack_from_the_command_line_embeds_the_timeline(tmp_path):
    import openpyxl

    assert cli(tmp_path, "new", "plan.roadmap", "--sample").returncode == 0
    result = cli(tmp_path, "export", "plan.roadmap", "--xlsx", "pack.xlsx")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "pack.xlsx") as pack:
        media = [n for n in pack.namelist() if n.startswith("xl/media/")]
        assert media and pack.read(media[0])[:8] == b"\x89PNG\r\n\x1a\n"
        png = pack.read(media[0])
        assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (2167, 1298)  # for the page
    assert openpyxl.load_workbook(tmp_path / "pack.xlsx").sheetnames[1] == "Timeline"
    summary = openpyxl.load_workbook(tmp_path / "pack.xlsx")["Summary"]
    assert any(cell.value == "82 / 100" or (isinstance(cell.value, str) and "/ 100" in cell.value) for row in summary.iter_rows() for cell in row)
