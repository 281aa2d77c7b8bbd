"""Undo of bulk additions removes exactly what was added after the marks."""

from __future__ import annotations

from annotator.core.model import AnnotatedDocument, Document, DocumentStance, Span
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore
from annotator.store.rowid_marks import remove_since, take_marks
from tests.conftest import SAMPLE_TEXTS


def snapshot(store: ProjectStore) -> tuple:
    return (
        store.documents.ids(),
        store.annotations.spans(),
        store.annotations.document_stances(),
        store.scheme.get(),
    )


def test_remove_since_undoes_an_import_and_nothing_else(store_with_spans: ProjectStore) -> None:
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
    assert snapshot(store_with_spans) != before
    remove_since(store_with_spans, marks)
    assert snapshot(store_with_spans) == before
    assert store_with_spans.search.hits("brand new") == []  # the FTS index followed
    ingest(store_with_spans, items)  # redo gives the same result again
    assert store_with_spans.annotations.span("n1").document_id == "en"
