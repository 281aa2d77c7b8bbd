"""Undo of bulk additions removes exactly what was added after the marks."""

from __future__ import annotations

from annotator.core.model import AnnotatedDocument, Document, DocumentStance, Span
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore
from annotator.store.rowid_marks import added_since, remove_added, take_marks
from tests.conftest import SAMPLE_TEXTS


def snapshot(store: ProjectStore) -> tuple:
    return (
        store.documents.ids(),
        store.annotations.spans(),
        store.annotations.document_stances(),
        store.scheme.get(),
    )


def test_remove_added_undoes_an_import_and_nothing_else(store_with_spans: ProjectStore) -> None:
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
    added = added_since(store_with_spans, marks)
    assert snapshot(store_with_spans) != before
    remove_added(store_with_spans, added)
    assert snapshot(store_with_spans) == before
    assert store_with_spans.search.hits("brand new") == []  # the FTS index followed
    ingest(store_with_spans, items)  # redo gives the same result again
    assert store_with_spans.annotations.span("n1").document_id == "en"


def test_a_row_restored_after_the_import_is_not_taken_by_its_undo(
    store_with_spans: ProjectStore,
) -> None:
    # Found by tests/gui/test_undo_storm.py: import; delete an older span; undo the delete
    # (the span comes back with a higher rowid); undo the import: the span must stay.
    marks = take_marks(store_with_spans)
    ingest(store_with_spans, [AnnotatedDocument(Document(id="fresh", text="Brand new."))])
    added = added_since(store_with_spans, marks)
    [old] = store_with_spans.annotations.delete_spans(["a1"])
    store_with_spans.annotations.restore_spans([old])
    remove_added(store_with_spans, added)
    assert store_with_spans.annotations.span("a1") == old
    assert "fresh" not in store_with_spans.documents.ids()
