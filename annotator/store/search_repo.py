"""Full-text search across documents (SQLite FTS5) and the exact hit offsets within them.

The query means what annotator/core/search_query.py says (words anywhere, "phrases", OR,
prefix*; case, quotes and dashes folded). FTS5 ranks the candidate documents: its
unicode61 tokenizer already folds case and diacritics and splits words at every quote
and dash, so "Anthropic's" and "Anthropic’s" index and query alike and the index needs no
change. The hits inside a document are then found in Python by core.search_query, whose
offsets are code points into the text. Scripts the tokenizer cannot split into words
(CJK, Thai...) and terms without a word ("—") make every document a candidate instead.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from annotator.core import search_query
from annotator.core.search_query import SearchQuery


@functools.cache
def _no_spaces_script() -> re.Pattern[str]:
    """Scripts FTS5 cannot split into words; compiled at the first search, not on import:
    its wide ranges take ~2 ms to compile, paid by every start-up before (#15)."""
    return re.compile("[\u0e00-\u0eff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


MAX_HITS_PER_DOCUMENT = 1000
MAX_QUERY_CHARS = 500  # longer input is cut: nobody types more, and it bounds every scan
MAX_FTS_WORDS = 8  # FTS only picks candidate documents; the literal match decides
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_TOTAL_HITS = 2000  # a results list longer than this helps nobody; refine the query
_BATCH = 500  # ids per IN (...) query, under SQLite's variable limit
FIRST_PAGE_DOCUMENTS = 50  # candidates ranked first; more only when their hits fall short
FIRST_PAGE_HITS = 50  # hits the results list shows before it is scrolled


@dataclass(frozen=True, slots=True)
class SearchHit:
    document_id: str
    title: str
    start: int
    end: int
    context: str  # the line around the hit, for the results list


def clean_query(query: str) -> str:
    """`query` as searched: at most MAX_QUERY_CHARS, without NUL (no document holds one)
    and with lone surrogates (which cannot be encoded for SQLite) as U+FFFD, stripped."""
    query = _SURROGATE.sub("\ufffd", query[:MAX_QUERY_CHARS].replace("\x00", ""))
    return query.strip()


def find_in_text(
    text: str, query: str, limit: int = MAX_HITS_PER_DOCUMENT, fold_accents: bool = False
) -> list[tuple[int, int]]:
    """Offsets of the hits of `query` in `text` (none unless the text matches it)."""
    return search_query.find(text, search_query.parse(clean_query(query)), limit, fold_accents)


def fts_expression(query: str) -> str | None:
    """The FTS5 expression picking candidate documents for `query`, None for every document.
    User text never reaches FTS syntax (NEAR, column filters...): each term is quoted."""
    return search_query.fts_expression(search_query.parse(clean_query(query)), MAX_FTS_WORDS)


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    snippet = text[left:right].replace("\r", " ").replace("\n", " ")
    return ("…" if left else "") + snippet + ("…" if right < len(text) else "")


def _growing_batches(pages: Iterator[list[str]]) -> Iterator[list[str]]:
    """The ids of `pages` in batches of 16, 32, 64... up to _BATCH: the texts are read only
    as far as the hits reach, and a common word fills its list of hits from the first few
    hundred of the candidates (#15)."""
    size = 16
    for page in pages:
        start = 0
        while start < len(page):
            yield page[start : start + size]
            start += size
            size = min(size * 2, _BATCH)


class SearchRepo:
    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def document_ids(self, query: str) -> list[str]:
        """Candidate documents for `query`, best match first (the in-text match decides).
        Any string is a valid query: it never raises for its content."""
        return self._candidates(search_query.parse(clean_query(query)), clean_query(query))

    def _candidates(self, parsed: SearchQuery, query: str) -> list[str]:
        return [doc_id for page in self._candidate_pages(parsed, query) for doc_id in page]

    def _candidate_pages(self, parsed: SearchQuery, query: str) -> Iterator[list[str]]:
        """Candidate ids, best first: the best FIRST_PAGE_DOCUMENTS, then all the rest.

        FTS5 ranks a `LIMIT n` query as a top n, so the first page of hits of a word in
        every one of 10,000 articles is found in a fraction of the time that ranking them
        all takes; the rest is ranked (once) only when the first page is not enough."""
        conn = self._conn
        if not parsed:
            return
        expression = search_query.fts_expression(parsed, MAX_FTS_WORDS)
        if expression is None or _no_spaces_script().search(query):
            yield [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY position")]
            return
        sql = (
            "SELECT d.id FROM documents_fts f JOIN documents d ON d.rowid = f.rowid"
            " WHERE documents_fts MATCH ? ORDER BY f.rank LIMIT ? OFFSET ?"
        )
        try:
            first = [r[0] for r in conn.execute(sql, [expression, FIRST_PAGE_DOCUMENTS, 0])]
            yield first
            if len(first) == FIRST_PAGE_DOCUMENTS:
                yield [r[0] for r in conn.execute(sql, [expression, -1, FIRST_PAGE_DOCUMENTS])]
        except sqlite3.OperationalError:
            return

    def hits(
        self,
        query: str,
        document_id: str | None = None,
        limit: int = MAX_TOTAL_HITS,
        fold_accents: bool = False,
    ) -> list[SearchHit]:
        """Hits of `query` in one document or across all (best documents first), at most
        `limit`; `fold_accents` makes "Zurich" find "Zürich" too."""
        out: list[SearchHit] = []
        for document_hits in self._document_hits(query, document_id, limit, fold_accents):
            out.extend(document_hits)
        return out

    def hit_pages(
        self,
        query: str,
        document_id: str | None = None,
        page_size: int = FIRST_PAGE_HITS,
        limit: int = MAX_TOTAL_HITS,
        fold_accents: bool = False,
    ) -> Iterator[list[SearchHit]]:
        """The same hits as `hits`, a page at a time: the results list shows the first page
        at once and asks for the next when it is scrolled, so a word in every article of an
        archive costs one page, not the whole list. A page ends at a document's end (it
        holds every hit of each document in it, so a document's highlights are whole)."""
        page: list[SearchHit] = []
        for document_hits in self._document_hits(query, document_id, limit, fold_accents):
            page.extend(document_hits)
            if len(page) >= page_size:
                yield page
                page = []
        if page:
            yield page

    def _document_hits(
        self, query: str, document_id: str | None, limit: int, fold_accents: bool
    ) -> Iterator[list[SearchHit]]:
        """Each candidate document's hits in ranking order, lazily: texts are read a batch
        at a time and searched one by one, only as far as the caller pulls."""
        query = clean_query(query)
        parsed = search_query.parse(query)
        if not parsed:
            return
        pages = (
            iter([[document_id]])
            if document_id is not None
            else self._candidate_pages(parsed, query)
        )
        found = 0
        for batch in _growing_batches(pages):
            rows = self._conn.execute(
                f"SELECT id, title, text FROM documents WHERE id IN ({', '.join('?' * len(batch))})",
                batch,
            )
            by_id = {row[0]: (row[1], row[2]) for row in rows}
            for doc_id in batch:  # keep the ranking order
                if doc_id not in by_id:
                    continue
                title, text = by_id[doc_id]
                document_hits = [
                    SearchHit(doc_id, title, start, end, _context(text, start, end))
                    for start, end in search_query.find(
                        text, parsed, min(MAX_HITS_PER_DOCUMENT, limit - found), fold_accents
                    )
                ]
                if document_hits:
                    found += len(document_hits)
                    yield document_hits
                if found >= limit:
                    return
