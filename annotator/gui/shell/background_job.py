"""Long read-only work on a project (agreement over a whole archive) off the GUI thread.

The job opens its own connection to the project file (SQLite connections belong to one
thread; WAL lets it read while the window keeps writing), runs `work(store, progress)`
and hands the result back through a queued signal, so the window never freezes.
`progress(done, total)` returns False once the user cancelled; work that cannot stop
midway simply has its result dropped. Nothing is written, so a cancelled job leaves
nothing half done.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from annotator.store.project_store import ProjectStore

Progress = Callable[[int, int], bool]
Work = Callable[[ProjectStore, Progress], Any]


class JobCancelledError(Exception):
    """Raised by work that noticed `progress` returned False."""


_RUNNING: set[BackgroundJob] = set()  # kept alive until their thread ends, even if the
# window that started one is closed meanwhile (a QThread destroyed while running aborts)


def wait_for_running_jobs() -> None:
    """Let every job's thread end (the app calls it on quit; a dropped job still runs)."""
    for job in list(_RUNNING):
        job.cancel()
        job.wait()


class BackgroundJob(QThread):
    """One run of `work` on its own connection to the project at `path`.

    Parent it to nothing: it keeps itself alive until its thread ends, then deletes itself.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)  # the work's result
    failed = Signal(object)  # the exception
    cancelled = Signal()

    def __init__(
        self, path: Path, work: Work, *, read_only: bool = False, parent: QObject | None = None
    ):
        super().__init__(parent)
        self._path = path
        self._work = work
        self._read_only = read_only
        self._stop = threading.Event()
        _RUNNING.add(self)
        self.finished.connect(self._forget)

    def _forget(self) -> None:
        _RUNNING.discard(self)
        self.deleteLater()

    def cancel(self) -> None:
        """Ask the work to stop; its result, if it still comes, is not delivered."""
        self._stop.set()

    def is_cancelled(self) -> bool:
        return self._stop.is_set()

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._stop.is_set()

    def run(self) -> None:  # on the job's thread
        try:
            store = ProjectStore.open(self._path, read_only=self._read_only)
        except Exception as exc:  # handed to the GUI thread, which reports it
            self.failed.emit(exc)
            return
        try:
            result = self._work(store, self._progress)
        except JobCancelledError:
            self.cancelled.emit()
            return
        except Exception as exc:  # likewise
            self.failed.emit(exc)
            return
        finally:
            store.close(optimize=False)
        if self._stop.is_set():
            self.cancelled.emit()
        else:
            self.succeeded.emit(result)
