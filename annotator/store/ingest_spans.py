"""The spans of an import batch into the table: inserted as the file names them, and
only when some did not go in, their ids looked up and those another document holds
renamed (`<id>@<document id>`), so importing a file twice adds nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from annotator.core.model import ImportReport, new_id

# OR IGNORE skips exactly the duplicates: the id primary key and the (document,
# annotator, start, end, label) unique index. Offsets were validated by the reader, so no
# CHECK failure is silently ignored here. Each row ends with its created_at and
# updated_at (NOW_SQL's value, asked once per batch).
_INSERT_SPANS = (
    'INSERT OR IGNORE INTO spans (id, document_id, start, "end", label_id, annotator,'
    " stance_id, target_id, note, origin, fragments, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"  # the spans table's timestamp default


def store_spans(
    conn: sqlite3.Connection, rows: list[tuple[object, ...]], report: ImportReport
) -> int:
    """Insert a batch's span rows (id and document id first); how many were new.

    Tried first as they are, in a savepoint: when every row goes in, no id was taken (by
    a stored span or one earlier in the batch) and nothing was a duplicate, so nothing
    needed renaming. Otherwise the savepoint is undone and the ids another document
    holds are renamed first (`_span_id_in`). Looking every id up first cost a fresh
    import a query per 500 spans for nothing (#15)."""
    conn.execute("SAVEPOINT ingest_spans")
    try:
        added = insert_new(conn, _INSERT_SPANS, rows)
        if added != len(rows):
            conn.execute("ROLLBACK TO ingest_spans")
            owners = _span_id_owners(conn, [str(row[0]) for row in rows])
            for index, row in enumerate(rows):
                span_id, document_id = str(row[0]), str(row[1])
                if owners.setdefault(span_id, document_id) != document_id:
                    renamed = _span_id_in(conn, owners, span_id, document_id, report)
                    rows[index] = (renamed, *row[1:])
            added = insert_new(conn, _INSERT_SPANS, rows)
    finally:
        conn.execute("RELEASE ingest_spans")
    return added


def _span_id_owners(conn: sqlite3.Connection, span_ids: Sequence[str]) -> dict[str, str]:
    """Span id -> the document it is stored in, for those of `span_ids` already stored."""
    owners: dict[str, str] = {}
    unique = list(dict.fromkeys(span_ids))
    for start in range(0, len(unique), _BATCH):
        batch = unique[start : start + _BATCH]
        owners.update(
            conn.execute(
                f"SELECT id, document_id FROM spans WHERE id IN ({', '.join('?' * len(batch))})",
                batch,
            ).fetchall()
        )
    return owners


def _span_id_in(
    conn: sqlite3.Connection,
    owners: dict[str, str],
    span_id: str,
    document_id: str,
    report: ImportReport,
) -> str:
    """`span_id`, unless a span of another document (stored, or earlier in this import)
    has it: then `<id>@<document id>`, the same on every import of the file, so that
    importing it again still adds nothing."""
    owner = owners.setdefault(span_id, document_id)
    if owner == document_id:
        return span_id
    report.span_ids_renamed += 1
    renamed = f"{span_id}@{document_id}"
    known = owners.get(renamed)
    if known is None:
        row = conn.execute("SELECT document_id FROM spans WHERE id = ?", [renamed]).fetchone()
        known = document_id if row is None else str(row[0])
    if known != document_id:
        renamed = new_id()
    owners[renamed] = document_id
    return renamed


_BATCH = 500  # ids per IN (...), under SQLite's variable limit


def insert_new(conn: sqlite3.Connection, sql: str, rows: Sequence[tuple[object, ...]]) -> int:
    """Run an INSERT OR IGNORE for every row; how many were new."""
    before = conn.total_changes
    conn.executemany(sql, rows)
    return conn.total_changes - before
