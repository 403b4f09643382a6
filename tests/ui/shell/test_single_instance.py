"""One app per user: a second launch hands its file to this process, which opens it once, in its own window.

The second launch is a real `main.py FILE` process with the same user folders;
this test's QApplication is the running app it finds.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QApplication, QMessageBox

from planner import lock
from planner.store import Store

MAIN = Path(__file__).resolve().parents[3] / "main.py"


@pytest.fixture
def runtime_dir(tmp_path_factory, monkeypatch) -> Path:
    """A private runtime folder for the socket, as XDG gives each logged-in user."""
    folder = tmp_path_factory.mktemp("run")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


@pytest.fixture
def questions(monkeypatch) -> list[str]:
    """Any 'already open, read-only?' question would land here: the lock was contested."""
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.No)
    return asked


@pytest.fixture
def running(app, runtime_dir, qtbot):
    """This process as the running app: a window registry and a listening instance server."""
    from ui.shell.instance import InstanceServer, server_name
    from ui.shell.windows import WindowRegistry

    windows = WindowRegistry()
    server = InstanceServer(server_name())
    assert server.listen()
    server.open_requested.connect(windows.open)
    yield windows, server
    server.close()
    windows.close_all()
    qtbot.waitUntil(lambda: not windows.windows())


def launch(qtbot, path: Path) -> subprocess.CompletedProcess:
    """`roadmap-planner PATH` as a second process, with this one's user folders; waits while serving it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen([sys.executable, str(MAIN), str(path)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=30000)  # our event loop answers it meanwhile
    out, err = process.communicate()
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def holders(path: Path) -> int:
    """How many holders this process counts on the roadmap's lock (0: not held here)."""
    return lock._held.get(str(lock.lock_path_for(path.resolve())), (None, 0))[1]


def test_a_second_launch_opens_its_file_in_a_new_window_here_and_twice_raises_it(running, qtbot, sample_file, sample, tmp_path, questions):
    windows, _ = running
    first = windows.open(sample_file)
    other = tmp_path / "other plan.roadmap"
    Store.create(other, sample).close()

    result = launch(qtbot, other)

    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: windows.window_for(other) is not None)
    second = windows.window_for(other)
    assert second is not first and len(windows.windows()) == 2
    assert second.document.canEdit  # opened for writing: nobody else held the lock
    assert holders(other) == 1
    first.activateWindow()  # the user went back to the first window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first)

    again = launch(qtbot, other)

    assert again.returncode == 0, again.stderr
    qtbot.waitUntil(lambda: QApplication.activeWindow() is second)  # raised, not reopened
    assert len(windows.windows()) == 2 and windows.window_for(other) is second
    assert holders(other) == 1
    assert questions == []  # never "already open elsewhere"


def test_the_first_window_s_file_asked_again_raises_the_first_window(running, qtbot, sample_file, questions):
    windows, _ = running
    first = windows.open(sample_file)
    result = launch(qtbot, sample_file)
    assert result.returncode == 0, result.stderr
    qtbot.wait(50)
    assert windows.windows() == [first] and holders(sample_file) == 1 and questions == []


def test_a_launch_with_nobody_listening_becomes_the_running_app(app, runtime_dir, sample_file):
    from ui.shell.instance import claim, server_name

    server = claim(server_name(), sample_file)
    try:
        assert server is not None and server.is_listening()
        assert Path(server.name).parent == runtime_dir  # per user: in the user's runtime folder
    finally:
        server.close()


def test_a_socket_a_crashed_app_left_behind_is_replaced(app, runtime_dir, sample_file):
    from ui.shell.instance import claim, server_name

    stale = socket.socket(socket.AF_UNIX)
    stale.bind(server_name())  # bound, never listening, never removed: what a crash leaves
    stale.close()
    server = claim(server_name(), sample_file)
    try:
        assert server is not None and server.is_listening()
    finally:
        server.close()


def test_a_message_that_is_not_a_request_gets_a_refusal(running, qtbot):
    _, server = running
    opened = []
    server.open_requested.connect(opened.append)
    client = QLocalSocket()
    client.connectToServer(server.name)
    qtbot.waitUntil(lambda: client.state() == QLocalSocket.LocalSocketState.ConnectedState)
    client.write(b"hello\n")
    qtbot.waitUntil(client.canReadLine)
    assert bytes(client.readLine()) == b'{"ok": false, "error": "not a request"}\n'
    assert opened == []
    client.abort()


def test_a_file_already_open_in_one_window_is_raised_when_another_window_opens_it(running, qtbot, sample_file, sample, tmp_path, questions):
    windows, _ = running
    first = windows.open(sample_file)
    other_path = tmp_path / "b.roadmap"
    Store.create(other_path, sample).close()
    second = windows.open(other_path)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is second)
    assert second.open_file(sample_file)  # File > Open in the second window
    assert second.document.path == other_path and holders(sample_file) == 1
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first)


def test_a_file_open_event_opens_the_file(running, qtbot, sample_file):
    """macOS: Finder hands a double-clicked file to the running app as an event."""
    windows, _ = running
    QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(sample_file)))
    assert windows.window_for(sample_file) is not None
