"""Spans and document-level stances: reading, adding, changing, deleting, restoring.

Spans refer to scheme entries by row id, so renaming a label renames it everywhere at
once; the API speaks names. Each mutating method is one committed transaction and
returns what undo needs to reverse it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.errors import AnnotatorError, NotFoundError
from annotator.core.model import DocumentStance, SchemeKind, Span, valid_fragments
from annotator.store.connection import WriteTransaction
from annotator.store.scheme_ids import SchemeIds

if TYPE_CHECKING:  # numpy (~150 ms) is imported only when agreement reads columns
    from annotator.core.agreement.columns import SpanColumns

_SPAN_SELECT = """
    SELECT s.id, s.document_id, s.start, s."end", l.name AS label, s.annotator,
           st.name AS stance, tg.name AS target, s.note, s.origin, cm.claim_id, cm.value,
           s.fragments
    FROM spans s
    JOIN scheme_items l ON l.id = s.label_id
    LEFT JOIN scheme_items st ON st.id = s.stance_id
    LEFT JOIN scheme_items tg ON tg.id = s.target_id
    LEFT JOIN claim_mentions cm ON cm.span_id = s.id
"""

SPAN_FIELDS = ("label", "stance", "target", "note", "start", "end", "origin", "fragments")


class DuplicateSpanError(AnnotatorError):
    """The same annotator already has this label on exactly this passage."""


def _row_to_span(r: sqlite3.Row | tuple[Any, ...]) -> Span:
    return Span(
        r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11] or "",
        fragments_from_sql(r[12]),
    )  # fmt: skip


def fragments_to_sql(fragments: tuple[tuple[int, int], ...]) -> str:
    """The `fragments` column: a JSON list of [start, end] pairs, '' for one piece."""
    return json.dumps([list(p) for p in fragments]) if fragments else ""


def fragments_from_sql(value: str | None) -> tuple[tuple[int, int], ...]:
    return tuple((int(a), int(b)) for a, b in json.loads(value)) if value else ()


def _in_clause(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join('?' * len(values))})"


class AnnotationRepo:
    def __init__(self, conn: sqlite3.Connection, write: WriteTransaction):
        self._conn = conn
        self._write = write
        self._ids = SchemeIds(conn)
        self._lengths: dict[str, int] = {}  # text sha256 -> length in code points

    # -- spans: reading ----------------------------------------------------------------
    def spans(
        self,
        document_id: str | None = None,
        annotators: Sequence[str] | None = None,
        *,
        claim_linked: bool = False,
    ) -> list[Span]:
        """Spans ordered by document list position and offset; filtered when asked
        (`claim_linked`: only those that mention a claim)."""
        where, params = [], []
        if claim_linked:
            where.append("cm.claim_id IS NOT NULL")
        if document_id is not None:
            where.append("s.document_id = ?")
            params.append(document_id)
        if annotators is not None:
            if not annotators:
                return []
            where.append(_in_clause("s.annotator", annotators))
            params.extend(annotators)
        sql = _SPAN_SELECT
        if document_id is None:
            sql += " JOIN documents d ON d.id = s.document_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += (
            ' ORDER BY s.start, s."end", s.id'
            if document_id
            else ' ORDER BY d.position, s.start, s."end", s.id'
        )
        cursor = self._conn.cursor()
        cursor.row_factory = None  # plain tuples: an archive's million spans build faster
        return [_row_to_span(r) for r in cursor.execute(sql, params)]

    def span_columns(
        self,
        annotators: Sequence[str] | None = None,
        *,
        exclude: str | None = None,
        labels: Sequence[str] | None = None,
    ) -> SpanColumns:
        """Every span (of `annotators`, with one of `labels`, when given; never `exclude`'s)
        as agreement columns, in the order of `spans()`: read in bulk, no Span objects."""
        from annotator.store.span_columns import read_span_columns

        return read_span_columns(self._conn, annotators, exclude=exclude, labels=labels)

    def span(self, span_id: str) -> Span:
        row = self._conn.execute(_SPAN_SELECT + " WHERE s.id = ?", [span_id]).fetchone()
        if row is None:
            raise NotFoundError(f"No annotation {span_id!r}.")
        return _row_to_span(row)

    def span_count(self) -> int:
        """How many spans the project holds (SQLite counts an index, not the table)."""
        return int(self._conn.execute("SELECT count(*) FROM spans").fetchone()[0])

    def annotators(self) -> list[str]:
        """Everyone who has annotated anything, sorted."""
        # The names hop from one to the next along each table's annotator index (a seek
        # per annotator): a UNION read the whole spans_by_annotator index, 50 ms at
        # 1,000,000 spans, on every project open and every change of the document list (#15).
        hop = (
            "WITH RECURSIVE {t}_names(name) AS ("
            " SELECT min(annotator) FROM {t} UNION ALL"
            " SELECT (SELECT min(annotator) FROM {t} WHERE annotator > name) FROM {t}_names"
            " WHERE name IS NOT NULL)"
            " SELECT name FROM {t}_names WHERE name IS NOT NULL"
        )
        rows = self._conn.execute(
            "SELECT * FROM (" + hop.format(t="spans") + ")"
            " UNION SELECT * FROM (" + hop.format(t="document_stances") + ")"
            " UNION SELECT * FROM (" + hop.format(t="document_status") + ") ORDER BY 1"
        )
        names = [r[0] for r in rows]
        if not all(isinstance(name, str) for name in names):
            # The columns are STRICT TEXT: another type can only come from a damaged index,
            # which `PRAGMA quick_check` does not read (#14).
            from annotator.store.connection import ImpossibleValueError

            raise ImpossibleValueError("an annotator name in an index is not text")
        return names

    def span_counts_by_document_and_annotator(self) -> dict[tuple[str, str], int]:
        """How many spans each annotator has in each document: {(document id, annotator): n}.

        One GROUP BY over the spans_by_annotator index; pairs with no spans are absent.
        """
        rows = self._conn.execute(
            "SELECT document_id, annotator, count(*) FROM spans GROUP BY document_id, annotator"
        )
        return {(r[0], r[1]): int(r[2]) for r in rows}

    def document_stance_counts_by_document_and_annotator(self) -> dict[tuple[str, str], int]:
        """How many document stances (targets) each annotator set in each document."""
        rows = self._conn.execute(
            "SELECT document_id, annotator, count(*) FROM document_stances"
            " GROUP BY document_id, annotator"
        )
        return {(r[0], r[1]): int(r[2]) for r in rows}

    # -- spans: writing ----------------------------------------------------------------
    def add_span(self, span: Span) -> Span:
        """Store `span` (also used to restore a deleted one, with its id).

        Raises NotFoundError for an unknown document or scheme entry, DuplicateSpanError
        when this annotator already gave this label to exactly this passage, and
        ValueError for offsets outside the text.
        """
        with self._write() as conn:
            self.insert_span(conn, span)
        return span

    def insert_span(self, conn: sqlite3.Connection, span: Span) -> None:
        """Insert inside the caller's transaction (bulk import uses this)."""
        length = self._text_length(conn, span.document_id)
        if not 0 <= span.start < span.end <= length:
            raise ValueError(f"span {span.start}..{span.end} outside the text (0..{length})")
        scheme = self._ids
        try:
            conn.execute(
                'INSERT INTO spans (id, document_id, start, "end", label_id, annotator, stance_id,'
                " target_id, note, origin, fragments) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    span.id, span.document_id, span.start, span.end,
                    scheme.require_id(SchemeKind.LABEL, span.label), span.annotator,
                    scheme.optional_id(SchemeKind.STANCE, span.stance),
                    scheme.optional_id(SchemeKind.TARGET, span.target), span.note, span.origin,
                    fragments_to_sql(span.fragments),
                ],
            )  # fmt: skip
        except sqlite3.IntegrityError as exc:
            if "UNIQUE" in str(exc):
                raise DuplicateSpanError(
                    f"{span.annotator} already labelled this passage {span.label}."
                ) from exc
            raise
        if span.claim is not None:
            # A restored span (undo of a delete) brings its claim link back with it.
            conn.execute(
                "INSERT INTO claim_mentions (span_id, claim_id, value) VALUES (?, ?, ?)",
                [span.id, span.claim, span.claim_value],
            )

    def _text_length(self, conn: sqlite3.Connection, document_id: str) -> int:
        """The document's length in code points, counted once per text: SQLite's length()
        reads the whole text (0.6 ms for 1 MB), which was on every add, undo and redo (#15).
        Kept by the text's sha256 (the text's identity, checked on import; a text is never
        changed in place), so a document deleted and imported again with another text under
        the same id is counted afresh. Raises NotFoundError for an unknown document."""
        row = conn.execute("SELECT sha256 FROM documents WHERE id = ?", [document_id]).fetchone()
        if row is None:
            raise NotFoundError(f"No document {document_id!r}.")
        length = self._lengths.get(row[0])
        if length is None:
            length = int(
                conn.execute(
                    "SELECT length(text) FROM documents WHERE id = ?", [document_id]
                ).fetchone()[0]
            )
            self._lengths[row[0]] = length
        return length

    def update_span(self, span_id: str, **changes: object) -> Span:
        """Change label/stance/target/note/start/end/fragments; returns the span as it was
        before. New bounds without new `fragments` make a discontinuous span one piece;
        undo passes the old `fragments` back with the old bounds."""
        unknown = set(changes) - set(SPAN_FIELDS)
        if unknown:
            raise ValueError(f"not span fields: {sorted(unknown)}")
        before = self.span(span_id)
        scheme = self._ids
        columns: dict[str, object] = {}
        for name, value in changes.items():
            if name == "label":
                columns["label_id"] = scheme.require_id(SchemeKind.LABEL, str(value))
            elif name == "stance":
                columns["stance_id"] = scheme.optional_id(SchemeKind.STANCE, value)  # type: ignore[arg-type]
            elif name == "target":
                columns["target_id"] = scheme.optional_id(SchemeKind.TARGET, value)  # type: ignore[arg-type]
            elif name == "fragments":
                pieces = tuple((int(a), int(b)) for a, b in value)  # type: ignore[attr-defined]
                start = int(changes.get("start", before.start))  # type: ignore[call-overload]
                end = int(changes.get("end", before.end))  # type: ignore[call-overload]
                if pieces and not valid_fragments(start, end, pieces):
                    raise ValueError(f"fragments {pieces} do not describe {start}..{end}")
                columns["fragments"] = fragments_to_sql(pieces)
            else:
                columns[name] = value
        if (
            ("start" in changes or "end" in changes)
            and "fragments" not in changes
            and before.fragments
        ):
            # New bounds no longer match the pieces: the span becomes one piece.
            columns["fragments"] = ""
        if not columns:
            return before
        # Column names come from the fixed SPAN_FIELDS mapping above, never from user text.
        assignments = ", ".join(f'"{c}" = ?' for c in columns)
        with self._write() as conn:
            try:
                conn.execute(
                    f"UPDATE spans SET {assignments}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
                    " WHERE id = ?",
                    [*columns.values(), span_id],
                )
            except sqlite3.IntegrityError as exc:
                if "UNIQUE" in str(exc):
                    raise DuplicateSpanError(
                        "That annotator already has this label on this passage."
                    ) from exc
                raise
        return before

    def delete_span(self, span_id: str) -> Span:
        """Remove one span; returns it so undo can restore it exactly."""
        before = self.span(span_id)
        with self._write() as conn:
            conn.execute("DELETE FROM spans WHERE id = ?", [span_id])
        return before

    def delete_spans(self, span_ids: Iterable[str]) -> list[Span]:
        ids = list(span_ids)
        before = [self.span(i) for i in ids]
        with self._write() as conn:
            conn.executemany("DELETE FROM spans WHERE id = ?", [[i] for i in ids])
        return before

    def restore_spans(self, spans: Iterable[Span]) -> None:
        with self._write() as conn:
            for span in spans:
                self.insert_span(conn, span)

    # -- document stances ------------------------------------------------------------
    def document_stances(
        self, document_id: str | None = None, annotators: Sequence[str] | None = None
    ) -> list[DocumentStance]:
        where, params = [], []
        if document_id is not None:
            where.append("ds.document_id = ?")
            params.append(document_id)
        if annotators is not None:
            if not annotators:
                return []
            where.append(_in_clause("ds.annotator", annotators))
            params.extend(annotators)
        sql = (
            "SELECT ds.document_id, ds.annotator, tg.name, st.name, ds.origin FROM document_stances ds"
            " JOIN scheme_items tg ON tg.id = ds.target_id JOIN scheme_items st ON st.id = ds.stance_id"
            " JOIN documents d ON d.id = ds.document_id"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY d.position, ds.annotator, tg.position"
        return [DocumentStance(*r) for r in self._conn.execute(sql, params)]

    def set_document_stance(
        self, document_id: str, annotator: str, target: str, stance: str | None, origin: str = ""
    ) -> str | None:
        """Set (or clear, with None) `annotator`'s stance of the document toward `target`.

        Returns the previous stance (None if there was none), for undo.
        """
        scheme = self._ids
        target_id = scheme.require_id(SchemeKind.TARGET, target)
        previous = self._conn.execute(
            "SELECT st.name FROM document_stances ds JOIN scheme_items st ON st.id = ds.stance_id"
            " WHERE ds.document_id = ? AND ds.annotator = ? AND ds.target_id = ?",
            [document_id, annotator, target_id],
        ).fetchone()
        with self._write() as conn:
            self.put_document_stance(conn, document_id, annotator, target_id, stance, origin)
        return None if previous is None else str(previous[0])

    def put_document_stance(
        self,
        conn: sqlite3.Connection,
        document_id: str,
        annotator: str,
        target_id: int,
        stance: str | None,
        origin: str = "",
    ) -> None:
        """Upsert inside the caller's transaction."""
        if stance is None:
            conn.execute(
                "DELETE FROM document_stances WHERE document_id = ? AND annotator = ? AND target_id = ?",
                [document_id, annotator, target_id],
            )
            return
        stance_id = self._ids.require_id(SchemeKind.STANCE, stance)
        conn.execute(
            "INSERT INTO document_stances (document_id, annotator, target_id, stance_id, origin)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (document_id, annotator, target_id) DO UPDATE SET"
            " stance_id = excluded.stance_id, origin = excluded.origin,"
            " updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            [document_id, annotator, target_id, stance_id, origin],
        )
