"""Rolling backups: the first open of a roadmap each day copies it aside.

Every edit is saved at once, so a bad but valid edit (a lane deleted, dates
shifted by a year) is saved too; undo covers the session, these cover the
days before. Backups are `<stem> YYYY-MM-DD.roadmap` in one folder, made with
SQLite's backup API (a file copy of a WAL database can miss committed edits)
and renamed into place only when complete. The newest `keep` per roadmap name
are kept; the date in the name, not the file time, decides which are newest.
"""

from __future__ import annotations

import glob
import re
import time
from datetime import date
from pathlib import Path

from planner.locations import data_dir
from planner.store import SUFFIX, StoreError, copy_roadmap

KEEP = 10
_STALE_TEMP_S = 3600  # a temporary file this old was left by a crash


def backups_dir() -> Path:
    """Where rolling backups live: a folder in the user data folder."""
    return data_dir() / "Backups"


def backup_name(path: Path, day: date) -> str:
    return f"{path.stem} {day.isoformat()}{SUFFIX}"


def backups_of(path: Path, folder: Path) -> list[tuple[date, Path]]:
    """The backups of roadmaps named like `path` in `folder`, oldest first."""
    pattern = re.compile(re.escape(path.stem) + r" (\d{4}-\d{2}-\d{2})" + re.escape(SUFFIX))
    found = []
    for entry in folder.iterdir() if folder.is_dir() else ():
        match = pattern.fullmatch(entry.name)
        if match and entry.is_file():
            try:
                found.append((date.fromisoformat(match.group(1)), entry))
            except ValueError:
                continue
    return sorted(found)


def rolling_backup(path: Path | str, backups_dir: Path | str, today: date, keep: int = KEEP) -> Path | None:
    """Back up the roadmap at `path` into `backups_dir` once per day, keeping the newest `keep`.

    Returns the backup made, or None when today's exists already (or `path`
    is itself in the backups folder). Raises `StoreError` naming the backup if
    it cannot be written; the roadmap itself is only read.
    """
    path, folder = Path(path), Path(backups_dir)
    if keep < 1:
        raise ValueError("keep at least one backup")
    if folder.exists() and path.resolve().parent == folder.resolve():
        return None  # looking at a backup: do not back up the backup
    target = folder / backup_name(path, today)
    made = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_stale_temporaries(path, folder)
        if not target.exists():
            copy_roadmap(path, target)
            made = target
        for _, old in backups_of(path, folder)[:-keep]:
            old.unlink(missing_ok=True)
    except (OSError, StoreError) as e:
        reason = e.reason if isinstance(e, StoreError) else (e.strerror or str(e))
        raise StoreError(target, f"today's backup could not be written ({reason})") from e
    return made


def _remove_stale_temporaries(path: Path, folder: Path) -> None:
    """Temporary files a crash left mid-backup (complete backups are renamed into place)."""
    now = time.time()
    for tmp in folder.glob(f".{glob.escape(path.stem)} ????-??-??{SUFFIX}.*.tmp"):
        try:
            if now - tmp.stat().st_mtime > _STALE_TEMP_S:
                tmp.unlink()
        except OSError:
            continue

