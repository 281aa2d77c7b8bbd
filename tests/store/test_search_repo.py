"""Search across documents: FTS ranking, exact code-point hits, hostile input."""

from __future__ import annotations

import pytest

from annotator.store.project_store import ProjectStore
from annotator.store.search_repo import find_in_text


def test_hits_are_code_point_offsets_of_the_phrase(store: ProjectStore) -> None:
    hits = store.search.hits("160 EXPERTS")
    assert [(h.document_id, h.start, h.end) for h in hits] == [("en", 10, 21)]
    text = store.documents.get("en").text
    assert text[hits[0].start : hits[0].end].lower() == "160 experts"


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
