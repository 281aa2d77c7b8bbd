"""Suggestions: the sentences of other articles most like a selected span or claim.

The one ranking service: the Suggestions dock, the quality measurement (services/
suggestion_quality.py) and the benchmark all call `SentenceSuggester`, which ranks each
article on its own, so what the README reports is what the analyst gets.

Candidates come from the project's sentence index (SQLite FTS5, bm25 over content
words): the best `CANDIDATES` of the article, or all its sentences when it holds at most
`EXHAUSTIVE` (a news article does), so a paraphrase that shares no word is still seen.
Candidates are re-ranked by character n-gram TF-IDF cosine (core/claims/similarity.py)
blended with the bm25 share (`hybrid`, the default), by TF-IDF alone, or by bm25 alone.
An article's n-gram index is built on first use and kept: a document's text never
changes (its id is its SHA-256), so it stays valid while the project is open. Nothing is
downloaded and nothing is written: the analyst links a suggestion by choosing it.
README "Suggestions" gives the measured ranking quality of each ranker.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from annotator.core.claims.similarity import CharNgramIndex, ngrams, words
from annotator.store.project_store import ProjectStore
from annotator.store.sentence_index import Sentence

Ranker = Literal["bm25", "tfidf", "hybrid"]
CANDIDATES = 100
EXHAUSTIVE = 400
DEFAULT_RANKER: Ranker = "hybrid"  # best MRR on the labelled seed pairs (README)
TFIDF_WEIGHT = 0.7  # the rest is the bm25 share; chosen on the seed pairs (README)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A sentence of `document_id`, code points [start, end), and how like the query it
    is: a score in [0, 1], higher is better."""

    document_id: str
    start: int
    end: int
    text: str
    score: float


@dataclass(frozen=True, slots=True)
class _Article:
    sentences: list[Sentence]
    index: CharNgramIndex | None  # None for a long article: built per query on candidates


class SentenceSuggester:
    """Ranks one article's sentences against a query; an article's index is kept."""

    def __init__(self, store: ProjectStore, ranker: Ranker = DEFAULT_RANKER):
        self._store = store
        self._ranker = ranker
        self._articles: dict[str, _Article] = {}

    def rank(
        self, query: str, document_ids: Sequence[str], limit: int
    ) -> dict[str, list[Suggestion]]:
        """For each of `document_ids`, its `limit` sentences most like `query`, best first;
        sentences sharing nothing with it are left out. Raises NotFoundError for an unknown
        document."""
        if limit <= 0 or not query.strip():
            return {d: [] for d in document_ids}
        ranked = self.ranked(query, document_ids)
        return {
            d: [
                Suggestion(s.document_id, s.start, s.end, s.text, round(score, 6))
                for s, score in ranked[d][:limit]
                if score > 0
            ]
            for d in document_ids
        }

    def ranked(
        self, query: str, document_ids: Sequence[str]
    ) -> dict[str, list[tuple[Sentence, float]]]:
        """For each of `document_ids`, every candidate sentence with its score, best first
        (ties in text order). Each article is ranked on its own (bm25 is shared by all:
        FTS5 computes it over the whole index). Raises NotFoundError for an unknown
        document."""
        articles = {d: self._article(d) for d in document_ids}
        terms = words(query)
        short = [d for d, a in articles.items() if a.sentences]
        bm25: dict[str, dict[int, float]] = {d: {} for d in document_ids}
        found: dict[str, list[Sentence]] = {d: [] for d in document_ids}
        # One full-text query for every short article (each is ranked whole anyway), one
        # per long article (its best CANDIDATES).
        searches = [(short, EXHAUSTIVE * len(short))] if short else []
        searches += [([d], CANDIDATES) for d in document_ids if d not in short]
        for targets, limit in searches:
            for sentence, score in self._store.sentences.search(terms, targets, limit):
                bm25[sentence.document_id][sentence.start] = score
                found[sentence.document_id].append(sentence)
        grams = ngrams(query)
        return {d: self._score(articles[d], found[d], bm25[d], query, grams) for d in document_ids}

    def _score(
        self,
        article: _Article,
        found: list[Sentence],
        bm25: dict[int, float],
        query: str,
        grams: Counter[str],
    ) -> list[tuple[Sentence, float]]:
        candidates = article.sentences or found  # a short article: every sentence
        if not candidates:
            return []
        if self._ranker == "bm25":
            scored = [(s, bm25.get(s.start, 0.0)) for s in candidates]
        else:
            index = article.index or CharNgramIndex([s.text for s in candidates])
            tfidf = index.scores(grams)
            if self._ranker == "tfidf":
                scored = [(s, tfidf.get(i, 0.0)) for i, s in enumerate(candidates)]
            else:  # hybrid: n-gram cosine plus the bm25 share, both in [0, 1]
                top = max(bm25.values(), default=0.0) or 1.0
                scored = [
                    (
                        s,
                        TFIDF_WEIGHT * tfidf.get(i, 0.0)
                        + (1 - TFIDF_WEIGHT) * bm25.get(s.start, 0.0) / top,
                    )
                    for i, s in enumerate(candidates)
                ]
        return sorted(scored, key=lambda pair: (-pair[1], pair[0].start))

    def _article(self, document_id: str) -> _Article:
        article = self._articles.get(document_id)
        if article is None:
            self._store.documents.passage(document_id, 0, 0)  # NotFoundError when unknown
            index = self._store.sentences
            if index.count([document_id]) <= EXHAUSTIVE:
                sentences = index.sentences([document_id])
                ngrams = CharNgramIndex([s.text for s in sentences]) if sentences else None
                article = _Article(sentences, ngrams)
            else:
                article = _Article([], None)
            self._articles[document_id] = article
        return article


def suggest_for_text(
    store: ProjectStore,
    query: str,
    document_ids: Sequence[str],
    *,
    per_document: int = 5,
    ranker: Ranker = DEFAULT_RANKER,
) -> dict[str, list[Suggestion]]:
    """The best `per_document` sentences of each of `document_ids`, best first (a one-off
    SentenceSuggester; keep one to reuse its indexes)."""
    return SentenceSuggester(store, ranker).rank(query, document_ids, per_document)
