"""Undo for bulk additions (import, merge): find the rows a bulk step added, remove exactly those.

Before the step we remember the last rowid of each table (`take_marks`); right after it,
the rows above the marks are exactly what it added (SQLite gives a new row
`max(rowid) + 1`), and `rows_added_since` records their primary keys. Undo deletes by
those keys, never by "rowid above the mark": a later command's undo (restoring a deleted
span, re-setting a replaced stance) inserts rows that existed before the import with new,
higher rowids, and deleting by rowid would take them too (found by the undo-storm state
machine: add, import, delete, undo, undo lost the first span).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.store.project_store import ProjectStore

# Children before parents, so no foreign key is left pointing at a removed row; each with
# its primary key columns.
_TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("claim_mentions", ("span_id",)),
    ("claim_relations", ("id",)),
    ("claim_silences", ("document_id", "claim_id", "annotator")),
    ("span_relations", ("id",)),
    ("document_derivations", ("document_id", "source_document_id", "annotator")),
    ("spans", ("id",)),
    ("claims", ("id",)),
    ("document_stances", ("document_id", "annotator", "target_id")),
    ("document_status", ("document_id", "annotator")),
    ("documents", ("id",)),
    ("scheme_items", ("id",)),
)


@dataclass(frozen=True, slots=True)
class RowidMarks:
    last_rowids: tuple[int, ...]  # one per table in _TABLES


@dataclass(frozen=True, slots=True)
class AddedRows:
    keys: tuple[tuple[tuple[object, ...], ...], ...]  # per table in _TABLES: primary keys


def take_marks(store: ProjectStore) -> RowidMarks:
    conn = store.conn
    # Table names come from the fixed _TABLES tuple above, never from user input.
    return RowidMarks(
        tuple(
            conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {t}").fetchone()[0]
            for t, _ in _TABLES
        )
    )


def rows_added_since(store: ProjectStore, marks: RowidMarks) -> AddedRows:
    """The primary keys of every row added after `marks`; call it right after the step."""
    conn = store.conn
    keys = []
    for (table, columns), last in zip(_TABLES, marks.last_rowids, strict=True):
        names = ", ".join(f'"{c}"' for c in columns)
        rows = conn.execute(f"SELECT {names} FROM {table} WHERE rowid > ?", [last])
        keys.append(tuple(tuple(row) for row in rows))
    return AddedRows(tuple(keys))


def remove_rows(store: ProjectStore, added: AddedRows) -> None:
    """Delete exactly the rows in `added` (by primary key), in one transaction."""
    with store.write() as conn:
        for (table, columns), keys in zip(_TABLES, added.keys, strict=True):
            if not keys:
                continue
            match = " AND ".join(f'"{c}" = ?' for c in columns)
            conn.executemany(f"DELETE FROM {table} WHERE {match}", keys)
