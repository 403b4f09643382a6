"""The one-folder bundle, built by packaging/build.py and run with no Python environment around it.

Slow: PyInstaller takes about a minute on a 2-core machine. One build serves
every test in this module.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exports.excel import SHEET_NAMES
from imports import mpxj
from planner import __version__
from planner.store import Store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "packaging" / "build.py"
MAX_MB = 300  # 263 MB measured: 31 MB of MPXJ's jars, 28 MB of Pillow and lxml for the slides; full PySide6 (+400 MB) or a test tool would not pass
FIXTURES = ROOT / "tests" / "imports" / "fixtures"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (it is in the 'test' and 'bundle' extras)")
    scratch = tmp_path_factory.mktemp("bundle")
    result = subprocess.run([sys.executable, str(BUILD), "--dist", str(scratch / "dist"), "--work", str(scratch / "work")],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    print(result.stdout.strip().splitlines()[-1])  # "Built ... in N s: M MB in K files"
    return scratch / "dist" / "roadmap-planner"


@pytest.fixture
def run(bundle, tmp_path):
    """Run the bundle's executable in `tmp_path` with a bare environment: no venv, no Python on the way."""
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_DATA_HOME": str(home / "share"),
           "XDG_CONFIG_HOME": str(home / "config"), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(bundle / "roadmap-planner"), *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)

    return run


def test_the_bundle_holds_only_what_the_app_uses(bundle):
    files = [p for p in bundle.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"libQt6Widgets.so.6", "libQt6Svg.so.6", "libQt6PrintSupport.so.6", "libQt6Network.so.6"} <= names
    assert not {n for n in names if n.startswith(("libQt6Qml", "libQt6Quick", "libQt6WebEngine", "libQt6Test"))}
    parts = {part for p in files for part in p.relative_to(bundle).parts}
    assert not parts & {"pytest", "_pytest", "pytestqt", "hypothesis", "PyInstaller", "translations", "tls"}
    assert (bundle / "_internal" / "resources" / "sample_roadmap.json").is_file()
    assert (bundle / "_internal" / "resources" / "icons" / "roadmap-planner-256.png").is_file()
    size_mb = sum(p.stat().st_size for p in files if not p.is_symlink()) / 1e6
    assert size_mb < MAX_MB, f"the bundle grew to {size_mb:.0f} MB"


def test_the_bundle_says_its_version(run):
    result = run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"roadmap-planner {__version__}"


def test_the_bundle_renders_a_screenshot_offscreen(run, tmp_path):
    from PySide6.QtGui import QImage

    assert run("new", "plan.roadmap", "--sample").returncode == 0
    result = run("plan.roadmap", "--screenshot", "shot.png", "--size", "1200x800")
    assert result.returncode == 0, result.stderr
    image = QImage(str(tmp_path / "shot.png"))
    assert (image.width(), image.height()) == (1200, 800)
    colours = {image.pixel(x, y) for x in range(0, 1200, 7) for y in range(0, 800, 7)}
    assert len(colours) > 50  # bars, lanes, text: not a blank or one-colour window


def test_the_bundle_writes_a_board_pack_with_its_picture(run, tmp_path):
    assert run("new", "plan.roadmap", "--sample").returncode == 0
    result = run("export", "plan.roadmap", "--xlsx", "pack.xlsx")
    assert result.returncode == 0, result.stderr
    assert "picture was left out" not in result.stderr  # the bundled Qt drew the timeline
    workbook = load_workbook(tmp_path / "pack.xlsx")
    assert workbook.sheetnames == list(SHEET_NAMES)
    assert workbook["Summary"]["A1"].value == "Northwind Retail Group Strategy 2026-2030"
    with zipfile.ZipFile(tmp_path / "pack.xlsx") as z:  # openpyxl drops images on load without Pillow
        media = [z.read(n) for n in z.namelist() if n.startswith("xl/media/")]
    assert len(media) == 1 and media[0].startswith(b"\x89PNG"), "the timeline picture is missing"


@pytest.mark.skipif(not mpxj.java_found(), reason=f"no Java runtime: {mpxj.INSTALL_HINT}")
def test_the_bundle_reads_ms_project_files_with_its_mpxj(run, tmp_path):
    result = run("import", str(FIXTURES / "mspdi" / "mpxj_mspdiduration.xml"), "--to", "project.roadmap")
    assert result.returncode == 0, result.stderr
    assert "read by MPXJ" in result.stdout  # the bundled jars in a JVM child, not the built-in reader
    with Store.open(tmp_path / "project.roadmap", read_only=True) as store:
        assert len(store.load().items) == 10
