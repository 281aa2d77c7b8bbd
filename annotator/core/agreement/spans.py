"""Matching one annotator's spans against another's, and the F1 that follows from it.

Two spans can only match when they are in the same document and carry the same label.
- exact: also the same start and end.
- overlap: their character ranges intersect (at least one shared code point). Matching is
  one-to-one and greedy: candidate pairs are taken in order of largest overlap first (ties:
  smaller |Δstart| + |Δend|, then position), skipping any pair whose span is already
  matched. Greedy is not always the maximum matching, but it pairs each span with its most
  plausible counterpart, which is what "the same passage" means to a reader.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Literal

from annotator.core.model import Span

MatchMode = Literal["exact", "overlap"]
MATCH_MODES: tuple[MatchMode, ...] = ("exact", "overlap")

GroupKey = tuple[str, str]  # (document_id, label)


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 of spans `b` against reference spans `a`.

    `tp` matched pairs, out of `count_a` and `count_b` spans. Since matching is one-to-one,
    F1 = 2·tp / (count_a + count_b) is symmetric in a and b; precision and recall swap.
    A value is None when its denominator is zero: precision without spans in b, recall
    without spans in a, F1 when neither has a span (nothing to agree or disagree on: not a
    perfect 1.0, which would reward two annotators who skipped the document).
    """

    tp: int
    count_a: int
    count_b: int

    @property
    def precision(self) -> float | None:
        return self.tp / self.count_b if self.count_b else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.count_a if self.count_a else None

    @property
    def f1(self) -> float | None:
        total = self.count_a + self.count_b
        return 2 * self.tp / total if total else None

    @property
    def reason(self) -> str | None:
        """Why F1 is None, or None when it is defined."""
        return None if self.count_a + self.count_b else "no spans from either annotator"

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.count_a + other.count_a, self.count_b + other.count_b)

    def as_dict(self) -> dict[str, float | int | str | None]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "count_a": self.count_a,
            "count_b": self.count_b,
            "reason": self.reason,
        }


EMPTY_PRF = PRF(0, 0, 0)


_position = attrgetter("start", "end")


def group_spans(spans: Iterable[Span]) -> dict[GroupKey, list[Span]]:
    """Spans by (document, label), each list sorted by (start, end)."""
    groups: dict[GroupKey, list[Span]] = defaultdict(list)
    for span in spans:
        groups[(span.document_id, span.label)].append(span)
    for members in groups.values():
        members.sort(key=_position)
    return dict(groups)


def match_group(a: Sequence[Span], b: Sequence[Span], mode: MatchMode) -> list[tuple[Span, Span]]:
    """One-to-one matches between two lists of spans of one document and label.

    Both lists must be sorted by (start, end), as `group_spans` returns them.
    """
    if not a or not b:
        return []
    if len(a) == 1 and len(b) == 1:  # the common case, without the machinery
        sa, sb = a[0], b[0]
        if mode == "exact":
            same = sa.start == sb.start and sa.end == sb.end
        elif mode == "overlap":
            same = min(sa.end, sb.end) > max(sa.start, sb.start)
        else:
            raise ValueError(f"unknown match mode {mode!r}; expected 'exact' or 'overlap'")
        return [(sa, sb)] if same else []
    if mode == "exact":
        return _match_exact(a, b)
    if mode == "overlap":
        return _match_overlap(a, b)
    raise ValueError(f"unknown match mode {mode!r}; expected 'exact' or 'overlap'")


def _match_exact(a: Sequence[Span], b: Sequence[Span]) -> list[tuple[Span, Span]]:
    waiting: dict[tuple[int, int], list[Span]] = defaultdict(list)
    for span in reversed(b):
        waiting[(span.start, span.end)].append(span)
    pairs = []
    for span in a:
        candidates = waiting.get((span.start, span.end))
        if candidates:
            pairs.append((span, candidates.pop()))
    return pairs


Candidate = tuple[tuple[int, ...], int, int]  # (greedy order key, index in a, index in b)


def _match_overlap(a: Sequence[Span], b: Sequence[Span]) -> list[tuple[Span, Span]]:
    if len(a) * len(b) <= _SMALL_GROUP:
        candidates = [
            candidate
            for ia, sa in enumerate(a)
            for ib, sb in enumerate(b)
            if sa.start < sb.end and sb.start < sa.end
            if (candidate := _candidate(sa, sb, ia, ib)) is not None
        ]
    else:
        candidates = _sweep_candidates(a, b)
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


# Below this many possible pairs, comparing them all is cheaper than sweeping.
_SMALL_GROUP = 64


def _sweep_candidates(a: Sequence[Span], b: Sequence[Span]) -> list[Candidate]:
    # Sweep both lists by start, keeping the spans of each side that are still open; a new
    # span overlaps exactly the open spans of the other side. Cost: sort + overlapping pairs.
    candidates: list[Candidate] = []
    open_a: list[int] = []
    open_b: list[int] = []
    i = j = 0
    while i < len(a) or j < len(b):
        take_a = j >= len(b) or (i < len(a) and (a[i].start, a[i].end) <= (b[j].start, b[j].end))
        if take_a:
            span = a[i]
            open_b = [k for k in open_b if b[k].end > span.start]
            candidates.extend(c for k in open_b if (c := _candidate(span, b[k], i, k)))
            open_a.append(i)
            i += 1
        else:
            span = b[j]
            open_a = [k for k in open_a if a[k].end > span.start]
            candidates.extend(c for k in open_a if (c := _candidate(a[k], span, k, j)))
            open_b.append(j)
            j += 1
    return candidates


def match_overlap_all_pairs(
    members: Mapping[str, Sequence[Span]],
) -> dict[tuple[str, str], list[tuple[Span, Span]]]:
    """`match_group(members[a], members[b], "overlap")` for every pair a < b of annotators
    of one document and label, keeping only the pairs with a match, in pair order.

    Each list must be sorted by (start, end), as `group_spans` returns them. One sweep over
    everyone's spans by start finds every overlapping pair at once: the cost is a sort plus
    the overlapping pairs, where calling `match_group` per pair compares each of the n²/2
    pairs of spans. Candidates and the greedy order are the same, so the matches are too.
    """
    names = sorted(members)
    # (start, end, annotator rank, index in that annotator's list); empty spans overlap nothing.
    events = [
        (span.start, span.end, rank, index)
        for rank, name in enumerate(names)
        for index, span in enumerate(members[name])
        if span.end > span.start
    ]
    events.sort()
    candidates: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
    active: list[tuple[int, int, int, int]] = []
    for event in events:
        start, end, rank, index = event
        if active:
            active = [other for other in active if other[1] > start]
        for o_start, o_end, o_rank, o_index in active:
            if o_rank == rank:
                continue
            # The open span sorts first (o_start <= start), so it leads the tie-break key,
            # as in `_candidate`; with equal positions either order gives the same key.
            overlap = (end if end < o_end else o_end) - start
            key = (-overlap, start - o_start + abs(end - o_end), o_start, o_end, start, end)
            if o_rank < rank:
                candidates[(o_rank, rank)].append((key, o_index, index))
            else:
                candidates[(rank, o_rank)].append((key, index, o_index))
        active.append(event)
    result: dict[tuple[str, str], list[tuple[Span, Span]]] = {}
    for (rank_a, rank_b), found in sorted(candidates.items()):
        a, b = members[names[rank_a]], members[names[rank_b]]
        found.sort()
        used_a: set[int] = set()
        used_b: set[int] = set()
        pairs = []
        for _, ia, ib in found:
            if ia not in used_a and ib not in used_b:
                used_a.add(ia)
                used_b.add(ib)
                pairs.append((a[ia], b[ib]))
        result[(names[rank_a], names[rank_b])] = pairs
    return result


def _candidate(sa: Span, sb: Span, ia: int, ib: int) -> Candidate | None:
    overlap = min(sa.end, sb.end) - max(sa.start, sb.start)
    if overlap <= 0:  # empty spans, or ranges that only touch
        return None
    distance = abs(sa.start - sb.start) + abs(sa.end - sb.end)
    # The tie-breaks are symmetric in a and b, so swapping the annotators gives the same pairs.
    if (sa.start, sa.end) <= (sb.start, sb.end):
        key = (-overlap, distance, sa.start, sa.end, sb.start, sb.end)
    else:
        key = (-overlap, distance, sb.start, sb.end, sa.start, sa.end)
    return key, ia, ib


def matched_span_pairs(
    spans_a: Iterable[Span], spans_b: Iterable[Span], mode: MatchMode = "overlap"
) -> list[tuple[Span, Span]]:
    """The (span of a, span of b) pairs matched one-to-one under `mode`.

    Ordered by document, label and position. Raises ValueError for an unknown mode.
    """
    groups_a = group_spans(spans_a)
    groups_b = group_spans(spans_b)
    pairs: list[tuple[Span, Span]] = []
    for key in sorted(groups_a.keys() & groups_b.keys()):
        pairs.extend(match_group(groups_a[key], groups_b[key], mode))
    return pairs


def span_f1_by_label(
    spans_a: Iterable[Span], spans_b: Iterable[Span], mode: MatchMode = "overlap"
) -> dict[str, PRF]:
    """Per label: the counts of b's spans against reference a (see `PRF`)."""
    groups_a = group_spans(spans_a)
    groups_b = group_spans(spans_b)
    by_label: dict[str, PRF] = {}
    for key in groups_a.keys() | groups_b.keys():
        members_a = groups_a.get(key, [])
        members_b = groups_b.get(key, [])
        found = PRF(len(match_group(members_a, members_b, mode)), len(members_a), len(members_b))
        by_label[key[1]] = by_label.get(key[1], EMPTY_PRF) + found
    return dict(sorted(by_label.items()))


def pairwise_span_f1(
    spans_a: Iterable[Span], spans_b: Iterable[Span], mode: MatchMode = "overlap"
) -> PRF:
    """Micro precision, recall and F1 of `spans_b` against reference `spans_a`, all labels.

    Both empty gives F1 None (see `PRF`). Raises ValueError for an unknown mode.
    """
    if mode not in MATCH_MODES:
        raise ValueError(f"unknown match mode {mode!r}; expected 'exact' or 'overlap'")
    total = EMPTY_PRF
    for counts in span_f1_by_label(spans_a, spans_b, mode).values():
        total = total + counts
    return total


def connected_groups(links: Iterable[tuple[Span, Span]]) -> list[list[Span]]:
    """Spans joined by `links` into connected groups, in order of first appearance.

    Spans are told apart by identity, so equal duplicates stay separate spans.
    """
    group_of: dict[int, list[Span]] = {}
    for first, second in links:
        group_1 = group_of.get(id(first))
        group_2 = group_of.get(id(second))
        if group_1 is None and group_2 is None:
            group_of[id(first)] = group_of[id(second)] = [first, second]
        elif group_1 is None:
            assert group_2 is not None
            group_2.append(first)
            group_of[id(first)] = group_2
        elif group_2 is None:
            group_1.append(second)
            group_of[id(second)] = group_1
        elif group_1 is not group_2:
            small, large = sorted((group_1, group_2), key=len)
            large.extend(small)
            for span in small:
                group_of[id(span)] = large
    unique = {id(group): group for group in group_of.values()}
    return list(unique.values())


def _group_order(span: Span) -> tuple[str, int, int]:
    return (span.annotator, span.start, span.end)


def pairwise_links(
    spans_by_annotator: Mapping[str, Iterable[Span]], mode: MatchMode = "overlap"
) -> list[tuple[Span, Span]]:
    """The one-to-one matches of every pair of annotators (same document and label)."""
    grouped = {name: group_spans(spans) for name, spans in spans_by_annotator.items()}
    names = sorted(grouped)
    links: list[tuple[Span, Span]] = []
    for index, a in enumerate(names):
        for b in names[index + 1 :]:
            for key in grouped[a].keys() & grouped[b].keys():
                links.extend(match_group(grouped[a][key], grouped[b][key], mode))
    return links


def matched_span_groups(
    spans_by_annotator: Mapping[str, Iterable[Span]], mode: MatchMode = "overlap"
) -> list[list[Span]]:
    """Spans of several annotators grouped into units for span-level stance agreement.

    Spans are linked by the pairwise one-to-one matches of every pair of annotators; a group
    is a connected set of linked spans (so it can hold two spans of one annotator when
    matches chain, which is rare). Spans that match nobody form no group. Groups come in
    document, label and position order.
    """
    links = pairwise_links(spans_by_annotator, mode)
    groups = [sorted(group, key=_group_order) for group in connected_groups(links)]
    groups.sort(key=lambda g: (g[0].document_id, g[0].label, min(s.start for s in g)))
    return groups
