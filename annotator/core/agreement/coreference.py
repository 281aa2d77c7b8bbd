"""Coreference metrics for comparing two groupings of mentions: MUC, B³, CEAF-e, LEA, CoNLL F1.

`key` and `response` are clusterings: sequences of disjoint sets of hashable mentions.
Mentions in only one of them ("twinless") are allowed and count as in the reference
scorer: they lower recall or precision. Singletons count everywhere except in MUC, which
only scores links (so a singleton-only grouping has MUC 0: never report MUC alone).

Formulas as in Pradhan et al. (2014), "Scoring Coreference Partitions of Predicted Mentions:
A Reference Implementation", and LEA as in Moosavi & Strube (2016), "Which Coreference
Evaluation Metric Do You Trust?" (with its singleton self-link). A zero denominator gives 0,
as the reference scorer does. The tests check every case of the CoNLL-2012 reference
scorer's test suite (tests/core/claims/data/SOURCES.md) and scorch as an independent oracle.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence, Set
from dataclasses import dataclass

Clustering = Sequence[Set[Hashable]]


@dataclass(frozen=True, slots=True)
class Score:
    """Recall, precision and their harmonic mean, each in [0, 1]."""

    recall: float
    precision: float

    @property
    def f1(self) -> float:
        total = self.recall + self.precision
        return 2 * self.recall * self.precision / total if total else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"recall": self.recall, "precision": self.precision, "f1": self.f1}


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _owner(clustering: Clustering) -> dict[Hashable, int]:
    return {mention: index for index, cluster in enumerate(clustering) for mention in cluster}


def _muc_side(key: Clustering, response: Clustering) -> float:
    owner = _owner(response)
    numerator = denominator = 0
    for cluster in key:
        # p(k, R): the parts of k cut by response clusters; a twinless mention is a part alone.
        parts = {owner.get(m, ("alone", m)) for m in cluster}
        numerator += len(cluster) - len(parts)
        denominator += len(cluster) - 1
    return _ratio(numerator, denominator)


def muc(key: Clustering, response: Clustering) -> Score:
    return Score(_muc_side(key, response), _muc_side(response, key))


def _b_cubed_side(key: Clustering, response: Clustering) -> float:
    owner = _owner(response)
    numerator = 0.0
    total = 0
    for cluster in key:
        counts: dict[int, int] = {}
        for mention in cluster:
            if mention in owner:
                counts[owner[mention]] = counts.get(owner[mention], 0) + 1
        numerator += math.fsum(n * n for n in counts.values()) / len(cluster)
        total += len(cluster)
    return _ratio(numerator, total)


def b_cubed(key: Clustering, response: Clustering) -> Score:
    return Score(_b_cubed_side(key, response), _b_cubed_side(response, key))


def ceaf_e(key: Clustering, response: Clustering) -> Score:
    """Entity CEAF: the one-to-one cluster alignment maximising Σ 2|k∩r| / (|k|+|r|)."""
    key = [c for c in key if c]
    response = [c for c in response if c]
    if not key or not response:
        return Score(0.0, 0.0)
    owner = _owner(response)
    similarity = [[0.0] * len(response) for _ in key]
    for i, cluster in enumerate(key):
        for mention in cluster:
            j = owner.get(mention)
            if j is not None:
                similarity[i][j] += 1
        for j, value in enumerate(similarity[i]):
            if value:
                similarity[i][j] = 2 * value / (len(cluster) + len(response[j]))
    total = _max_assignment(similarity)
    return Score(total / len(key), total / len(response))


def _lea_side(key: Clustering, response: Clustering) -> float:
    owner = _owner(response)
    sizes = [len(c) for c in response]
    numerator = 0.0
    total = 0
    for cluster in key:
        size = len(cluster)
        if size == 1:
            # A singleton's only link is to itself: resolved when it is a singleton there too.
            (mention,) = cluster
            resolved = 1.0 if mention in owner and sizes[owner[mention]] == 1 else 0.0
        else:
            counts: dict[int, int] = {}
            for mention in cluster:
                if mention in owner:
                    counts[owner[mention]] = counts.get(owner[mention], 0) + 1
            links = size * (size - 1) / 2
            resolved = sum(n * (n - 1) / 2 for n in counts.values()) / links
        numerator += size * resolved
        total += size
    return _ratio(numerator, total)


def lea(key: Clustering, response: Clustering) -> Score:
    """Link-based entity-aware metric: each entity weighted by its size."""
    return Score(_lea_side(key, response), _lea_side(response, key))


def conll_f1(key: Clustering, response: Clustering) -> float:
    """The CoNLL-2012 score: the mean of the MUC, B³ and CEAF-e F1."""
    return (muc(key, response).f1 + b_cubed(key, response).f1 + ceaf_e(key, response).f1) / 3


def _max_assignment(weights: list[list[float]]) -> float:
    """The largest total weight of a one-to-one assignment of rows to columns (Hungarian
    algorithm, O(n²m)); the matrix may be rectangular."""
    transpose = len(weights) > len(weights[0])
    if transpose:
        weights = [list(column) for column in zip(*weights, strict=True)]
    rows, columns = len(weights), len(weights[0])
    top = max(max(row) for row in weights)
    cost = [[top - w for w in row] for row in weights]  # minimise cost = maximise weight
    u = [0.0] * (rows + 1)
    v = [0.0] * (columns + 1)
    assigned = [0] * (columns + 1)  # column -> row (1-based), 0 = free
    way = [0] * (columns + 1)
    for row in range(1, rows + 1):
        assigned[0] = row
        column0 = 0
        minimum = [math.inf] * (columns + 1)
        used = [False] * (columns + 1)
        while True:
            used[column0] = True
            row0 = assigned[column0]
            delta = math.inf
            column1 = 0
            for column in range(1, columns + 1):
                if not used[column]:
                    current = cost[row0 - 1][column - 1] - u[row0] - v[column]
                    if current < minimum[column]:
                        minimum[column] = current
                        way[column] = column0
                    if minimum[column] < delta:
                        delta = minimum[column]
                        column1 = column
            for column in range(columns + 1):
                if used[column]:
                    u[assigned[column]] += delta
                    v[column] -= delta
                else:
                    minimum[column] -= delta
            column0 = column1
            if assigned[column0] == 0:
                break
        while column0:
            column1 = way[column0]
            assigned[column0] = assigned[column1]
            column0 = column1
    return math.fsum(
        weights[assigned[column] - 1][column - 1]
        for column in range(1, columns + 1)
        if assigned[column]
    )
