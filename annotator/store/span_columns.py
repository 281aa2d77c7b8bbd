"""The project's spans as agreement columns, read in bulk rather than row by row.

Fetching a million rows builds a million tuples (a second and more) before any work is
done; here each column comes back as one text from `group_concat` that numpy parses in
C, and the rows are put in the order `AnnotationRepo.spans` lists them (document list
position, start, end, id), which is the input order the agreement report's tie-breaks
follow (issue #15).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import numpy as np

from annotator.core.agreement.columns import NO_STANCE, SpanColumns, sort_order

_SEPARATOR = "\x1f"  # between text values; a name holding it is read row by row instead


def read_span_columns(
    conn: sqlite3.Connection,
    annotators: Sequence[str] | None = None,
    *,
    exclude: str | None = None,
    labels: Sequence[str] | None = None,
) -> SpanColumns:
    """Every span (of `annotators`, with one of `labels`, when given; never `exclude`'s) as
    columns, in order."""
    where, params = _filter(annotators, exclude, labels)
    row = conn.execute(
        "SELECT count(*), group_concat(document_id, char(31)), group_concat(annotator, char(31)),"
        ' group_concat(start), group_concat("end"), group_concat(label_id),'
        " group_concat(ifnull(stance_id, -1)), group_concat(rowid)"
        f" FROM spans{where}",
        params,
    ).fetchone()
    n = row[0]
    documents = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY position")]
    names = dict(conn.execute("SELECT id, name FROM scheme_items").fetchall())
    if not n:
        empty = np.zeros(0, dtype=np.int64)
        return SpanColumns(tuple(documents), (), (), (), empty, empty, empty, empty, empty, empty)
    doc_ids, annotator_names = row[1].split(_SEPARATOR), row[2].split(_SEPARATOR)
    if len(doc_ids) == n and len(annotator_names) == n:
        start, end, label_id, stance_id, rowid = (_ints(text, n) for text in row[3:])
    else:  # a name holds the separator: row by row, then
        rows = conn.execute(
            'SELECT document_id, annotator, start, "end", label_id, ifnull(stance_id, -1), rowid'
            f" FROM spans{where}",
            params,
        ).fetchall()
        doc_ids, annotator_names = [r[0] for r in rows], [r[1] for r in rows]
        start, end, label_id, stance_id, rowid = (
            np.array([r[i] for r in rows], dtype=np.int64) for i in range(2, 7)
        )

    document_code = {document: code for code, document in enumerate(documents)}
    document = np.fromiter(map(document_code.__getitem__, doc_ids), np.int64, n)
    annotator_code = {name: code for code, name in enumerate(sorted(set(annotator_names)))}
    annotator = np.fromiter(map(annotator_code.__getitem__, annotator_names), np.int64, n)
    label_names, label = _names_of(label_id, names)
    stance_names, stance = _names_of(stance_id, names)

    order = _listing_order(conn, document, start, end, rowid)
    return SpanColumns(
        tuple(documents), label_names, tuple(annotator_code), stance_names,
        document[order], label[order], annotator[order], stance[order], start[order], end[order],
    )  # fmt: skip


def _filter(
    annotators: Sequence[str] | None, exclude: str | None, labels: Sequence[str] | None
) -> tuple[str, list[str]]:
    where: list[str] = []
    params: list[str] = []
    if annotators is not None:
        marks = ", ".join("?" * len(annotators))
        where.append(f"annotator IN ({marks})" if annotators else "0")
        params.extend(annotators)
    if exclude is not None:
        where.append("annotator != ?")
        params.append(exclude)
    if labels is not None:
        marks = ", ".join("?" * len(labels))
        where.append(
            f"label_id IN (SELECT id FROM scheme_items WHERE kind = 'label' AND name IN ({marks}))"
            if labels
            else "0"
        )
        params.extend(labels)
    return (" WHERE " + " AND ".join(where) if where else ""), params


def _ints(text: str, n: int) -> np.ndarray:
    values = np.fromstring(text, dtype=np.int64, sep=",")
    if len(values) != n:
        raise ValueError(f"expected {n} values, read {len(values)}")
    return values


def _names_of(ids: np.ndarray, names: dict[int, str]) -> tuple[tuple[str, ...], np.ndarray]:
    """Scheme item ids as codes into their distinct names (NO_STANCE stays)."""
    given = ids != NO_STANCE
    table: dict[str, int] = {}
    lookup = np.full(int(ids.max(initial=0)) + 1, NO_STANCE, dtype=np.int64)
    for item in np.unique(ids[given]).tolist():
        lookup[item] = table.setdefault(names[item], len(table))
    return tuple(table), np.where(given, lookup[np.where(given, ids, 0)], NO_STANCE)


def _listing_order(
    conn: sqlite3.Connection,
    document: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    rowid: np.ndarray,
) -> np.ndarray:
    """The permutation that lists the rows by (document position, start, end, id).

    Spans rarely share a place, so only those that do have their ids read, by rowid.
    """
    order = sort_order(document, start, end)
    d, s, e = document[order], start[order], end[order]
    same = (d[1:] == d[:-1]) & (s[1:] == s[:-1]) & (e[1:] == e[:-1])
    if not same.any():
        return order
    tied = np.zeros(len(order), dtype=bool)
    tied[1:] |= same
    tied[:-1] |= same
    tied_rows = order[tied]
    ids: dict[int, str] = {}
    wanted = rowid[tied_rows].tolist()
    for begin in range(0, len(wanted), 500):
        chunk = wanted[begin : begin + 500]
        marks = ", ".join("?" * len(chunk))
        ids.update(conn.execute(f"SELECT rowid, id FROM spans WHERE rowid IN ({marks})", chunk))
    id_rank = {span_id: rank for rank, span_id in enumerate(sorted(ids.values()))}
    tie_break = np.zeros(len(document), dtype=np.int64)
    tie_break[tied_rows] = [id_rank[ids[r]] for r in wanted]
    return sort_order(document, start, end, tie_break)
