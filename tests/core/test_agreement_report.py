"""The agreement report: values worked out by hand on a small project, shape, and speed."""

from __future__ import annotations

import json
import random
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement import (
    compute_agreement,
    krippendorff_alpha_from_values,
    krippendorff_alpha_nominal,
    matched_span_groups,
    pairwise_span_f1,
)
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
    return Span(
        f"{annotator}-{document}-{start}-{label}", document, start, end, label, annotator, value
    )


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


def realistic_project(seed: int = 7) -> tuple[list[Span], list[DocumentStance]]:
    """5 analysts x 2,000 documents: a stance each, and 50,000 spans mostly on shared passages."""
    rng = random.Random(seed)
    annotators = [f"analyst{i}" for i in range(5)]
    labels = ["claim", "quote", "number", "source"]
    stances = []
    spans = []
    for d in range(2000):
        doc = f"doc{d}"
        passages = [
            (rng.randrange(0, 3000), rng.randrange(5, 200), rng.choice(labels)) for _ in range(6)
        ]
        for name in annotators:
            stances.append(
                DocumentStance(doc, name, "T", rng.choice(["pro", "against", "neutral"]))
            )
            for start, length, label in rng.sample(passages, 5):
                begin = max(0, start + rng.randrange(-10, 10))
                spans.append(
                    Span(
                        f"s{len(spans)}",
                        doc,
                        begin,
                        begin + length + rng.randrange(-5, 5),
                        label if rng.random() < 0.9 else rng.choice(labels),
                        name,
                        stance=rng.choice(["pro", "against", None]),
                    )
                )
    return spans, stances


def test_realistic_project_size_completes_with_sane_shape() -> None:
    # Speed is measured by benchmarks/ (never by timed assertions here); this checks the
    # large, realistic workload gives a complete, well-formed report.
    spans, stances = realistic_project()
    assert len(spans) == 50_000
    report = compute_agreement(spans, stances)
    assert len(report["spans"]["pairwise"]) == 10
    assert report["span_stance"]["units"] > 5000
    assert report["document_stance"]["units"] == 2000
    assert -1.0 <= report["document_stance"]["krippendorff_alpha"] <= 1.0


@st.composite
def small_projects(draw) -> list[Span]:
    result = []
    for n in range(draw(st.integers(0, 30))):
        start = draw(st.integers(0, 40))
        result.append(
            Span(
                f"h{n}",
                draw(st.sampled_from(["d1", "d2", "d3"])),
                start,
                start + draw(st.integers(0, 12)),
                draw(st.sampled_from(["claim", "quote"])),
                draw(st.sampled_from(["a", "b", "c"])),
                stance=draw(st.sampled_from(["pro", "against", None])),
            )
        )
    return result


@settings(max_examples=150, deadline=None)
@given(small_projects())
def test_report_agrees_with_the_pairwise_functions(spans) -> None:
    report = compute_agreement(spans, [])
    by_pair = {(p["a"], p["b"]): p for p in report["spans"]["pairwise"]}
    names = report["annotators"]
    for a, b in combinations(names, 2):
        shared = {s.document_id for s in spans if s.annotator == a} & {
            s.document_id for s in spans if s.annotator == b
        }
        side_a = [s for s in spans if s.annotator == a and s.document_id in shared]
        side_b = [s for s in spans if s.annotator == b and s.document_id in shared]
        exact = pairwise_span_f1(side_a, side_b, "exact")
        overlap = pairwise_span_f1(side_a, side_b, "overlap")
        entry = by_pair[(a, b)]
        assert (entry["tp_exact"], entry["tp_overlap"]) == (exact.tp, overlap.tp)
        assert (entry["count_a"], entry["count_b"]) == (overlap.count_a, overlap.count_b)
        assert entry["f1_overlap"] == overlap.f1
    per_annotator = {name: [s for s in spans if s.annotator == name] for name in names}
    for mode, suffix in (("overlap", ""), ("exact", "_exact")):
        groups = matched_span_groups(per_annotator, mode)
        values = [[s.stance for s in g if s.stance is not None] for g in groups]
        assert report["span_stance"]["units" + suffix] == sum(len(v) >= 2 for v in values)
        expected = krippendorff_alpha_from_values(values)
        assert report["span_stance"]["krippendorff_alpha" + suffix] == (
            pytest.approx(expected) if expected is not None else None
        )
