"""Undo for bulk additions (import, merge): remember the last rowid of each table before,
remove every row added after.

SQLite gives a new row `max(rowid) + 1` (we never use AUTOINCREMENT gaps or explicit
rowids), so "rowid above the mark" is exactly "added since the mark". Undo runs in
stack order, so nothing added later still depends on these rows when they go.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.store.project_store import ProjectStore

# Children before parents, so no foreign key is left pointing at a removed row.
_TABLES = (
    "claim_mentions",
    "claim_relations",
    "claim_silences",
    "span_relations",
    "document_derivations",
    "spans",
    "claims",
    "document_stances",
    "document_status",
    "documents",
    "scheme_items",
)


@dataclass(frozen=True, slots=True)
class RowidMarks:
    last_rowids: tuple[int, ...]  # one per table in _TABLES


def take_marks(store: ProjectStore) -> RowidMarks:
    conn = store.conn
    # Table names come from the fixed _TABLES tuple above, never from user input.
    return RowidMarks(
        tuple(
            conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {t}").fetchone()[0] for t in _TABLES
        )
    )


def remove_since(store: ProjectStore, marks: RowidMarks) -> None:
    """Delete every row added after `marks`, in one transaction."""
    with store.write() as conn:
        for table, last in zip(_TABLES, marks.last_rowids, strict=True):
            conn.execute(f"DELETE FROM {table} WHERE rowid > ?", [last])
