"""Per-user Linux desktop integration under the XDG data folder.

`install` writes a desktop entry (so the app is in the menu and opens a
`.roadmap` file on double-click), the icon in the hicolor theme, and a
shared-mime-info package that recognises a roadmap by its `.roadmap` name and
by its content: the SQLite header plus our application id at offset 68 (see
planner/migrations.py), so a roadmap renamed `.db` is still ours and a plain
SQLite file named anything else is not. Then it runs update-mime-database and
update-desktop-database where they exist. `uninstall` removes exactly those
files. Nothing here needs root or Qt.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from planner import migrations
from planner.atomic import atomic_path
from planner.store import SUFFIX
from resources import ICON_SIZES, ICON_SVG, icon_png

APP_ID = "roadmap-planner"  # the desktop file's, icon's and mime package's name
MIME_TYPE = "application/x-roadmap-planner"  # x-: not registered with IANA, as shared-mime-info advises
SQLITE_MIME_TYPE = "application/vnd.sqlite3"
_TOOL_TIMEOUT_S = 60


class DesktopError(Exception):
    """The integration could not be installed or removed; the message names the file."""


@dataclass(frozen=True)
class Layout:
    """Where each installed file goes under one XDG data folder."""

    data_home: Path

    @property
    def applications(self) -> Path:
        return self.data_home / "applications"

    @property
    def desktop_file(self) -> Path:
        return self.applications / f"{APP_ID}.desktop"

    @property
    def mime_dir(self) -> Path:
        return self.data_home / "mime"

    @property
    def mime_package(self) -> Path:
        return self.mime_dir / "packages" / f"{APP_ID}.xml"

    @property
    def hicolor(self) -> Path:
        return self.data_home / "icons" / "hicolor"

    def icon_files(self) -> dict[Path, Path]:
        """Installed icon path -> shipped source file."""
        icons = {self.hicolor / f"{n}x{n}" / "apps" / f"{APP_ID}.png": icon_png(n) for n in ICON_SIZES}
        icons[self.hicolor / "scalable" / "apps" / f"{APP_ID}.svg"] = ICON_SVG
        return icons

    def all_files(self) -> list[Path]:
        return [self.desktop_file, self.mime_package, *self.icon_files()]


@dataclass
class Outcome:
    """What `install` or `uninstall` did: files touched, tools run, and anything to tell the user."""

    files: list[Path] = field(default_factory=list)
    tools_run: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def data_home(env: Mapping[str, str] = os.environ) -> Path:
    """$XDG_DATA_HOME when set to an absolute path (the spec says ignore a relative one), else ~/.local/share."""
    value = env.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path(env.get("HOME") or Path.home()) / ".local" / "share"


def launcher_command(argv0: str, executable: str, frozen: bool) -> list[str]:
    """The command a file manager should run: the bundle, the installed script, or python + main.py."""
    if frozen:
        return [str(Path(executable).absolute())]
    script = Path(argv0).absolute()
    if script.suffix == ".py":
        return [str(Path(executable).absolute()), str(script)]
    return [str(script)]


# Characters that force an Exec argument into quotes (Desktop Entry spec, "The Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def exec_argument(arg: str) -> str:
    """One Exec argument, quoted and escaped as the spec asks (then escaped again as a string value)."""
    if "\n" in arg or "\r" in arg:
        raise DesktopError(f"{arg!r}: a path with a line break cannot go into a desktop entry")
    arg = arg.replace("%", "%%")
    if any(c in _RESERVED for c in arg):
        arg = '"' + re.sub(r'(["`$\\])', r"\\\1", arg) + '"'
    return arg.replace("\\", "\\\\")


def desktop_entry(command: list[str]) -> str:
    """The .desktop file's text for launching `command` with one file (`%f`, as a file manager passes it)."""
    exec_line = " ".join(exec_argument(a) for a in command)
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",  # the newest desktop-file-validate 0.26 (Debian 12) knows
        "Name=Roadmap Planner",
        "GenericName=Strategy Roadmap",
        "Comment=Plan business strategy and the technology work that enables it on one dual timeline",
        f"TryExec={command[0].replace(chr(92), chr(92) * 2)}",
        f"Exec={exec_line} %f",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Office;ProjectManagement;",
        f"MimeType={MIME_TYPE};",
        "Keywords=roadmap;strategy;timeline;gantt;alignment;board pack;",
        "StartupNotify=true",
        "StartupWMClass=Roadmap Planner",  # the class part of WM_CLASS Qt sets (the application name)
        "",
    ])


def mime_package() -> str:
    """The shared-mime-info package: our type by name and by content, a kind of SQLite database."""
    app_id = f"0x{migrations.APPLICATION_ID:08X}"
    # Priority above SQLite's own (50), so a file with both signatures is ours; the nested
    # match means both must hold. `\000` is the header's terminating NUL.
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>Roadmap Planner roadmap</comment>
    <sub-class-of type="{SQLITE_MIME_TYPE}"/>
    <generic-icon name="x-office-document"/>
    <icon name="{APP_ID}"/>
    <glob pattern="*{SUFFIX}"/>
    <magic priority="60">
      <match type="string" offset="0" value="SQLite format 3\\000">
        <match type="big32" offset="68" value="{app_id}"/>
      </match>
    </magic>
  </mime-type>
</mime-info>
"""


def install(command: list[str], home: Path | None = None) -> Outcome:
    """Install the desktop entry, icons and file type for `command` under `home` (default: data_home())."""
    layout = Layout(home or data_home())
    outcome = Outcome()
    _write(layout.mime_package, mime_package().encode(), outcome)
    for target, source in layout.icon_files().items():
        _write(target, source.read_bytes(), outcome)
    _write(layout.desktop_file, desktop_entry(command).encode(), outcome)
    _touch(layout.hicolor)  # a newer folder tells icon caches they are stale
    _refresh(layout, outcome)
    return outcome


def uninstall(home: Path | None = None) -> Outcome:
    """Remove what `install` wrote under `home` (default: data_home()); folders shared with others stay."""
    layout = Layout(home or data_home())
    outcome = Outcome()
    for path in layout.all_files():
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as e:
            raise DesktopError(f"{path}: could not remove it ({e.strerror or e})") from e
        outcome.files.append(path)
    if outcome.files:
        _touch(layout.hicolor)
        _refresh(layout, outcome)
    else:
        outcome.notes.append(f"nothing to remove under {layout.data_home}")
    return outcome


def _write(target: Path, data: bytes, outcome: Outcome) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as tmp:
            tmp.write_bytes(data)
    except OSError as e:
        raise DesktopError(f"{target}: could not write it ({e.strerror or e})") from e
    outcome.files.append(target)


def _touch(folder: Path) -> None:
    if folder.is_dir():
        os.utime(folder)


def _refresh(layout: Layout, outcome: Outcome) -> None:
    """Rebuild the MIME and desktop caches, so the desktop sees the change without a new login."""
    for tool, folder, without in (
        ("update-mime-database", layout.mime_dir, "files are recognised by name and content only after it runs"),
        ("update-desktop-database", layout.applications, "the desktop may need a new login to offer the app for .roadmap files"),
    ):
        exe = shutil.which(tool)
        if exe is None:
            outcome.notes.append(f"{tool} not found ({without}); Debian/Ubuntu: apt-get install "
                                 f"{'shared-mime-info' if 'mime' in tool else 'desktop-file-utils'}")
            continue
        folder.mkdir(parents=True, exist_ok=True)
        try:
            result = subprocess.run([exe, str(folder)], capture_output=True, text=True, timeout=_TOOL_TIMEOUT_S)
        except (OSError, subprocess.TimeoutExpired) as e:
            outcome.notes.append(f"{tool} {folder} failed: {e}")
            continue
        if result.returncode != 0:
            outcome.notes.append(f"{tool} {folder} failed: {(result.stderr or result.stdout).strip()}")
        else:
            outcome.tools_run.append(f"{tool} {folder}")
