"""One app per user: a second launch hands its file to the running app and exits.

The first process listens on a per-user local socket. A later one (a file
manager's double-click, `roadmap-planner FILE` in a terminal) connects, sends
the file's absolute path as one JSON line, waits for the answer and exits
without ever opening the file, so the roadmap's lock is never contested. The
running app opens the file in a new window, or raises the window that has it.
"""

from __future__ import annotations

import enum
import hashlib
import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from planner.locations import data_dir

CONNECT_MS = 1000
ANSWER_MS = 10000  # the running app answers from its event loop, which a modal dialog keeps turning


class Handover(enum.Enum):
    DONE = "done"  # the running app took the file
    NOBODY = "nobody"  # no app is listening
    NO_ANSWER = "no answer"  # something is listening but did not answer in time


def server_name(folder: Path | None = None) -> str:
    """The socket's name: per user, and per data folder (so a private test folder gets its own)."""
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    digest = hashlib.sha256(str(folder or data_dir()).encode()).hexdigest()[:12]
    name = f"roadmap-planner-{user}-{digest}"
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if sys.platform != "win32" and runtime and Path(runtime).is_dir():
        return str(Path(runtime) / f"{name}.socket")  # a folder only this user can enter
    return name


def hand_over(name: str, path: Path) -> Handover:
    """Ask the app listening on `name` to open `path` (made absolute: its working folder is not ours)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return Handover.NOBODY
    try:
        socket.write(json.dumps({"open": str(Path(path).absolute())}).encode() + b"\n")
        if not socket.waitForBytesWritten(CONNECT_MS):
            return Handover.NO_ANSWER
        while not socket.canReadLine():
            if not socket.waitForReadyRead(ANSWER_MS):
                return Handover.NO_ANSWER
        answer = json.loads(bytes(socket.readLine()).decode("utf-8", "replace") or "{}")
        return Handover.DONE if answer.get("ok") is True else Handover.NO_ANSWER
    except ValueError:
        return Handover.NO_ANSWER
    finally:
        socket.abort()


class InstanceServer(QObject):
    """Listens on the per-user socket; emits `open_requested` for each file another launch hands over."""

    open_requested = Signal(Path)

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_server_new_connection)

    def listen(self, *, replace_stale: bool = False) -> bool:
        """Start listening. `replace_stale` removes a socket file nobody answers on (a crashed app's)."""
        if self._server.listen(self.name):
            return True
        if replace_stale and self._server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            QLocalServer.removeServer(self.name)
            return self._server.listen(self.name)
        return False

    def is_listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        self._server.close()

    def _on_server_new_connection(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._on_socket_ready_read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.canReadLine():
                self._on_socket_ready_read(socket)

    def _on_socket_ready_read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            line = bytes(socket.readLine()).decode("utf-8", "replace")
            try:
                path = Path(json.loads(line)["open"])
            except (ValueError, KeyError, TypeError):
                socket.write(b'{"ok": false, "error": "not a request"}\n')
                continue
            socket.write(b'{"ok": true}\n')
            socket.flush()
            # Opened after answering: a dialog the file brings up must not keep the caller waiting.
            QTimer.singleShot(0, lambda p=path: self.open_requested.emit(p))


def claim(name: str, path: Path, parent: QObject | None = None) -> InstanceServer | None:
    """Become the running app (the server, listening if it could), or hand `path` over (None).

    Two launches at once: the one that loses the race to listen hands over to
    the winner. A socket file with nobody behind it (a crash) is replaced; one
    whose app is busy is left alone, and this launch runs on its own (the
    roadmap's lock still keeps the two apart).
    """
    first = hand_over(name, path)
    if first is Handover.DONE:
        return None
    server = InstanceServer(name, parent)
    if first is Handover.NO_ANSWER or server.listen():
        return server
    second = hand_over(name, path)  # another launch won the race to listen
    if second is Handover.DONE:
        server.deleteLater()
        return None
    if second is Handover.NOBODY:
        server.listen(replace_stale=True)
    return server
