"""Background sync with the team hub: on a timer and on demand, never on the GUI thread.

Each sync runs in a worker thread with its own connection to the project file (SQLite
connections are not shared across threads) and its own connection to the hub; the session
notices the committed changes through its data_version polling, as it does for another
window's. The status line says what the analyst needs: "synced 2 min ago", "offline,
14 changes waiting", or the error in words.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.core.errors import AnnotatorError
from annotator.core.plural import counted
from annotator.hub.project_settings import LAST_SYNC_KEY, remembered_url
from annotator.store.project_store import ProjectStore

if TYPE_CHECKING:  # the sync code imports psycopg (~150 ms): only a sync needs it
    from annotator.hub.sync import SyncReport

SYNC_MS = 120_000  # a sync every two minutes while the project is open
TICK_MS = 30_000  # and the "n min ago" kept current


def ago(when: str, now: dt.datetime | None = None) -> str:
    """'just now', '2 min ago', '3 h ago' for an ISO time; '' for none."""
    if not when:
        return ""
    seconds = ((now or dt.datetime.now(dt.UTC)) - dt.datetime.fromisoformat(when)).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    return f"on {when[:10]}"


class HubSync(QObject):
    """Syncs one project with its hub. Lives as long as its parent (the session)."""

    state_changed = Signal(str)  # the status line
    synced = Signal(object)  # SyncReport
    _finished = Signal(object, object)  # (SyncReport | None, error text | None), from the worker

    def __init__(self, path: Path, url: str = "", parent: QObject | None = None):
        super().__init__(parent)
        self._path = Path(path)
        self._url = url
        self._running = False
        self._last_sync = ""
        self._error = ""
        self._waiting = 0
        self._last_report = ""  # what the last sync did, in merge's words (the tooltip)
        self._timer = QTimer(self)
        self._timer.setInterval(SYNC_MS)
        self._timer.timeout.connect(self.sync_now)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._emit_state)
        self._finished.connect(self._on_finished)

    @classmethod
    def for_project(cls, store: ProjectStore, parent: QObject | None = None) -> HubSync | None:
        """The project's sync when it has joined a hub; None otherwise."""
        url = remembered_url(store)
        if not url:
            return None
        made = cls(store.path, url, parent)
        made._last_sync = store.settings.get(LAST_SYNC_KEY)
        return made  # how many changes wait is counted by the first sync, off this thread

    @property
    def url(self) -> str:
        return self._url

    def start(self) -> None:
        self._emit_state()
        self._timer.start()
        self._tick.start()
        self.sync_now()

    def stop(self) -> None:
        self._timer.stop()
        self._tick.stop()

    def join(self, url: str) -> None:
        """Use `url` from now on (File → Team Hub…) and sync at once."""
        self._url = url
        self._error = ""
        if not self._timer.isActive():
            self.start()
        else:
            self.sync_now()

    def is_running(self) -> bool:
        return self._running

    def sync_now(self) -> None:
        if self._running or not self._url:
            return
        self._running = True
        self._emit_state()
        threading.Thread(target=self._work, args=(self._url,), daemon=True).start()

    def _work(self, url: str) -> None:
        from annotator.hub.sync import pending_changes, sync

        report: SyncReport | None = None
        error: str | None = None
        try:
            with ProjectStore.open(self._path) as store:
                try:
                    report = sync(store, url)
                finally:
                    self._waiting = pending_changes(store)
        except AnnotatorError as exc:
            error = str(exc)
        except Exception as exc:  # the worker must always report back; never a silent hang
            error = f"sync failed: {exc}"
        self._finished.emit(report, error)

    def _on_finished(self, report: SyncReport | None, error: str | None) -> None:
        self._running = False
        self._error = error or ""
        if report is not None:
            self._last_sync = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            self._last_report = report.summary()
            self.synced.emit(report)
        self._emit_state()

    def status_text(self) -> str:
        if not self._url:
            return ""
        waiting = (
            f"{counted(self._waiting, 'change')} waiting" if self._waiting else "nothing waiting"
        )
        if self._running:
            return "Team hub: syncing…"
        if self._error:
            if "cannot reach" in self._error:
                return f"Team hub: offline, {waiting}"
            return f"Team hub: {self._error}"
        if self._last_sync:
            return f"Team hub: synced {ago(self._last_sync)}" + (
                f", {waiting}" if self._waiting else ""
            )
        return f"Team hub: not synced yet, {waiting}"

    def health(self) -> str:
        """The status line's colour: "ok", "busy", "offline" or "error"."""
        if self._running:
            return "busy"
        if self._error:
            return "offline" if "cannot reach" in self._error else "error"
        return "ok"

    def tooltip(self) -> str:
        """The hub's address, then the error or what the last sync did."""
        if not self._url:
            return ""
        from annotator.hub.address import shown

        return f"{shown(self._url)}\n{self._error or self._last_report}".strip()

    def _emit_state(self) -> None:
        self.state_changed.emit(self.status_text())
