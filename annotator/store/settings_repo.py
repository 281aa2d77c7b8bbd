"""Project-wide settings stored in the project file (guidelines, default target)."""

from __future__ import annotations

import sqlite3

from annotator.store.connection import WriteTransaction


class SettingsRepo:
    def __init__(self, conn: sqlite3.Connection, write: WriteTransaction):
        self._conn = conn
        self._write = write

    def get(self, key: str, default: str = "") -> str:
        row = self._conn.execute(
            "SELECT value FROM project_settings WHERE key = ?", [key]
        ).fetchone()
        return default if row is None else str(row[0])

    def default_target(self) -> str | None:
        """The target stances are about when none is named: the "default_target" setting if
        that target exists, else the first target in the scheme, else None."""
        row = self._conn.execute(
            "SELECT s.name FROM scheme_items s WHERE s.kind = 'target'"
            " ORDER BY s.name = (SELECT value FROM project_settings WHERE key = 'default_target')"
            " DESC, s.position LIMIT 1"
        ).fetchone()
        return None if row is None else str(row[0])

    def set(self, key: str, value: str) -> str:
        """Store `value`; returns the previous value ("" if none), for undo."""
        previous = self.get(key)
        with self._write() as conn:
            conn.execute(
                "INSERT INTO project_settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
        return previous
