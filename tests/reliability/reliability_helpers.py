"""Helpers shared by the reliability tests (conftest.py is not importable by name: tests/ has several)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MAIN = ROOT / "main.py"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every entry of a folder with its bytes (None for sub-folders)."""
    return {p.name: None if p.is_dir() else p.read_bytes() for p in sorted(folder.iterdir())}
