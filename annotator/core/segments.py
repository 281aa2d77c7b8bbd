"""Flatten overlapping spans into non-overlapping segments, for painting.

A segment is a maximal run of text covered by the same set of spans. Painting per
segment (rather than per span) is what lets overlaps show as their own colour mix and
keeps repainting after one change local to the changed range.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import NamedTuple, Protocol


class HasRange(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


class Segment(NamedTuple):
    """A NamedTuple rather than a frozen dataclass: a dense document makes ~100,000 of
    these, and a frozen dataclass's __init__ costs several times more."""

    start: int
    end: int
    span_ids: tuple[str, ...]  # innermost (shortest) first


_second = itemgetter(1)


def segments(spans: Iterable[HasRange], lo: int = 0, hi: int | None = None) -> list[Segment]:
    """Segments of `spans` clipped to [lo, hi); O(n log n + output)."""
    events: list[tuple[int, int, str, int]] = []
    for s in spans:
        start, end = max(s.start, lo), s.end if hi is None else min(s.end, hi)
        if start < end:
            length = s.end - s.start
            events.append((start, 1, s.id, length))
            events.append((end, 0, s.id, length))
    if not events:
        return []
    events.sort()  # by position; at one position ends (0) before starts (1)
    # The active spans kept sorted innermost first, so each segment's ids are a C-speed
    # copy instead of a sort (dense overlaps make many segments with many spans).
    active: list[tuple[int, str]] = []
    out: list[Segment] = []
    append = out.append
    position = events[0][0]
    for at, is_start, span_id, length in events:
        if at > position and active:
            append(Segment(position, at, tuple(map(_second, active))))
        position = at
        key = (length, span_id)
        if is_start:
            insort(active, key)
        else:
            index = bisect_left(active, key)
            if index < len(active) and active[index] == key:
                del active[index]
    return out


def spans_at(spans: Sequence[HasRange], offset: int) -> list[HasRange]:
    """Spans containing code point `offset`, innermost first (what a click selects)."""
    hits = [s for s in spans if s.start <= offset < s.end]
    hits.sort(key=lambda s: (s.end - s.start, s.start, s.id))
    return hits
