"""Is a project's schema the one its version says? Tells a damaged file from a bug of ours.

A flipped byte in the stored CREATE statements passes `PRAGMA quick_check` but turns
our own queries into "no such column" or NOT NULL failures (#14). When such an error
happens, the stored schema is compared with the one the migrations make: if they
differ, the file is damaged; if not, the error is ours and stays a bug.
"""

from __future__ import annotations

import sqlite3

from annotator.store import schema_version


def _definitions(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")
    return {(str(t), str(n)): " ".join(str(sql).split()) for t, n, sql in rows}


def schema_difference(conn: sqlite3.Connection) -> str | None:
    """How the schema on `conn` differs from what this version writes, or None.

    Only for projects at the current version (older ones are migrated first). Raises
    sqlite3.Error when the schema cannot even be read (then the file is damaged anyway).
    """
    if conn.execute("PRAGMA user_version").fetchone()[0] != schema_version.SCHEMA_VERSION:
        return None
    from sqlite_utils import Database  # only on this rare path

    from annotator.store import schema

    fresh = sqlite3.connect(":memory:")
    try:
        schema.migrations.apply(Database(fresh))
        expected = _definitions(fresh)
    finally:
        fresh.close()
    stored = _definitions(conn)
    for (kind, name), sql in sorted(expected.items()):
        if (kind, name) not in stored:
            return f"its {kind} {name} is missing"
        if stored[(kind, name)] != sql:
            return f"the stored definition of its {kind} {name} was altered"
    return None
