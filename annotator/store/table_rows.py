"""The analysis table of an export (one row per span, one per document stance) read
straight from SQL in list order, a row at a time: no Span objects, nothing held whole.

The columns are those of the CSV and Parquet exports (services/formats/parquet.py
COLUMNS). A span row's passage is cut by SQLite (substr counts code points, as our
offsets do); a span whose offsets do not fit its text is left out here and reported by
`misplaced_spans` (the store never writes one: a guard against a damaged file).
"""

from __future__ import annotations

import itertools
import operator
import sqlite3
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Any

TABLE_COLUMNS = (
    "level", "document_id", "title", "source", "url", "published", "annotator", "span_id",
    "label", "stance", "target", "start", "end", "text", "note", "outlet", "claim",
    "claim_text", "claim_value",
)  # fmt: skip


def _claim_owner(annotators: Sequence[str] | None) -> tuple[str, list[str]]:
    """The join condition (and its parameters) keeping the claims of `annotators` only:
    whose claims give a span its claim_text. None: everyone's."""
    if annotators is None:
        return "", []
    return f" AND c.annotator IN ({', '.join('?' * len(annotators))})", list(annotators)


def _filters(
    alias: str, annotators: Sequence[str] | None, only_done: bool
) -> tuple[str, list[str]]:
    where: list[str] = []
    params: list[str] = []
    if annotators is not None:
        where.append(f"{alias}.annotator IN ({', '.join('?' * len(annotators))})")
        params.extend(annotators)
    if only_done:
        done = "SELECT document_id FROM document_status WHERE done = 1"
        if annotators is not None:
            done += f" AND annotator IN ({', '.join('?' * len(annotators))})"
            params.extend(annotators)
        where.append(f"d.id IN ({done})")
    return "".join(f" AND {w}" for w in where), params


def table_rows(
    conn: sqlite3.Connection,
    annotators: Sequence[str] | None = None,
    *,
    only_done: bool = False,
    on_document: Callable[[], None] | None = None,
    skip: Collection[str] = (),
) -> Iterator[tuple[object, ...]]:
    """Every row in TABLE_COLUMNS order: per document in list order its spans (by
    offsets, then id), then its stances (by annotator and target). `annotators` limits
    both (and whose claims give a span its claim_text); `only_done` keeps documents one
    of them marked done. `on_document()` is called as each document's rows begin (it
    may raise to stop). The spans whose ids are in `skip` are left out (those
    `misplaced_spans` found: none in a sound project)."""
    if annotators is not None and not annotators:
        return
    claim_owner, claim_params = _claim_owner(annotators)
    where, params = _filters("s", annotators, only_done)
    spans = conn.execute(
        "SELECT d.position, 'span', d.id, d.title, d.source, d.url, d.published, s.annotator,"
        ' s.id, l.name, st.name, tg.name, s.start, s."end",'
        ' substr(d.text, s.start + 1, s."end" - s.start), s.note, d.source, cm.claim_id,'
        " c.wording, CASE WHEN cm.claim_id IS NULL THEN NULL ELSE cm.value END"
        " FROM spans s JOIN documents d ON d.id = s.document_id"
        " JOIN scheme_items l ON l.id = s.label_id"
        " LEFT JOIN scheme_items st ON st.id = s.stance_id"
        " LEFT JOIN scheme_items tg ON tg.id = s.target_id"
        " LEFT JOIN claim_mentions cm ON cm.span_id = s.id"
        f" LEFT JOIN claims c ON c.id = cm.claim_id{claim_owner}"
        f" WHERE 1{where}"
        ' ORDER BY d.position, s.start, s."end", s.id',
        [*claim_params, *params],
    )
    where, params = _filters("ds", annotators, only_done)
    stances = conn.execute(
        "SELECT d.position, 'document', d.id, d.title, d.source, d.url, d.published,"
        " ds.annotator, NULL, NULL, st.name, tg.name, NULL, NULL, NULL, NULL, d.source,"
        " NULL, NULL, NULL"
        " FROM document_stances ds JOIN documents d ON d.id = ds.document_id"
        " JOIN scheme_items tg ON tg.id = ds.target_id"
        " JOIN scheme_items st ON st.id = ds.stance_id"
        f" WHERE 1{where} ORDER BY d.position, ds.annotator, tg.position",
        params,
    )
    pending = next(stances, None)
    position = None
    for row in spans:
        if skip and row[8] in skip:
            continue
        if row[0] != position:
            while pending is not None and pending[0] < row[0]:
                if pending[0] != position and on_document is not None:
                    on_document()
                position = pending[0]
                yield pending[1:]
                pending = next(stances, None)
            if row[0] != position and on_document is not None:
                on_document()
            position = row[0]
        yield row[1:]
    while pending is not None:
        if pending[0] != position and on_document is not None:
            on_document()
        position = pending[0]
        yield pending[1:]
        pending = next(stances, None)


# Span's own fields first (as Span(*row[:12]) takes them: the mention's value '' for
# none), then the fragments column and the claim's wording.
SPAN_ROW_COLUMNS = (
    "id", "document_id", "start", "end", "label", "annotator", "stance", "target", "note",
    "origin", "claim", "claim_value", "fragments", "claim_text",
)  # fmt: skip


def span_rows_by_document(
    conn: sqlite3.Connection, annotators: Sequence[str] | None = None, *, only_done: bool = False
) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """(document id, its span rows in SPAN_ROW_COLUMNS) for each document with spans, in
    list order (documents by position, then id; spans by offsets, then id), a document
    at a time from one query. `annotators` and `only_done` filter as in `table_rows`
    (`annotators` also decides whose claims give a span its claim_text)."""
    if annotators is not None and not annotators:
        return
    claim_owner, claim_params = _claim_owner(annotators)
    where, params = _filters("s", annotators, only_done)
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples
    rows = cursor.execute(
        'SELECT s.id, s.document_id, s.start, s."end", l.name, s.annotator, st.name,'
        " tg.name, s.note, s.origin, cm.claim_id, coalesce(cm.value, ''), s.fragments,"
        " c.wording FROM spans s JOIN documents d ON d.id = s.document_id"
        " JOIN scheme_items l ON l.id = s.label_id"
        " LEFT JOIN scheme_items st ON st.id = s.stance_id"
        " LEFT JOIN scheme_items tg ON tg.id = s.target_id"
        " LEFT JOIN claim_mentions cm ON cm.span_id = s.id"
        f" LEFT JOIN claims c ON c.id = cm.claim_id{claim_owner}"
        f' WHERE 1{where} ORDER BY d.position, d.id, s.start, s."end", s.id',
        [*claim_params, *params],
    )
    for document_id, group in itertools.groupby(rows, key=_DOCUMENT_ID):
        yield document_id, list(group)


_DOCUMENT_ID = operator.itemgetter(1)


# Each text's length counted once: length() per span row read a 5 KB text a million times
# on an archive (4 s). n.n is the length of the span's text, d its document.
_LENGTHS = "WITH lengths AS MATERIALIZED (SELECT id, length(text) AS n FROM documents)"
_WITH_LENGTHS = " JOIN lengths n ON n.id = s.document_id JOIN documents d ON d.id = s.document_id"


def misplaced_spans(
    conn: sqlite3.Connection, annotators: Sequence[str] | None = None, *, only_done: bool = False
) -> list[tuple[str, str, int, int, int]]:
    """(document id, span id, start, end, text length) of the spans `table_rows` leaves
    out because their offsets do not fit the text, in list order."""
    if annotators is not None and not annotators:
        return []
    where, params = _filters("s", annotators, only_done)
    rows = conn.execute(
        f'{_LENGTHS} SELECT d.id, s.id, s.start, s."end", n.n FROM spans s{_WITH_LENGTHS}'
        f' WHERE s."end" > n.n{where} ORDER BY d.position, s.start, s."end", s.id',
        params,
    )
    return [(str(r[0]), str(r[1]), int(r[2]), int(r[3]), int(r[4])) for r in rows]


def span_annotators(
    conn: sqlite3.Connection, annotators: Sequence[str] | None = None, *, only_done: bool = False
) -> list[str]:
    """The annotators, sorted, of the spans `span_rows_by_document` gives whose offsets fit
    their text (`annotators` and `only_done` filter as there)."""
    if annotators is not None and not annotators:
        return []
    where, params = _filters("s", annotators, only_done)
    rows = conn.execute(
        f"{_LENGTHS} SELECT DISTINCT s.annotator FROM spans s{_WITH_LENGTHS}"
        f' WHERE s."end" <= n.n{where}',
        params,
    )
    return sorted(str(r[0]) for r in rows)


def discontinuous_count(
    conn: sqlite3.Connection,
    annotators: Sequence[str] | None = None,
    *,
    only_done: bool = False,
    skip: Collection[str] = (),
) -> int:
    """How many of the spans `table_rows` writes (not those in `skip`) have several
    fragments."""
    if annotators is not None and not annotators:
        return 0
    where, params = _filters("s", annotators, only_done)
    rows = conn.execute(
        "SELECT s.id FROM spans s JOIN documents d ON d.id = s.document_id"
        f" WHERE s.fragments != ''{where}",
        params,
    )
    return sum(1 for (span_id,) in rows if span_id not in skip)
