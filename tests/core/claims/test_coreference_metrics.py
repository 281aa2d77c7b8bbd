"""MUC, B³, CEAF-e and LEA against the CoNLL-2012 reference scorer's own test cases
(and the LEA authors' expected values for the same files), plus scorch as an oracle."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.agreement.coreference import b_cubed, ceaf_e, conll_f1, lea, muc

CASES = json.loads((Path(__file__).parent / "data" / "conll_reference_cases.json").read_text())
METRICS = {"muc": muc, "b_cubed": b_cubed, "ceaf_e": ceaf_e, "lea": lea}


def _clusters(raw: list[list[list[int]]]) -> list[frozenset[tuple[int, int]]]:
    """Disjoint clusters: a mention repeated in a later entity (cases A7-A9) is dropped there,
    the de-duplication the reference scorer does (test/TestCases.README)."""
    seen: set[tuple[int, int]] = set()
    clusters = []
    for cluster in raw:
        mentions = frozenset((start, end) for start, end in cluster) - seen
        seen |= mentions
        if mentions:
            clusters.append(mentions)
    return clusters


@pytest.mark.parametrize(
    ("case", "metric"),
    [(case, metric) for case in sorted(CASES) for metric in CASES[case]["expected"]],
)
def test_reference_scorer_case(case: str, metric: str) -> None:
    data = CASES[case]
    score = METRICS[metric](_clusters(data["key"]), _clusters(data["response"]))
    recall, precision, f1 = data["expected"][metric]
    # The reference gives CEAF-e to five decimals.
    assert score.recall == pytest.approx(recall, abs=1e-5)
    assert score.precision == pytest.approx(precision, abs=1e-5)
    assert score.f1 == pytest.approx(f1, abs=1e-5)


def test_every_metric_is_checked_on_many_cases() -> None:
    counts = {m: sum(m in c["expected"] for c in CASES.values()) for m in METRICS}
    assert counts == {"muc": 28, "b_cubed": 16, "ceaf_e": 10, "lea": 29}


def test_conll_f1_is_the_mean_of_three() -> None:
    data = CASES["A3"]
    key, response = _clusters(data["key"]), _clusters(data["response"])
    expected = data["expected"]
    assert conll_f1(key, response) == pytest.approx(
        (expected["muc"][2] + expected["b_cubed"][2] + expected["ceaf_e"][2]) / 3, abs=1e-5
    )


def test_singletons_count_except_in_muc() -> None:
    singletons = [frozenset({m}) for m in "abcd"]
    assert muc(singletons, singletons).f1 == 0  # MUC sees no links
    assert b_cubed(singletons, singletons).f1 == 1
    assert ceaf_e(singletons, singletons).f1 == 1
    assert lea(singletons, singletons).f1 == 1


_clusterings = st.lists(st.integers(0, 5), min_size=1, max_size=12).map(
    lambda ids: [
        frozenset(m for m, cluster in enumerate(ids) if cluster == c) for c in sorted(set(ids))
    ]
)


@given(_clusterings, _clusterings)
def test_agrees_with_scorch(key: list[frozenset[int]], response: list[frozenset[int]]) -> None:
    scorch = pytest.importorskip("scorch.scores")
    for ours, theirs in [
        (muc, scorch.muc),
        (b_cubed, scorch.b_cubed),
        (ceaf_e, scorch.ceaf_e),
    ]:
        score = ours(key, response)
        r, p, f = theirs([set(c) for c in key], [set(c) for c in response])
        assert (score.recall, score.precision, score.f1) == pytest.approx((r, p, f), abs=1e-9)


@given(_clusterings)
def test_identical_groupings_score_one_on_b_cubed_ceaf_lea(key: list[frozenset[int]]) -> None:
    for metric in (b_cubed, ceaf_e, lea):
        assert metric(key, key).f1 == pytest.approx(1.0)
