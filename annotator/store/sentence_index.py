"""Sentences of every document in a full-text index, for "where else is this said?".

The index lives in the connection's TEMP database (an FTS5 table), not in the project
file: it is derived data, rebuilt in milliseconds per document on first use, never
stale after an import or its undo (`refresh` adds and drops documents by id; a
document's text never changes), needs no schema migration, and works on read-only
projects. Writing it is therefore not a project change and takes no project lock.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.claims.sentences import split_sentences


@dataclass(frozen=True, slots=True)
class Sentence:
    id: int  # stable while the project is open
    document_id: str
    start: int
    end: int
    text: str


class SentenceIndex:
    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        self._ready = False

    def _create(self) -> None:
        self._conn.executescript(
            """
            CREATE VIRTUAL TABLE IF NOT EXISTS temp.sentence_fts USING fts5(
                text, document_id UNINDEXED, start UNINDEXED, stop UNINDEXED,
                tokenize = 'unicode61 remove_diacritics 2'
            );
            CREATE TABLE IF NOT EXISTS temp.sentence_documents (document_id TEXT PRIMARY KEY);
            """
        )
        self._ready = True

    def refresh(self) -> int:
        """Index documents added since the last call and drop removed ones; returns how
        many documents were (re)indexed."""
        if not self._ready:
            self._create()
        conn = self._conn
        gone = [
            r[0]
            for r in conn.execute(
                "SELECT document_id FROM temp.sentence_documents"
                " EXCEPT SELECT id FROM main.documents"
            )
        ]
        new = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM main.documents EXCEPT SELECT document_id FROM temp.sentence_documents"
            )
        ]
        if not gone and not new:
            return 0
        in_transaction = conn.in_transaction
        if not in_transaction:
            conn.execute("BEGIN")  # one temp-database transaction: much faster than autocommit
        try:
            for document_id in gone:
                conn.execute("DELETE FROM temp.sentence_fts WHERE document_id = ?", [document_id])
                conn.execute(
                    "DELETE FROM temp.sentence_documents WHERE document_id = ?", [document_id]
                )
            for document_id in new:
                (text,) = conn.execute(
                    "SELECT text FROM main.documents WHERE id = ?", [document_id]
                ).fetchone()
                conn.executemany(
                    "INSERT INTO temp.sentence_fts (text, document_id, start, stop)"
                    " VALUES (?, ?, ?, ?)",
                    [(text[a:b], document_id, a, b) for a, b in split_sentences(text)],
                )
                conn.execute(
                    "INSERT INTO temp.sentence_documents (document_id) VALUES (?)", [document_id]
                )
            if not in_transaction:
                conn.execute("COMMIT")
        except BaseException:
            if not in_transaction and conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return len(new) + len(gone)

    def sentences(self, document_ids: Sequence[str]) -> list[Sentence]:
        """Every sentence of these documents, in document and text order."""
        self.refresh()
        if not document_ids:
            return []
        marks = ", ".join("?" * len(document_ids))
        rows = self._conn.execute(
            "SELECT rowid, document_id, start, stop, text FROM temp.sentence_fts"
            f" WHERE document_id IN ({marks}) ORDER BY document_id, start",
            list(document_ids),
        )
        return [Sentence(*r) for r in rows]

    def search(
        self, terms: Sequence[str], document_ids: Sequence[str], limit: int
    ) -> list[tuple[Sentence, float]]:
        """The best `limit` sentences of these documents matching any of `terms`, by FTS5
        bm25 (returned as a positive score, higher is better)."""
        self.refresh()
        if not terms or not document_ids:
            return []
        query = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        marks = ", ".join("?" * len(document_ids))
        rows = self._conn.execute(
            "SELECT rowid, document_id, start, stop, text, -bm25(sentence_fts)"
            " FROM temp.sentence_fts WHERE sentence_fts MATCH ?"
            f" AND document_id IN ({marks}) ORDER BY bm25(sentence_fts) LIMIT ?",
            [query, *document_ids, limit],
        )
        return [(Sentence(*r[:5]), float(r[5])) for r in rows]

    def count(self, document_ids: Sequence[str]) -> int:
        self.refresh()
        if not document_ids:
            return 0
        marks = ", ".join("?" * len(document_ids))
        return int(
            self._conn.execute(
                f"SELECT count(*) FROM temp.sentence_fts WHERE document_id IN ({marks})",
                list(document_ids),
            ).fetchone()[0]
        )
