"""Sentence splitting and character n-gram similarity (the suggestions' building blocks)."""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest

from annotator.core.claims.sentences import split_sentences
from annotator.core.claims.similarity import CharNgramIndex, ngrams


def test_sentences_end_at_stops_quotes_cjk_stops_and_line_breaks() -> None:
    text = "Headline\nExperts warned. “It is dangerous.” 专家警告。然后 Next one?  Last"
    parts = [text[s:e] for s, e in split_sentences(text)]
    assert parts == [
        "Headline",
        "Experts warned.",
        "“It is dangerous.”",
        "专家警告。",
        "然后 Next one?",
        "Last",
    ]


def test_similar_wording_scores_higher_than_unrelated_text() -> None:
    index = CharNgramIndex(
        ["Over 40 cybersecurity experts signed a letter", "The weather was fine", "Cyber security"]
    )
    scores = index.scores("more than 160 cyber security experts signed the letter")
    assert scores[0] > scores.get(1, 0.0)
    assert scores[2] > 0  # "cyber security" / "cybersecurity" share n-grams
    assert index.scores("Over 40 cybersecurity experts signed a letter")[0] == pytest.approx(1.0)


def _loop_scores(texts: list[str], query: str) -> dict[int, float]:
    """The cosine scores as the index computed them before its postings became arrays:
    one sentence at a time, one shared n-gram after another (the oracle)."""
    counts = [ngrams(t) for t in texts]
    df: Counter[str] = Counter()
    for grams in counts:
        df.update(grams.keys())
    idf = {g: math.log((1 + len(texts)) / (1 + n)) + 1 for g, n in df.items()}
    default = math.log(1 + len(texts)) + 1
    postings: dict[str, list[tuple[int, float]]] = {}
    for index, grams in enumerate(counts):
        weights = {g: (1 + math.log(n)) * idf[g] for g, n in grams.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        for gram, weight in weights.items():
            postings.setdefault(gram, []).append((index, weight / norm))
    sums = [0.0] * len(texts)
    norm2 = 0.0
    for gram, count in ngrams(query).items():
        weight = (1 + math.log(count)) * idf.get(gram, default)
        norm2 += weight * weight
        for index, other in postings.get(gram, []):
            sums[index] += weight * other
    return {i: s / math.sqrt(norm2) for i, s in enumerate(sums) if s}


def test_the_array_postings_score_exactly_as_the_loop_did() -> None:
    rng = random.Random(15)
    vocabulary = [
        "experts",
        "signed",
        "letter",
        "cyber",
        "security",
        "ban",
        "dangerous",
        "160",
        "40",
        "专家",
        "警告",
        "US",
    ]
    for _ in range(200):
        texts = [
            " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 9)))
            for _ in range(rng.randint(1, 12))
        ]
        query = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 6)))
        index = CharNgramIndex(texts)
        expected = _loop_scores(texts, query)
        found = index.scores(query)
        assert found == expected  # the same sums in the same order: bit for bit
        assert all(type(i) is int and type(v) is float for i, v in found.items())
        among = [i for i in range(len(texts)) if rng.random() < 0.5]
        assert index.scores(query, among) == {i: v for i, v in expected.items() if i in among}
