"""Scheme entry names to row ids: what annotations and the scheme both look up.

Its own module so AnnotationRepo need not depend on SchemeRepo (which depends on it).
"""

from __future__ import annotations

import sqlite3

from annotator.core.errors import NotFoundError
from annotator.core.model import SchemeKind


class SchemeIds:
    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def require_id(self, kind: SchemeKind, name: str) -> int:
        row = self._conn.execute(
            "SELECT id FROM scheme_items WHERE kind = ? AND name = ?", [kind.value, name]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"No {kind.value} named {name!r} in the scheme.")
        return int(row[0])

    def optional_id(self, kind: SchemeKind, name: str | None) -> int | None:
        return None if name is None or name == "" else self.require_id(kind, name)
