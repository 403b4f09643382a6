"""Write a file under a temporary name and rename it into place when complete.

A crash or error mid-write leaves any existing file at the target untouched
and no half-written file behind. A symbolic link is written through: the
temporary file goes beside the link's target and replaces that, so the link
stays a link. Devices, pipes and sockets are refused (renaming over one would
replace it, as root even `/dev/stdout`). Every failure is a `WriteError`
naming the file as the user gave it, with a reason they can act on.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path


class WriteError(OSError):
    """A file could not be written; names the file and why. An existing file there is left as it was."""

    def __init__(self, path: Path | str, reason: str, code: int | None = None):
        super().__init__(code, reason, str(path))
        self.path = Path(path)
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def resolve_target(target: Path | str) -> Path:
    """The regular file writing `target` replaces or creates: the end of its links, or itself.

    Raises WriteError for a folder, a device, a pipe, a socket, a link that
    goes round in a circle, or a folder that does not exist.
    """
    target = Path(target)
    if _through_proc(target):
        raise WriteError(target, "leads to an open stream (such as standard output), not a file; nothing was written"
                         " (a text export goes to standard output as -)", errno.ESPIPE)
    try:
        found = os.stat(target)
    except FileNotFoundError:
        found = None  # a new file, or a link to one
    except OSError as e:
        raise WriteError(target, f"cannot be written ({_why(e)})", e.errno) from e
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise WriteError(target, "is a folder; choose a file name", errno.EISDIR)
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise WriteError(target, f"is {_special_kind(found.st_mode)}, not a regular file; nothing was written", errno.EINVAL)
    real = Path(os.path.realpath(target))
    if found is not None and not _same_file(found, real):
        raise WriteError(target, "leads to a file that has no name to write to; nothing was written", errno.EINVAL)
    if not real.parent.is_dir():
        raise WriteError(target, f"the folder {real.parent} does not exist", errno.ENOENT)
    return real


def _through_proc(target: Path) -> bool:
    """Whether a link on the way is one of /proc's descriptors (/dev/stdout, /dev/fd/3): a stream, not a name."""
    path = Path(os.path.abspath(target))
    for _ in range(40):  # the kernel's own limit on links in a row
        if Path(os.path.realpath(path.parent)).parts[:2] == ("/", "proc"):
            return True
        if not path.is_symlink():
            return False
        path = Path(os.path.realpath(path.parent)) / os.readlink(path)
    return False


def _same_file(found: os.stat_result, real: Path) -> bool:
    try:
        return os.path.samestat(found, os.stat(real))
    except OSError:
        return False


def _special_kind(mode: int) -> str:
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _mode_for(target: Path) -> int:
    """The target's own mode if it exists, else what a new file would get (mkstemp makes 0600)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


@contextlib.contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside the file `target` resolves to; on success it replaces that file.

    An OSError from the caller's writing (a full disk) comes out as a
    WriteError naming `target`; other exceptions, such as a cancelled export,
    pass through. Either way the temporary file is removed.
    """
    target = Path(target)
    real = resolve_target(target)
    if not real.parent.stat().st_mode & 0o222:
        # As the store does: a folder marked read-only stays read-only for root, whom the OS would let write.
        raise WriteError(target, f"cannot write in the folder {real.parent} (it is read-only)", errno.EACCES)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    except OSError as e:
        raise WriteError(target, f"cannot write in the folder {real.parent} ({_why(e)})", e.errno) from e
    os.close(fd)
    tmp = Path(name)
    try:
        with contextlib.suppress(OSError):  # a file system without Unix modes keeps its default
            os.chmod(tmp, _mode_for(real))
        try:
            yield tmp
        except OSError as e:
            if isinstance(e, WriteError) or e.errno is None:  # already says what went wrong
                raise
            raise WriteError(target, f"could not write the file ({_why(e)})", e.errno) from e
        try:
            os.replace(tmp, real)
        except IsADirectoryError as e:
            raise WriteError(target, "is a folder; choose a file name", e.errno) from e
        except PermissionError as e:
            raise WriteError(target, "the file is open in another program or read-only; close it and try again", e.errno) from e
        except OSError as e:
            raise WriteError(target, f"could not replace the file ({_why(e)})", e.errno) from e
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(target: Path | str, text: str) -> None:
    """Write `text` as UTF-8 to `target`, atomically."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


STDOUT = "-"


def write_output(target: Path | str, data: str | bytes) -> None:
    """A text export: to the file `target` atomically, or to standard output when `target` is `-`."""
    if str(target) == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
        sys.stdout.buffer.flush()
    elif isinstance(data, str):
        write_text(target, data)
    else:
        with atomic_path(target) as tmp:
            tmp.write_bytes(data)


def _why(e: OSError) -> str:
    if e.errno == errno.ENOSPC:
        return "the disk is full"
    if isinstance(e, PermissionError):
        return "permission denied"
    return e.strerror or str(e)
