"""Undo for bulk additions (import, merge): which rows did the addition add, by key.

Before the addition, `take_marks` remembers the last rowid of each table; right after it,
`added_since` lists the primary keys of the rows above those marks. SQLite gives a new
row `max(rowid) + 1` (we never use explicit rowids), so at that moment those are exactly
the rows the addition made. Undo (`remove_added`) deletes those keys, not "everything
above the mark": a row that existed before and was deleted and restored by a later
command (then undone) comes back with a new, higher rowid, and must stay (#14: the
undo/redo storm found an import's undo removing such a restored annotation). Undo runs
in stack order, so nothing added later still depends on these rows when they go.
"""

from __future__ import annotations

import sqlite3
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


@dataclass(frozen=True, slots=True)
class AddedRows:
    """Per table (children first): its primary-key columns and the keys of the rows added."""

    tables: tuple[tuple[str, tuple[str, ...], tuple[tuple[object, ...], ...]], ...]

    @property
    def count(self) -> int:
        return sum(len(rows) for _table, _columns, rows in self.tables)


def _primary_key(conn: sqlite3.Connection, table: str) -> tuple[str, ...]:
    columns = sorted((row[5], row[1]) for row in conn.execute(f'PRAGMA table_info("{table}")'))
    return tuple(name for position, name in columns if position > 0) or ("rowid",)


def added_since(store: ProjectStore, marks: RowidMarks) -> AddedRows:
    """The keys of every row added after `marks`; call it right after the addition."""
    conn = store.conn
    tables = []
    for table, last in zip(_TABLES, marks.last_rowids, strict=True):
        columns = _primary_key(conn, table)
        selected = ", ".join(f'"{c}"' if c != "rowid" else c for c in columns)
        rows = conn.execute(f"SELECT {selected} FROM {table} WHERE rowid > ?", [last])
        tables.append((table, columns, tuple(tuple(row) for row in rows)))
    return AddedRows(tuple(tables))


def remove_added(store: ProjectStore, added: AddedRows) -> None:
    """Delete exactly the rows in `added` (those still there), in one transaction."""
    with store.write() as conn:
        for table, columns, rows in added.tables:
            if rows:
                match = " AND ".join(f'"{c}" = ?' if c != "rowid" else "rowid = ?" for c in columns)
                conn.executemany(f"DELETE FROM {table} WHERE {match}", rows)
