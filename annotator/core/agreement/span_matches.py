"""Every pair of annotators' span matches over a whole project at once, with numpy.

The rules are those of `spans` (same document and label; exact: same start and end;
overlap: one-to-one and greedy, largest overlap first, then the tie-breaks of
`match_overlap_all_pairs`), and so are the matched groups the span-stance coefficient is
computed over, in the same order. Only the way of getting there differs: candidates of all
(document, label) groups and annotator pairs are found by one sort and one binary search,
the greedy choice is made for all of them in a few vectorised rounds, and the groups are the
connected components of the matches. Python touches no span, so an archive of a million
spans takes a second where the per-group loops took ten (issue #15).

`spans` stays the readable definition and `tests/core/test_agreement_columns.py` checks this
module against the report it replaced, byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from annotator.core.agreement.columns import NO_STANCE, SpanColumns, sort_order

# After this many vectorised rounds the few undecided candidates left (long chains of
# nested spans) are taken one by one, which is the definition itself.
_ROUNDS = 12


@dataclass(frozen=True, slots=True)
class Matches:
    """Matched span pairs of one mode: rows `a` (the annotator who sorts first) and `b` of
    the columns, and the pair index (`pair_index`) of their annotators; one entry per match."""

    a: np.ndarray
    b: np.ndarray
    pair: np.ndarray


@dataclass(frozen=True, slots=True)
class Groups:
    """Matched groups in report order: group `g` holds the rows `rows[starts[g]:starts[g+1]]`."""

    rows: np.ndarray
    starts: np.ndarray

    def __len__(self) -> int:
        return len(self.starts) - 1


def pair_index(rank_a: np.ndarray, rank_b: np.ndarray, k: int) -> np.ndarray:
    """The position of (rank_a, rank_b), rank_a < rank_b, in `combinations(range(k), 2)`."""
    return rank_a * k - rank_a * (rank_a + 1) // 2 + rank_b - rank_a - 1


def _runs(*keys: np.ndarray) -> np.ndarray:
    """For arrays already sorted by `keys`: True where a new run of equal keys begins."""
    n = len(keys[0])
    new = np.zeros(n, dtype=bool)
    if n:
        new[0] = True
        for key in keys:
            new[1:] |= key[1:] != key[:-1]
    return new


def _rank_in_run(new_run: np.ndarray) -> np.ndarray:
    """0, 1, 2, ... within each run (runs marked by `_runs`)."""
    index = np.arange(len(new_run))
    run_start = np.maximum.accumulate(np.where(new_run, index, 0))
    return index - run_start


def overlap_matches(columns: SpanColumns, k: int) -> tuple[Matches, Groups]:
    """The overlap matches of every annotator pair, and the matched groups they form.

    `columns.annotator` holds ranks 0..k-1 (names in sorted order); row order is the input
    order. Matches come in the order the per-group report made them: (document, label)
    groups in order of first appearance (annotators in order of their first span, then that
    annotator's spans in order), then annotator pairs, then greedy order.
    """
    doc, label, ann = columns.document, columns.label, columns.annotator
    start, end = columns.start, columns.end
    n = len(columns)
    if not n:
        return _no_matches()
    rows = np.arange(n)
    group = doc * (int(label.max()) + 1) + label
    group_rank = _group_rank(group, ann, rows)
    position = _index_in_own_list(group, ann, start, end, rows)

    a, b = _overlapping_pairs(group, ann, start, end)
    rank_a, rank_b = ann[a], ann[b]
    overlap = np.minimum(end[a], end[b]) - np.maximum(start[a], start[b])
    distance = np.abs(start[a] - start[b]) + np.abs(end[a] - end[b])
    a_first = (start[a] < start[b]) | ((start[a] == start[b]) & (end[a] <= end[b]))
    first, second = np.where(a_first, a, b), np.where(a_first, b, a)
    pair = pair_index(rank_a, rank_b, k)
    order = sort_order(
        group_rank[a], pair, -overlap, distance, start[first], end[first], start[second],
        end[second], position[a], position[b],
    )  # fmt: skip
    a, b, pair, rank_a, rank_b = a[order], b[order], pair[order], rank_a[order], rank_b[order]
    # A span takes one partner per other annotator: its endpoint is (span, other annotator).
    ends, endpoint = np.unique(
        np.concatenate((a * k + rank_b, b * k + rank_a)), return_inverse=True
    )
    taken = _greedy(endpoint[: len(a)], endpoint[len(a) :], len(ends))
    matches = Matches(a[taken], b[taken], pair[taken])
    return matches, _components(matches.a, matches.b)


def _group_rank(group: np.ndarray, ann: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Per row, its (document, label) group's place in order of first appearance when the
    spans are walked annotator by annotator (annotators in order of their first span)."""
    if not len(rows):
        return rows
    first_rows = np.full(int(ann.max()) + 1, len(rows))
    np.minimum.at(first_rows, ann, rows)
    seen_rank = np.argsort(np.argsort(first_rows, kind="stable"), kind="stable")[ann]
    order = sort_order(group, seen_rank)
    new = _runs(group[order])
    firsts = order[new]  # per group: the first row of the first annotator who has it
    group_order = sort_order(seen_rank[firsts], firsts)
    rank_of_group = np.empty(len(firsts), dtype=np.int64)
    rank_of_group[group_order] = np.arange(len(firsts))
    group_number = np.cumsum(new) - 1
    result = np.empty(len(rows), dtype=np.int64)
    result[order] = rank_of_group[group_number]
    return result


def _index_in_own_list(
    group: np.ndarray, ann: np.ndarray, start: np.ndarray, end: np.ndarray, rows: np.ndarray
) -> np.ndarray:
    """Per row, its index among its annotator's spans of its group sorted by (start, end)
    (ties in input order), as `group_spans` lists them."""
    order = sort_order(group, ann, start, end)
    result = np.empty(len(rows), dtype=np.int64)
    result[order] = _rank_in_run(_runs(group[order], ann[order]))
    return result


def _overlapping_pairs(
    group: np.ndarray, ann: np.ndarray, start: np.ndarray, end: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of rows of one group, of two annotators, whose ranges share a character:
    (rows of the lower-ranked annotator, rows of the other). Empty spans overlap nothing."""
    (solid,) = np.nonzero(end > start)
    order = solid[sort_order(group[solid], start[solid])]
    if not len(order):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    # Sorted by (group, start), the spans overlapping span i from the right are exactly
    # those after it, in its group, that start before it ends: one binary search each.
    scale = int(end.max()) + 1
    keys = group[order] * scale + start[order]
    stops = np.searchsorted(keys, group[order] * scale + end[order], side="left")
    here = np.arange(len(order))
    counts = stops - here - 1
    left = np.repeat(here, counts)
    offsets = np.arange(len(left)) - np.repeat(np.cumsum(counts) - counts, counts)
    u, v = order[left], order[left + 1 + offsets]
    keep = ann[u] != ann[v]
    u, v = u[keep], v[keep]
    swap = ann[u] > ann[v]
    return np.where(swap, v, u), np.where(swap, u, v)


def _greedy(end_a: np.ndarray, end_b: np.ndarray, endpoints: int) -> np.ndarray:
    """Which candidates (in greedy order) the one-to-one greedy matching takes.

    A candidate that comes first among the undecided ones at both its endpoints is taken
    by the sequential greedy too (nothing earlier can claim its endpoints any more), so
    each round takes all of those at once and drops the candidates they block. Rounds
    usually run out after a handful; a stubborn rest is finished one by one.
    """
    taken = np.zeros(len(end_a), dtype=bool)
    used = np.zeros(endpoints, dtype=bool)
    open_ = np.arange(len(end_a))
    for _ in range(_ROUNDS):
        if not len(open_):
            return taken
        ea, eb = end_a[open_], end_b[open_]
        first = np.full(endpoints, len(end_a))
        np.minimum.at(first, ea, open_)
        np.minimum.at(first, eb, open_)
        wins = open_[(first[ea] == open_) & (first[eb] == open_)]
        taken[wins] = True
        used[end_a[wins]] = True
        used[end_b[wins]] = True
        open_ = open_[~(used[ea] | used[eb])]
    for index in open_.tolist():
        x, y = end_a[index], end_b[index]
        if not used[x] and not used[y]:
            used[x] = used[y] = True
            taken[index] = True
    return taken


def _components(a: np.ndarray, b: np.ndarray) -> Groups:
    """The connected groups of the matches (a[i], b[i]), ordered as `connected_groups`
    returns them group by group: by the first appearance of any member in the matches,
    read in order, a before b."""
    if not len(a):
        return Groups(np.zeros(0, dtype=np.int64), np.zeros(1, dtype=np.int64))
    nodes, ends = np.unique(np.concatenate((a, b)), return_inverse=True)
    u, v = ends[: len(a)], ends[len(a) :]
    root = np.arange(len(nodes))
    while True:  # hook each root under the smaller of its neighbours', then flatten
        ru, rv = root[u], root[v]
        if np.array_equal(ru, rv):
            break
        low = np.minimum(ru, rv)
        np.minimum.at(root, ru, low)
        np.minimum.at(root, rv, low)
        while True:
            higher = root[root]
            if np.array_equal(higher, root):
                break
            root = higher
    seen = np.full(len(nodes), 2 * len(a))
    sequence = np.arange(len(a))
    np.minimum.at(seen, u, 2 * sequence)
    np.minimum.at(seen, v, 2 * sequence + 1)
    group_seen = np.full(len(nodes), 2 * len(a))
    np.minimum.at(group_seen, root, seen)
    order = sort_order(group_seen[root], seen)
    members = root[order]
    new = _runs(members)
    return Groups(nodes[order], np.append(np.nonzero(new)[0], len(order)))


def exact_matches(columns: SpanColumns, k: int) -> tuple[Matches, Groups]:
    """The exact matches of every annotator pair, and the groups of spans at one place.

    At one (document, label, start, end) the r-th span of each annotator there (in input
    order) forms a group with the r-th of every other, and each pair in a group is a match:
    what one-to-one exact matching does pair by pair. Groups come in order of the place's
    first span, then r.
    """
    doc, label, ann = columns.document, columns.label, columns.annotator
    start, end = columns.start, columns.end
    rows = np.arange(len(columns))
    if not len(rows):
        return _no_matches()
    order = sort_order(doc, label, start, end, ann)
    place_new = _runs(doc[order], label[order], start[order], end[order])
    place = np.cumsum(place_new) - 1
    place_first = np.minimum.reduceat(order, np.nonzero(place_new)[0])[place]
    rank = _rank_in_run(_runs(place, ann[order]))
    by_group = sort_order(place_first, rank, ann[order])
    members = order[by_group]
    group_new = _runs(place_first[by_group], rank[by_group])
    group_number = np.cumsum(group_new) - 1
    sizes = np.bincount(group_number) if len(members) else np.zeros(0, dtype=np.int64)
    keep = sizes[group_number] >= 2
    members, group_number = members[keep], group_number[keep]
    pairs_a, pairs_b = [], []
    for distance in range(1, int(sizes.max()) if len(sizes) else 1):
        same = group_number[distance:] == group_number[:-distance]
        pairs_a.append(members[:-distance][same])
        pairs_b.append(members[distance:][same])
    a = np.concatenate(pairs_a) if pairs_a else np.zeros(0, dtype=np.int64)
    b = np.concatenate(pairs_b) if pairs_b else np.zeros(0, dtype=np.int64)
    starts = np.append(np.nonzero(_runs(group_number))[0], len(members))
    return Matches(a, b, pair_index(ann[a], ann[b], k)), Groups(members, starts)


def _no_matches() -> tuple[Matches, Groups]:
    empty = np.zeros(0, dtype=np.int64)
    return Matches(empty, empty, empty), Groups(empty, np.zeros(1, dtype=np.int64))


def stance_counts(groups: Groups, stance: np.ndarray, stances: int) -> np.ndarray:
    """Groups × stance codes: how many members of each group gave each stance."""
    counts = np.zeros((len(groups), stances), dtype=np.int64)
    values = stance[groups.rows]
    group_of = np.repeat(np.arange(len(groups)), np.diff(groups.starts))
    given = values != NO_STANCE
    np.add.at(counts, (group_of[given], values[given]), 1)
    return counts
