"""One running app per user: a later launch hands its project files to the first and exits.

The first process listens on a local socket; `annotator some.annotator` (a double-click in
the file manager) started while it runs connects, sends the absolute paths as one JSON line,
waits for "ok" and exits, so two processes never write one project file. A lock file makes
connect-or-listen one step when two launches start at once, and a socket left behind by a
crashed process (nobody answers on it) is replaced.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

TIMEOUT_MS = 3000
ACK = b"ok\n"


# A Unix socket path holds at most 107 bytes; past that, listen() fails.
MAX_SOCKET_PATH = 100


def socket_path(app_id: str) -> str:
    """A per-user socket path: in $XDG_RUNTIME_DIR (private to the user) when there is one
    and the path fits, else in the temporary folder."""
    name = f"{app_id}-{os.getuid()}.socket"
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and len(os.fsencode(Path(runtime) / name)) <= MAX_SOCKET_PATH:
        return str(Path(runtime) / name)
    return str(Path(tempfile.gettempdir()) / name)


class InstanceNotAnsweringError(RuntimeError):
    """A running instance accepted the connection but did not take the files in time."""


class InstanceServer(QObject):
    """Listens for later launches; `files_received` carries their paths (empty: just show)."""

    files_received = Signal(list)

    def __init__(self, server: QLocalServer):
        super().__init__()
        server.setParent(self)
        self._server = server
        self._buffers: dict[QLocalSocket, bytes] = {}
        server.newConnection.connect(self._on_new_connection)

    def close(self) -> None:
        self._server.close()

    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            self._buffers[connection] = b""
            connection.readyRead.connect(lambda c=connection: self._on_ready_read(c))
            connection.disconnected.connect(lambda c=connection: self._forget(c))

    def _on_ready_read(self, connection: QLocalSocket) -> None:
        data = self._buffers.get(connection, b"") + bytes(connection.readAll().data())
        if b"\n" not in data:
            self._buffers[connection] = data
            return
        line = data.split(b"\n", 1)[0]
        try:
            paths = [Path(p) for p in json.loads(line.decode("utf-8")).get("open", [])]
        except (ValueError, AttributeError, TypeError):
            connection.disconnectFromServer()  # not one of ours: ignore it
            return
        connection.write(ACK)
        connection.flush()
        connection.disconnectFromServer()
        self.files_received.emit(paths)

    def _forget(self, connection: QLocalSocket) -> None:
        # The socket is the server's child and goes with it (a deleteLater() from this
        # handler crashed the test process under pytest-qt).
        self._buffers.pop(connection, None)


def forward_or_listen(name: str, paths: list[Path]) -> InstanceServer | None:
    """Hand `paths` to the instance listening on `name` and return None (this process should
    exit); or, when none runs, listen on `name` and return the server.

    Raises InstanceNotAnsweringError when an instance accepts but does not acknowledge.
    """
    lock = QLockFile(name + ".lock")
    lock.setStaleLockTime(TIMEOUT_MS * 2)
    lock.tryLock(TIMEOUT_MS * 2)  # without the lock we still go on: better than not starting
    try:
        if _forward(name, paths):
            return None
        QLocalServer.removeServer(name)  # a crashed instance's socket: nobody answered on it
        server = QLocalServer()
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(name):  # this process then works alone
            print(
                f"annotator: warning: cannot listen on {name} ({server.errorString()}); "
                "a later launch will start its own process",
                file=sys.stderr,
            )
        return InstanceServer(server)
    finally:
        if lock.isLocked():
            lock.unlock()


def _forward(name: str, paths: list[Path]) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    message = {"open": [str(path.resolve()) for path in paths]}
    socket.write(json.dumps(message).encode("utf-8") + b"\n")
    socket.flush()
    answer = b""
    while ACK not in answer and socket.waitForReadyRead(TIMEOUT_MS):
        answer += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    if ACK not in answer:
        raise InstanceNotAnsweringError(
            "Annotator is already running but did not answer; close it and try again."
        )
    return True
