"""Full-text search across documents (SQLite FTS5) and the exact hit offsets within them.

FTS5 ranks the documents; the hits inside a document are found in Python with a
case-insensitive literal match, whose offsets are code points into the text and never
change length (unlike casefold). Scripts the unicode61 tokenizer cannot split into
words (CJK, Thai...) fall back to a substring scan so they are still found.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

_WORD = re.compile(r"\w+", re.UNICODE)
_NO_SPACES_SCRIPT = re.compile(
    "[\u0e00-\u0eff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)
MAX_HITS_PER_DOCUMENT = 1000
MAX_QUERY_CHARS = 500  # longer input is cut: nobody types more, and it bounds every scan
MAX_FTS_WORDS = 8  # FTS only picks candidate documents; the literal match decides
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_TOTAL_HITS = 2000  # a results list longer than this helps nobody; refine the query
_BATCH = 500  # ids per IN (...) query, under SQLite's variable limit


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
    text: str, query: str, limit: int = MAX_HITS_PER_DOCUMENT
) -> list[tuple[int, int]]:
    """Offsets of every case-insensitive occurrence of the phrase `query` in `text`."""
    query = clean_query(query)
    if not query:
        return []
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    hits = []
    for match in pattern.finditer(text):
        hits.append((match.start(), match.end()))
        if len(hits) >= limit:
            break
    return hits


def _fts_phrase(query: str) -> str | None:
    """The query as one quoted FTS5 phrase: user text never reaches FTS syntax (NEAR, *, ...).

    Only its first MAX_FTS_WORDS words: a document holding the whole phrase holds those,
    so no hit is lost, and the literal match in each candidate decides.
    """
    words = _WORD.findall(query)[:MAX_FTS_WORDS]
    if not words:
        return None
    # A trailing * makes the last word a prefix, so "expert" finds "experts" as the
    # in-document substring search does.
    return '"' + " ".join(words).replace('"', '""') + '" *'


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    snippet = text[left:right].replace("\r", " ").replace("\n", " ")
    return ("…" if left else "") + snippet + ("…" if right < len(text) else "")


class SearchRepo:
    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def document_ids(self, query: str) -> list[str]:
        """Documents containing the phrase, best match first. Any string is a valid query:
        FTS syntax in it is searched for literally, and it never raises for its content."""
        conn = self._conn
        query = clean_query(query)
        phrase = _fts_phrase(query)
        if phrase is None or _NO_SPACES_SCRIPT.search(query):
            needle = query.strip()
            if not needle:
                return []
            rows = conn.execute(
                "SELECT id FROM documents WHERE instr(lower(text), lower(?)) OR instr(lower(title), lower(?))"
                " ORDER BY position",
                [needle, needle],
            )
            return [r[0] for r in rows]
        try:
            rows = conn.execute(
                "SELECT d.id FROM documents_fts f JOIN documents d ON d.rowid = f.rowid"
                " WHERE documents_fts MATCH ? ORDER BY f.rank",
                [phrase],
            )
            return [r[0] for r in rows]
        except sqlite3.OperationalError:
            return []

    def hits(
        self, query: str, document_id: str | None = None, limit: int = MAX_TOTAL_HITS
    ) -> list[SearchHit]:
        """Hits of `query` in one document or across all (best documents first), at most `limit`."""
        query = clean_query(query)
        if not query:
            return []
        ids = [document_id] if document_id is not None else self.document_ids(query)
        out: list[SearchHit] = []
        for start in range(0, len(ids), _BATCH):
            batch = ids[start : start + _BATCH]
            rows = self._conn.execute(
                f"SELECT id, title, text FROM documents WHERE id IN ({', '.join('?' * len(batch))})",
                batch,
            )
            by_id = {row[0]: (row[1], row[2]) for row in rows}
            for doc_id in batch:  # keep the ranking order
                if doc_id not in by_id:
                    continue
                title, text = by_id[doc_id]
                for hit_start, hit_end in find_in_text(
                    text, query, min(MAX_HITS_PER_DOCUMENT, limit - len(out))
                ):
                    out.append(
                        SearchHit(
                            doc_id, title, hit_start, hit_end, _context(text, hit_start, hit_end)
                        )
                    )
                if len(out) >= limit:
                    return out
        return out
