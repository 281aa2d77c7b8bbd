"""The one-sweep matcher of every annotator pair gives exactly the pairs, in exactly the
order, of the straightforward per-pair matching it replaced in the agreement report."""

from __future__ import annotations

from itertools import combinations, count

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement.spans import match_group, match_overlap_all_pairs
from annotator.core.model import Span

_ids = count()


def reference_match(a: list[Span], b: list[Span]) -> list[tuple[Span, Span]]:
    """The straightforward matcher: every pair of spans compared, candidates ordered by
    (-overlap, |Δstart| + |Δend|, the earlier span's position, the later's, index in a,
    index in b), then taken greedily one-to-one."""
    candidates = []
    for ia, sa in enumerate(a):
        for ib, sb in enumerate(b):
            overlap = min(sa.end, sb.end) - max(sa.start, sb.start)
            if overlap <= 0:
                continue
            distance = abs(sa.start - sb.start) + abs(sa.end - sb.end)
            first, second = sorted([(sa.start, sa.end), (sb.start, sb.end)])
            candidates.append(((-overlap, distance, *first, *second), ia, ib))
    candidates.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _, ia, ib in candidates:
        if ia not in used_a and ib not in used_b:
            used_a.add(ia)
            used_b.add(ib)
            pairs.append((a[ia], b[ib]))
    return pairs


def reference_all_pairs(
    members: dict[str, list[Span]],
) -> dict[tuple[str, str], list[tuple[Span, Span]]]:
    result = {}
    for a, b in combinations(sorted(members), 2):
        matches = reference_match(members[a], members[b])
        if matches:
            result[(a, b)] = matches
    return result


@st.composite
def one_group(draw) -> dict[str, list[Span]]:
    """Several annotators' spans of one document and label, each list sorted by (start, end).
    Positions are crowded so that ties, duplicates, nesting and empty spans are common."""
    names = draw(st.lists(st.sampled_from("abcde"), min_size=1, max_size=5, unique=True))
    members = {}
    for name in names:
        spans = []
        for _ in range(draw(st.integers(0, 10))):
            start = draw(st.integers(0, 30))
            end = start + draw(st.integers(0, 12))
            spans.append(Span(f"s{next(_ids)}", "d1", start, end, "claim", name))
        spans.sort(key=lambda s: (s.start, s.end))
        members[name] = spans
    return members


def identities(result: dict[tuple[str, str], list[tuple[Span, Span]]]) -> list[object]:
    return [(pair, [(id(x), id(y)) for x, y in matches]) for pair, matches in result.items()]


@settings(max_examples=500, deadline=None)
@given(one_group())
def test_sweep_matches_the_straightforward_matcher_exactly(members) -> None:
    expected = reference_all_pairs(members)
    found = match_overlap_all_pairs(members)
    # The same span objects (not just equal ones: duplicates stay apart), the same order.
    assert identities(found) == identities(expected)
    for (a, b), matches in expected.items():
        assert [tuple(map(id, m)) for m in match_group(members[a], members[b], "overlap")] == [
            tuple(map(id, m)) for m in matches
        ]


def test_a_long_document_matches_only_neighbours() -> None:
    # Spans far apart never meet in the sweep; a pair that overlaps is still found.
    a = [Span(f"a{i}", "d1", i * 100, i * 100 + 10, "claim", "a") for i in range(200)]
    b = [Span(f"b{i}", "d1", i * 100 + 5, i * 100 + 20, "claim", "b") for i in range(200)]
    found = match_overlap_all_pairs({"b": b, "a": a})
    assert list(found) == [("a", "b")]
    assert [(x.id, y.id) for x, y in found[("a", "b")]] == [(f"a{i}", f"b{i}") for i in range(200)]
