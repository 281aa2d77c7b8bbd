"""The agreement report: values worked out by hand on a small project, shape, and speed."""

from __future__ import annotations

import json
import random
import time

import pytest

from annotator.core.agreement import compute_agreement, krippendorff_alpha_nominal
from annotator.core.model import DocumentStance, Span


def stance(document: str, annotator: str, value: str, target: str = "T") -> DocumentStance:
    return DocumentStance(document, annotator, target, value)


def span(
    document: str,
    start: int,
    end: int,
    label: str,
    annotator: str,
    value: str | None = None,
) -> Span:
    return Span(f"{annotator}-{document}-{start}-{label}", document, start, end, label, annotator, value)


STANCES = [
    stance("d1", "a", "pro"),
    stance("d1", "b", "pro"),
    stance("d1", "c", "against"),
    stance("d2", "a", "against"),
    stance("d2", "b", "against"),
    stance("d2", "c", "against"),
    stance("d3", "a", "pro"),
    stance("d3", "b", "neutral"),
]
SPANS = [
    span("d1", 0, 10, "claim", "a", "pro"),
    span("d1", 20, 30, "quote", "a"),
    span("d2", 0, 5, "claim", "a"),
    span("d9", 0, 3, "claim", "a"),  # only a touched d9: compared with nobody
    span("d1", 0, 10, "claim", "b", "pro"),
    span("d1", 22, 30, "quote", "b"),
    span("d3", 0, 4, "claim", "b"),
    span("d1", 2, 8, "claim", "c", "against"),
]


@pytest.fixture(scope="module")
def report() -> dict:
    return compute_agreement(SPANS, STANCES)


def test_report_is_json_ready(report) -> None:
    assert json.loads(json.dumps(report)) == report
    assert report["annotators"] == ["a", "b", "c"]


def test_document_stance(report) -> None:
    section = report["document_stance"]
    assert section["units"] == 3
    assert section["pairable_units"] == 3
    assert section["fleiss_kappa"] is None
    assert section["fleiss_kappa_reason"] == "units have different numbers of ratings (2–3)"
    # a-b over d1, d2, d3: po = 2/3, pe = 1/3 -> 0.5; a-c and b-c over d1, d2: po = pe = 1/2 -> 0.
    pairwise = {(p["a"], p["b"]): p for p in section["pairwise"]}
    assert pairwise[("a", "b")]["cohen_kappa"] == pytest.approx(0.5)
    assert pairwise[("a", "b")]["percent_agreement"] == pytest.approx(2 / 3)
    assert pairwise[("a", "b")]["units"] == 3
    assert pairwise[("a", "c")]["cohen_kappa"] == pytest.approx(0.0)
    assert pairwise[("b", "c")]["units"] == 2
    assert section["cohen_kappa"] == pytest.approx(1 / 6)
    assert section["percent_agreement"] == pytest.approx((1 / 3 + 1 + 0) / 3)
    units = [
        {"a": "pro", "b": "pro", "c": "against"},
        {"a": "against", "b": "against", "c": "against"},
        {"a": "pro", "b": "neutral"},
    ]
    assert section["krippendorff_alpha"] == pytest.approx(krippendorff_alpha_nominal(units))


def test_fleiss_reported_when_every_unit_is_complete() -> None:
    complete = [s for s in STANCES if s.document_id != "d3"]
    section = compute_agreement([], complete)["document_stance"]
    assert section["fleiss_kappa_reason"] is None
    assert section["fleiss_kappa"] is not None


def test_span_f1_mean_over_pairs(report) -> None:
    section = report["spans"]
    pairwise = {(p["a"], p["b"]): p for p in section["pairwise"]}
    # a-b on d1, d2, d3 (3 spans each; 1 exact, 2 overlap matches); a-c and b-c on d1, d2.
    assert pairwise[("a", "b")]["documents"] == 3
    assert (pairwise[("a", "b")]["count_a"], pairwise[("a", "b")]["count_b"]) == (3, 3)
    assert pairwise[("a", "b")]["f1_exact"] == pytest.approx(1 / 3)
    assert pairwise[("a", "b")]["f1_overlap"] == pytest.approx(2 / 3)
    assert pairwise[("a", "c")]["f1_overlap"] == pytest.approx(1 / 2)
    assert pairwise[("b", "c")]["f1_overlap"] == pytest.approx(2 / 3)
    assert section["f1_exact"] == pytest.approx(1 / 9)
    assert section["f1_overlap"] == pytest.approx(11 / 18)


def test_span_f1_by_label(report) -> None:
    by_label = report["spans"]["by_label"]
    assert by_label["claim"] == pytest.approx(
        {"f1_exact": 1 / 6, "f1_overlap": 13 / 18, "count": 6}
    )
    assert by_label["quote"] == pytest.approx({"f1_exact": 0.0, "f1_overlap": 1 / 3, "count": 2})


def test_span_stance(report) -> None:
    section = report["span_stance"]
    # Overlap: one group (the d1 claims) with pro, pro, against -> alpha 0.
    assert section["units"] == 1
    assert section["krippendorff_alpha"] == pytest.approx(0.0)
    # Exact: a and b's d1 claims, both pro: one value only, undefined.
    assert section["units_exact"] == 1
    assert section["krippendorff_alpha_exact"] is None


def test_by_document(report) -> None:
    docs = report["by_document"]
    assert list(docs) == ["d1", "d2", "d3", "d9"]
    assert docs["d1"]["annotators"] == ["a", "b", "c"]
    assert docs["d1"]["span_count"] == 5
    assert docs["d1"]["span_f1_exact"] == pytest.approx(1 / 6)
    assert docs["d1"]["span_f1_overlap"] == pytest.approx(7 / 9)
    assert docs["d1"]["stance_agreement"] == pytest.approx(1 / 3)
    assert docs["d2"]["span_f1_overlap"] == pytest.approx(0.0)  # b-c had no spans: left out
    assert docs["d3"]["stance_agreement"] == pytest.approx(0.0)
    assert docs["d9"] == {
        "annotators": ["a"],
        "span_count": 1,
        "span_f1_exact": None,
        "span_f1_overlap": None,
        "stance_units": 0,
        "stance_agreement": None,
    }


def test_most_disagreeing_pairs_lowest_first(report) -> None:
    ranked = report["most_disagreeing_pairs"]
    assert [(p["a"], p["b"]) for p in ranked] == [("a", "c"), ("b", "c"), ("a", "b")]
    assert ranked[0]["agreement"] == pytest.approx(0.25)
    assert ranked[-1]["agreement"] == pytest.approx((0.5 + 2 / 3) / 2)


def test_annotators_restricts_the_report() -> None:
    report = compute_agreement(SPANS, STANCES, annotators=["b", "a"])
    assert report["annotators"] == ["a", "b"]
    assert [(p["a"], p["b"]) for p in report["spans"]["pairwise"]] == [("a", "b")]
    assert report["spans"]["f1_overlap"] == pytest.approx(2 / 3)
    assert report["document_stance"]["cohen_kappa"] == pytest.approx(0.5)
    assert report["spans"]["by_label"]["claim"]["count"] == 5


def test_empty_project() -> None:
    report = compute_agreement([], [])
    assert report["annotators"] == []
    assert report["document_stance"]["krippendorff_alpha"] is None
    assert report["document_stance"]["fleiss_kappa_reason"] == "no units"
    assert report["spans"]["f1_overlap"] is None
    assert report["most_disagreeing_pairs"] == []


def test_fast_on_a_realistic_project() -> None:
    rng = random.Random(7)
    annotators = [f"analyst{i}" for i in range(5)]
    documents = [f"doc{i}" for i in range(2000)]
    stances = [
        DocumentStance(doc, name, "T", rng.choice(["pro", "against", "neutral"]))
        for doc in documents
        for name in annotators
    ]
    spans = []
    for n in range(50_000):
        doc = documents[n % len(documents)]
        start = rng.randrange(0, 3000)
        spans.append(
            Span(
                f"s{n}",
                doc,
                start,
                start + rng.randrange(5, 200),
                rng.choice(["claim", "quote", "number", "source"]),
                annotators[n % 5],
                stance=rng.choice(["pro", "against", None]),
            )
        )
    began = time.perf_counter()
    report = compute_agreement(spans, stances)
    elapsed = time.perf_counter() - began
    assert len(report["spans"]["pairwise"]) == 10
    assert elapsed < 1.0, f"took {elapsed:.2f} s"
