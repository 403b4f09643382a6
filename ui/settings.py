"""Where the app remembers things between runs: window geometry, recent files, folded parents per file.

Everything goes through `open_settings()`, so tests can redirect it with
`QSettings.setPath` and never touch the real user's settings.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings

ORGANISATION = "RoadmapPlanner"
APPLICATION = "Roadmap Planner"
RECENT_MAX = 8

_RECENT_KEY = "recentFiles"


def open_settings() -> QSettings:
    return QSettings(ORGANISATION, APPLICATION)


def recent_files(settings: QSettings) -> list[Path]:
    """The remembered files, newest first, dropping (and forgetting) missing ones."""
    stored = _as_list(settings.value(_RECENT_KEY, []))
    present = [Path(p) for p in stored if Path(p).is_file()]
    if len(present) != len(stored):
        settings.setValue(_RECENT_KEY, [str(p) for p in present])
    return present[:RECENT_MAX]


def remember_file(settings: QSettings, path: Path) -> None:
    path = path.resolve()
    stored = [p for p in _as_list(settings.value(_RECENT_KEY, [])) if Path(p) != path]
    settings.setValue(_RECENT_KEY, [str(path), *stored][:RECENT_MAX])


def folded_parents(settings: QSettings, path: Path) -> frozenset[int]:
    """The item ids collapsed on the timeline when `path` was last open (view state, not in the file)."""
    return frozenset(int(v) for v in _as_list(settings.value(_folds_key(path), [])) if str(v).isdigit())


def remember_folded(settings: QSettings, path: Path, item_ids) -> None:
    key = _folds_key(path)
    if item_ids:
        settings.setValue(key, [str(i) for i in sorted(item_ids)])
    else:
        settings.remove(key)


def _folds_key(path: Path) -> str:
    return "collapsedParents/" + hashlib.sha1(str(Path(path).resolve()).encode()).hexdigest()[:16]


def _as_list(value: object) -> list[str]:
    # WORKAROUND: an INI-backed QSettings hands back a one-element list as a
    # plain string and an empty list as None.
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value]


def export_folder(settings: QSettings | None, key: str) -> Path:
    """Where an export dialog opens: the folder last exported to under `key`, else the user's Documents."""
    from PySide6.QtCore import QStandardPaths

    remembered = settings.value(key, "") if settings is not None else ""
    if remembered and Path(str(remembered)).is_dir():
        return Path(str(remembered))
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def remember_export_folder(settings: QSettings | None, key: str, path: Path) -> None:
    if settings is not None:
        settings.setValue(key, str(path.parent))
