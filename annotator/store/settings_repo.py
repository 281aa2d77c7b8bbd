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
