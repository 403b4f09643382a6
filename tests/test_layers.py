"""The house rules, checked: the import-linter contracts in pyproject.toml, and what they cannot see."""

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("planner", "exports", "imports", "ui", "desktop")
QT = {"PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6", "PySide2"}


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_import_contracts_hold():
    """Layers (ui > exports > planner; inside ui: app > shell > output > rooms > document | common),
    independent rooms, no Qt below ui/, no circles. Lazy imports inside functions count."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_every_module_imports_on_its_own():
    """Each project module imports with none of the others loaded first: no circle only works
    in one order. (Qt and pyqtgraph stay loaded between modules; they are not ours.)"""
    modules = [
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for package in PACKAGES for p in _modules(package)
    ]
    code = (
        "import importlib, sys, traceback\n"
        f"ours = {PACKAGES!r}\n"
        "bad = []\n"
        "for name in sys.argv[1:]:\n"
        "    for loaded in [m for m in sys.modules if m.split('.')[0] in ours]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception:\n"
        "        bad.append(name + ': ' + traceback.format_exc(limit=3))\n"
        "print('\\n'.join(bad)); sys.exit(1 if bad else 0)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYQTGRAPH_QT_LIB": "PySide6"}
    result = subprocess.run([sys.executable, "-c", code, *modules], cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


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
        if path.stem.startswith("store") or path.stem == "migrations":
            continue
        text = path.read_text(encoding="utf-8")
        assert "sqlite3" not in _imports(path) and "sqlite_utils" not in _imports(path), path
        assert "SELECT " not in text and "INSERT INTO" not in text, path
