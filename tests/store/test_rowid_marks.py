"""Undo of bulk additions removes exactly what was added after the marks."""

from __future__ import annotations

from annotator.core.model import AnnotatedDocument, Document, DocumentStance, Span
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore
from annotator.store.rowid_marks import remove_rows, rows_added_since, take_marks
from tests.conftest import SAMPLE_TEXTS


def snapshot(store: ProjectStore) -> tuple:
    return (
        store.documents.ids(),
        store.annotations.spans(),
        store.annotations.document_stances(),
        store.scheme.get(),
    )


def test_remove_rows_undoes_an_import_and_nothing_else(store_with_spans: ProjectStore) -> None:
    before = snapshot(store_with_spans)
    marks = take_marks(store_with_spans)
    items = [
        AnnotatedDocument(  # matches the existing English document: only spans are new
            Document(id="x", text=SAMPLE_TEXTS["en"]),
            [Span("n1", "x", 0, 4, "NewLabel", "carol")],
            [DocumentStance("x", "carol", "NewTarget", "favor")],
        ),
        AnnotatedDocument(Document(id="fresh", text="A brand new article.")),
    ]
    ingest(store_with_spans, items)
    added = rows_added_since(store_with_spans, marks)
    assert snapshot(store_with_spans) != before
    remove_rows(store_with_spans, added)
    assert snapshot(store_with_spans) == before
    assert store_with_spans.search.hits("brand new") == []  # the FTS index followed
    ingest(store_with_spans, items)  # redo gives the same result again
    assert store_with_spans.annotations.span("n1").document_id == "en"


def test_a_span_restored_after_the_import_survives_its_undo(store_with_spans: ProjectStore) -> None:
    # add a1 (before), import, delete a1, undo the delete, undo the import: a1 stays.
    # The restored row gets a rowid above the marks; only the import's own keys go.
    store = store_with_spans
    marks = take_marks(store)
    ingest(store, [AnnotatedDocument(Document(id="new", text="Fresh text."),
                                     [Span("n1", "new", 0, 5, "Claim", "carol")])])  # fmt: skip
    added = rows_added_since(store, marks)
    a1 = store.annotations.delete_span("a1")
    n1 = store.annotations.delete_span("n1")  # frees the top rowid, so a1 may reuse it
    store.annotations.restore_spans([a1])
    store.annotations.restore_spans([n1])
    remove_rows(store, added)
    assert store.annotations.span("a1") == a1
    assert "new" not in store.documents.ids()
    assert [s.id for s in store.annotations.spans() if s.id == "n1"] == []
