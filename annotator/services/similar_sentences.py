"""Suggestions: the sentences of other articles most like a selected span or claim.

Candidates come from the project's sentence index (SQLite FTS5, bm25 over content
words): the best `CANDIDATES` per query, plus every sentence of the target articles
when they hold at most `EXHAUSTIVE` sentences (the usual two to four open panes), so a
paraphrase that shares no word is still seen. Candidates are re-ranked by character
n-gram TF-IDF cosine (core/claims/similarity.py) blended with the bm25 share
(`hybrid`, the default), by TF-IDF alone, or by bm25 alone. Nothing
is downloaded and nothing is written: the analyst links a suggestion by choosing it.
README "Suggestions" gives the measured ranking quality of each ranker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from annotator.core.claims.similarity import CharNgramIndex, words
from annotator.store.project_store import ProjectStore
from annotator.store.sentence_index import Sentence

Ranker = Literal["bm25", "tfidf", "hybrid"]
CANDIDATES = 100
EXHAUSTIVE = 400
DEFAULT_RANKER: Ranker = "hybrid"  # best MRR on the labelled seed pairs (README)


@dataclass(frozen=True, slots=True)
class Suggestion:
    document_id: str
    start: int
    end: int
    text: str
    score: float


def suggest_for_text(
    store: ProjectStore,
    query: str,
    document_ids: Sequence[str],
    *,
    per_document: int = 5,
    ranker: Ranker = DEFAULT_RANKER,
) -> dict[str, list[Suggestion]]:
    """The best `per_document` sentences of each of `document_ids`, best first."""
    ranked = rank_sentences(store, query, document_ids, ranker=ranker)
    result: dict[str, list[Suggestion]] = {d: [] for d in document_ids}
    for sentence, score in ranked:
        found = result[sentence.document_id]
        if len(found) < per_document:
            found.append(
                Suggestion(sentence.document_id, sentence.start, sentence.end, sentence.text, score)
            )
    return result


def suggest_for_span(
    store: ProjectStore, span_id: str, document_ids: Sequence[str], **options: object
) -> dict[str, list[Suggestion]]:
    """For a selected span: its text (and its claim's wording, when linked) as the query;
    its own article is left out."""
    span = store.annotations.span(span_id)
    text, _ = store.documents.passage(span.document_id, span.start, span.end)
    if span.claim is not None:
        text = store.claims.claim(span.claim).wording + " " + text
    others = [d for d in document_ids if d != span.document_id]
    return suggest_for_text(store, text, others, **options)  # type: ignore[arg-type]


def suggest_for_claim(
    store: ProjectStore, claim_id: str, document_ids: Sequence[str], **options: object
) -> dict[str, list[Suggestion]]:
    """For a selected claim: its wording and mentions as the query; articles that already
    make the claim are left out."""
    claim = store.claims.claim(claim_id)
    mentions = store.claims.mentions(claim_id)
    parts = [claim.wording]
    parts += [store.documents.passage(m.document_id, m.start, m.end)[0] for m in mentions]
    made = {m.document_id for m in mentions}
    others = [d for d in document_ids if d not in made]
    return suggest_for_text(store, " ".join(parts), others, **options)  # type: ignore[arg-type]


def rank_sentences(
    store: ProjectStore, query: str, document_ids: Sequence[str], *, ranker: Ranker = DEFAULT_RANKER
) -> list[tuple[Sentence, float]]:
    """Every candidate sentence with its score, best first (ties in text order)."""
    index = store.sentences
    bm25 = dict((s, score) for s, score in index.search(words(query), document_ids, CANDIDATES))
    candidates = list(bm25)
    if index.count(document_ids) <= EXHAUSTIVE:
        seen = set(candidates)
        candidates += [s for s in index.sentences(document_ids) if s not in seen]
    if not candidates:
        return []
    if ranker == "bm25":
        scored = [(s, bm25.get(s, 0.0)) for s in candidates]
    else:
        tfidf = CharNgramIndex([s.text for s in candidates]).scores(query)
        if ranker == "tfidf":
            scored = [(s, tfidf.get(i, 0.0)) for i, s in enumerate(candidates)]
        else:  # hybrid: n-gram cosine plus the bm25 share, both in [0, 1]
            top = max(bm25.values(), default=0.0) or 1.0
            scored = [
                (s, 0.7 * tfidf.get(i, 0.0) + 0.3 * bm25.get(s, 0.0) / top)
                for i, s in enumerate(candidates)
            ]
    order = {s: n for n, s in enumerate(sorted(candidates, key=lambda s: (s.document_id, s.start)))}
    return sorted(scored, key=lambda pair: (-pair[1], order[pair[0]]))
