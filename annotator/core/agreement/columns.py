"""Spans as parallel arrays, one entry per span: what agreement reads of a whole archive.

A million `Span` objects cost seconds to build and seconds more to walk; agreement needs
six small integers of each span, so it takes them as numpy columns (issue #15). Names
(documents, labels, annotators, stances) are kept once each and the columns hold their
codes. Row order is the input order: where the report breaks a tie by "which came first"
(`compute_agreement` on a list of spans), the lower row came first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from annotator.core.model import Span

NO_STANCE = -1  # the stance code of a span without a stance


@dataclass(frozen=True, slots=True)
class SpanColumns:
    """`document[i]` indexes `documents`, `label[i]` `labels`, `annotator[i]` `annotators`,
    `stance[i]` `stances` (NO_STANCE: none); `start` and `end` are code point offsets.
    Every column is a 1-D int64 array of the same length."""

    documents: tuple[str, ...]
    labels: tuple[str, ...]
    annotators: tuple[str, ...]
    stances: tuple[str, ...]
    document: np.ndarray
    label: np.ndarray
    annotator: np.ndarray
    stance: np.ndarray
    start: np.ndarray
    end: np.ndarray

    def __len__(self) -> int:
        return len(self.start)

    @classmethod
    def from_spans(cls, spans: Iterable[Span]) -> SpanColumns:
        """The columns of `spans`, in their order."""
        spans = list(spans)
        n = len(spans)
        documents: dict[str, int] = {}
        labels: dict[str, int] = {}
        annotators: dict[str, int] = {}
        stances: dict[str, int] = {}

        def codes(values: Iterable[str], table: dict[str, int]) -> np.ndarray:
            return np.fromiter((table.setdefault(v, len(table)) for v in values), np.int64, n)

        def ints(values: Iterable[int]) -> np.ndarray:
            return np.fromiter(values, np.int64, n)

        document = codes((s.document_id for s in spans), documents)
        label = codes((s.label for s in spans), labels)
        annotator = codes((s.annotator for s in spans), annotators)
        stance = ints(
            NO_STANCE if s.stance is None else stances.setdefault(s.stance, len(stances))
            for s in spans
        )
        return cls(
            tuple(documents), tuple(labels), tuple(annotators), tuple(stances),
            document, label, annotator, stance,
            ints(s.start for s in spans), ints(s.end for s in spans),
        )  # fmt: skip

    def take(self, rows: np.ndarray) -> SpanColumns:
        """The spans at `rows` (indexes or a boolean mask), in that order; names unchanged."""
        return SpanColumns(
            self.documents, self.labels, self.annotators, self.stances,
            self.document[rows], self.label[rows], self.annotator[rows], self.stance[rows],
            self.start[rows], self.end[rows],
        )  # fmt: skip

    def with_annotators(self, annotators: Sequence[str], codes: np.ndarray) -> SpanColumns:
        """The same spans with their annotators coded by `codes` into `annotators`."""
        return SpanColumns(
            self.documents, self.labels, tuple(annotators), self.stances,
            self.document, self.label, codes, self.stance, self.start, self.end,
        )  # fmt: skip


def sort_order(*keys: np.ndarray) -> np.ndarray:
    """The stable permutation sorting rows by `keys`, the most significant first (as
    `np.lexsort(keys[::-1])`). Keys are packed several to one int64 where their ranges
    allow, so a million rows take one or two sorts instead of one per key."""
    if not len(keys[0]):
        return np.zeros(0, dtype=np.int64)
    chunks: list[np.ndarray] = []
    packed: np.ndarray | None = None
    room = 1
    for key in reversed(keys):  # least significant first
        low = int(key.min())
        span = int(key.max()) - low + 1
        shifted = key.astype(np.int64) - low
        if packed is not None and room * span < 2**62:
            packed = shifted * room + packed
            room *= span
        else:
            if packed is not None:
                chunks.append(packed)
            packed, room = shifted, span
    assert packed is not None
    chunks.append(packed)
    order = np.argsort(chunks[0], kind="stable")
    for chunk in chunks[1:]:
        order = order[np.argsort(chunk[order], kind="stable")]
    return order
