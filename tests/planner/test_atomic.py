"""The one atomic writer: through links to their target, never over devices, pipes, sockets or streams."""

from __future__ import annotations

import errno
import os
import socket
import stat
from pathlib import Path

import pytest

from planner import atomic
from planner.atomic import WriteError, atomic_path, write_text


def entries(*folders: Path) -> dict[str, list[str]]:
    return {f.name: sorted(p.name for p in f.iterdir()) for f in folders}


@pytest.fixture(autouse=True)
def renames_stay_in_tmp_path(tmp_path, monkeypatch):
    """A safety net: should the writer regress, a test fails here instead of renaming over /dev/null or /dev/stdout."""
    real_replace = os.replace

    def guarded(src, dst, *args, **kwargs):
        if not Path(os.path.abspath(dst)).is_relative_to(tmp_path):
            raise AssertionError(f"the writer tried to replace {dst}")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", guarded)


@pytest.fixture
def char_device(tmp_path) -> Path:
    """A character device of our own, like /dev/null (needs root's mknod; else a link to /dev/null)."""
    path = tmp_path / "null.json"
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        path.symlink_to("/dev/null")
    return path


@pytest.fixture
def two_folders(tmp_path):
    links, files = tmp_path / "links", tmp_path / "files"
    links.mkdir()
    files.mkdir()
    return links, files


def test_writes_through_a_link_to_its_target(two_folders):
    links, files = two_folders
    real = files / "plan.json"
    real.write_text("old")
    real.chmod(0o640)
    link = links / "latest.json"
    link.symlink_to(real)
    with atomic_path(link) as tmp:
        assert tmp.parent == files  # the rename must stay on the target's file system
        tmp.write_text("new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new" and not real.is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640  # the target's mode, not the link's
    assert entries(links, files) == {"links": ["latest.json"], "files": ["plan.json"]}


def test_a_chain_of_relative_links(two_folders):
    links, files = two_folders
    (files / "plan.json").write_text("old")
    (links / "one.json").symlink_to(Path("..") / "files" / "plan.json")
    (links / "two.json").symlink_to("one.json")
    write_text(links / "two.json", "new")
    assert (files / "plan.json").read_text() == "new"
    assert (links / "two.json").is_symlink() and (links / "one.json").is_symlink()
    assert entries(links, files) == {"links": ["one.json", "two.json"], "files": ["plan.json"]}


def test_a_dangling_link_creates_its_target(two_folders):
    links, files = two_folders
    (links / "new.json").symlink_to(files / "made.json")
    write_text(links / "new.json", "hello")
    assert (files / "made.json").read_text() == "hello"
    assert (links / "new.json").is_symlink()


def test_a_link_into_a_read_only_folder_names_that_folder(two_folders):
    links, files = two_folders
    (files / "plan.json").write_text("old")
    (links / "plan.json").symlink_to(files / "plan.json")
    files.chmod(0o555)
    try:
        with pytest.raises(WriteError) as e:
            write_text(links / "plan.json", "new")
    finally:
        files.chmod(0o755)
    assert str(e.value) == f"{links / 'plan.json'}: cannot write in the folder {files} (it is read-only)"
    assert (files / "plan.json").read_text() == "old"
    assert entries(links, files) == {"links": ["plan.json"], "files": ["plan.json"]}


def test_a_fifo_is_refused_and_left_a_fifo(tmp_path):
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    link = tmp_path / "via.json"
    link.symlink_to(fifo)
    for path in (fifo, link):
        with pytest.raises(WriteError) as e:
            write_text(path, "{}")  # opening a FIFO to write would block: refused before any open
        assert str(e.value) == f"{path}: is a named pipe, not a regular file; nothing was written"
        assert e.value.errno == errno.EINVAL and e.value.filename == str(path)
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "via.json"]


def test_a_character_device_is_refused_and_untouched(tmp_path, char_device):
    link = tmp_path / "via.json"
    link.symlink_to(char_device)
    before = [os.lstat(p) for p in (char_device, link, "/dev/null")]
    for path in (char_device, link, Path("/dev/null")):
        with pytest.raises(WriteError) as e:
            write_text(path, "{}")
        assert str(e.value) == f"{path}: is a character device, not a regular file; nothing was written"
    after = [os.lstat(p) for p in (char_device, link, "/dev/null")]
    assert [(s.st_ino, s.st_mode, s.st_rdev) for s in after] == [(s.st_ino, s.st_mode, s.st_rdev) for s in before]
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null.json", "via.json"]


def test_a_socket_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a Unix socket's path must be short
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind("s.json")
        with pytest.raises(WriteError, match="s.json: is a socket, not a regular file"):
            write_text(tmp_path / "s.json", "{}")
        assert stat.S_ISSOCK((tmp_path / "s.json").lstat().st_mode)
    finally:
        server.close()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux's /proc")
@pytest.mark.parametrize("how", ["/dev/stdout", "/dev/fd/N", "a link to /proc/self/fd/N"])
def test_a_stream_such_as_dev_stdout_is_refused(tmp_path, how):
    """/dev/stdout is a link to /proc/self/fd/1; renaming over what that names would replace it."""
    read_end, write_end = os.pipe()
    try:
        if how == "/dev/stdout":
            path = Path("/dev/stdout")
        elif how == "/dev/fd/N":
            path = Path(f"/dev/fd/{write_end}")
        else:
            path = tmp_path / "out.json"
            path.symlink_to(f"/proc/self/fd/{write_end}")
        before = os.readlink("/dev/stdout")
        with pytest.raises(WriteError) as e:
            write_text(path, "{}")
        assert str(e.value) == (
            f"{path}: leads to an open stream (such as standard output), not a file; nothing was written"
            " (a text export goes to standard output as -)"
        )
        assert os.readlink("/dev/stdout") == before
        os.set_blocking(read_end, False)
        with pytest.raises(BlockingIOError):
            os.read(read_end, 10)  # nothing was written into the stream either
    finally:
        os.close(read_end)
        os.close(write_end)
    assert sorted(p.name for p in tmp_path.iterdir()) == (["out.json"] if how.startswith("a link") else [])


def test_a_folder_a_missing_folder_and_a_loop(tmp_path):
    with pytest.raises(WriteError, match="is a folder; choose a file name"):
        write_text(tmp_path, "x")
    with pytest.raises(WriteError, match=f"the folder {tmp_path / 'nope'} does not exist"):
        write_text(tmp_path / "nope" / "x.json", "x")
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(WriteError, match=r"a: cannot be written \(.*symbolic links"):
        write_text(tmp_path / "a", "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]


def test_a_failed_write_names_the_target_and_leaves_it(tmp_path, monkeypatch):
    target = tmp_path / "plan.json"
    target.write_text("old")

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    with pytest.raises(WriteError) as e:
        write_text(target, "new")
    assert str(e.value) == f"{target}: could not write the file (the disk is full)"
    assert e.value.errno == errno.ENOSPC
    monkeypatch.undo()
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_one_writer_in_the_code_base():
    root = Path(atomic.__file__).resolve().parents[1]
    assert not (root / "exports" / "atomic_file.py").exists()
    for folder in ("planner", "exports", "ui"):
        for path in (root / folder).rglob("*.py"):
            if path.name != "atomic.py":
                assert "os.replace(" not in path.read_text(encoding="utf-8"), f"{path}: write through planner.atomic"
