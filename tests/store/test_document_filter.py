"""The document list's filter in SQL: title words, outlet, done; pages of summaries."""

from __future__ import annotations

import pytest

from annotator.core.model import Document
from annotator.store.document_filter import DocumentFilter
from annotator.store.project_store import ProjectStore


@pytest.fixture
def archive(store: ProjectStore) -> ProjectStore:
    """The three sample documents plus titled and untitled ones of two outlets."""
    extra = [
        Document(id="d1", text="one", title="Éclair Experts warn", source="Wire"),
        Document(id="d2", text="two", title="Straße closed for experts", source="Wire"),
        Document(id="untitled-9", text="three", title="", source=""),
        Document(id="d4", text="four", title="Market report", source="Ledger"),
    ]
    with store.write():
        position = store.documents.next_position()
        for offset, document in enumerate(extra):
            store.documents.add(document, position + offset)
    return store


def ids(store: ProjectStore, **kwargs: object) -> list[str]:
    return store.document_list.ids(DocumentFilter("alice", **kwargs))  # type: ignore[arg-type]


def test_no_filter_is_every_document_in_list_order(archive: ProjectStore) -> None:
    assert ids(archive) == archive.documents.ids()


def test_title_words_each_match_case_folded_anywhere_in_the_title(archive: ProjectStore) -> None:
    assert ids(archive, words=DocumentFilter.words_of("EXPERTS")) == ["d1", "d2"]
    assert ids(archive, words=DocumentFilter.words_of("warn experts")) == ["d1"]
    assert ids(archive, words=DocumentFilter.words_of("éCLAIR")) == ["d1"]  # not ASCII only
    assert ids(archive, words=DocumentFilter.words_of("strasse")) == ["d2"]  # casefold: ß = ss
    assert ids(archive, words=DocumentFilter.words_of("ARTICLE")) == ["en", "emoji", "cjk"]


def test_an_untitled_document_matches_by_its_id(archive: ProjectStore) -> None:
    assert ids(archive, words=("untitled",)) == ["untitled-9"]


def test_outlet_equals_and_the_empty_outlet(archive: ProjectStore) -> None:
    assert ids(archive, outlet="Wire") == ["d1", "d2"]
    assert ids(archive, outlet="") == ["untitled-9"]
    assert ids(archive, outlet="Wire", words=("closed",)) == ["d2"]
    assert ids(archive, outlet="Nobody") == []


def test_done_is_the_annotators_own_flag(archive: ProjectStore) -> None:
    archive.documents.set_done("d2", "alice", True)
    archive.documents.set_done("d4", "bob", True)  # bob's, not alice's
    archive.documents.set_done("en", "alice", True)
    archive.documents.set_done("en", "alice", False)  # undone again
    assert ids(archive, done=True) == ["d2"]
    assert ids(archive, done=False) == [i for i in archive.documents.ids() if i != "d2"]
    assert ids(archive, done=True, outlet="Wire", words=("experts",)) == ["d2"]


def test_like_wildcards_in_the_words_are_plain_text(archive: ProjectStore) -> None:
    assert ids(archive, words=("%",)) == []
    assert ids(archive, words=("_",)) == []


def test_summaries_of_a_page_match_the_full_summaries(store_with_spans: ProjectStore) -> None:
    store_with_spans.documents.set_done("en", "alice", True)
    expected = {s.id: s for s in store_with_spans.documents.summaries("alice")}
    page = store_with_spans.document_list.summaries(["cjk", "en"], "alice")
    assert page == {"cjk": expected["cjk"], "en": expected["en"]}
    assert page["en"].span_count == 3 and page["en"].my_span_count == 2 and page["en"].done


def test_outlets_with_their_counts(archive: ProjectStore) -> None:
    outlets = dict(archive.document_list.outlets())
    assert outlets["Wire"] == 2 and outlets["Ledger"] == 1 and outlets[""] == 1
    assert outlets["en outlet"] == 1


def test_the_title_filter_reads_the_listing_index_not_the_texts(archive: ProjectStore) -> None:
    # A pass over the documents table reads each row's 5 KB text page: 16 ms at 10,000.
    seen: list[str] = []
    archive.conn.set_trace_callback(seen.append)
    try:
        ids(archive, words=("experts",))
    finally:
        archive.conn.set_trace_callback(None)
    (sql,) = [s for s in seen if s.lstrip().upper().startswith("SELECT")]
    plan = [str(r[-1]) for r in archive.conn.execute("EXPLAIN QUERY PLAN " + sql)]
    assert any("COVERING INDEX documents_listing" in line for line in plan), plan
    assert not any("TEMP B-TREE" in line for line in plan), plan
