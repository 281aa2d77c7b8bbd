"""The window's worker for a large import's or merge's undo and redo (commands.BulkCommand).

Deleting 100,000 imported annotations takes about a second and storing them again
longer: on the GUI thread that froze the window. Here the step runs as a BackgroundJob
on its own connection, in one write transaction, behind the same progress dialog as an
import; the window's JobSlot holds it, so the project is read-only until it committed
(undo and redo included). Cancel rolls the transaction back.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from annotator.gui.commands import BulkWork
from annotator.gui.session import ProjectSession
from annotator.gui.shell.background_job import BackgroundJob, JobProgress, JobReceiver
from annotator.gui.shell.job_progress import JobProgressDialog
from annotator.gui.shell.job_slot import JobSlot
from annotator.store.project_store import ProjectStore


class BulkRunner:
    """Lent to a session as `session.bulk_runner` by the window showing it."""

    def __init__(self, window: QWidget, session: ProjectSession, jobs: JobSlot):
        # Weakly: the session keeps this runner, and the window keeps the session.
        self._window = weakref.ref(window)
        self._session = weakref.ref(session)
        self._jobs = jobs

    def __call__(
        self,
        title: str,
        work: BulkWork,
        succeeded: Callable[[Any], None],
        failed: Callable[[Exception], None],
        cancelled: Callable[[], None],
    ) -> None:
        def in_one_write(store: ProjectStore, progress: JobProgress) -> Any:
            progress.stage(f"{title}…")
            with store.write():
                result = work(store)
                progress.check()  # the last moment to take it back: rolls back
            return result

        window, session = self._window(), self._session()
        assert window is not None and session is not None, "a command of a closed project"
        job = BackgroundJob(session.store.path, in_one_write, writes=True)
        _BulkReceiver(job, window, session, succeeded, failed, cancelled)
        JobProgressDialog(job, title, f"{title}…", window)
        job.start()
        self._jobs.hold(job)


class _BulkReceiver(JobReceiver):
    """Hands the outcome to the command on the GUI thread, unless the project was closed."""

    def __init__(
        self,
        job: BackgroundJob,
        parent: QObject | None,
        session: ProjectSession,
        succeeded: Callable[[Any], None],
        failed: Callable[[Exception], None],
        cancelled: Callable[[], None],
    ):
        super().__init__(job, parent, session)
        self._succeeded, self._failed, self._cancelled = succeeded, failed, cancelled
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        job.cancelled.connect(self._on_cancelled)

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        if self.live_session() is not None:
            self._succeeded(result)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        if self.live_session() is not None:
            self._failed(error if isinstance(error, Exception) else RuntimeError(repr(error)))

    @Slot()
    def _on_cancelled(self) -> None:
        if self.live_session() is not None:
            self._cancelled()
