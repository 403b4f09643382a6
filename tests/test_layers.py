"""The layer rules of STYLE.md, checked: planner/ and exports/ never import Qt."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QT = {"PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6", "PySide2"}
# Picture exporters that must render with Qt live in exports/ but are named *_picture.py.
QT_ALLOWED = {"picture"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("path", _modules("planner") + _modules("exports") + _modules("desktop"), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_qt_below_ui(path):
    if path.parent.name == "exports" and any(tag in path.stem for tag in QT_ALLOWED):
        pytest.skip("picture exporter may use Qt")
    assert not _imports(path) & QT, f"{path.relative_to(ROOT)} imports Qt"


@pytest.mark.parametrize("path", _modules("planner"), ids=lambda p: str(p.relative_to(ROOT)))
def test_planner_is_stdlib_and_sqlite_utils_only(path):
    assert not _imports(path) & {"openpyxl", "ui", "exports", "main"}


def test_importing_planner_loads_no_qt():
    code = (
        "import sys, pkgutil, importlib, planner\n"
        "for m in pkgutil.walk_packages(planner.__path__, 'planner.'): importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in %r)\n"
        "print(bad); sys.exit(1 if bad else 0)\n" % (QT,)
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_only_the_store_speaks_sql():
    for path in _modules("planner"):
        if path.stem in {"store", "store_rows", "migrations"}:
            continue
        text = path.read_text(encoding="utf-8")
        assert "sqlite3" not in _imports(path) and "sqlite_utils" not in _imports(path), path
        assert "SELECT " not in text and "INSERT INTO" not in text, path
