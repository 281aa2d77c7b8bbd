"""Spies for "nothing is read or fetched": inotify on canary files, a loopback canary server.

Qt reads an <img src> inside its own C++ (QLabel, tooltips, QTextDocument), out of reach
of any Python monkeypatch, so the test watches the file itself: Linux inotify reports
every open. The canary server counts every connection made to it.
"""

from __future__ import annotations

import ctypes
import os
import socket
import struct
import threading
from pathlib import Path

_IN_ACCESS, _IN_OPEN = 0x1, 0x20


class OpenWatch:
    """Counts opens and reads of the files in one folder, from now on."""

    def __init__(self, folder: Path):
        self._libc = ctypes.CDLL("libc.so.6", use_errno=True)
        self._fd = self._libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self._fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        if self._libc.inotify_add_watch(self._fd, str(folder).encode(), _IN_OPEN | _IN_ACCESS) < 0:
            raise OSError(ctypes.get_errno(), "inotify_add_watch")

    def events(self) -> list[str]:
        """Names of the files opened or read since the last call."""
        names: list[str] = []
        while True:
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                return names
            offset = 0
            while offset < len(data):
                _wd, _mask, _cookie, length = struct.unpack_from("iIII", data, offset)
                raw = data[offset + 16 : offset + 16 + length]
                names.append(raw.rstrip(b"\0").decode())
                offset += 16 + length

    def close(self) -> None:
        os.close(self._fd)


class CanaryServer:
    """A loopback TCP server that records every connection; nothing should ever come."""

    def __init__(self) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self._socket.settimeout(0.2)
        self.port = self._socket.getsockname()[1]
        self.hits = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._socket.accept()
            except (TimeoutError, OSError):
                continue
            self.hits += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._socket.close()
