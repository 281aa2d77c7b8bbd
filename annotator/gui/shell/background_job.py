"""Long work on a project (agreement, import, export, merge) off the GUI thread.

The job opens its own connection to the project file (SQLite connections belong to one
thread; WAL lets it read while the window keeps its own), runs `work(store, progress)`
and hands the result back through a queued signal, so the window never freezes.
`progress(done, total)` returns False once the user cancelled; work that noticed raises
JobCancelledError at its next step. `progress.stage(text)` names the step under way
(the progress dialog shows it).

Read-only work (agreement) has a late result simply dropped once cancelled. Work that
writes (`writes=True`) does all its writing in one `store.write()` transaction, so a
cancel or failure before the commit rolls back and the project is unchanged; once that
transaction committed a late Cancel cannot take it back, so its result is delivered
(the caller records it, e.g. as one undoable command). `drop()` (the project is being
closed) cancels and says no result is wanted at all.
"""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtGui import QUndoCommand

from annotator.core.errors import AnnotatorError
from annotator.store.project_store import ProjectStore

Progress = Callable[[int, int], bool]
PROGRESS_STEPS = 200  # distinct positions of the bar a job reports


class JobCancelledError(Exception):
    """Raised by work that noticed `progress` returned False."""


class JobProgress:
    """What the work calls: `progress(done, total) -> keep going?` and `progress.stage(text)`."""

    def __init__(self, job: BackgroundJob):
        self._job = job
        self._shown: tuple[int, int] = (-1, -1)

    def __call__(self, done: int, total: int) -> bool:
        # At most ~200 signals per count: a call per row must not flood the GUI thread.
        step = (done * PROGRESS_STEPS // total) if total > 0 else done
        if (step, total) != self._shown or done == total:
            self._shown = (step, total)
            self._job.progressed.emit(done, total)
        return not self._job.is_cancelled()

    def stage(self, text: str) -> None:
        self._job.stage_changed.emit(text)

    def check(self) -> None:
        """Raise JobCancelledError when Cancel was pressed (for steps without a count)."""
        if self._job.is_cancelled():
            raise JobCancelledError()


Work = Callable[[ProjectStore, JobProgress], Any]

_RUNNING: set[BackgroundJob] = set()  # kept alive until their thread ends, even if the
# window that started one is closed meanwhile (a QThread destroyed while running aborts)
# Python's cycle collector runs on whichever thread happens to allocate: on a worker it
# would finalise the GUI's garbage there (a closed project's session and its timers), and
# Qt objects must die on their own thread. So it pauses while a job runs and resumes, on
# the GUI thread, when the last one ends.
_COLLECTOR_PAUSED = [False]


def wait_for_running_jobs() -> None:
    """Cancel every job and let its thread end (the app calls it on quit)."""
    for job in list(_RUNNING):
        job.drop()
        job.wait()


class BackgroundJob(QThread):
    """One run of `work` on its own connection to the project at `path`.

    Parent it to nothing: it keeps itself alive until its thread ends, then deletes itself.
    """

    progressed = Signal(int, int)
    stage_changed = Signal(str)
    succeeded = Signal(object)  # the work's result
    failed = Signal(object)  # the exception
    cancelled = Signal()

    def __init__(
        self,
        path: Path,
        work: Work,
        *,
        read_only: bool = False,
        writes: bool = False,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._path = path
        self._work = work
        self._read_only = read_only
        self._writes = writes
        self._stop = threading.Event()
        self._dropped = False
        if not _RUNNING and gc.isenabled():
            gc.disable()
            _COLLECTOR_PAUSED[0] = True
        _RUNNING.add(self)
        self.finished.connect(self._forget)

    def _forget(self) -> None:
        _RUNNING.discard(self)
        if not _RUNNING and _COLLECTOR_PAUSED[0]:
            _COLLECTOR_PAUSED[0] = False
            gc.enable()
        self.deleteLater()

    def cancel(self) -> None:
        """Ask the work to stop at its next step (a write job rolls back)."""
        self._stop.set()

    def drop(self) -> None:
        """Cancel, and no result is wanted any more (its receivers are going away)."""
        self._dropped = True
        self._stop.set()

    def is_cancelled(self) -> bool:
        return self._stop.is_set()

    def is_dropped(self) -> bool:
        """True once `drop()` was called: receivers ignore whatever still arrives."""
        return self._dropped

    def run(self) -> None:  # on the job's thread
        try:
            store = ProjectStore.open(self._path, read_only=self._read_only)
        except Exception as exc:  # handed to the GUI thread, which reports it
            self.failed.emit(exc)
            return
        try:
            result = self._work(store, JobProgress(self))
        except JobCancelledError:
            self.cancelled.emit()
            return
        except Exception as exc:  # likewise
            self.failed.emit(exc)
            return
        finally:
            store.close(optimize=False)
        if self._stop.is_set() and not self._writes:
            self.cancelled.emit()
        else:
            self.succeeded.emit(result)


class JobReceiver(QObject):
    """Base for what takes a job's outcome on the GUI thread: a child of the job (gone
    with it) holding the session and window only weakly, so nothing of the GUI is ever
    released by Python's collector on a worker thread (Qt objects die on their own)."""

    def __init__(self, job: BackgroundJob, parent: QObject | None, session: QObject):
        super().__init__(job)
        self._window = weakref.ref(parent) if parent is not None else None
        self._session_ref = weakref.ref(session)

    def window(self) -> Any:
        """The window to report in (None: none, or closed meanwhile)."""
        return self._window() if self._window is not None else None

    def live_session(self) -> Any:
        """The session, or None when the job was dropped (its project closed) or it is gone."""
        job = self.parent()
        if isinstance(job, BackgroundJob) and job.is_dropped():
            return None
        return self._session_ref()


class StoredJobReceiver(JobReceiver):
    """Takes the outcome of a job that writes (import, merge) on the GUI thread: what it
    stored becomes one undoable command on the session's stack and the document list is
    refreshed, then it is reported; a failure is reported with its message (a bug's with
    its repr). Nothing happens once the project was closed meanwhile.

    Subclasses say what the job returns (`outcome_type`), the command recording it
    (`command`), and how success and failure are shown (`report`, `report_failure`)."""

    outcome_type: type = object

    def __init__(self, job: BackgroundJob, parent: QObject | None, session: QObject):
        super().__init__(job, parent, session)
        job.succeeded.connect(self._stored)
        job.failed.connect(self._failed)

    def command(self, session: Any, outcome: Any) -> QUndoCommand:
        raise NotImplementedError

    def report(self, outcome: Any) -> None:
        raise NotImplementedError

    def report_failure(self, detail: str) -> None:
        raise NotImplementedError

    @Slot(object)
    def _stored(self, outcome: object) -> None:
        session = self.live_session()
        if session is None:  # the project was closed meanwhile
            return
        assert isinstance(outcome, self.outcome_type)
        session.undo_stack.push(self.command(session, outcome))
        session.documents_did_change()
        self.report(outcome)

    @Slot(object)
    def _failed(self, error: object) -> None:
        if self.live_session() is None:
            return
        self.report_failure(
            str(error) if isinstance(error, AnnotatorError | OSError) else repr(error)
        )
