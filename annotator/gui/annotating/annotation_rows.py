"""Which span is on which row of the annotation list, without a Span per annotation.

Two layouts, both read from the store a window at a time (#15: an archive's million spans
made the window take seconds to open when each became a Span and a Python proxy filtered
and sorted them):

- `DocumentRows`, document order (the default; descending is the same rows reversed):
  the count of shown spans per document, in list order, and prefix sums of them; a row is
  found by bisecting the sums, and its document's spans are read when first shown (a
  screenful touches a few documents). `row_of` reads one document: O(log n) plus its spans.
- `SortedRows`, any other column: the span row ids in that order, sorted by SQLite, and
  the spans of a page of them read on demand; `row_of` is a dict built on first use.

`plan_changes` turns an old sequence of keys into a new one with single-row removals and
insertions, keeping every unchanged row in place, so a selection survives edits.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from itertools import accumulate
from typing import TypeVar

from annotator.core.model import Span
from annotator.store.span_listing import SpanFilter, SpanListing

DOCUMENTS_CACHED = 256  # documents whose spans are kept (a screenful needs a few)
PAGE = 200  # sorted rows whose spans are read together
PAGES_CACHED = 64


class DocumentRows:
    """Rows in document order: `counts[k]` spans shown of `document_ids[k]`."""

    def __init__(
        self,
        listing: SpanListing,
        spans: SpanFilter,
        document_ids: list[str],
        counts: dict[str, int],
        *,
        descending: bool = False,
    ):
        self._listing = listing
        self.query = spans
        self.document_ids = document_ids
        self.index = {d: k for k, d in enumerate(document_ids)}
        self.counts = [counts.get(d, 0) for d in document_ids]
        self.total = sum(self.counts)
        self.descending = descending
        self._starts: list[int] | None = None
        self._cache: OrderedDict[str, list[Span]] = OrderedDict()

    def starts(self) -> list[int]:
        """starts[k]: rows before document k (in ascending order)."""
        if self._starts is None:
            self._starts = list(accumulate(self.counts, initial=0))
        return self._starts

    def counted(self, k: int, delta: int) -> None:
        self.counts[k] += delta
        self.total += delta
        self._starts = None

    def spans_of(self, document_id: str) -> list[Span]:
        spans = self._cache.get(document_id)
        if spans is None:
            spans = self._listing.document_spans(document_id, self.query)
            self._cache[document_id] = spans
            if len(self._cache) > DOCUMENTS_CACHED:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(document_id)
        return spans

    def cached(self, document_id: str) -> list[Span] | None:
        return self._cache.get(document_id)

    def keep(self, document_id: str, spans: list[Span]) -> None:
        self._cache[document_id] = spans

    def forget(self, document_id: str) -> None:
        self._cache.pop(document_id, None)

    def display_row(self, ascending: int) -> int:
        return self.total - 1 - ascending if self.descending else ascending

    def span_at(self, row: int) -> Span | None:
        if not 0 <= row < self.total:
            return None
        ascending = self.display_row(row)  # the mapping is its own inverse
        starts = self.starts()
        k = bisect_right(starts, ascending, 0, len(self.document_ids)) - 1
        spans = self.spans_of(self.document_ids[k])
        i = ascending - starts[k]
        return spans[i] if i < len(spans) else None

    def row_of(self, span_id: str, document_id: str | None = None) -> int:
        document_id = document_id or self._listing.document_of(span_id)
        k = self.index.get(document_id or "")
        if k is None or not self.counts[k]:
            return -1
        for i, span in enumerate(self.spans_of(self.document_ids[k])):
            if span.id == span_id:
                return self.display_row(self.starts()[k] + i)
        return -1


class SortedRows:
    """Rows in the order SQLite sorted them: span row ids, their spans read a page at a time."""

    def __init__(self, listing: SpanListing, rowids: list[int]):
        self._listing = listing
        self.rowids = rowids
        self._pages: OrderedDict[int, list[Span | None]] = OrderedDict()
        self._rows: dict[int, int] | None = None  # rowid -> row, built on first use

    @property
    def total(self) -> int:
        return len(self.rowids)

    def changed(self) -> None:
        """The rows moved or their spans changed: forget what was read."""
        self._pages.clear()
        self._rows = None

    def span_at(self, row: int) -> Span | None:
        if not 0 <= row < len(self.rowids):
            return None
        page = row // PAGE
        spans = self._pages.get(page)
        if spans is None:
            ids = self.rowids[page * PAGE : (page + 1) * PAGE]
            found = self._listing.spans_by_rowid(ids)
            spans = [found.get(r) for r in ids]
            self._pages[page] = spans
            if len(self._pages) > PAGES_CACHED:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return spans[row - page * PAGE]

    def row_of_rowid(self, rowid: int | None) -> int:
        if rowid is None:
            return -1
        if self._rows is None:
            self._rows = {r: row for row, r in enumerate(self.rowids)}
        return self._rows.get(rowid, -1)

    def row_of(self, span_id: str) -> int:
        return self.row_of_rowid(self._listing.rowid_of(span_id))


K = TypeVar("K", bound=Hashable)


def plan_changes(
    old: Sequence[K], new: Sequence[K], changed: set[K]
) -> tuple[list[int], list[int], set[K]]:
    """(positions of `old` to remove, last first; positions of `new` to insert, first
    first; the keys kept in place). Rows whose key is in both stay where they are, unless
    that would reorder them: then the `changed` ones move (are removed and inserted
    again), and if even that is not enough, every row is replaced."""
    old_set, new_set = set(old), set(new)
    kept = old_set & new_set
    if [x for x in old if x in kept] != [x for x in new if x in kept]:
        kept -= changed
        if [x for x in old if x in kept] != [x for x in new if x in kept]:
            kept = set()
    removes = [i for i in range(len(old) - 1, -1, -1) if old[i] not in kept]
    inserts = [j for j, key in enumerate(new) if key not in kept]
    return removes, inserts, kept
