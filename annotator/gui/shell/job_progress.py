"""The progress dialog of a background job: a bar, the step under way, and Cancel.

It appears only when the job lasts (SHOW_AFTER_MS, QProgressDialog's minimumDuration),
so a quick import does not flash a dialog. It is window-modal: the window keeps
painting and its timers keep running, but nothing can change the project underneath
the job. Cancel asks the job to stop at its next step; the dialog then says so until
the job has rolled back and ended. The bar is determinate once the job reports a total
(files, documents, rows), busy until then.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from annotator.gui.shell.background_job import BackgroundJob

SHOW_AFTER_MS = 400  # below this a job ends before the eye notices a dialog
# A dialog with no parent window (scripted use) is kept here until Qt destroys it on the
# GUI thread: left to Python's collector it could be deleted on the worker's thread.
_PARENTLESS: dict[int, JobProgressDialog] = {}


class JobProgressDialog(QProgressDialog):
    """Follows `job` until it ends, then closes itself."""

    def __init__(self, job: BackgroundJob, title: str, text: str, parent: QWidget | None):
        super().__init__(text, "Cancel", 0, 0, parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)
        if parent is None:
            key = id(self)
            _PARENTLESS[key] = self
            self.destroyed.connect(lambda *_args: _PARENTLESS.pop(key, None))
        self._job = job
        self._updating = False
        self._latest: tuple[int, int] | None = None
        self._ended = False
        self._cancel = QPushButton("Cancel", self)
        self.setCancelButton(self._cancel)
        # Cancel must not hide the dialog at once: it stays, saying so, until the work
        # has stopped (a write job is rolling back meanwhile).
        self.canceled.disconnect(self.cancel)
        self.canceled.connect(self._on_cancel)
        job.progressed.connect(self._on_progressed)
        job.stage_changed.connect(self._on_stage)
        job.finished.connect(self._on_finished)
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setValue(0)  # starts the minimumDuration clock

    def job(self) -> BackgroundJob:
        return self._job

    def cancel_button(self) -> QPushButton:
        return self._cancel

    def _on_progressed(self, done: int, total: int) -> None:
        # A modal QProgressDialog's setValue processes events, which may deliver the next
        # progress signal: that one is kept and shown once the outer call returns, not
        # nested (and never lost: the bar ends where the job last said).
        if self._job.is_cancelled():
            return
        self._latest = (done, total)
        if self._updating:
            return
        self._updating = True
        try:
            while self._latest is not None:
                done, total = self._latest
                self._latest = None
                if total > 0 and self.maximum() != total:
                    self.setMaximum(total)
                self.setValue(min(done, max(total, 0)))
        finally:
            self._updating = False

    def _on_stage(self, text: str) -> None:
        if not self._job.is_cancelled():
            self.setLabelText(text)

    def _on_cancel(self) -> None:
        if self._ended:  # QProgressDialog's closeEvent also emits canceled
            return
        self._job.cancel()
        self.setLabelText("Cancelling… nothing of this will be kept.")
        self._cancel.setEnabled(False)  # pressing it again would do nothing more
        if not self.isVisible():
            self.show()

    def _on_finished(self) -> None:
        self._ended = True
        self.reset()  # stops the timer that would show it later
        self.hide()
        self.deleteLater()
