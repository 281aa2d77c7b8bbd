"""Lanes for overlapping spans: crossing spans never share one, lone spans get none."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from annotator.core import span_lanes
from annotator.core.span_lanes import LaneIndex, lanes


@dataclass(frozen=True)
class R:
    id: str
    start: int
    end: int


def test_crossing_source_and_claim_get_two_lanes() -> None:
    source, claim = R("source", 0, 20), R("claim", 10, 40)
    assert lanes([claim, source]) == {"source": 0, "claim": 1}


def test_a_lone_span_needs_no_lane() -> None:
    assert lanes([R("a", 0, 5), R("b", 5, 9), R("c", 12, 20)]) == {}


def test_the_enclosing_span_is_nearest_the_text() -> None:
    assert lanes([R("inner", 4, 6), R("outer", 0, 10)]) == {"outer": 0, "inner": 1}


def test_a_freed_lane_is_reused_within_a_cluster() -> None:
    # long spans 0-30; a 0-10 and b 12-20 never touch, so they share lane 1
    got = lanes([R("long", 0, 30), R("a", 0, 10), R("b", 12, 20)])
    assert got == {"long": 0, "a": 1, "b": 1}


def test_clusters_are_separate() -> None:
    got = lanes([R("a", 0, 10), R("b", 5, 15), R("lone", 20, 25), R("c", 30, 40), R("d", 30, 35)])
    assert got == {"a": 0, "b": 1, "c": 0, "d": 1}


ranges = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 20)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=25,
)


@given(ranges)
def test_overlapping_spans_never_share_a_lane_and_lone_ones_have_none(
    pairs: list[tuple[int, int]],
) -> None:
    spans = [R(str(i), s, e) for i, (s, e) in enumerate(pairs)]
    got = lanes(spans)
    for a in spans:
        overlaps = [b for b in spans if b is not a and a.start < b.end and b.start < a.end]
        assert (a.id in got) == bool(overlaps)
        for b in overlaps:
            assert got[a.id] != got[b.id]
        if a.id in got:
            assert got[a.id] <= len(overlaps)  # never more lanes than overlapping spans


@given(
    st.lists(
        st.tuples(st.booleans(), st.integers(0, 11), st.integers(0, 60), st.integers(0, 25)),
        max_size=60,
    )
)
def test_the_index_kept_up_to_date_equals_lanes_of_the_whole_set(steps) -> None:
    # Each step adds (or moves) span "s<n>" or removes it; the index sweeps only the
    # clusters a change touches, and must answer what a sweep of everything answers.
    index = LaneIndex([R("s0", 0, 10), R("s1", 5, 15), R("s2", 40, 50)])
    shown = {"s0": R("s0", 0, 10), "s1": R("s1", 5, 15), "s2": R("s2", 40, 50)}
    for add, n, start, length in steps:
        span_id = f"s{n}"
        before, old = dict(index.lanes()), shown.get(span_id)
        if add:
            shown[span_id] = R(span_id, start, start + length)
            swept = index.update(added=[shown[span_id]])
        else:
            shown.pop(span_id, None)
            swept = index.update(removed=[span_id])
        assert index.lanes() == lanes(shown.values())
        # A view repaints the lanes of the ranges swept again only: every span whose
        # lane changed lies within one of them (the edited span's old range too).
        after = index.lanes()
        for changed in {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}:
            if changed != span_id:
                places = [shown[changed]]
            else:  # the edited span: where its lane was painted, and where it is now
                was, now = (old, changed in before), (shown.get(changed), changed in after)
                places = [place for place, laned in (was, now) if laned and place is not None]
            for place in places:
                assert any(lo <= place.start and place.end <= hi for lo, hi in swept), changed
        lo, hi = start, start + length + 1  # the range an edit there repaints
        assert sorted(index.overlapping(lo, hi)) == sorted(
            r.id for r in shown.values() if r.start < r.end and r.start < hi and lo < r.end
        )


def test_the_index_sweeps_only_the_clusters_a_change_touches() -> None:
    far = [R(f"f{i}", 1000 + 10 * i, 1000 + 10 * i + 15) for i in range(500)]
    index = LaneIndex([R("a", 0, 10), R("b", 5, 20), *far])
    swept = []
    original = span_lanes._sweep

    def counting(ordered):
        swept.append(len(ordered))
        return original(ordered)

    span_lanes._sweep = counting
    try:
        index.update(added=[R("c", 8, 30)])
        index.update(removed=["b"])
    finally:
        span_lanes._sweep = original
    assert swept == [3, 2]  # {a, b, c}, then {a, c}: none of the 500 far spans
    assert index.lanes() == lanes([R("a", 0, 10), R("c", 8, 30), *far])


def test_overlapping_looks_only_at_the_clusters_the_range_meets() -> None:
    far = [R(f"f{i}", 1000 + 10 * i, 1000 + 10 * i + 15) for i in range(500)]
    index = LaneIndex([R("a", 0, 10), R("b", 5, 20), R("long", 30, 900), *far])
    assert sorted(index.overlapping(8, 9)) == ["a", "b"]
    assert index.overlapping(600, 601) == ["long"]
    assert index.overlapping(20, 30) == []
    assert sorted(index.overlapping(1000, 1011)) == ["f0", "f1"]
