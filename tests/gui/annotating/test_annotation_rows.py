"""annotation_rows: the row plan that keeps unchanged rows in place, and the document layout."""

from __future__ import annotations

import pytest

from annotator.gui.annotating.annotation_rows import DocumentRows, plan_changes
from annotator.store.span_listing import SpanFilter


def apply(old: list[str], new: list[str], changed: set[str]) -> tuple[list[str], set[str]]:
    removes, inserts, kept = plan_changes(old, new, changed)
    rows = list(old)
    assert removes == sorted(removes, reverse=True)
    for i in removes:
        del rows[i]
    for j in inserts:
        rows.insert(j, new[j])
    return rows, kept


@pytest.mark.parametrize(
    ("old", "new", "changed", "kept"),
    [
        (["a", "b", "c"], ["a", "x", "b", "c"], set(), {"a", "b", "c"}),  # an insert
        (["a", "b", "c"], ["a", "c"], set(), {"a", "c"}),  # a removal
        (["a", "b", "c"], ["b", "c", "a"], {"a"}, {"b", "c"}),  # "a" was moved by its edit
        (["a", "b", "c"], ["c", "b", "a"], set(), set()),  # reordered: every row replaced
        ([], ["a"], set(), set()),
    ],
)
def test_plan_changes_turns_old_into_new_keeping_what_it_can(old, new, changed, kept) -> None:
    rows, really_kept = apply(old, new, changed)
    assert rows == new
    assert really_kept == kept


class FakeListing:
    def __init__(self, spans: dict[str, list[str]]):
        self.spans = spans
        self.read: list[str] = []

    def document_spans(self, document_id: str, _query: SpanFilter) -> list:
        self.read.append(document_id)
        from annotator.core.model import Span

        return [
            Span(i, document_id, n, n + 1, "Claim", "alice")
            for n, i in enumerate(self.spans[document_id])
        ]

    def document_of(self, span_id: str) -> str | None:
        return next((d for d, ids in self.spans.items() if span_id in ids), None)


@pytest.mark.parametrize("descending", [False, True])
def test_document_rows_read_only_the_documents_shown(descending: bool) -> None:
    spans = {f"d{k}": [f"d{k}s{i}" for i in range(k % 3)] for k in range(1000)}
    listing = FakeListing(spans)
    counts = {d: len(ids) for d, ids in spans.items() if ids}
    rows = DocumentRows(listing, SpanFilter(), list(spans), counts, descending=descending)  # type: ignore[arg-type]
    flat = [i for ids in spans.values() for i in ids]
    if descending:
        flat.reverse()
    assert rows.total == len(flat)
    assert [getattr(rows.span_at(r), "id", None) for r in range(5)] == flat[:5]
    assert len(set(listing.read)) <= 5  # a few documents, not the thousand
    assert rows.row_of(flat[777]) == 777
    assert rows.row_of("missing") == -1
    assert rows.span_at(rows.total) is None
