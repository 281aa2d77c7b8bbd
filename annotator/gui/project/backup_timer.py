"""Automatic backups while a project is open: one on opening, then a periodic one.

A QTimer asks services/auto_backup.py once a minute whether a backup is due; the backup
itself is SQLite's online backup API (store/backups.py). A backup that cannot be written
is reported once as a message and never interrupts the work.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.core.errors import AnnotatorError
from annotator.gui.session import ProjectSession
from annotator.services.auto_backup import AutoBackup

CHECK_MS = 60_000


class BackupTimer(QObject):
    """Lives as long as its session (its parent)."""

    backup_failed = Signal(str)

    def __init__(self, session: ProjectSession, auto: AutoBackup | None = None):
        super().__init__(session)
        self._store = session.store
        self._auto = auto or AutoBackup(session.store)
        self._reported = False
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        """Back up the project as opened, then check periodically."""
        self._run(self._auto.on_open)
        self._timer.start()

    def check(self) -> None:
        if self._store.closed:  # the project was closed before its session was deleted
            self._timer.stop()
            return
        self._run(self._auto.tick)

    def _run(self, step: Callable[[], object]) -> None:
        try:
            step()
        except AnnotatorError as exc:
            if not self._reported:  # once per project, not every minute
                self._reported = True
                self.backup_failed.emit(f"No automatic backup could be written: {exc}")
