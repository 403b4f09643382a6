"""Writing an export file safely: complete or not at all, with a message naming the file."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

from planner.atomic import atomic_path


class ExportError(Exception):
    """An export could not be written; the message names the file and why. The target is left as it was."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write(temporary_path)` in the target's folder, then rename over `path`.

    A failure anywhere (including an exception from `write`, such as a cancelled
    export) removes the temporary file and leaves an existing `path` untouched.
    """
    path = Path(path)
    if path.is_dir():
        raise ExportError(path, "is a folder; choose a file name")
    if not path.parent.is_dir():
        raise ExportError(path, f"the folder {path.parent} does not exist")
    stage = "start"
    try:
        with atomic_path(path) as tmp:
            stage = "write"
            write(tmp)
            stage = "replace"
    except PermissionError as e:
        if stage == "start":
            raise ExportError(path, f"cannot write in the folder {path.parent} ({_why(e)})") from e
        if stage == "replace":
            raise ExportError(path, "the file is open in another program or read-only; close it and try again") from e
        raise ExportError(path, f"could not write the file ({_why(e)})") from e
    except IsADirectoryError as e:
        raise ExportError(path, "is a folder; choose a file name") from e
    except OSError as e:
        what = {"start": f"cannot write in the folder {path.parent}", "write": "could not write the file"}.get(stage, "could not replace the file")
        raise ExportError(path, f"{what} ({_why(e)})") from e


def _why(e: OSError) -> str:
    if e.errno == errno.ENOSPC:
        return "the disk is full"
    if isinstance(e, PermissionError):
        return "permission denied"
    return e.strerror or str(e)
