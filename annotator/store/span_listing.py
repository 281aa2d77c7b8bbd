"""The annotation list's queries: filtered, counted and sorted in SQL, read a window at a time.

An archive holds a million spans; the list shows a screenful. Building a Span for every
annotation of the project (and filtering and sorting them in Python) took most of the
time to open the window (#15). The list asks instead for counts per document (one GROUP BY
over an index), the spans of the few documents on screen, or, sorted by another column,
the span row ids in that order (SQLite sorts), then the spans of a page of row ids.

Text matching and sort keys fold case with Python's `str.casefold` (registered on the
connection), so they read as the old Python filter did, non-ASCII letters included.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.model import Span
from annotator.store.annotation_repo import fragments_from_sql

_COLUMNS = """s.rowid, s.id, s.document_id, s.start, s."end", l.name, s.annotator, st.name,
           tg.name, s.note, s.origin, cm.claim_id, cm.value, s.fragments"""
_JOINS = """
    JOIN scheme_items l ON l.id = s.label_id
    LEFT JOIN scheme_items st ON st.id = s.stance_id
    LEFT JOIN scheme_items tg ON tg.id = s.target_id
    LEFT JOIN claim_mentions cm ON cm.span_id = s.id
"""
_DOCUMENT = " JOIN documents d ON d.id = s.document_id"
# What the text filter looks in: the passage, note, label, target, stance, title and outlet.
_HAYSTACK = (
    "annotator_has_words(substr(d.text, s.start + 1, s.\"end\" - s.start) || ' ' || s.note"
    " || ' ' || l.name || ' ' || coalesce(tg.name, '') || ' ' || coalesce(st.name, '')"
    " || ' ' || coalesce(nullif(d.title, ''), d.id) || ' ' || d.source, ?)"
)
_TIES = ' d.position, s.start, s."end", s.id'
# Sort keys by column name; stance and target sort "none" last (first when descending).
SORT_KEYS = {
    "outlet": ("annotator_fold(d.source)",),
    "label": ("annotator_fold(l.name)",),
    "text": ('annotator_flat(substr(d.text, s.start + 1, s."end" - s.start))',),
    "claim": ("cm.claim_id IS NULL", "c.created_at", "c.id"),
    "stance": ("st.name IS NULL", "annotator_fold(st.name)"),
    "target": ("tg.name IS NULL", "annotator_fold(tg.name)"),
    "annotator": ("annotator_fold(s.annotator)",),
    "note": ("annotator_flat(s.note)",),
}
WORD_SEPARATOR = "\x1f"  # between the words passed to annotator_has_words


def fold(text: str | None) -> str:
    return "" if text is None else text.casefold()


def flat(text: str | None) -> str:
    """Whitespace runs as one space, case folded: the shown one-line text's sort key."""
    return "" if text is None else " ".join(text.split()).casefold()


def has_words(haystack: str | None, words: str) -> bool:
    folded = fold(haystack)
    return all(word in folded for word in words.split(WORD_SEPARATOR))


@dataclass(frozen=True)
class SpanFilter:
    """Which spans the list shows. None means "all"; `stance` "" keeps spans without one;
    `annotators` is whose work is visible at all, `annotator` the list's own filter;
    `words` (case folded) must each occur in the row's text, note, names, title or outlet."""

    annotators: tuple[str, ...] | None = None
    label: str | None = None
    stance: str | None = None
    annotator: str | None = None
    document_id: str | None = None
    words: tuple[str, ...] = ()

    def narrows(self) -> bool:
        """Whether anything beyond visibility is filtered."""
        return bool(self.words) or any(
            v is not None for v in (self.label, self.stance, self.annotator, self.document_id)
        )


def _where(spans: SpanFilter) -> tuple[list[str], list[object]]:
    where: list[str] = []
    params: list[object] = []
    if spans.annotators is not None:
        where.append(f"s.annotator IN ({', '.join('?' * len(spans.annotators)) or 'NULL'})")
        params.extend(spans.annotators)
    if spans.annotator is not None:
        where.append("s.annotator = ?")
        params.append(spans.annotator)
    if spans.document_id is not None:
        where.append("s.document_id = ?")
        params.append(spans.document_id)
    if spans.label is not None:
        where.append("s.label_id = (SELECT id FROM scheme_items WHERE kind = 'label' AND name = ?)")
        params.append(spans.label)
    if spans.stance == "":
        where.append("s.stance_id IS NULL")
    elif spans.stance is not None:
        where.append(
            "s.stance_id = (SELECT id FROM scheme_items WHERE kind = 'stance' AND name = ?)"
        )
        params.append(spans.stance)
    if spans.words:
        where.append(_HAYSTACK)
        params.append(WORD_SEPARATOR.join(spans.words))
    return where, params


def _row_to_span(r: Sequence[object]) -> Span:
    return Span(
        r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12] or "",  # type: ignore[arg-type]
        fragments_from_sql(r[13]),  # type: ignore[arg-type]
    )  # fmt: skip


class SpanListing:
    """Read-only queries over one connection (the GUI thread's)."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        conn.create_function("annotator_fold", 1, fold, deterministic=True)
        conn.create_function("annotator_flat", 1, flat, deterministic=True)
        conn.create_function("annotator_has_words", 2, has_words, deterministic=True)

    def _cursor(self) -> sqlite3.Cursor:
        cursor = self._conn.cursor()
        cursor.row_factory = None  # plain tuples
        return cursor

    def document_order(self) -> list[tuple[str, str, str]]:
        """(id, title, outlet) of every document, in list order."""
        sql = "SELECT id, title, source FROM documents ORDER BY position, id"
        return [(r[0], r[1], r[2]) for r in self._cursor().execute(sql)]

    def counts(self, spans: SpanFilter) -> dict[str, int]:
        """How many spans `spans` keeps in each document (documents with none are absent)."""
        where, params = _where(spans)
        sql = "SELECT s.document_id, count(*) FROM spans s"
        if spans.label is None and spans.stance is None and not spans.words:
            pass  # the annotator and document columns are in the spans_by_annotator index
        else:
            sql += _JOINS + (_DOCUMENT if spans.words else "")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " GROUP BY s.document_id"
        return dict(self._cursor().execute(sql, params).fetchall())

    def document_spans(self, document_id: str, spans: SpanFilter) -> list[Span]:
        """The spans `spans` keeps in `document_id`, in reading order (start, end, id)."""
        where, params = _where(spans)
        where.insert(0, "s.document_id = ?")
        params.insert(0, document_id)
        sql = f"SELECT {_COLUMNS} FROM spans s {_JOINS}" + (_DOCUMENT if spans.words else "")
        sql += " WHERE " + " AND ".join(where) + ' ORDER BY s.start, s."end", s.id'
        return [_row_to_span(r) for r in self._cursor().execute(sql, params)]

    def spans_with_ids(self, span_ids: Sequence[str], spans: SpanFilter) -> list[Span]:
        """Those of `span_ids` that `spans` keeps (a few: what one edit changed)."""
        out: list[Span] = []
        for start in range(0, len(span_ids), 500):  # well under SQLite's variable limit
            batch = list(span_ids[start : start + 500])
            where, params = _where(spans)
            where.insert(0, f"s.id IN ({', '.join('?' * len(batch))})")
            sql = f"SELECT {_COLUMNS} FROM spans s {_JOINS}" + (_DOCUMENT if spans.words else "")
            sql += " WHERE " + " AND ".join(where)
            out += [_row_to_span(r) for r in self._cursor().execute(sql, [*batch, *params])]
        return out

    def sorted_rowids(self, spans: SpanFilter, key: str, *, descending: bool) -> list[int]:
        """The row ids of the spans `spans` keeps, sorted by the column `key` (SORT_KEYS),
        ties in document order."""
        where, params = _where(spans)
        direction = " DESC" if descending else ""
        order = ", ".join(part + direction for part in SORT_KEYS[key])
        sql = f"SELECT s.rowid FROM spans s {_JOINS} {_DOCUMENT}"
        if key == "claim":
            sql += " LEFT JOIN claims c ON c.id = cm.claim_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {order},{_TIES}"
        return [r[0] for r in self._cursor().execute(sql, params)]

    def spans_by_rowid(self, rowids: Sequence[int]) -> dict[int, Span]:
        out: dict[int, Span] = {}
        for start in range(0, len(rowids), 500):  # under SQLite's variable limit
            batch = rowids[start : start + 500]
            sql = f"SELECT {_COLUMNS} FROM spans s {_JOINS} WHERE s.rowid IN ({', '.join('?' * len(batch))})"
            out.update({r[0]: _row_to_span(r) for r in self._cursor().execute(sql, list(batch))})
        return out

    def rowid_of(self, span_id: str) -> int | None:
        row = self._conn.execute("SELECT rowid FROM spans WHERE id = ?", [span_id]).fetchone()
        return None if row is None else int(row[0])

    def document_of(self, span_id: str) -> str | None:
        row = self._conn.execute("SELECT document_id FROM spans WHERE id = ?", [span_id]).fetchone()
        return None if row is None else str(row[0])

    def linked_span_ids(self, claim_ids: Sequence[str]) -> list[str]:
        """The spans mentioning any of `claim_ids`."""
        if not claim_ids:
            return []
        marks = ", ".join("?" * len(claim_ids))
        sql = f"SELECT span_id FROM claim_mentions WHERE claim_id IN ({marks})"
        return [r[0] for r in self._conn.execute(sql, list(claim_ids))]
