"""Search input never reaches FTS syntax and never raises (issue #14); only the grammar of
core/search_query.py (phrases, OR, prefix*) means anything (issue #13)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.model import AnnotatedDocument, Document
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore
from annotator.store.search_repo import MAX_FTS_WORDS, clean_query, fts_expression

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


# Pieces that mean something in our grammar, and what they find instead of themselves.
MEANING = {'"quoted"': ["quoted"], "pre*": ["pre"]}


@pytest.mark.parametrize("piece", SYNTAX)
def test_fts_syntax_is_found_literally(project: ProjectStore, piece: str) -> None:
    hits = project.search.hits(piece)
    found = {
        (h.document_id, project.documents.get(h.document_id).text[h.start : h.end]) for h in hits
    }
    here = {text.lower() for document_id, text in found if document_id == f"d{SYNTAX.index(piece)}"}
    # Words anywhere: each space-separated part of the piece is found, literally.
    assert here == {p.lower() for p in MEANING.get(piece, piece.split())}


def test_a_lone_surrogate_is_cleaned_not_raised(project: ProjectStore) -> None:
    assert project.search.hits("after\ud800") == []
    assert project.search.hits("\udfff") == []
    assert [h.document_id for h in project.search.hits("\ud800", "d0")] == []
    assert clean_query(" a\x00b\ud83d ") == "ab\ufffd"


def test_repeated_words_bound_the_fts_phrase(project: ProjectStore) -> None:
    phrase = '"' + "after " * 15 + '"'
    expression = fts_expression(phrase)
    assert expression is not None and expression.count("after") == MAX_FTS_WORDS
    assert fts_expression("after " * 15) == '("after" *)'  # a repeated word is one term
    text = "after " * 40
    ingest(project, [AnnotatedDocument(Document(id="rep", text=text))])
    hits = project.search.hits(phrase, "rep")
    assert hits and all(text[h.start : h.end].lower() == ("after " * 15).strip() for h in hits)
    # The literal match still decides: 15 words are not found where only 8 follow.
    ingest(project, [AnnotatedDocument(Document(id="few", text="after " * 8 + "end"))])
    assert "few" not in {h.document_id for h in project.search.hits(phrase)}


@given(st.text(max_size=40))
def test_any_query_never_raises(tmp_path_factory, query: str) -> None:
    path = tmp_path_factory.mktemp("q") / "q.annotator"
    with ProjectStore.create(path) as store:
        ingest(store, [AnnotatedDocument(Document(id="d", text='Some text (with) "quotes" *'))])
        for hit in store.search.hits(query):
            assert hit.document_id == "d"
        store.search.hits(query, "d")
