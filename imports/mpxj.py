"""MPXJ, the field's standard reader of project files, run in a child process.

The parent never imports jpype: it finds a Java runtime, starts
`python -m imports.mpxj_child FILE`, and turns the JSON it prints into the
same `RawProject` the built-in MSPDI reader makes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

from imports.msproject import RawLink, RawProject, RawTask
from imports.plan import ImportFileError

INSTALL_HINT = "install a Java runtime (Debian: apt-get install default-jre-headless; or any JRE 11+)"
TIMEOUT_S = 120
# A standalone bundle's executable is the app, not a Python that takes `-m`: main.py runs
# the child when this comes first (packaging/roadmap-planner.spec bundles it).
CHILD_FLAG = "--mpxj-child"


def child_command(path: Path) -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_FLAG, str(path)]
    return [sys.executable, "-m", "imports.mpxj_child", str(path)]


def java_found() -> bool:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return True
    return shutil.which("java") is not None


@cache
def mpxj_version() -> str | None:
    try:
        return metadata.version("mpxj")
    except metadata.PackageNotFoundError:
        return None


def available() -> bool:
    return java_found() and mpxj_version() is not None


def why_unavailable() -> str:
    if not java_found():
        return f"no Java runtime found: {INSTALL_HINT}"
    return "the mpxj package is not installed (pip install mpxj)"


def read_raw(path: Path) -> RawProject:
    if not available():
        raise ImportFileError(path, f"reading this format needs MPXJ and Java; {why_unavailable()}")
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    try:
        done = subprocess.run(
            child_command(path.resolve()),
            capture_output=True,
            timeout=TIMEOUT_S,
            cwd=Path(__file__).resolve().parents[1],
            env=env,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise ImportFileError(path, f"MPXJ did not finish reading within {TIMEOUT_S} s") from None
    try:
        data = json.loads(done.stdout.decode("utf-8"))
    except ValueError:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise ImportFileError(path, f"MPXJ failed ({tail[0][:200]})") from None
    if "error" in data:
        raise ImportFileError(path, f"MPXJ could not read it: {data['error']}")
    return RawProject(
        title=data["title"],
        minutes_per_day=data["minutes_per_day"],
        tasks=[RawTask(**t) for t in data["tasks"]],
        links=[RawLink(**l) for l in data["links"]],
        resources=data["resources"],
        calendars=data["calendars"],
        has_costs=data["has_costs"],
        extra=data.get("extra", {}),
    )
