"""A project holding everything an export writes: claims, a discontinuous span, a note,
document stances, a done flag, a Markdown document with display styles."""

from __future__ import annotations

import pytest

from annotator.core.model import DocumentFormat, Span, StyleRun
from annotator.store.project_store import ProjectStore
from tests.services.claim_project import add_claims


@pytest.fixture
def rich_project(store: ProjectStore) -> ProjectStore:
    add_claims(store)
    store.annotations.add_span(
        Span("frag", "en", 0, 12, "Evidence", "carol", fragments=((0, 3), (6, 12)))
    )
    store.annotations.add_span(Span("noted", "cjk", 0, 2, "Claim", "bob", "favor", note="n"))
    store.annotations.set_document_stance("en", "alice", store.settings.default_target(), "favor")
    store.annotations.set_document_stance("cjk", "bob", store.settings.default_target(), "against")
    store.documents.set_done("cjk", "bob", True)
    with store.write() as conn:  # a document from Markdown, with display styles
        conn.execute(
            "UPDATE documents SET format = ?, styles = ? WHERE id = 'en'",
            [DocumentFormat.MARKDOWN.value, '[[0, 5, "h1"]]'],
        )
    assert store.documents.get("en").styles == (StyleRun(0, 5, "h1"),)
    return store
