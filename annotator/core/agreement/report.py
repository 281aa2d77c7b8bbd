"""The agreement report: every coefficient for a set of annotators, as one JSON-ready dict."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from itertools import combinations
from typing import Any

import numpy as np

from annotator.core.agreement.claims import claims_section
from annotator.core.agreement.columns import SpanColumns
from annotator.core.agreement.nominal import (
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha_nominal,
    pairwise_units,
    percent_agreement,
)
from annotator.core.agreement.span_counts import SpanCounts, mean_of_defined
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
    spans = list(spans)
    return compute_agreement_columns(
        SpanColumns.from_spans(spans),
        stances,
        annotators,
        claim_spans=[s for s in spans if s.claim is not None],
    )


def compute_agreement_columns(
    columns: SpanColumns,
    stances: Sequence[DocumentStance],
    annotators: Sequence[str] | None = None,
    *,
    claim_spans: Sequence[Span] = (),
    on_step: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """`compute_agreement` of the spans in `columns` (rows in input order).

    `claim_spans` are those of the spans that mention a claim, as `Span` objects in input
    order (the claims section needs their ids and claims; an archive has few of them).
    `on_step()` is called REPORT_STEPS times, after each part of the work (at most a
    fraction of a second apart on an archive); what it raises stops the computation.
    """
    step = on_step or (lambda: None)
    present = {columns.annotators[code] for code in np.unique(columns.annotator).tolist()}
    if annotators is None:
        names = sorted(present | {s.annotator for s in stances})
    else:
        names = sorted(set(annotators))
    rank = {name: index for index, name in enumerate(names)}
    code_rank = np.array([rank.get(name, -1) for name in columns.annotators] or [-1])
    ranks = code_rank[columns.annotator]
    kept = ranks >= 0
    chosen = columns.take(kept).with_annotators(names, ranks[kept])
    stances = [s for s in stances if s.annotator in rank]
    claim_spans = [s for s in claim_spans if s.annotator in rank]
    pairs: list[Pair] = list(combinations(names, 2))

    stance_units: StanceUnits = defaultdict(dict)
    for stance in stances:
        stance_units[(stance.document_id, stance.target)][stance.annotator] = stance.stance
    touched: dict[str, set[str]] = {name: set() for name in names}
    n_docs = len(chosen.documents)
    for key in np.unique(chosen.annotator * n_docs + chosen.document).tolist():
        touched[names[key // n_docs]].add(chosen.documents[key % n_docs])
    for stance in stances:
        touched[stance.annotator].add(stance.document_id)

    document_stance = _document_stance_section(stance_units, pairs)
    step()
    span_counts = SpanCounts(chosen, names, pairs, touched, on_step=step)
    spans_section = span_counts.section()
    span_stance = span_counts.stance_section()
    step()
    by_document = _by_document_section(stance_units, span_counts, touched, chosen)
    step()
    claims = claims_section(claim_spans, pairs, touched)
    step()
    return {
        "annotators": names,
        "document_stance": document_stance,
        "spans": spans_section,
        "span_stance": span_stance,
        "by_document": by_document,
        "most_disagreeing_pairs": _most_disagreeing(document_stance, span_counts, pairs),
        "claims": claims,
    }


# How often compute_agreement_columns calls on_step: 4 here and SpanCounts.STEPS.
REPORT_STEPS = 4 + SpanCounts.STEPS


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


def _by_document_section(
    stance_units: StanceUnits,
    span_counts: SpanCounts,
    touched: Mapping[str, set[str]],
    columns: SpanColumns,
) -> dict[str, Any]:
    units_of: dict[str, list[dict[str, str]]] = defaultdict(list)
    for (document, _target), unit in stance_units.items():
        units_of[document].append(unit)
    span_count = np.bincount(columns.document, minlength=len(columns.documents)).tolist()
    spans_in = {columns.documents[code]: n for code, n in enumerate(span_count) if n}
    readers: dict[str, list[str]] = defaultdict(list)
    for name in sorted(touched):
        for document in touched[name]:
            readers[document].append(name)
    f1 = span_counts.document_f1()
    section = {}
    for document in sorted(readers):
        units = units_of.get(document, [])
        f1_exact, f1_overlap = f1.get(document, (None, None))
        section[document] = {
            "annotators": readers[document],
            "span_count": spans_in.get(document, 0),
            "span_f1_exact": f1_exact,
            "span_f1_overlap": f1_overlap,
            "stance_units": len(units),
            "stance_agreement": percent_agreement(units),
        }
    return section


def _most_disagreeing(
    document_stance: Mapping[str, Any], span_counts: SpanCounts, pairs: Sequence[Pair]
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
