"""Build the one-folder bundle: `python packaging/build.py [--dist DIR] [--work DIR]`.

Run it with the Python of an environment where the app and PyInstaller are
installed (`pip install -e '.[bundle]'`); the bundle holds that Python and
the packages the app imports, so it runs where no Python is installed. Works
the same on Linux, Windows and macOS (on macOS it also makes the .app).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "roadmap-planner.spec"
NAME = "roadmap-planner"


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files under `folder` (symbolic links not followed)."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def executable(dist: Path) -> Path:
    return dist / NAME / (f"{NAME}-cli.exe" if sys.platform == "win32" else NAME)


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; returns the bundle's folder. Raises CalledProcessError on failure."""
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work), str(SPEC)],
        cwd=ROOT, check=True,
    )
    return dist / NAME


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the bundle folder goes (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's scratch folder")
    args = parser.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print("build: PyInstaller is not installed here; run: pip install -e '.[bundle]'", file=sys.stderr)
        return 1
    start = time.monotonic()
    try:
        folder = build(args.dist.resolve(), args.work.resolve())
    except subprocess.CalledProcessError as e:
        print(f"build: PyInstaller failed (exit status {e.returncode})", file=sys.stderr)
        return 1
    took = time.monotonic() - start
    check = subprocess.run([str(executable(args.dist.resolve())), "--version"], capture_output=True, text=True)
    if check.returncode != 0:
        print(f"build: the bundle does not start: {check.stderr.strip()}", file=sys.stderr)
        return 1
    size, count = folder_size(folder)
    print(f"Built {folder} in {took:.0f} s: {size / 1e6:.0f} MB in {count} files ({check.stdout.strip()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
