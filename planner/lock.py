"""'Already open elsewhere': an advisory lock held while a roadmap is open for writing.

The lock is an OS lock on a sidecar file beside the roadmap
(`.NAME.roadmap.lock`), never on the roadmap itself, whose byte ranges belong
to SQLite. The OS drops it when the holding process dies, so a crash never
leaves a roadmap locked. Within one process the lock is shared (counted), so
a window may reopen the file it already has open.

On POSIX the sidecar is removed by its last holder while still locked; a
process that locked a file which was removed meanwhile retries on the new one,
so two processes can never both believe they hold the lock.
"""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


class LockedError(Exception):
    """Another process holds the lock."""


def lock_path_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


_held: dict[str, tuple[int, int]] = {}  # resolved lock path -> (fd, holders in this process)
_guard = threading.Lock()


class RoadmapLock:
    """A held lock; `release()` (idempotent) gives it up."""

    def __init__(self, key: str):
        self._key: str | None = key

    def release(self) -> None:
        with _guard:
            key, self._key = self._key, None
            if key is None:
                return
            fd, holders = _held[key]
            if holders > 1:
                _held[key] = (fd, holders - 1)
                return
            del _held[key]
            _unlock_and_remove(fd, Path(key))

    @property
    def held(self) -> bool:
        return self._key is not None


def acquire(path: Path) -> RoadmapLock | None:
    """Lock the roadmap at `path` for writing.

    Raises `LockedError` if another process holds it. Returns None when the
    lock cannot be taken at all (a network share without locks, no right to
    create the sidecar): the caller goes on without it rather than refuse the file.
    """
    lock = lock_path_for(path.resolve())
    key = str(lock)
    with _guard:
        if key in _held:
            fd, holders = _held[key]
            _held[key] = (fd, holders + 1)
            return RoadmapLock(key)
        try:
            fd = _lock_file(lock)
        except OSError:  # not LockedError: the file system cannot lock
            return None
        _held[key] = (fd, 1)
        return RoadmapLock(key)


# --- the OS calls -------------------------------------------------------------


def _lock_file(lock: Path) -> int:
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _try_lock(fd)
        except BaseException:
            os.close(fd)
            raise
        if fcntl is None:
            return fd
        # The previous holder may have removed the file between our open and
        # our lock: then we hold a lock on a file nobody else can find.
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(lock))
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)


def _try_lock(fd: int) -> None:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError as e:
        if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES, errno.EDEADLK):
            raise LockedError from e
        raise


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    else:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def _unlock_and_remove(fd: int, lock: Path) -> None:
    if fcntl is not None:
        # Remove while still locked, so a waiting process cannot lock the old file unnoticed.
        try:
            lock.unlink()
        except OSError:
            pass
        os.close(fd)  # closing drops the flock
        return
    try:
        _unlock(fd)
    except OSError:
        pass
    os.close(fd)
    try:  # Windows refuses while another process has it open: that process holds or wants it
        lock.unlink()
    except OSError:
        pass
