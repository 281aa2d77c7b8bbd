"""The window's one slot for a long job on its project (import, export, merge).

Only one such job runs at a time: while it does, the window treats the project as
read-only (the actions that write, export, undo and redo are disabled), so nothing can
change the rows the job is writing or reading underneath it. Closing the project or the
window cancels the job and waits for it: a write job rolls back, so the project is
left as it was.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from shiboken6 import Shiboken

from annotator.gui.shell.background_job import BackgroundJob


class JobSlot(QObject):
    changed = Signal()  # a job started or ended

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._job: BackgroundJob | None = None

    def running(self) -> bool:
        return self._job is not None

    def job(self) -> BackgroundJob | None:
        return self._job

    def hold(self, job: BackgroundJob | None) -> None:
        """Keep `job` (None: nothing was started) until its thread ends."""
        if job is None:
            return
        assert self._job is None, "one job at a time: its actions were disabled"
        self._job = job
        job.finished.connect(self._on_finished)
        self.changed.emit()
        # The caller started the job first: a job that failed at once (a bad file) may
        # have emitted `finished` before the connection above, and the slot then held it
        # for ever (write actions disabled, wait() spinning). isFinished() is already
        # true while `finished` is emitted, so a job that ended by now is seen here; the
        # check runs after the outcome signals queued before it.
        if job.isFinished():
            QTimer.singleShot(0, self._on_finished)

    def _on_finished(self) -> None:
        # Not sender(): a queued signal's sender can read as None once the thread object
        # is on its way out, and the slot then stayed "running" for ever.
        # A qWait may delete the job (deleteLater) before this queued slot runs.
        job = self._job
        if job is not None and (not Shiboken.isValid(job) or job.isFinished()):
            self._job = None
            self.changed.emit()

    def wait(self) -> None:
        """Let the job end and deliver what it reports (its result, error or cancel)."""
        job = self._job
        if job is None or not Shiboken.isValid(job):
            return
        job.wait()
        while self._job is job:  # its queued signals, then `finished`
            QCoreApplication.processEvents()

    def cancel_and_wait(self) -> None:
        """The project is going away: stop the job (a write rolls back), drop its result."""
        job = self._job
        if job is None:
            return
        if not Shiboken.isValid(job):  # its thread ended and Qt deleted it already
            self._job = None
            self.changed.emit()
            return
        job.drop()
        job.wait()
        self._job = None
        self.changed.emit()
