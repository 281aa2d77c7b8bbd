"""Choosing one non-overlapping layer of spans, for formats that cannot hold overlaps."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def single_layer(
    intervals: Sequence[tuple[int, int, T]],
) -> tuple[list[tuple[int, int, T]], list[tuple[int, int, T]]]:
    """(kept, dropped): the earliest-starting, then longest, interval wins each overlap.

    Intervals are [start, end) in whatever unit the caller uses (characters, tokens).
    Ties keep input order. Kept intervals come back sorted by start.
    """
    order = sorted(range(len(intervals)), key=lambda i: (intervals[i][0], -intervals[i][1], i))
    kept: list[tuple[int, int, T]] = []
    dropped: list[tuple[int, int, T]] = []
    reach = None  # end of the last kept interval; sorted by start, so one check suffices
    for i in order:
        start, end, _ = intervals[i]
        if reach is not None and start < reach:
            dropped.append(intervals[i])
        else:
            kept.append(intervals[i])
            reach = end
    return kept, dropped
