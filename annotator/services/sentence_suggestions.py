"""Suggestions: the sentences of an article most like a claim, ranked, for one-click linking.

Each article's sentences (core.claims.sentences) get a character n-gram TF-IDF index
(core.claims.similarity) the first time they are asked for; a document's text never
changes (its id is its SHA-256), so the index stays valid for the session. Offline and
instant: no network, no model. Scores are cosine similarities in [0, 1].
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from annotator.core.claims.sentences import split_sentences
from annotator.core.claims.similarity import CharNgramIndex
from annotator.store.project_store import ProjectStore


@dataclass(frozen=True, slots=True)
class SentenceSuggestion:
    """A sentence of `document_id`, code points [start, end), and how like the query it is."""

    document_id: str
    start: int
    end: int
    text: str
    score: float


@dataclass(frozen=True, slots=True)
class _DocumentIndex:
    ranges: list[tuple[int, int]]
    texts: list[str]
    index: CharNgramIndex


class SentenceRanker:
    """Ranks one article's sentences against a query; one index per article, built lazily."""

    def __init__(self, store: ProjectStore):
        self._store = store
        self._indexes: dict[str, _DocumentIndex] = {}

    def rank(self, query: str, document_id: str, limit: int) -> list[SentenceSuggestion]:
        """The `limit` sentences of `document_id` most like `query`, best first; sentences
        sharing nothing with it are left out. Raises NotFoundError for an unknown document."""
        if not query.strip() or limit <= 0:
            return []
        entry = self._index(document_id)
        scores = entry.index.scores(query)
        best = heapq.nlargest(limit, scores.items(), key=lambda item: (item[1], -item[0]))
        return [
            SentenceSuggestion(document_id, *entry.ranges[i], entry.texts[i], round(score, 6))
            for i, score in best
            if score > 0
        ]

    def _index(self, document_id: str) -> _DocumentIndex:
        entry = self._indexes.get(document_id)
        if entry is None:
            text = self._store.documents.get(document_id).text
            ranges = split_sentences(text)
            texts = [text[start:end] for start, end in ranges]
            entry = self._indexes[document_id] = _DocumentIndex(
                ranges, texts, CharNgramIndex(texts)
            )
        return entry
