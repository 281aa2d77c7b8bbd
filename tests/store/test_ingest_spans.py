"""An import batch's spans: inserted without looking their ids up first, and renamed
only when another document holds one (#15)."""

from __future__ import annotations

from annotator.core.model import AnnotatedDocument, Document, ImportReport, Span
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore


def _ingest_counting_owner_lookups(
    store: ProjectStore, items: list[AnnotatedDocument]
) -> tuple[ImportReport, int]:
    """The ingest's report and how many queries it made for the documents holding span ids."""
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        report = ingest(store, items)
    finally:
        store.conn.set_trace_callback(None)
    return report, sum("SELECT id, document_id FROM spans WHERE id IN" in s for s in statements)


def test_new_span_ids_are_stored_without_looking_their_owners_up(store: ProjectStore) -> None:
    # Each batch asked SQLite which document held each of its span ids before inserting,
    # a query per 500 spans, though a fresh import's ids are all new (#15). Now the batch
    # is inserted first and looked up only when a row did not go in.
    items = [
        AnnotatedDocument(
            Document(id=f"d{n}", text=f"article number {n} about the letter"),
            [Span(f"d{n}-s{i}", f"d{n}", i, i + 5, "Claim", "carol") for i in range(20)],
        )
        for n in range(60)
    ]
    report, lookups = _ingest_counting_owner_lookups(store, items)
    assert (lookups, report.spans_added, report.span_ids_renamed) == (0, 1200, 0)
    assert store.conn.execute("SELECT count(*) FROM spans WHERE id LIKE 'd%'").fetchone()[0] == 1200


def test_a_batch_holding_a_taken_span_id_is_retried_with_it_renamed(store: ProjectStore) -> None:
    first = AnnotatedDocument(
        Document(id="one", text="the first article"), [Span("s1", "one", 0, 3, "Claim", "carol")]
    )
    ingest(store, [first])
    second = AnnotatedDocument(
        Document(id="two", text="the second article"),
        [Span("s1", "two", 0, 3, "Claim", "carol"), Span("s2", "two", 4, 10, "Claim", "carol")],
    )
    again = AnnotatedDocument(first.document, [Span("s1", "one", 0, 3, "Claim", "carol")])
    report, lookups = _ingest_counting_owner_lookups(store, [second, again])
    assert lookups == 1  # the batch's ids, once, after its first try left rows out
    assert (report.spans_added, report.spans_skipped, report.span_ids_renamed) == (2, 1, 1)
    assert store.annotations.span("s1@two").document_id == "two"
    assert store.annotations.span("s2").document_id == "two"
    assert store.annotations.span("s1").document_id == "one"
    assert store.conn.execute("SELECT count(*) FROM spans").fetchone()[0] == 3
