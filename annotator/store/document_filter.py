"""The document list's queries: filtered by title, outlet and done in SQL, read a page at a time.

An archive holds 10,000 articles; a list shows a screenful. Building a summary of every
document to open the window, or to filter it on each keystroke, was most of the time
(#15). The list asks instead for the ids of the documents a filter keeps, in list order
(one pass over the `documents_listing` index, which holds position, id, title and
outlet: the 5 KB texts are never read), and then for the summaries of the page of rows
a view shows.

Title words match as the annotation list's text filter does: each word, case folded
with Python's `str.casefold` (non-ASCII letters too), must occur in the title (the id
when a document has none).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.model import DocumentSummary
from annotator.store.span_listing import WORD_SEPARATOR, has_words

_BATCH = 500  # ids per IN (...), under SQLite's variable limit
_TITLE = "coalesce(nullif(d.title, ''), d.id)"  # what title words match: the shown title


def _escaped(word: str) -> str:
    """`word` as a LIKE pattern matching itself (escape character: backslash)."""
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class DocumentFilter:
    """Which documents the list shows. `words` must each occur in the title (case folded);
    `outlet` None keeps every outlet ('' keeps those without one); `done` None keeps
    both, else only those `annotator` has (True) or has not (False) marked done."""

    annotator: str = ""
    words: tuple[str, ...] = ()
    outlet: str | None = None
    done: bool | None = None

    @staticmethod
    def words_of(text: str) -> tuple[str, ...]:
        """The words of a typed filter, case folded."""
        return tuple(word.casefold() for word in text.split())

    def narrows(self) -> bool:
        return bool(self.words) or self.outlet is not None or self.done is not None


def _where(documents: DocumentFilter) -> tuple[list[str], list[object]]:
    where: list[str] = []
    params: list[object] = []
    if documents.outlet is not None:
        where.append("d.source = ?")
        params.append(documents.outlet)
    if documents.words:
        words = [word.casefold() for word in documents.words]
        python = f"annotator_has_words({_TITLE}, ?)"
        if all(word.isascii() for word in words):
            # SQLite's LIKE folds ASCII letters only, which for an ASCII title is exactly
            # what casefold does; any other title (more characters than UTF-8 bytes) goes
            # to Python. Calling Python for each of 10,000 titles was half the keystroke.
            likes = " AND ".join([f"{_TITLE} LIKE ? ESCAPE '\\'"] * len(words))
            ascii_only = f"length({_TITLE}) = length(CAST({_TITLE} AS BLOB))"
            where.append(f"CASE WHEN {ascii_only} THEN {likes} ELSE {python} END")
            params.extend(f"%{_escaped(word)}%" for word in words)
            params.append(WORD_SEPARATOR.join(words))
        else:
            where.append(python)
            params.append(WORD_SEPARATOR.join(words))
    if documents.done is not None:
        # The primary key (document_id, annotator) answers each row with one seek.
        where.append(
            ("" if documents.done else "NOT ")
            + "EXISTS (SELECT 1 FROM document_status t WHERE t.document_id = d.id"
            " AND t.annotator = ? AND t.done = 1)"
        )
        params.append(documents.annotator)
    return where, params


class DocumentFinder:
    """Read-only queries over one connection (the GUI thread's)."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        conn.create_function("annotator_has_words", 2, has_words, deterministic=True)

    def _cursor(self) -> sqlite3.Cursor:
        cursor = self._conn.cursor()
        cursor.row_factory = None  # plain tuples
        return cursor

    def ids(self, documents: DocumentFilter) -> list[str]:
        """The ids of the documents `documents` keeps, in list order."""
        where, params = _where(documents)
        sql = "SELECT d.id FROM documents d"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY d.position, d.id"
        return [r[0] for r in self._cursor().execute(sql, params)]

    def summaries(self, document_ids: Sequence[str], annotator: str) -> dict[str, DocumentSummary]:
        """The summaries of `document_ids` (a page of them), with their span counts and
        `annotator`'s span count and done flag, but not their length (0 here): counting a
        text's characters reads all of it, three quarters of a page's time in an archive of
        5 KB articles, for a figure only a tooltip shows (DocumentRepo.length)."""
        out: dict[str, DocumentSummary] = {}
        for start in range(0, len(document_ids), _BATCH):
            batch = list(document_ids[start : start + _BATCH])
            rows = self._cursor().execute(
                f"""
                SELECT d.id, d.title, d.source, d.published, d.url,
                       (SELECT count(*) FROM spans s WHERE s.document_id = d.id),
                       (SELECT count(*) FROM spans s
                        WHERE s.document_id = d.id AND s.annotator = :me),
                       coalesce((SELECT done FROM document_status t
                                 WHERE t.document_id = d.id AND t.annotator = :me), 0)
                FROM documents d WHERE d.id IN ({", ".join(":d" + str(i) for i in range(len(batch)))})
                """,
                {"me": annotator, **{f"d{i}": d for i, d in enumerate(batch)}},
            )
            out.update(
                {
                    r[0]: DocumentSummary(
                        id=r[0], title=r[1], source=r[2], length=0, span_count=r[5],
                        my_span_count=r[6], done=bool(r[7]), published=r[3], url=r[4],
                    )
                    for r in rows
                }
            )  # fmt: skip
        return out

    def outlets(self) -> list[tuple[str, int]]:
        """Every outlet ('' for documents without one) with its number of documents, by name."""
        sql = "SELECT source, count(*) FROM documents GROUP BY source ORDER BY source"
        return [(r[0], r[1]) for r in self._cursor().execute(sql)]
