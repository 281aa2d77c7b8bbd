"""Character n-gram TF-IDF: how alike two short passages read, robust to inflection
("restrict" / "restrictions"), spelling ("cyber security" / "cybersecurity") and scripts
without spaces (CJK), with no model to ship.

`CharNgramIndex` holds L2-normalised TF-IDF vectors of many sentences in an inverted index,
so scoring a query against a thousand sentences touches only the n-grams they share.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

NGRAM_SIZES = (3, 4, 5)
_WORD = re.compile(r"\w+")
# Frequent English words that say nothing about a claim; FTS candidates ignore them too.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "could",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "how",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "may",
        "more",
        "most",
        "not",
        "of",
        "on",
        "or",
        "our",
        "over",
        "she",
        "so",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "which",
        "while",
        "who",
        "will",
        "with",
        "would",
        "you",
    ]
)


def ngrams(text: str) -> Counter[str]:
    """Character n-grams of each word padded with spaces (like scikit-learn's char_wb)."""
    grams: Counter[str] = Counter()
    for word in _WORD.findall(text.casefold()):
        padded = f" {word} "
        for size in NGRAM_SIZES:
            for i in range(max(1, len(padded) - size + 1)):
                grams[padded[i : i + size]] += 1
    return grams


def words(text: str) -> list[str]:
    """Content words (casefolded), for full-text candidates."""
    return [
        w
        for w in _WORD.findall(text.casefold())
        if w not in STOPWORDS and (len(w) > 2 or w.isdigit())
    ]


class CharNgramIndex:
    """TF-IDF over the sentences given (sublinear tf, smoothed idf), cosine scores.

    The postings are held flat in two numpy arrays (sentence, weight), each n-gram naming
    its slice: a Suggestions lookup scores a sentence against every article's index, and
    the per-posting Python loop of the sums was nearly all of its time (#15)."""

    def __init__(self, texts: Sequence[str]):
        counts = [ngrams(t) for t in texts]
        df: Counter[str] = Counter()
        for grams in counts:
            df.update(grams.keys())
        total = len(texts)
        self._idf = {g: math.log((1 + total) / (1 + n)) + 1 for g, n in df.items()}
        self._default_idf = math.log(1 + total) + 1
        postings: dict[str, list[tuple[int, float]]] = {}
        for index, grams in enumerate(counts):
            for gram, weight in self._vector(grams).items():
                postings.setdefault(gram, []).append((index, weight))
        # gram -> (first, count) into the flat arrays, in the order the postings were made
        self._slices: dict[str, tuple[int, int]] = {}
        sentences: list[int] = []
        weights: list[float] = []
        for gram, hits in postings.items():
            self._slices[gram] = (len(sentences), len(hits))
            for index, weight in hits:
                sentences.append(index)
                weights.append(weight)
        self._sentences = np.array(sentences, dtype=np.intp)
        self._weights = np.array(weights, dtype=np.float64)
        self.size = total

    def _vector(self, grams: Counter[str]) -> dict[str, float]:
        weights = {
            g: (1 + math.log(n)) * self._idf.get(g, self._default_idf) for g, n in grams.items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {g: w / norm for g, w in weights.items()}

    def scores(
        self, query: str | Counter[str], among: Iterable[int] | None = None
    ) -> dict[int, float]:
        """Cosine similarity of `query` (a text, or its `ngrams` when one query is scored
        against many indexes) with each indexed sentence sharing an n-gram (restricted to
        the indexes `among` when given); others score 0."""
        grams = ngrams(query) if isinstance(query, str) else query
        slices = self._slices
        idf, default_idf = self._idf, self._default_idf
        # The query's weights: its norm counts every n-gram, the dot products only those
        # some sentence has.
        firsts: list[int] = []
        counts: list[int] = []
        query_weights: list[float] = []
        norm2 = 0.0
        for gram, count in grams.items():
            weight = (1 + math.log(count)) * idf.get(gram, default_idf)
            norm2 += weight * weight
            found = slices.get(gram)
            if found is not None:
                firsts.append(found[0])
                counts.append(found[1])
                query_weights.append(weight)
        if not firsts:
            return {}
        norm = math.sqrt(norm2)
        # Every shared posting, gram by gram in the query's order: bincount adds them up
        # one after another in that order, so each sum is the one a loop would make.
        lengths = np.array(counts, dtype=np.intp)
        ends = np.cumsum(lengths)
        steps = np.arange(int(ends[-1]), dtype=np.intp) - np.repeat(ends - lengths, lengths)
        positions = np.repeat(np.array(firsts, dtype=np.intp), lengths) + steps
        products = np.repeat(np.array(query_weights), lengths) * self._weights[positions]
        sums = np.bincount(self._sentences[positions], weights=products, minlength=self.size)
        if among is None:
            shared = np.flatnonzero(sums)
            return dict(zip(shared.tolist(), (sums[shared] / norm).tolist(), strict=True))
        return {i: float(sums[i]) / norm for i in among if sums[i]}
