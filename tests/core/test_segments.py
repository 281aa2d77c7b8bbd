"""Flattening overlapping spans: checked against a per-position brute force."""

from __future__ import annotations

import itertools
from typing import NamedTuple

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.segments import segments, spans_at


class R(NamedTuple):
    id: str
    start: int
    end: int


ranges = st.lists(
    st.tuples(st.integers(0, 30), st.integers(1, 12)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=12,
).map(lambda pairs: [R(f"s{i}", a, b) for i, (a, b) in enumerate(pairs)])


@given(ranges, st.integers(0, 20), st.integers(20, 45))
def test_segments_match_brute_force(spans: list[R], lo: int, hi: int) -> None:
    result = segments(spans, lo, hi)
    covered = {}
    for seg in result:
        assert lo <= seg.start < seg.end <= hi
        lengths = [next(s for s in spans if s.id == i) for i in seg.span_ids]
        assert [s.end - s.start for s in lengths] == sorted(s.end - s.start for s in lengths)
        for pos in range(seg.start, seg.end):
            covered[pos] = set(seg.span_ids)
    for pos in range(lo, hi):
        expected = {s.id for s in spans if s.start <= pos < s.end}
        assert covered.get(pos, set()) == expected
    # maximal: neighbours touching at a boundary differ in their span sets
    for left, right in itertools.pairwise(result):
        assert left.end < right.start or set(left.span_ids) != set(right.span_ids)


def test_spans_at_gives_innermost_first() -> None:
    outer, inner = R("outer", 0, 10), R("inner", 2, 4)
    assert [s.id for s in spans_at([outer, inner], 3)] == ["inner", "outer"]
    assert spans_at([outer, inner], 10) == []
