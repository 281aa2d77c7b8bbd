"""Span matching and F1: exact vs overlap, per label, one-to-one greedy matching."""

from __future__ import annotations

from itertools import count

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement import (
    PRF,
    matched_span_groups,
    matched_span_pairs,
    pairwise_span_f1,
    span_f1_by_label,
)
from annotator.core.model import Span

_ids = count()


def span(
    start: int,
    end: int,
    label: str = "claim",
    annotator: str = "a",
    document: str = "d1",
    stance: str | None = None,
) -> Span:
    return Span(f"s{next(_ids)}", document, start, end, label, annotator, stance=stance)


def test_exact_needs_same_document_start_end_and_label() -> None:
    a = [span(0, 10), span(20, 30), span(40, 50), span(60, 70)]
    b = [
        span(0, 10, annotator="b"),  # match
        span(20, 31, annotator="b"),  # end differs
        span(40, 50, label="quote", annotator="b"),  # label differs
        span(60, 70, annotator="b", document="d2"),  # document differs
    ]
    result = pairwise_span_f1(a, b, "exact")
    assert (result.tp, result.count_a, result.count_b) == (1, 4, 4)
    assert result.precision == result.recall == result.f1 == pytest.approx(0.25)


def test_overlap_needs_a_shared_character_not_just_touching() -> None:
    a = [span(0, 10), span(20, 30)]
    b = [span(9, 15, annotator="b"), span(30, 40, annotator="b")]
    result = pairwise_span_f1(a, b, "overlap")
    assert result.tp == 1
    assert matched_span_pairs(a, b, "overlap") == [(a[0], b[0])]


def test_overlap_ignores_other_labels_and_documents() -> None:
    a = [span(0, 10)]
    b = [span(0, 10, label="quote", annotator="b"), span(0, 10, annotator="b", document="d2")]
    assert pairwise_span_f1(a, b, "overlap").tp == 0


def test_overlap_matching_is_one_to_one() -> None:
    # One long span of a against two short spans of b: only one can match.
    a = [span(0, 100)]
    b = [span(0, 10, annotator="b"), span(50, 90, annotator="b")]
    result = pairwise_span_f1(a, b, "overlap")
    assert (result.tp, result.count_a, result.count_b) == (1, 1, 2)
    assert result.recall == pytest.approx(1.0)
    assert result.precision == pytest.approx(0.5)
    assert result.f1 == pytest.approx(2 / 3)
    # ...and it is the one with the larger overlap.
    assert matched_span_pairs(a, b, "overlap") == [(a[0], b[1])]


def test_overlap_greedy_takes_largest_overlap_first() -> None:
    # a0 overlaps b0 by 8 and b1 by 2; a1 overlaps b1 by 6. Greedy: (a0,b0), then (a1,b1).
    a = [span(0, 10), span(12, 20)]
    b = [span(2, 12, annotator="b"), span(8, 18, annotator="b")]
    assert matched_span_pairs(a, b, "overlap") == [(a[0], b[0]), (a[1], b[1])]


def test_overlap_ties_prefer_closer_boundaries() -> None:
    a = [span(10, 20)]
    b = [span(0, 20, annotator="b"), span(10, 30, annotator="b"), span(10, 20, annotator="b")]
    assert matched_span_pairs(a, b, "overlap") == [(a[0], b[2])]


def test_exact_duplicates_match_at_most_once_each() -> None:
    a = [span(0, 10), span(0, 10)]
    b = [span(0, 10, annotator="b")]
    assert pairwise_span_f1(a, b, "exact").tp == 1
    assert pairwise_span_f1(a, b + b, "exact").tp == 2


def test_empty_spans_never_overlap() -> None:
    a = [span(5, 5)]
    b = [span(0, 10, annotator="b")]
    assert pairwise_span_f1(a, b, "overlap").tp == 0
    assert pairwise_span_f1(a, [span(5, 5, annotator="b")], "exact").tp == 1


def test_both_empty_is_undefined_not_perfect() -> None:
    result = pairwise_span_f1([], [], "overlap")
    assert result.f1 is None and result.precision is None and result.recall is None
    assert result.reason == "no spans from either annotator"


def test_one_side_empty_scores_zero() -> None:
    result = pairwise_span_f1([span(0, 5)], [], "exact")
    assert result.f1 == 0.0
    assert result.recall == 0.0
    assert result.precision is None
    assert result.reason is None


def test_a_is_the_reference() -> None:
    a = [span(0, 10)]
    b = [span(0, 10, annotator="b"), span(20, 30, annotator="b")]
    forward = pairwise_span_f1(a, b, "exact")
    backward = pairwise_span_f1(b, a, "exact")
    assert (forward.precision, forward.recall) == (0.5, 1.0)
    assert (backward.precision, backward.recall) == (1.0, 0.5)
    assert forward.f1 == backward.f1


def test_by_label_breakdown() -> None:
    a = [span(0, 10, "claim"), span(20, 30, "quote"), span(40, 50, "quote")]
    b = [span(2, 10, "claim", "b"), span(20, 30, "quote", "b"), span(60, 70, "number", "b")]
    exact = span_f1_by_label(a, b, "exact")
    overlap = span_f1_by_label(a, b, "overlap")
    assert list(exact) == ["claim", "number", "quote"]
    assert exact["claim"] == PRF(0, 1, 1)
    assert overlap["claim"] == PRF(1, 1, 1)
    assert overlap["quote"] == PRF(1, 2, 1)
    assert overlap["number"] == PRF(0, 0, 1)
    assert overlap["number"].f1 == 0.0
    assert sum(overlap.values(), PRF(0, 0, 0)) == pairwise_span_f1(a, b, "overlap")


def test_unknown_mode_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown match mode"):
        pairwise_span_f1([span(0, 1)], [span(0, 1, annotator="b")], "fuzzy")  # type: ignore[arg-type]


def test_matched_groups_link_across_annotators() -> None:
    a = [span(0, 10, stance="pro"), span(50, 60, stance="pro")]
    b = [span(1, 10, annotator="b", stance="pro"), span(80, 90, annotator="b")]
    c = [span(0, 9, annotator="c", stance="against")]
    groups = matched_span_groups({"a": a, "b": b, "c": c}, "overlap")
    assert groups == [[a[0], b[0], c[0]]]
    assert matched_span_groups({"a": a, "b": b, "c": c}, "exact") == []


def geometry(pair: tuple[Span, Span]) -> tuple[object, ...]:
    sa, sb = pair
    return (sa.document_id, sa.label, sa.start, sa.end, sb.start, sb.end)


def brute_force_greedy(a: list[Span], b: list[Span]) -> list[tuple[Span, Span]]:
    """All pairs compared, then the documented greedy order: overlap, distance, position."""
    candidates = []
    for sa in a:
        for sb in b:
            if sa.document_id != sb.document_id or sa.label != sb.label:
                continue
            overlap = min(sa.end, sb.end) - max(sa.start, sb.start)
            if overlap > 0:
                distance = abs(sa.start - sb.start) + abs(sa.end - sb.end)
                first, second = sorted([(sa.start, sa.end), (sb.start, sb.end)])
                candidates.append(((-overlap, distance, first, second), sa, sb))
    candidates.sort(key=lambda c: c[0])
    used: set[str] = set()
    pairs = []
    for _, sa, sb in candidates:
        if sa.id not in used and sb.id not in used:
            used |= {sa.id, sb.id}
            pairs.append((sa, sb))
    return pairs


@st.composite
def span_lists(draw, annotator: str) -> list[Span]:
    result = []
    for _ in range(draw(st.integers(0, 12))):
        start = draw(st.integers(0, 60))
        length = draw(st.integers(0, 15))
        label = draw(st.sampled_from(["claim", "quote"]))
        document = draw(st.sampled_from(["d1", "d2"]))
        result.append(span(start, start + length, label, annotator, document))
    return result


@settings(max_examples=300, deadline=None)
@given(span_lists("a"), span_lists("b"))
def test_overlap_matching_properties(a, b) -> None:
    pairs = matched_span_pairs(a, b, "overlap")
    ids_a = [sa.id for sa, _ in pairs]
    ids_b = [sb.id for _, sb in pairs]
    assert len(set(ids_a)) == len(ids_a) and len(set(ids_b)) == len(ids_b)  # one-to-one
    for sa, sb in pairs:
        assert (sa.document_id, sa.label) == (sb.document_id, sb.label)
        assert sa.overlaps(sb.start, sb.end)
    # The sweep finds the same matches as comparing every pair (up to identical duplicates).
    assert sorted(map(geometry, pairs)) == sorted(map(geometry, brute_force_greedy(a, b)))
    # Swapping the annotators swaps precision and recall, F1 unchanged.
    forward, backward = pairwise_span_f1(a, b, "overlap"), pairwise_span_f1(b, a, "overlap")
    assert forward.tp == backward.tp
    assert forward.precision == backward.recall
    # Exact matches are overlap matches too (for non-empty spans), so never more of them.
    exact = pairwise_span_f1(a, b, "exact")
    empty_exact = sum(1 for sa, _ in matched_span_pairs(a, b, "exact") if sa.start == sa.end)
    assert exact.tp - empty_exact <= forward.tp
