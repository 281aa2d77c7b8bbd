"""Documents: their text, metadata, display styles and per-annotator progress."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from annotator.core.errors import InputError, NotFoundError
from annotator.core.model import Document, DocumentFormat, DocumentSummary, StyleRun
from annotator.core.text_rules import NUL_REFUSED, nul_line
from annotator.store.connection import ImpossibleValueError, WriteTransaction

METADATA_FIELDS = ("title", "source", "url", "published")


def row_to_document(row: object) -> Document:
    """A stored document; ImpossibleValueError when a column holds what we never write."""
    r = dict(row)  # type: ignore[call-overload]
    try:
        doc_format = DocumentFormat(r["format"])
        styles = tuple(StyleRun(s, e, style) for s, e, style in json.loads(r["styles"]))
    except (ValueError, TypeError) as exc:  # json's errors are ValueErrors
        raise ImpossibleValueError(
            f"document {r['id']!r} has an impossible format or styles"
        ) from exc
    return Document(
        id=r["id"],
        text=r["text"],
        title=r["title"],
        source=r["source"],
        url=r["url"],
        published=r["published"],
        format=doc_format,
        styles=styles,
        sha256=r["sha256"],
    )


class DocumentRepo:
    def __init__(self, conn: sqlite3.Connection, write: WriteTransaction):
        self._conn = conn
        self._write = write

    def get(self, document_id: str) -> Document:
        """The whole document; raises NotFoundError."""
        row = self._conn.execute("SELECT * FROM documents WHERE id = ?", [document_id]).fetchone()
        if row is None:
            raise NotFoundError(f"No document {document_id!r} in this project.")
        return row_to_document(row)

    def in_list_order(self) -> Iterator[Document]:
        """Every document in list order (as `ids`), read a row at a time: an export of
        an archive asked for each of its 10,000 documents with a query of its own."""
        for row in self._conn.execute("SELECT * FROM documents ORDER BY position, id"):
            yield row_to_document(row)

    def passage(self, document_id: str, start: int, end: int) -> tuple[str, str]:
        """(text[start:end], title) without loading the whole document into Python.

        SQLite's substr counts characters (code points) in TEXT, as our offsets do.
        Raises NotFoundError.
        """
        row = self._conn.execute(
            "SELECT substr(text, ?, ?), title FROM documents WHERE id = ?",
            [start + 1, max(0, end - start), document_id],
        ).fetchone()
        if row is None:
            raise NotFoundError(f"No document {document_id!r} in this project.")
        return str(row[0]), str(row[1])

    def by_sha256(self, sha256: str) -> str | None:
        row = self._conn.execute("SELECT id FROM documents WHERE sha256 = ?", [sha256]).fetchone()
        return None if row is None else str(row[0])

    def ids(self) -> list[str]:
        return [r[0] for r in self._conn.execute("SELECT id FROM documents ORDER BY position, id")]

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def summaries(self, annotator: str = "") -> list[DocumentSummary]:
        """Every document in list order, with span counts and `annotator`'s done flag."""
        rows = self._conn.execute(
            """
            SELECT d.id, d.title, d.source, d.published, d.url, length(d.text) AS length,
                   (SELECT count(*) FROM spans s WHERE s.document_id = d.id) AS span_count,
                   (SELECT count(*) FROM spans s WHERE s.document_id = d.id AND s.annotator = :me)
                       AS my_span_count,
                   coalesce((SELECT done FROM document_status t
                             WHERE t.document_id = d.id AND t.annotator = :me), 0) AS done
            FROM documents d ORDER BY d.position, d.id
            """,
            {"me": annotator},
        )
        return [
            DocumentSummary(
                id=r["id"], title=r["title"], source=r["source"], length=r["length"],
                span_count=r["span_count"], my_span_count=r["my_span_count"], done=bool(r["done"]),
                published=r["published"], url=r["url"],
            )
            for r in rows
        ]  # fmt: skip

    def next_position(self) -> int:
        """The list position after the last document's.

        Reads every document (there is no index on `position`, and the column comes after
        the text, so each row's text is read to reach it): a bulk import asks once and
        passes positions to `add`, or an import of N documents reads the texts N times.
        """
        row = self._conn.execute("SELECT coalesce(max(position), -1) + 1 FROM documents")
        return int(row.fetchone()[0])

    def listing(self, annotator: str = "") -> list[DocumentSummary]:
        """Every document in list order with `annotator`'s done flag, without its length
        and span counts (0 here). Counting the spans of 10,000 documents walks every span:
        a third of a second at 1,000,000 (the document list reads a page of them at a time:
        annotator/store/document_filter.py)."""
        rows = self._conn.execute(
            """
            SELECT d.id, d.title, d.source, d.published, d.url, coalesce(t.done, 0) AS done
            FROM documents d
            LEFT JOIN document_status t ON t.document_id = d.id AND t.annotator = ?
            ORDER BY d.position, d.id
            """,
            [annotator],
        )
        return [
            DocumentSummary(
                id=r[0], title=r[1], source=r[2], length=0, span_count=0,
                done=bool(r[5]), published=r[3], url=r[4],
            )
            for r in rows
        ]  # fmt: skip

    def length(self, document_id: str) -> int:
        """The number of characters (code points) of `document_id`'s text; 0 if none."""
        row = self._conn.execute("SELECT length(text) FROM documents WHERE id = ?", [document_id])
        found = row.fetchone()
        return int(found[0]) if found is not None else 0

    def span_counts(self, document_id: str, annotator: str = "") -> tuple[int, int]:
        """(span count, `annotator`'s span count) of one document: what an add, undo or
        redo changes. Unlike a page of the document list's summaries
        (annotator/store/document_filter.py), it does not read the text for its length."""
        row = self._conn.execute(
            "SELECT (SELECT count(*) FROM spans WHERE document_id = :d),"
            " (SELECT count(*) FROM spans WHERE document_id = :d AND annotator = :me)",
            {"d": document_id, "me": annotator},
        ).fetchone()
        return int(row[0]), int(row[1])

    def add(self, document: Document, position: int | None = None) -> None:
        """Insert `document` at `position`, by default the end of the list (caller holds a
        write transaction).

        Raises InputError for a text with a NUL (see annotator.core.text_rules): the
        readers refuse it naming the file and line; this is the last line of defence
        for every other way in (merge, the API).
        """
        if nul_line(document.text) is not None:
            raise InputError(f"document {document.id!r}: {NUL_REFUSED}")
        conn = self._conn
        if position is None:
            position = self.next_position()
        conn.execute(
            "INSERT INTO documents (id, sha256, title, source, url, published, text, format, styles,"
            " position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                document.id, document.sha256, document.title, document.source, document.url,
                document.published, document.text, document.format.value,
                json.dumps([[s.start, s.end, s.style] for s in document.styles]), position,
            ],
        )  # fmt: skip

    def update_metadata(self, document_id: str, **fields: str) -> dict[str, str]:
        """Change title/source/url/published; returns the previous values (for undo)."""
        unknown = set(fields) - set(METADATA_FIELDS)
        if unknown:
            raise ValueError(f"not metadata: {sorted(unknown)}")
        before = self.get(document_id)
        with self._write() as conn:
            for name, value in fields.items():
                # Column names come from METADATA_FIELDS above, never from the caller's text.
                conn.execute(f"UPDATE documents SET {name} = ? WHERE id = ?", [value, document_id])
        return {name: getattr(before, name) for name in fields}

    def set_done(self, document_id: str, annotator: str, done: bool) -> bool:
        """Mark the document done (or not) for `annotator`; returns the previous flag."""
        previous = self.is_done(document_id, annotator)
        with self._write() as conn:
            conn.execute(
                "INSERT INTO document_status (document_id, annotator, done) VALUES (?, ?, ?)"
                " ON CONFLICT (document_id, annotator) DO UPDATE SET done = excluded.done,"
                " updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                [document_id, annotator, int(done)],
            )
        return previous

    def is_done(self, document_id: str, annotator: str) -> bool:
        row = self._conn.execute(
            "SELECT done FROM document_status WHERE document_id = ? AND annotator = ?",
            [document_id, annotator],
        ).fetchone()
        return bool(row and row[0])

    def done_ids(self, annotators: list[str] | None = None) -> set[str]:
        """Documents marked done by any of `annotators` (by anyone when None)."""
        sql = "SELECT DISTINCT document_id FROM document_status WHERE done = 1"
        params: list[str] = []
        if annotators:
            sql += f" AND annotator IN ({', '.join('?' * len(annotators))})"
            params = list(annotators)
        return {r[0] for r in self._conn.execute(sql, params)}

    def done_flags(self) -> list[tuple[str, str]]:
        """Every (document id, annotator) marked done, in document list order."""
        rows = self._conn.execute(
            "SELECT t.document_id, t.annotator FROM document_status t"
            " JOIN documents d ON d.id = t.document_id WHERE t.done = 1"
            " ORDER BY d.position, t.annotator"
        )
        return [(r[0], r[1]) for r in rows]
