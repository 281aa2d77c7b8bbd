"""When to back up an open project: once on opening, then every N minutes while it changes.

Backups themselves (where, how many, how) are annotator/store/backups.py. This decides
only when: the app calls `on_open()` once and `tick()` every minute or so; a backup is
taken when the project changed since the last one (our own commits or another window's)
and `interval_s` has passed. A backup that cannot be written is reported by the caller,
never a reason to stop the user's work.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from annotator.store import backups
from annotator.store.project_store import ProjectStore

INTERVAL_S = 10 * 60  # a periodic backup at most every 10 minutes of changes
# Reopening within a minute of a backup (a restart, a CLI command) takes no new one.
OPEN_GAP = timedelta(minutes=1)


class AutoBackup:
    def __init__(
        self,
        store: ProjectStore,
        *,
        interval_s: float = INTERVAL_S,
        keep: int = backups.KEEP,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._store = store
        self._interval_s = interval_s
        self._keep = keep
        self._clock = clock
        self._last_at = clock()
        self._last_seen = self._fingerprint()

    def _fingerprint(self) -> tuple[int, int]:
        # data_version moves on other connections' commits, total_changes on ours.
        return (self._store.data_version(), self._store.conn.total_changes)

    def on_open(self, now: datetime | None = None) -> Path | None:
        """Back up the project as it was opened, unless a backup was taken a moment ago."""
        if self._store.read_only:
            return None
        latest = backups.list_backups(self._store.path)
        moment = now or datetime.now(UTC)
        if latest and moment - latest[0].taken_at < OPEN_GAP:
            return None
        return self._take("open", moment)

    def tick(self) -> Path | None:
        """Back up if the project changed since the last backup and the interval has passed."""
        if self._store.read_only or self._clock() - self._last_at < self._interval_s:
            return None
        if self._fingerprint() == self._last_seen:
            return None
        return self._take("periodic")

    def _take(self, reason: str, now: datetime | None = None) -> Path:
        # A backup of a damaged file would rotate a good one away: DamagedProjectError (#14).
        self._store.verify()
        path = backups.take_backup(
            self._store.conn, self._store.path, reason, keep=self._keep, now=now
        )
        self._last_at = self._clock()
        self._last_seen = self._fingerprint()
        return path
