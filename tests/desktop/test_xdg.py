"""Desktop integration installed into a temporary XDG home and checked with the desktop's own tools."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from desktop import xdg
from planner.store import Store
from planner.templates import empty_roadmap
from resources import ICON_SIZES

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def need(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (Debian: desktop-file-utils, shared-mime-info, xdg-utils, libglib2.0-bin)")


def desktop_env(home: Path) -> dict[str, str]:
    """An environment whose desktop sees only the system's data and our temporary home.

    xdg-mime asks GIO (`gio info`) on GNOME; with no desktop named it falls back
    to `file`, which knows libmagic's types, not shared-mime-info's.
    """
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "share"),
        "XDG_DATA_DIRS": "/usr/local/share:/usr/share",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CURRENT_DESKTOP": "GNOME",
    }


def filetype(path: Path, home: Path) -> str:
    result = subprocess.run(["xdg-mime", "query", "filetype", str(path)], env=desktop_env(home),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def roadmap_file(path: Path) -> Path:
    Store.create(path, empty_roadmap("Plan", date(2026, 1, 1))).close()
    return path


def plain_sqlite(path: Path) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    return path


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


# --- the files' text ---------------------------------------------------------------------------


def test_entry_opens_one_file_of_our_type_from_the_office_menu():
    entry = xdg.desktop_entry(["/opt/rp/roadmap-planner"]).splitlines()
    assert "Exec=/opt/rp/roadmap-planner %f" in entry
    assert f"MimeType={xdg.MIME_TYPE};" in entry
    assert "Icon=roadmap-planner" in entry
    assert "Categories=Office;ProjectManagement;" in entry
    assert "Terminal=false" in entry


@pytest.mark.parametrize(("arg", "written"), [
    ("/home/ann/my apps/rp", '"/home/ann/my apps/rp"'),
    ('/x/say "hi"/rp', r'"/x/say \\"hi\\"/rp"'),
    ("/x/100%/rp", "/x/100%%/rp"),
    ("/x/$HOME/rp", r'"/x/\\$HOME/rp"'),
    ("/plain/path.py", "/plain/path.py"),
])
def test_exec_arguments_are_quoted_as_the_spec_asks(arg, written):
    assert xdg.exec_argument(arg) == written


def test_a_path_with_a_line_break_is_refused():
    with pytest.raises(xdg.DesktopError, match="line break"):
        xdg.exec_argument("/x\n/rp")


def test_mime_package_matches_the_sqlite_header_and_our_application_id():
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    kind = ET.fromstring(xdg.mime_package()).find("m:mime-type", ns)
    assert kind.get("type") == xdg.MIME_TYPE
    assert kind.find("m:glob", ns).get("pattern") == "*.roadmap"
    assert kind.find("m:sub-class-of", ns).get("type") == "application/vnd.sqlite3"
    header = kind.find("m:magic/m:match", ns)
    assert (header.get("offset"), header.get("value")) == ("0", r"SQLite format 3\000")
    app_id = header.find("m:match", ns)
    assert (app_id.get("type"), app_id.get("offset"), app_id.get("value")) == ("big32", "68", "0x524D4150")
    # The same bytes a real roadmap file carries there.
    assert int(app_id.get("value"), 16).to_bytes(4, "big") == b"RMAP"


def test_data_home_follows_xdg_and_ignores_a_relative_value(tmp_path):
    assert xdg.data_home({"XDG_DATA_HOME": str(tmp_path), "HOME": "/h"}) == tmp_path
    assert xdg.data_home({"XDG_DATA_HOME": "rel/share", "HOME": "/h"}) == Path("/h/.local/share")
    assert xdg.data_home({"HOME": "/h"}) == Path("/h/.local/share")


def test_launcher_is_the_bundle_the_script_or_python_and_main(tmp_path):
    assert xdg.launcher_command("x", "/opt/rp/roadmap-planner", frozen=True) == ["/opt/rp/roadmap-planner"]
    assert xdg.launcher_command("/v/bin/roadmap-planner", "/v/bin/python", frozen=False) == ["/v/bin/roadmap-planner"]
    assert xdg.launcher_command("/src/main.py", "/v/bin/python", frozen=False) == ["/v/bin/python", "/src/main.py"]


# --- installed, and seen by the desktop's tools ------------------------------------------------


def test_install_writes_every_file_and_the_entry_validates(home):
    need("desktop-file-validate")
    outcome = xdg.install(["/opt/my apps/roadmap-planner"], home / "share")
    layout = xdg.Layout(home / "share")
    assert sorted(outcome.files) == sorted(layout.all_files())
    for size in ICON_SIZES:
        assert (layout.hicolor / f"{size}x{size}/apps/roadmap-planner.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    result = subprocess.run(["desktop-file-validate", str(layout.desktop_file)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr
    assert 'Exec="/opt/my apps/roadmap-planner" %f' in layout.desktop_file.read_text()


def test_the_desktop_knows_a_roadmap_by_name_and_by_content(home, tmp_path):
    need("xdg-mime", "gio", "update-mime-database")
    ours = roadmap_file(tmp_path / "x.roadmap")
    ours_renamed = roadmap_file(tmp_path / "no-extension")
    plain = plain_sqlite(tmp_path / "plain-no-extension")
    assert filetype(ours_renamed, home) == "application/vnd.sqlite3"  # before: just a database

    outcome = xdg.install(["/opt/rp/roadmap-planner"], home / "share")
    assert any(t.startswith("update-mime-database") for t in outcome.tools_run), outcome.notes

    assert filetype(ours, home) == xdg.MIME_TYPE
    assert filetype(ours_renamed, home) == xdg.MIME_TYPE  # by content: header + application id
    assert filetype(plain, home) == "application/vnd.sqlite3"  # SQLite without our id is not ours


def test_the_desktop_offers_the_app_for_our_type(home, tmp_path):
    need("update-desktop-database", "gio")
    launcher = tmp_path / "roadmap-planner"  # GIO hides an entry whose TryExec is missing
    launcher.write_text("#!/bin/sh\n")
    launcher.chmod(0o755)
    xdg.install([str(launcher)], home / "share")
    cache = (home / "share/applications/mimeinfo.cache").read_text()
    assert f"{xdg.MIME_TYPE}=roadmap-planner.desktop;" in cache
    result = subprocess.run(["gio", "mime", xdg.MIME_TYPE], env=desktop_env(home), capture_output=True, text=True, timeout=60)
    assert "roadmap-planner.desktop" in result.stdout, result.stdout + result.stderr


def test_uninstall_removes_what_install_wrote_and_the_type_goes_with_it(home, tmp_path):
    need("xdg-mime", "gio", "update-mime-database")
    layout = xdg.Layout(home / "share")
    ours = roadmap_file(tmp_path / "no-extension")
    xdg.install(["/opt/rp/roadmap-planner"], layout.data_home)
    (layout.applications / "someone-else.desktop").write_text("[Desktop Entry]\n")

    removed = xdg.uninstall(layout.data_home)

    assert sorted(removed.files) == sorted(layout.all_files())
    assert not any(p.exists() for p in layout.all_files())
    assert (layout.applications / "someone-else.desktop").exists()  # others' files stay
    assert filetype(ours, home) == "application/vnd.sqlite3"
    assert xdg.uninstall(layout.data_home).notes == [f"nothing to remove under {layout.data_home}"]


def test_the_command_line_installs_and_removes_under_xdg_data_home(home):
    env = {**os.environ, **desktop_env(home)}
    installed = subprocess.run([sys.executable, str(MAIN), "--install-desktop"], env=env,
                               capture_output=True, text=True, timeout=120)
    assert installed.returncode == 0, installed.stderr
    entry = (home / "share/applications/roadmap-planner.desktop").read_text()
    assert f"Exec={sys.executable} {MAIN} %f" in entry  # run from a clone: python + main.py
    assert "Installed" in installed.stdout

    removed = subprocess.run([sys.executable, str(MAIN), "--uninstall-desktop"], env=env,
                             capture_output=True, text=True, timeout=120)
    assert removed.returncode == 0, removed.stderr
    assert not (home / "share/applications/roadmap-planner.desktop").exists()


def test_an_unwritable_data_home_is_one_message_naming_the_file(tmp_path):
    blocker = tmp_path / "share"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(xdg.DesktopError, match=r"share/mime/packages/roadmap-planner.xml: could not write it"):
        xdg.install(["/opt/rp/roadmap-planner"], blocker)
