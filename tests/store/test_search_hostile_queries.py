"""Search input is literal text, never FTS syntax, and never raises (issue #14)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.model import AnnotatedDocument, Document
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore
from annotator.store.search_repo import MAX_FTS_WORDS, _fts_phrase, clean_query

SYNTAX = [
    '"quoted"', "pre*", "NEAR(a b)", "AND OR", "(unbalanced", "unbalanced)", "title:Sanctions",
    "text:ban", "^start", "a + b", "x - y", "{title text}: ban", "'; DROP TABLE documents;--",
]  # fmt: skip


@pytest.fixture
def project(tmp_path) -> ProjectStore:
    store = ProjectStore.create(tmp_path / "s.annotator")
    texts = [f"Before {piece} after." for piece in SYNTAX]
    ingest(store, [AnnotatedDocument(Document(id=f"d{i}", text=t)) for i, t in enumerate(texts)])
    yield store
    store.close()


@pytest.mark.parametrize("piece", SYNTAX)
def test_fts_syntax_is_found_literally(project: ProjectStore, piece: str) -> None:
    hits = project.search.hits(piece)
    found = {
        (h.document_id, project.documents.get(h.document_id).text[h.start : h.end]) for h in hits
    }
    assert (f"d{SYNTAX.index(piece)}", piece) in found
    for document_id, text in found:
        assert text.lower() == piece.lower(), document_id


def test_a_lone_surrogate_is_cleaned_not_raised(project: ProjectStore) -> None:
    assert project.search.hits("after\ud800") == []
    assert project.search.hits("\udfff") == []
    assert [h.document_id for h in project.search.hits("\ud800", "d0")] == []
    assert clean_query(" a\x00b\ud83d ") == "ab\ufffd"


def test_repeated_words_bound_the_fts_phrase(project: ProjectStore) -> None:
    phrase = _fts_phrase("after " * 15)
    assert phrase is not None and phrase.count("after") == MAX_FTS_WORDS
    text = "after " * 40
    ingest(project, [AnnotatedDocument(Document(id="rep", text=text))])
    hits = project.search.hits("after " * 15, "rep")
    assert hits and all(text[h.start : h.end].lower() == ("after " * 15).strip() for h in hits)
    # The literal match still decides: 15 words are not found where only 8 follow.
    ingest(project, [AnnotatedDocument(Document(id="few", text="after " * 8 + "end"))])
    assert "few" not in {h.document_id for h in project.search.hits("after " * 15)}


@given(st.text(max_size=40))
def test_any_query_never_raises(tmp_path_factory, query: str) -> None:
    path = tmp_path_factory.mktemp("q") / "q.annotator"
    with ProjectStore.create(path) as store:
        ingest(store, [AnnotatedDocument(Document(id="d", text='Some text (with) "quotes" *'))])
        for hit in store.search.hits(query):
            assert hit.document_id == "d"
        store.search.hits(query, "d")
