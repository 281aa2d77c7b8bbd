"""Search across documents: FTS ranking, exact code-point hits, hostile input."""

from __future__ import annotations

import pytest

from annotator.core.model import AnnotatedDocument, Document
from annotator.services.demo import load_demo
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore
from annotator.store.search_repo import find_in_text


@pytest.fixture
def seeds(tmp_path) -> ProjectStore:
    store = ProjectStore.create(tmp_path / "seeds.annotator")
    load_demo(store)
    yield store
    store.close()


def _found(store: ProjectStore, query: str) -> list[tuple[str, str]]:
    return [
        (h.document_id, store.documents.get(h.document_id).text[h.start : h.end])
        for h in store.search.hits(query)
    ]


def test_straight_and_curly_apostrophes_find_the_same_hits(seeds: ProjectStore) -> None:
    straight, curly = _found(seeds, "Anthropic's"), _found(seeds, "Anthropic’s")
    assert straight == curly
    # The seed articles spell it with ’ seven times and with ' once: all eight, either way.
    assert sorted(text for _, text in straight) == ["Anthropic's"] + ["Anthropic’s"] * 7


def test_the_seed_corpus_queries_of_issue_13(seeds: ProjectStore) -> None:
    dangerous = _found(seeds, '"dangerous"')
    assert {text for _, text in dangerous} == {"dangerous"} and len(dangerous) >= 3
    assert sorted(text for _, text in _found(seeds, "Lutnick Cairncross")) == [
        "Cairncross",
        "Lutnick",
    ]
    assert sorted(text for _, text in _found(seeds, "Nvidia OR Zoom")) == ["Nvidia", "Zoom"]
    # The prefix runs to the end of the word: "expert" alone would highlight six letters.
    assert {text for _, text in _found(seeds, "expert*")} == {"Experts", "experts"}


def test_a_term_without_a_word_scans_every_document(seeds: ProjectStore) -> None:
    # "—" gives FTS nothing to look up; every document is searched instead.
    dashes = _found(seeds, "—")
    assert dashes and {text for _, text in dashes} <= set("-‐‑‒–—―−⁃﹣－")


def test_accents_fold_when_asked(store: ProjectStore) -> None:
    from annotator.core.model import AnnotatedDocument, Document
    from annotator.store.ingest import ingest

    ingest(store, [AnnotatedDocument(Document(id="zh", text="Talks in Zürich and Zurich."))])
    assert [(h.start, h.end) for h in store.search.hits("Zurich")] == [(20, 26)]
    assert [(h.start, h.end) for h in store.search.hits("Zurich", fold_accents=True)] == [
        (9, 15),
        (20, 26),
    ]


def test_hits_are_code_point_offsets_of_the_phrase(store: ProjectStore) -> None:
    hits = store.search.hits('"160 EXPERTS"')
    assert [(h.document_id, h.start, h.end) for h in hits] == [("en", 10, 21)]
    text = store.documents.get("en").text
    assert text[hits[0].start : hits[0].end].lower() == "160 experts"
    # Unquoted, the words are found wherever they are, each a hit.
    words = store.search.hits("EXPERTS 160")
    assert [(h.document_id, h.start, h.end) for h in words] == [("en", 10, 13), ("en", 14, 21)]


def test_cjk_and_emoji_documents_are_found(store: ProjectStore) -> None:
    (hit,) = store.search.hits("华盛顿")
    text = store.documents.get("cjk").text
    assert text[hit.start : hit.end] == "华盛顿"
    (hit,) = store.search.hits("restrictions")
    text = store.documents.get("emoji").text
    assert text[hit.start : hit.end] == "restrictions"


@pytest.mark.parametrize(
    "query", ['"', "'; DROP TABLE documents;--", "NEAR(", "*", "a\x00b", "AND OR NOT", "", "   "]
)
def test_hostile_queries_never_raise(store: ProjectStore, query: str) -> None:
    store.search.hits(query)
    store.search.hits(query, "en")
    assert store.documents.count() == 3


def test_find_in_text_case_insensitive_and_limited() -> None:
    assert find_in_text("Ab ab AB", "ab") == [(0, 2), (3, 5), (6, 8)]
    assert find_in_text("ab" * 10, "ab", limit=3) == [(0, 2), (2, 4), (4, 6)]


def test_partial_last_word_finds_documents_like_in_document_search(store: ProjectStore) -> None:
    assert store.search.document_ids("160 expert") == ["en"]
    assert sorted({h.document_id for h in store.search.hits("expert")}) == ["emoji", "en"]


def test_total_hits_are_capped(store: ProjectStore) -> None:
    hits = store.search.hits("e", limit=5)
    assert len(hits) == 5


def test_texts_are_read_only_as_far_as_the_hits_reach(tmp_path) -> None:
    # A word in every article fills the list of hits from its first few documents: the
    # texts of the rest are not read (a batch of 500 was, #15). Same hits, same order.
    store = ProjectStore.create(tmp_path / "many.annotator")
    try:
        ingest(
            store,
            [
                AnnotatedDocument(Document(id=f"d{i:03d}", text=f"experts warned {i}. " * 10))
                for i in range(300)
            ],
        )
        read: list[int] = []

        def trace(sql: str) -> None:
            if sql.startswith("SELECT id, title, text FROM documents WHERE id IN"):
                read.append(sql.count("'"))

        store.conn.set_trace_callback(trace)
        hits = store.search.hits("experts", limit=100)
        store.conn.set_trace_callback(None)
        assert len(hits) == 100 and len({h.document_id for h in hits}) == 10
        assert 0 < sum(read) // 2 <= 16  # ids quoted in the IN lists: one batch of 16
        assert hits == store.search.hits("experts", limit=100)
    finally:
        store.close()
