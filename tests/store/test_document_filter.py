"""The document list's filter in SQL: title words, outlet, done; pages of summaries."""

from __future__ import annotations

from dataclasses import replace

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
    assert ids(archive, words=("\\",)) == []


TITLES = (
    "Plain ASCII title",
    "50% off_sale \\ now",
    "Kelvin \u212a scale",  # the Kelvin sign casefolds to an ASCII k
    "Oﬃce ﬁles",  # ligatures casefold to ffi, fi
    "STRASSE und Straße",
    "Tab\tinside",
    "emoji 😀 news",
    "İstanbul",
)
WORDS = ("k", "scale", "office", "files", "strasse", "%", "_", "\\", "off_", "50%", "tab",
         "inside", "news", "😀", "i̇stanbul", "istanbul", "plain", "ascii TITLE", "ß")  # fmt: skip


@pytest.mark.parametrize("word", WORDS)
def test_the_sql_shortcut_matches_exactly_what_casefold_matches(
    store: ProjectStore, word: str
) -> None:
    # ASCII words on ASCII titles are matched by SQLite's LIKE (2 ms a keystroke instead of
    # 12 ms in Python); every other title must still match as str.casefold says.
    with store.write():
        position = store.documents.next_position()
        for offset, title in enumerate(TITLES):
            store.documents.add(Document(id=f"t{offset}", text=str(offset), title=title),
                                position + offset)  # fmt: skip
    words = DocumentFilter.words_of(word)
    expected = [
        f"t{i}" for i, title in enumerate(TITLES) if all(w in title.casefold() for w in words)
    ]
    found = [i for i in ids(store, words=words) if i.startswith("t")]
    assert found == expected


def test_summaries_of_a_page_match_the_full_summaries(store_with_spans: ProjectStore) -> None:
    store_with_spans.documents.set_done("en", "alice", True)
    # All but the length, which a page leaves to DocumentRepo.length (it reads the text).
    expected = {s.id: replace(s, length=0) for s in store_with_spans.documents.summaries("alice")}
    page = store_with_spans.document_list.summaries(["cjk", "en"], "alice")
    assert page == {"cjk": expected["cjk"], "en": expected["en"]}
    assert store_with_spans.documents.length("cjk") == len(
        store_with_spans.documents.get("cjk").text
    )
    assert store_with_spans.documents.length("nowhere") == 0
    assert page["en"].span_count == 3 and page["en"].my_span_count == 2 and page["en"].done


def test_outlets_with_their_counts(archive: ProjectStore) -> None:
    outlets = dict(archive.document_list.outlets())
    assert outlets["Wire"] == 2 and outlets["Ledger"] == 1 and outlets[""] == 1
    assert outlets["en outlet"] == 1


@pytest.mark.parametrize(
    ("kwargs", "index"),
    [
        ({"words": ("experts",)}, "documents_listing"),
        ({"words": ("experts",), "done": False}, "documents_listing"),
        ({"outlet": "Wire", "words": ("experts",)}, "documents_by_outlet"),
        ({"outlet": "Wire", "words": ("éclair",), "done": True}, "documents_by_outlet"),
    ],
)
def test_the_filter_reads_a_covering_index_never_the_texts(
    archive: ProjectStore, kwargs: dict[str, object], index: str
) -> None:
    # A pass over the documents table reads each row's 5 KB text page: 16 ms at 10,000;
    # an outlet's rows looked up in the table one by one: 10 ms.
    seen: list[str] = []
    archive.conn.set_trace_callback(seen.append)
    try:
        ids(archive, **kwargs)
    finally:
        archive.conn.set_trace_callback(None)
    (sql,) = [s for s in seen if s.lstrip().upper().startswith("SELECT")]
    plan = [str(r[-1]) for r in archive.conn.execute("EXPLAIN QUERY PLAN " + sql)]
    assert any(f"COVERING INDEX {index}" in line for line in plan), plan
    assert not any("TEMP B-TREE" in line for line in plan), plan
