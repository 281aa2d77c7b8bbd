"""Which underline lane each overlapping span is drawn in, so every span's extent shows.

Background colour alone cannot show where two crossing spans begin and end (the one
painted on top hides the other's edge). Each span that overlaps another gets its own
lane, an underline in its label colour stacked below the text; spans that overlap nothing
need none, since their highlight already shows both ends.
"""

from __future__ import annotations

from collections.abc import Iterable
from heapq import heappop, heappush

from annotator.core.segments import HasRange


def lanes(spans: Iterable[HasRange]) -> dict[str, int]:
    """Lane (0 = nearest the text) for each span overlapping another; lone spans absent.

    Greedy interval partitioning, longest first among spans starting together: no two
    overlapping spans share a lane, the lowest free lane is taken, and an enclosing span
    sits nearer the text than the ones inside it, so lanes read like brackets.
    O(n log n): a dense 1 MB document has 50,000 spans."""
    ordered = sorted((s.start, s.start - s.end, s.id, s.end) for s in spans if s.start < s.end)
    result: dict[str, int] = {}
    busy: list[tuple[int, int]] = []  # heap of (end, lane) for spans still open
    free: list[int] = []  # heap of lanes given back
    cluster_first = ""  # the first span of the current cluster, while it is alone
    cluster_size = 0
    cluster_end = -1
    for start, _, span_id, end in ordered:
        if start >= cluster_end:  # overlaps nothing before it: a new cluster
            if cluster_size == 1:
                del result[cluster_first]
            busy, free, cluster_first, cluster_size = [], [], span_id, 0
        while busy and busy[0][0] <= start:
            heappush(free, heappop(busy)[1])
        lane = heappop(free) if free else len(busy)
        heappush(busy, (end, lane))
        result[span_id] = lane
        cluster_size += 1
        if end > cluster_end:
            cluster_end = end
    if cluster_size == 1:
        del result[cluster_first]
    return result
