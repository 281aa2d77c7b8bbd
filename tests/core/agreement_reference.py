"""The agreement report as it was computed before the columnar rewrite (main at 1f1da37,
annotator/core/agreement/report.py), kept as the oracle the new one must match byte for byte:
one Span object per annotation, matched per (document, label) in Python."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from typing import Any

from annotator.core.agreement.claims import claims_section
from annotator.core.agreement.nominal import (
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha_from_values,
    krippendorff_alpha_nominal,
    pairwise_units,
    percent_agreement,
)
from annotator.core.agreement.spans import (
    EMPTY_PRF,
    MATCH_MODES,
    PRF,
    GroupKey,
    MatchMode,
    connected_groups,
    group_spans,
    match_overlap_all_pairs,
)
from annotator.core.model import DocumentStance, Span

StanceUnits = dict[tuple[str, str], dict[str, str]]  # (document_id, target) -> annotator -> stance
Pair = tuple[str, str]


def compute_agreement(
    spans: Sequence[Span],
    stances: Sequence[DocumentStance],
    annotators: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Agreement between `annotators` (default: everyone with a span or stance).

    Only annotations by those annotators count. Definitions:
    - document_stance: a unit is (document_id, target); values are stances. If an annotator
      gave one unit several stances, the last one counts. `units` counts units with at least
      one rating, `pairable_units` those with two or more. Cohen's kappa of a pair uses the
      units both rated; `cohen_kappa` is their mean over pairs where defined (Light's kappa).
    - spans: a pair of annotators is compared on the documents both touched (a span or a
      document stance in it), so an annotator who never opened a document is not counted as
      missing its spans. Within a pair F1 is micro (all documents and labels pooled); overall
      and per-label F1 are the unweighted mean over pairs where defined.
    - span_stance: units are groups of spans matched across annotators (overlap, and exact in
      `*_exact`); values are the spans' stances (spans without one are missing).
    - by_document: per document, mean over pairs of the pair's span F1 in that document, and
      the percent agreement of its stance units.
    - most_disagreeing_pairs: every pair, lowest `agreement` first; `agreement` is the mean of
      the pair's document-stance Cohen's kappa and overlap span F1, whichever are defined.
    - claims: how alike each pair grouped mentions into claims (see `claims`).
    Every coefficient is None where undefined (see the functions in `nominal` and `spans`).
    """
    if annotators is None:
        names = sorted({s.annotator for s in spans} | {s.annotator for s in stances})
    else:
        names = sorted(set(annotators))
    chosen = set(names)
    spans = [s for s in spans if s.annotator in chosen]
    stances = [s for s in stances if s.annotator in chosen]
    pairs: list[Pair] = list(combinations(names, 2))

    stance_units: StanceUnits = defaultdict(dict)
    for stance in stances:
        stance_units[(stance.document_id, stance.target)][stance.annotator] = stance.stance
    touched: dict[str, set[str]] = {name: set() for name in names}
    for span in spans:
        touched[span.annotator].add(span.document_id)
    for stance in stances:
        touched[stance.annotator].add(stance.document_id)

    document_stance = _document_stance_section(stance_units, pairs)
    span_counts = _SpanCounts(spans, names, pairs, touched)
    return {
        "annotators": names,
        "document_stance": document_stance,
        "spans": span_counts.section(spans),
        "span_stance": span_counts.stance_section(),
        "by_document": _by_document_section(stance_units, span_counts, touched, spans),
        "most_disagreeing_pairs": _most_disagreeing(document_stance, span_counts, pairs),
        "claims": claims_section(spans, pairs, touched),
    }


def _document_stance_section(stance_units: StanceUnits, pairs: Sequence[Pair]) -> dict[str, Any]:
    units = [stance_units[key] for key in sorted(stance_units)]
    kappa, reason = fleiss_kappa(units)
    pairwise: list[dict[str, Any]] = []
    for a, b in pairs:
        a_values, b_values = pairwise_units(units, a, b)
        same = sum(1 for x, y in zip(a_values, b_values, strict=True) if x == y)
        pairwise.append(
            {
                "a": a,
                "b": b,
                "cohen_kappa": cohen_kappa(a_values, b_values),
                "percent_agreement": same / len(a_values) if a_values else None,
                "units": len(a_values),
            }
        )
    return {
        "units": len(units),
        "pairable_units": sum(1 for unit in units if len(unit) >= 2),
        "krippendorff_alpha": krippendorff_alpha_nominal(units),
        "fleiss_kappa": kappa,
        "fleiss_kappa_reason": reason,
        "cohen_kappa": mean_of_defined(p["cohen_kappa"] for p in pairwise),
        "percent_agreement": percent_agreement(units),
        "pairwise": pairwise,
    }


class _SpanCounts:
    """Matches spans once per (document, label) and pair, keeping counts per pair, label, document.

    Looping over (document, label) groups, then over the annotators present in each, keeps
    the work proportional to the spans rather than to pairs × corpus.
    """

    def __init__(
        self,
        spans: Sequence[Span],
        names: Sequence[str],
        pairs: Sequence[Pair],
        touched: Mapping[str, set[str]],
    ) -> None:
        self.pairs = pairs
        self.shared_documents = {(a, b): len(touched[a] & touched[b]) for a, b in pairs}
        # Matches: per (pair, mode), per (pair, mode, label), per (pair, mode, document).
        self._tp: Counter[tuple[Any, ...]] = Counter()
        self._spans_in: Counter[tuple[str, str]] = Counter()  # (annotator, document)
        labels_in: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self.groups: dict[MatchMode, list[list[Span]]] = {mode: [] for mode in MATCH_MODES}

        by_key: dict[GroupKey, dict[str, list[Span]]] = defaultdict(dict)
        for name, own in _by_annotator(spans).items():
            for key, group in group_spans(own).items():
                by_key[key][name] = group
                self._spans_in[(name, key[0])] += len(group)
                labels_in[(name, key[0])][key[1]] += len(group)
        for (document, label), members in by_key.items():
            if len(members) >= 2:
                self._match_overlap(document, label, members)
        self._match_exact(spans)

        # A side's spans in the documents both touched: all its spans, less those in documents
        # the other never touched (usually few, so this avoids a pass over every document).
        labels_of = {name: Counter[str]() for name in names}
        for (name, _document), counts in labels_in.items():
            labels_of[name].update(counts)
        self.by_label: dict[tuple[Pair, MatchMode, str], PRF] = {}
        self.total: dict[tuple[Pair, MatchMode], PRF] = {}
        for pair in pairs:
            sides = []
            for name, other in (pair, pair[::-1]):
                counts = Counter(labels_of[name])
                for document in touched[name] - touched[other]:
                    counts.subtract(labels_in.get((name, document), {}))
                sides.append(counts)
            for mode in MATCH_MODES:
                total = EMPTY_PRF
                for label in sides[0].keys() | sides[1].keys():
                    count_a, count_b = sides[0][label], sides[1][label]
                    if count_a or count_b:
                        found = PRF(self._tp[(pair, mode, "label", label)], count_a, count_b)
                        self.by_label[(pair, mode, label)] = found
                        total += found
                self.total[(pair, mode)] = total

    def _match_overlap(self, document: str, label: str, members: Mapping[str, list[Span]]) -> None:
        names = sorted(members)
        links: list[tuple[Span, Span]] = []
        if all(len(group) == 1 for group in members.values()):
            # The common case, one span each: a match is just a shared character.
            singles = [(name, members[name][0]) for name in names]
            for index, (a, sa) in enumerate(singles):
                for b, sb in singles[index + 1 :]:
                    if min(sa.end, sb.end) > max(sa.start, sb.start):
                        self._count_matches((a, b), "overlap", document, label, 1)
                        links.append((sa, sb))
            self._add_groups(links)
            return
        for pair, matches in match_overlap_all_pairs(members).items():
            self._count_matches(pair, "overlap", document, label, len(matches))
            links.extend(matches)
        self._add_groups(links)

    def _add_groups(self, links: list[tuple[Span, Span]]) -> None:
        if len(links) == 1:
            self.groups["overlap"].append(list(links[0]))
        elif links:
            self.groups["overlap"].extend(connected_groups(links))

    def _match_exact(self, spans: Sequence[Span]) -> None:
        # Exact matching is transitive, so spans at the same place are matched directly: the
        # k-th span of each annotator there pairs with the k-th of every other, which is what
        # one-to-one `match_group(..., "exact")` does pair by pair, at a fraction of the cost.
        at: dict[tuple[str, str, int, int], dict[str, list[Span]]] = defaultdict(dict)
        for span in spans:
            at[(span.document_id, span.label, span.start, span.end)].setdefault(
                span.annotator, []
            ).append(span)
        for (document, label, _start, _end), members in at.items():
            if len(members) < 2:
                continue
            names = sorted(members)
            for index, a in enumerate(names):
                for b in names[index + 1 :]:
                    tp = min(len(members[a]), len(members[b]))
                    self._count_matches((a, b), "exact", document, label, tp)
            for rank in range(max(len(group) for group in members.values())):
                group = [members[name][rank] for name in names if rank < len(members[name])]
                if len(group) >= 2:
                    self.groups["exact"].append(group)

    def _count_matches(
        self, pair: Pair, mode: MatchMode, document: str, label: str, tp: int
    ) -> None:
        self._tp[(pair, mode)] += tp
        self._tp[(pair, mode, "label", label)] += tp
        self._tp[(pair, mode, "document", document)] += tp

    def pair_f1(self, pair: Pair, mode: MatchMode) -> float | None:
        return self.total[(pair, mode)].f1

    def section(self, spans: Sequence[Span]) -> dict[str, Any]:
        labels = sorted({s.label for s in spans})
        count = defaultdict(int, _count_by(s.label for s in spans))
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
                "f1_exact": self._mean_over_pairs(self.by_label, "exact", label),
                "f1_overlap": self._mean_over_pairs(self.by_label, "overlap", label),
                "count": count[label],
            }
            for label in labels
        }
        return {
            "f1_exact": mean_of_defined(p["f1_exact"] for p in pairwise),
            "f1_overlap": mean_of_defined(p["f1_overlap"] for p in pairwise),
            "by_label": by_label,
            "pairwise": pairwise,
        }

    def stance_section(self) -> dict[str, Any]:
        section: dict[str, Any] = {"match": "overlap"}
        modes: tuple[tuple[MatchMode, str], ...] = (("overlap", ""), ("exact", "_exact"))
        for mode, suffix in modes:
            values = [
                [s.stance for s in group if s.stance is not None] for group in self.groups[mode]
            ]
            section["units" + suffix] = sum(1 for v in values if len(v) >= 2)
            section["krippendorff_alpha" + suffix] = krippendorff_alpha_from_values(values)
        return section

    def document_f1(self, document: str, pairs: Iterable[Pair], mode: MatchMode) -> float | None:
        # PRF(...).f1 written out: this runs for every pair of every document.
        tp, spans_in = self._tp, self._spans_in
        defined = []
        for pair in pairs:
            total = spans_in[(pair[0], document)] + spans_in[(pair[1], document)]
            if total:
                defined.append(2 * tp[(pair, mode, "document", document)] / total)
        return sum(defined) / len(defined) if defined else None

    def _mean_over_pairs(
        self, counts: Mapping[tuple[Pair, MatchMode, str], PRF], mode: MatchMode, key: str
    ) -> float | None:
        return mean_of_defined(
            counts[(pair, mode, key)].f1 for pair in self.pairs if (pair, mode, key) in counts
        )


def _by_document_section(
    stance_units: StanceUnits,
    span_counts: _SpanCounts,
    touched: Mapping[str, set[str]],
    spans: Sequence[Span],
) -> dict[str, Any]:
    units_of: dict[str, list[dict[str, str]]] = defaultdict(list)
    for (document, _target), unit in stance_units.items():
        units_of[document].append(unit)
    span_count = _count_by(s.document_id for s in spans)
    readers: dict[str, list[str]] = defaultdict(list)
    for name in sorted(touched):
        for document in touched[name]:
            readers[document].append(name)
    section = {}
    for document in sorted(readers):
        pairs = list(combinations(readers[document], 2))
        units = units_of.get(document, [])
        section[document] = {
            "annotators": readers[document],
            "span_count": span_count.get(document, 0),
            "span_f1_exact": span_counts.document_f1(document, pairs, "exact"),
            "span_f1_overlap": span_counts.document_f1(document, pairs, "overlap"),
            "stance_units": len(units),
            "stance_agreement": percent_agreement(units),
        }
    return section


def _most_disagreeing(
    document_stance: Mapping[str, Any], span_counts: _SpanCounts, pairs: Sequence[Pair]
) -> list[dict[str, Any]]:
    kappas = {(p["a"], p["b"]): p["cohen_kappa"] for p in document_stance["pairwise"]}
    ranked = []
    for pair in pairs:
        kappa = kappas[pair]
        f1 = span_counts.pair_f1(pair, "overlap")
        ranked.append(
            {
                "a": pair[0],
                "b": pair[1],
                "agreement": mean_of_defined((kappa, f1)),
                "document_stance_cohen_kappa": kappa,
                "span_f1_overlap": f1,
            }
        )
    ranked.sort(key=lambda p: (p["agreement"] is None, p["agreement"] or 0.0, p["a"], p["b"]))
    return ranked


def _by_annotator(spans: Iterable[Span]) -> dict[str, list[Span]]:
    result: dict[str, list[Span]] = defaultdict(list)
    for span in spans:
        result[span.annotator].append(span)
    return result


def _count_by(keys: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for key in keys:
        counts[key] += 1
    return counts


def mean_of_defined(values: Iterable[float | None]) -> float | None:
    """The plain mean of the values that are defined; None when none is."""
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None


def project_agreement(store: Any, annotators: Sequence[str] | None = None) -> dict[str, Any]:
    """annotator.services.agreement_service.project_agreement as it was: every span read as
    a Span object and handed to the compute_agreement above."""
    from annotator.core.model import GOLD_ANNOTATOR
    from annotator.services.agreement_service import _finite

    with store.snapshot():
        spans = store.annotations.spans()
        stances = store.annotations.document_stances()
        if annotators is None:
            spans = [s for s in spans if s.annotator != GOLD_ANNOTATOR]
            stances = [s for s in stances if s.annotator != GOLD_ANNOTATOR]
        report = compute_agreement(spans, stances, annotators)
        report["gold"] = {
            "adjudicated_documents": len(store.documents.done_ids([GOLD_ANNOTATOR])),
            "documents": store.documents.count(),
            "spans": len(store.annotations.spans(annotators=[GOLD_ANNOTATOR])),
            "document_stances": len(
                store.annotations.document_stances(annotators=[GOLD_ANNOTATOR])
            ),
        }
        report["documents"] = {s.id: s.title for s in store.documents.listing()}
        return _finite(report)  # type: ignore[no-any-return]
