"""Ranking quality of the suggestion rankers on a labelled set of paraphrase pairs.

For each (query, target article) pair, the target's sentences are ranked and we record
the rank of the first relevant sentence: MRR (mean reciprocal rank) and recall@k (the
share of pairs with a relevant sentence in the top k). Used by benchmarks/
suggestion_quality.py and its test; extra rankers (e.g. a static embedding) can be
passed in as functions.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotator.services.similar_sentences import Ranker, SentenceSuggester
from annotator.store.project_store import ProjectStore
from annotator.store.sentence_index import Sentence

# (store, query, target document ids) -> sentences with scores, best first
RankFunction = Callable[[ProjectStore, str, Sequence[str]], list[tuple[Sentence, float]]]


@dataclass(frozen=True, slots=True)
class Quality:
    pairs: int
    mrr: float
    recall: dict[int, float]


def builtin_ranker(name: Ranker) -> RankFunction:
    """The suggestion service itself (as the Suggestions dock calls it), with `name`'s
    ranking."""

    def rank(
        store: ProjectStore, query: str, targets: Sequence[str]
    ) -> list[tuple[Sentence, float]]:
        ranked = SentenceSuggester(store, name).ranked(query, targets)
        return sorted((pair for d in targets for pair in ranked[d]), key=lambda pair: -pair[1])

    return rank


def evaluate(
    store: ProjectStore, labels_path: Path, rank: RankFunction, ks: Sequence[int] = (1, 3, 5)
) -> Quality:
    labels = json.loads(Path(labels_path).read_text("utf-8"))
    ids = labels["documents"]
    reciprocal: list[float] = []
    hits = {k: 0 for k in ks}
    for entry in labels["queries"]:
        for short, phrases in entry["relevant"].items():
            target = ids[short]
            text = store.documents.get(target).text
            wanted = []
            for phrase in phrases:
                start = text.index(phrase)
                wanted.append((start, start + len(phrase)))
            ranked = [s for s, _ in rank(store, entry["query"], [target])]
            rank_of = next(
                (
                    n
                    for n, s in enumerate(ranked, start=1)
                    if any(s.start < e and b < s.end for b, e in wanted)
                ),
                None,
            )
            reciprocal.append(1 / rank_of if rank_of else 0.0)
            for k in ks:
                hits[k] += bool(rank_of and rank_of <= k)
    pairs = len(reciprocal)
    return Quality(pairs, sum(reciprocal) / pairs, {k: hits[k] / pairs for k in ks})
