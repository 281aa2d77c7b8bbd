"""Bulk import: matching by text hash, no duplicates, scheme additions, all-or-nothing."""

from __future__ import annotations

import pytest

from annotator.core.model import AnnotatedDocument, Document, DocumentStance, SchemeKind, Span
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore
from tests.conftest import SAMPLE_TEXTS


def test_same_text_attaches_to_existing_document(store: ProjectStore) -> None:
    incoming = AnnotatedDocument(
        Document(id="another-id", text=SAMPLE_TEXTS["en"]),
        [Span("z1", "another-id", 0, 4, "Claim", "carol")],
        [DocumentStance("another-id", "carol", "US restrictions on Anthropic's models", "favor")],
    )
    report = ingest(store, [incoming])
    assert (report.documents_added, report.documents_matched, report.spans_added) == (0, 1, 1)
    assert store.annotations.span("z1").document_id == "en"
    again = ingest(store, [incoming])
    assert (again.spans_added, again.spans_skipped, again.stances_added) == (0, 1, 0)


def test_same_span_under_a_new_id_is_not_duplicated(store: ProjectStore) -> None:
    doc = Document(id="en", text=SAMPLE_TEXTS["en"])
    ingest(store, [AnnotatedDocument(doc, [Span("x1", "en", 0, 4, "Claim", "carol")])])
    report = ingest(store, [AnnotatedDocument(doc, [Span("x2", "en", 0, 4, "Claim", "carol")])])
    assert report.spans_skipped == 1
    assert len(store.annotations.spans("en")) == 1


def test_unknown_scheme_entries_are_added_and_reported(store: ProjectStore) -> None:
    doc = Document(id="n", text="new text")
    report = ingest(
        store, [AnnotatedDocument(doc, [Span("s", "n", 0, 3, "Quote", "c", "sceptical", "Topic")])]
    )
    assert set(report.scheme_added) == {
        (SchemeKind.LABEL, "Quote"),
        (SchemeKind.STANCE, "sceptical"),
        (SchemeKind.TARGET, "Topic"),
    }
    assert "Quote" in report.summary()


def test_a_failure_stores_nothing(store: ProjectStore) -> None:
    good = AnnotatedDocument(Document(id="g", text="good"), [Span("s", "g", 0, 2, "Claim", "c")])
    bad = AnnotatedDocument(
        Document(id="b", text="bad"), [Span("t", "nowhere", 0, 2, "Claim", "c")]
    )
    bad.spans[0] = Span("t", "b", 0, 2, "", "c")  # empty label name cannot enter the scheme
    with pytest.raises(Exception):  # noqa: B017 - any failure must roll everything back
        ingest(store, [good, bad])
    assert store.documents.count() == 3
    assert store.annotations.spans() == []


def test_same_id_different_text_keeps_both(store: ProjectStore) -> None:
    report = ingest(store, [AnnotatedDocument(Document(id="en", text="a different text"))])
    assert report.documents_added == 1
    assert len(set(store.documents.ids())) == 4


def _vm_steps_to_ingest(store: ProjectStore, items: list[AnnotatedDocument]) -> int:
    """SQLite virtual-machine instructions an import runs (a count, not a time)."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    store.conn.set_progress_handler(count, 10)
    try:
        ingest(store, items)
    finally:
        store.conn.set_progress_handler(None, 0)
    return steps[0]


def _articles(prefix: str, count: int) -> list[AnnotatedDocument]:
    return [
        AnnotatedDocument(Document(id=f"{prefix}{i}", text=f"Article {prefix} {i} about policy."))
        for i in range(count)
    ]


def test_adding_documents_costs_the_same_however_many_are_stored(store: ProjectStore) -> None:
    # Each added document used to scan the whole table for the end of the list, so
    # importing 10,000 articles took 35 times as long as 1,000. The cost of 20 more
    # documents in one import (past its fixed start-up) must not grow with the project.
    def marginal(prefix: str) -> int:
        fewer = _vm_steps_to_ingest(store, _articles(f"{prefix}a", 20))
        return _vm_steps_to_ingest(store, _articles(f"{prefix}b", 40)) - fewer

    small = marginal("small")
    ingest(store, _articles("bulk", 3000))
    large = marginal("large")
    assert large < 2 * small, (small, large)
    positions = [
        r[0] for r in store.conn.execute("SELECT position FROM documents ORDER BY position")
    ]
    assert positions == list(range(len(positions)))  # still one after another
    assert store.documents.ids()[-1] == "largeb39"
