"""Span F1 and span-stance agreement of every annotator pair, counted from span columns.

Matches come from `span_matches` (all pairs and groups at once); this module turns them into
the counts the report shows: per pair, per pair and label, per pair and document, with
each side's spans counted only on the documents both annotators touched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from annotator.core.agreement.columns import SpanColumns
from annotator.core.agreement.nominal import krippendorff_alpha_from_counts
from annotator.core.agreement.span_matches import (
    Groups,
    Matches,
    exact_matches,
    overlap_matches,
    stance_counts,
)
from annotator.core.agreement.spans import EMPTY_PRF, MATCH_MODES, PRF, MatchMode

Pair = tuple[str, str]


class SpanCounts:
    """Matches of every pair in both modes, and the counts per pair, label and document.

    `columns.annotator` holds ranks into `names` (sorted), and only those annotators' spans
    are in `columns`; `touched` gives each name the documents they touched (a span or a
    document stance in it).
    """

    STEPS = 3  # calls of `on_step`: after overlap matching, exact matching, the counts

    def __init__(
        self,
        columns: SpanColumns,
        names: Sequence[str],
        pairs: Sequence[Pair],
        touched: Mapping[str, set[str]],
        on_step: Callable[[], None] | None = None,
    ) -> None:
        step = on_step or (lambda: None)
        self.pairs = pairs
        self._columns = columns
        self.shared_documents = {(a, b): len(touched[a] & touched[b]) for a, b in pairs}
        k, n_docs, n_labels = len(names), len(columns.documents), len(columns.labels)
        rank = {name: index for index, name in enumerate(names)}
        self._pair_ranks = [(rank[a], rank[b]) for a, b in pairs]
        doc, label, ann = columns.document, columns.label, columns.annotator
        self._spans_in = np.bincount(ann * n_docs + doc, minlength=k * n_docs).reshape(k, n_docs)
        index = {document: code for code, document in enumerate(columns.documents)}
        self._touched = np.zeros((k, n_docs), dtype=bool)
        for name, documents in touched.items():
            codes = [index[d] for d in documents if d in index]
            self._touched[rank[name], codes] = True

        found: dict[MatchMode, tuple[Matches, Groups]] = {}
        found["overlap"] = overlap_matches(columns, k)
        step()
        found["exact"] = exact_matches(columns, k)
        step()
        self.groups = {mode: groups for mode, (_, groups) in found.items()}
        npairs = len(pairs)
        tp_label: dict[MatchMode, np.ndarray] = {}
        self._tp_document: dict[MatchMode, tuple[np.ndarray, np.ndarray]] = {}
        for mode, (matches, _) in found.items():
            tp_label[mode] = np.bincount(
                matches.pair * n_labels + label[matches.a], minlength=npairs * n_labels
            ).reshape(npairs, n_labels)
            self._tp_document[mode] = np.unique(
                doc[matches.a] * max(npairs, 1) + matches.pair, return_counts=True
            )

        # Each side's spans per label, on the documents the other touched too.
        triple, triple_count = np.unique(
            (ann * n_docs + doc) * n_labels + label, return_counts=True
        )
        t_ann, t_doc, t_label = (
            triple // (n_docs * n_labels),
            triple // n_labels % n_docs,
            triple % n_labels,
        )
        bounds = np.searchsorted(t_ann, np.arange(k + 1))
        self.by_label: dict[tuple[Pair, MatchMode, str], PRF] = {}
        self.total: dict[tuple[Pair, MatchMode], PRF] = {}
        for p, (pair, ranks) in enumerate(zip(pairs, self._pair_ranks, strict=True)):
            sides = []
            for own, other in (ranks, ranks[::-1]):
                mine = slice(bounds[own], bounds[own + 1])
                shown = self._touched[other, t_doc[mine]]
                sides.append(
                    np.bincount(
                        t_label[mine][shown], weights=triple_count[mine][shown], minlength=n_labels
                    ).astype(np.int64)
                )
            present = np.nonzero(sides[0] + sides[1])[0].tolist()
            counts_a, counts_b = sides[0].tolist(), sides[1].tolist()
            for mode in MATCH_MODES:
                tps = tp_label[mode][p].tolist()
                total = EMPTY_PRF
                for code in present:
                    counted = PRF(tps[code], counts_a[code], counts_b[code])
                    self.by_label[(pair, mode, columns.labels[code])] = counted
                    total += counted
                self.total[(pair, mode)] = total
        step()

    def pair_f1(self, pair: Pair, mode: MatchMode) -> float | None:
        return self.total[(pair, mode)].f1

    def section(self) -> dict[str, Any]:
        columns = self._columns
        count = np.bincount(columns.label, minlength=len(columns.labels)).tolist()
        count_of = {columns.labels[code]: n for code, n in enumerate(count) if n}
        pairwise: list[dict[str, Any]] = []
        for pair in self.pairs:
            exact, overlap = self.total[(pair, "exact")], self.total[(pair, "overlap")]
            pairwise.append(
                {
                    "a": pair[0],
                    "b": pair[1],
                    "documents": self.shared_documents[pair],
                    "f1_exact": exact.f1,
                    "f1_overlap": overlap.f1,
                    "precision_overlap": overlap.precision,
                    "recall_overlap": overlap.recall,
                    "tp_exact": exact.tp,
                    "tp_overlap": overlap.tp,
                    "count_a": overlap.count_a,
                    "count_b": overlap.count_b,
                }
            )
        by_label = {
            label: {
                "f1_exact": self._mean_over_pairs("exact", label),
                "f1_overlap": self._mean_over_pairs("overlap", label),
                "count": count_of[label],
            }
            for label in sorted(count_of)
        }
        return {
            "f1_exact": mean_of_defined(p["f1_exact"] for p in pairwise),
            "f1_overlap": mean_of_defined(p["f1_overlap"] for p in pairwise),
            "by_label": by_label,
            "pairwise": pairwise,
        }

    def stance_section(self) -> dict[str, Any]:
        columns = self._columns
        by_name = np.argsort(np.array(columns.stances, dtype=object), kind="stable")
        section: dict[str, Any] = {"match": "overlap"}
        modes: tuple[tuple[MatchMode, str], ...] = (("overlap", ""), ("exact", "_exact"))
        for mode, suffix in modes:
            counts = stance_counts(self.groups[mode], columns.stance, len(columns.stances))
            section["units" + suffix] = int(np.count_nonzero(counts.sum(axis=1) >= 2))
            section["krippendorff_alpha" + suffix] = krippendorff_alpha_from_counts(
                counts[:, by_name]
            )
        return section

    def document_f1(self) -> dict[str, tuple[float | None, float | None]]:
        """Per document with spans: (exact, overlap) mean over the pairs who both touched it
        of the pair's F1 there, where defined (None when no such pair has a span there)."""
        columns = self._columns
        npairs = max(len(self.pairs), 1)
        docs, pairs = [], []
        for p, (a, b) in enumerate(self._pair_ranks):
            (both,) = np.nonzero(self._touched[a] & self._touched[b])
            both = both[(self._spans_in[a, both] + self._spans_in[b, both]) > 0]
            docs.append(both)
            pairs.append(np.full(len(both), p))
        if not docs:
            return {}
        doc, pair = np.concatenate(docs), np.concatenate(pairs)
        order = np.lexsort((pair, doc))
        doc, pair = doc[order], pair[order]
        ranks = np.array(self._pair_ranks, dtype=np.int64).reshape(-1, 2)
        totals = self._spans_in[ranks[pair, 0], doc] + self._spans_in[ranks[pair, 1], doc]
        f1s = []
        for mode in ("exact", "overlap"):
            keys, counts = self._tp_document[mode]
            wanted = doc * npairs + pair
            tp = np.zeros(len(wanted), dtype=np.int64)
            if len(keys):
                at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
                tp = np.where(keys[at] == wanted, counts[at], 0)
            f1s.append((2 * tp / totals).tolist())
        starts = np.nonzero(np.append(True, doc[1:] != doc[:-1]))[0].tolist() if len(doc) else []
        bounds = [*starts, len(doc)]
        result = {}
        for index, begin in enumerate(starts):
            stop = bounds[index + 1]
            # Python's own sum, in pair order, as the figures were always added.
            result[columns.documents[doc[begin]]] = (
                sum(f1s[0][begin:stop]) / (stop - begin),
                sum(f1s[1][begin:stop]) / (stop - begin),
            )
        return result

    def _mean_over_pairs(self, mode: MatchMode, label: str) -> float | None:
        counts = self.by_label
        return mean_of_defined(
            counts[(pair, mode, label)].f1 for pair in self.pairs if (pair, mode, label) in counts
        )


def mean_of_defined(values: Any) -> float | None:
    """The plain mean of the values that are defined; None when none is."""
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None
