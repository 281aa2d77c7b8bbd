"""Agreement on claims: how alike two annotators grouped the same mentions into claims.

A pair's claim-linked spans are aligned with the rule span F1 uses (same document and
label, overlapping, one-to-one, largest overlap first), on the documents both touched. An
aligned pair is one mention; a span the other did not mark stays a mention of one side
only. Each annotator's claims are then a clustering of mentions (every claim with at
least one mention is a cluster; a claim only one outlet makes is a singleton), scored with
MUC, B³, CEAF-e, LEA and the CoNLL F1 (mean of MUC, B³, CEAF-e F1). Metrics take the first
annotator of the pair as the key; F1 is symmetric. A pair with no claim-linked mention on
either side has every metric None.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from statistics import fmean
from typing import Any

from annotator.core.agreement.coreference import b_cubed, ceaf_e, lea, muc
from annotator.core.agreement.spans import matched_span_pairs
from annotator.core.model import Span

METRIC_NAMES = ("muc", "b_cubed", "ceaf_e", "lea")


def claim_grouping_agreement(spans_a: Sequence[Span], spans_b: Sequence[Span]) -> dict[str, Any]:
    """`mentions` (aligned), `mentions_only_a`, `mentions_only_b`, `claims_a`, `claims_b`,
    each metric as {"recall", "precision", "f1"} (None without mentions) and `conll_f1`."""
    linked_a = [s for s in spans_a if s.claim is not None]
    linked_b = [s for s in spans_b if s.claim is not None]
    pairs = matched_span_pairs(linked_a, linked_b, "overlap")
    mention_of: dict[str, tuple[str, str]] = {}
    for span_a, span_b in pairs:
        mention_of[span_a.id] = mention_of[span_b.id] = ("aligned", span_a.id)
    key = _clusters(linked_a, mention_of, "a")
    response = _clusters(linked_b, mention_of, "b")
    result: dict[str, Any] = {
        "mentions": len(pairs),
        "mentions_only_a": len(linked_a) - len(pairs),
        "mentions_only_b": len(linked_b) - len(pairs),
        "claims_a": len(key),
        "claims_b": len(response),
    }
    if not linked_a and not linked_b:
        result.update(dict.fromkeys(METRIC_NAMES))
        result["conll_f1"] = None
        return result
    scores = {
        "muc": muc(key, response),
        "b_cubed": b_cubed(key, response),
        "ceaf_e": ceaf_e(key, response),
        "lea": lea(key, response),
    }
    result.update({name: score.as_dict() for name, score in scores.items()})
    result["conll_f1"] = fmean([scores["muc"].f1, scores["b_cubed"].f1, scores["ceaf_e"].f1])
    return result


def claims_section(
    spans: Sequence[Span],
    pairs: Sequence[tuple[str, str]],
    touched: Mapping[str, set[str]],
) -> dict[str, Any]:
    """The report's `claims` section: `pairwise` (one entry per pair, on the documents both
    touched) and `conll_f1` / `lea_f1`, the mean over pairs where defined."""
    # Only claim-linked spans take part (claim_grouping_agreement drops the rest), so they
    # are picked once here rather than once per pair: most spans of an archive have no claim.
    by_annotator: dict[str, list[Span]] = defaultdict(list)
    for span in spans:
        if span.claim is not None:
            by_annotator[span.annotator].append(span)
    pairwise = []
    for a, b in pairs:
        shared = touched.get(a, set()) & touched.get(b, set())
        entry = claim_grouping_agreement(
            [s for s in by_annotator[a] if s.document_id in shared],
            [s for s in by_annotator[b] if s.document_id in shared],
        )
        pairwise.append({"a": a, "b": b, **entry})
    conll = [p["conll_f1"] for p in pairwise if p["conll_f1"] is not None]
    leas = [p["lea"]["f1"] for p in pairwise if p["lea"] is not None]
    return {
        "pairwise": pairwise,
        "conll_f1": fmean(conll) if conll else None,
        "lea_f1": fmean(leas) if leas else None,
        "linked_mentions": sum(1 for s in spans if s.claim is not None),
    }


def _clusters(
    spans: Sequence[Span], mention_of: Mapping[str, tuple[str, str]], side: str
) -> list[frozenset[tuple[str, str]]]:
    groups: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for span in spans:
        assert span.claim is not None
        groups[span.claim].add(mention_of.get(span.id, (side, span.id)))
    return [frozenset(groups[claim]) for claim in sorted(groups)]
