"""Agreement on claim groupings: alignment by the span F1 overlap rule, then the coreference
metrics; two annotators whose groupings are the reference scorer's case A3 get its values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.agreement import compute_agreement
from annotator.core.agreement.claims import claim_grouping_agreement
from annotator.core.model import Span

CASES = json.loads((Path(__file__).parent / "data" / "conll_reference_cases.json").read_text())


def _spans_for(annotator: str, clusters: list[list[list[int]]], shift: int = 0) -> list[Span]:
    """One span per mention (token t -> code points [10t, 10t+5)), linked to its cluster's
    claim; `shift` moves every span a little, still overlapping its counterpart."""
    spans = []
    for number, cluster in enumerate(clusters):
        for first, last in cluster:
            spans.append(
                Span(
                    f"{annotator}-{first}-{last}",
                    "doc",
                    10 * first + shift,
                    10 * last + 5 + shift,
                    "Claim",
                    annotator,
                    claim=f"{annotator}-claim-{number}",
                )
            )
    return spans


def _alignable(case: dict[str, list[list[list[int]]]]) -> bool:
    """Cases where overlap alignment finds exactly the reference's mention identity: every
    response mention equals a key mention or overlaps none, and no mention is repeated."""
    key = [tuple(m) for c in case["key"] for m in c]
    response = [tuple(m) for c in case["response"] for m in c]
    if len(set(key)) != len(key) or len(set(response)) != len(response):
        return False
    return all(r in key or all(r[1] < k[0] or k[1] < r[0] for k in key) for r in response)


ALIGNABLE = sorted(case for case, data in CASES.items() if _alignable(data) and data["expected"])


def test_most_reference_cases_can_be_played_by_two_annotators() -> None:
    assert len(ALIGNABLE) >= 20


@pytest.mark.parametrize("case", ALIGNABLE)
def test_two_annotators_give_the_reference_scorer_values(case: str) -> None:
    data = CASES[case]
    result = claim_grouping_agreement(
        _spans_for("alice", data["key"]), _spans_for("bob", data["response"], shift=2)
    )
    for metric, (recall, precision, f1) in data["expected"].items():
        assert result[metric]["recall"] == pytest.approx(recall, abs=1e-5), metric
        assert result[metric]["precision"] == pytest.approx(precision, abs=1e-5), metric
        assert result[metric]["f1"] == pytest.approx(f1, abs=1e-5), metric


def test_a3_counts_and_conll_f1() -> None:
    data = CASES["A3"]
    result = claim_grouping_agreement(
        _spans_for("alice", data["key"]), _spans_for("bob", data["response"])
    )
    assert (result["mentions"], result["mentions_only_a"], result["mentions_only_b"]) == (6, 0, 3)
    assert (result["claims_a"], result["claims_b"]) == (3, 4)
    expected = data["expected"]
    assert result["conll_f1"] == pytest.approx(
        (expected["muc"][2] + expected["b_cubed"][2] + expected["ceaf_e"][2]) / 3, abs=1e-5
    )


def test_unlinked_spans_and_other_labels_do_not_align() -> None:
    a = [Span("a1", "doc", 0, 10, "Claim", "alice", claim="c1")]
    b = [
        Span("b1", "doc", 0, 10, "Evidence", "bob", claim="k1"),  # other label: no alignment
        Span("b2", "doc", 0, 10, "Claim", "bob"),  # not linked: not a mention
    ]
    result = claim_grouping_agreement(a, b)
    assert (result["mentions"], result["mentions_only_a"], result["mentions_only_b"]) == (0, 1, 1)
    assert result["b_cubed"]["f1"] == 0


def test_no_mentions_is_undefined_not_zero() -> None:
    result = claim_grouping_agreement([], [])
    assert result["conll_f1"] is None and result["lea"] is None


def test_report_has_a_claims_section_per_pair_on_shared_documents() -> None:
    spans = [
        Span("a1", "d1", 0, 5, "Claim", "alice", claim="c"),
        Span("a2", "d2", 0, 5, "Claim", "alice", claim="c"),
        Span("b1", "d1", 1, 5, "Claim", "bob", claim="k"),
        Span("b2", "d2", 0, 4, "Claim", "bob", claim="k"),
        Span("x1", "d3", 0, 4, "Claim", "carol", claim="z"),  # carol shares no document
    ]
    report = compute_agreement(spans, [])
    pairs = {(p["a"], p["b"]): p for p in report["claims"]["pairwise"]}
    alice_bob = pairs[("alice", "bob")]
    assert alice_bob["mentions"] == 2
    for metric in ("b_cubed", "ceaf_e", "lea"):
        assert alice_bob[metric] == {"recall": 1.0, "precision": 1.0, "f1": 1.0}
    assert alice_bob["muc"]["f1"] == 1.0
    assert pairs[("alice", "carol")]["conll_f1"] is None
    assert report["claims"]["conll_f1"] == pytest.approx(1.0)
