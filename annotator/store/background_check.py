"""`PRAGMA quick_check` on a second connection, in a thread, while the caller reads.

quick_check reads every page of the file: 0.6-0.8 s of an archive's 300 MB, a sixth of
agreement over it, spent before the first span was read (#15). SQLite releases the GIL
while it steps a statement, so the check on its own connection runs alongside the
caller's reading and computing on the other core, and the caller waits only for
whichever takes longer. The check sees the committed state of the file, as the caller's
snapshot does; it never writes (`mode=ro`).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from annotator.store.connection import _uri, quick_check_rows


class BackgroundCheck:
    """Started on construction; `result()` waits for the report lines or raises what
    SQLite raised; `stop()` interrupts a check whose answer is no longer wanted."""

    def __init__(self, path: Path):
        # An absolute file URI, never creating anything: mode=ro reads through the -shm
        # of the connection already open in this process.
        self._conn = sqlite3.connect(_uri(path, "mode=ro"), uri=True, check_same_thread=False)
        self._rows: list[str] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="quick-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._rows = quick_check_rows(self._conn)
        except BaseException as exc:  # handed to the caller's thread by result()
            self._error = exc

    def result(self) -> list[str]:
        self._thread.join()
        self._conn.close()
        if self._error is not None:
            raise self._error
        return self._rows

    def stop(self) -> None:
        self._conn.interrupt()
        self._thread.join()
        self._conn.close()
