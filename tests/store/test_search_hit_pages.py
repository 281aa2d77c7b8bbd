"""SearchRepo.hit_pages: the results list's pages, whole documents each, read lazily."""

from __future__ import annotations

import pytest

from annotator.core.model import AnnotatedDocument, Document
from annotator.store import search_repo
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore


@pytest.fixture
def archive(project_path) -> ProjectStore:
    # 40 articles, article i mentions "policy" i % 4 + 1 times.
    store = ProjectStore.create(project_path)
    docs = [
        AnnotatedDocument(Document(id=f"a{i:02}", text=f"Article {i}. " + "policy, " * (i % 4 + 1)))
        for i in range(40)
    ]
    ingest(store, docs)
    yield store
    store.close()


def test_the_pages_together_are_the_hits_in_order(archive) -> None:
    pages = list(archive.search.hit_pages("policy", page_size=7))
    assert [h for page in pages for h in page] == archive.search.hits("policy")
    assert sum(len(p) for p in pages) == 100


def test_a_page_ends_at_a_documents_end(archive) -> None:
    pages = list(archive.search.hit_pages("policy", page_size=7))
    assert len(pages) > 5
    for page in pages[:-1]:
        assert len(page) >= 7
    seen: set[str] = set()
    for page in pages:
        documents = {h.document_id for h in page}
        assert not documents & seen, "a document's hits were split over two pages"
        seen |= documents


def test_the_first_page_reads_only_the_first_batch_of_texts(archive, monkeypatch) -> None:
    monkeypatch.setattr(search_repo, "FIRST_PAGE_DOCUMENTS", 5)
    monkeypatch.setattr(search_repo, "_BATCH", 5)
    reads: list[str] = []
    archive.conn.set_trace_callback(reads.append)
    try:
        first = next(archive.search.hit_pages("policy", page_size=3))
    finally:
        archive.conn.set_trace_callback(None)
    texts_read = [sql for sql in reads if "SELECT id, title, text" in sql]
    assert len(texts_read) == 1  # one batch of 5 texts, not all 40
    assert 3 <= len(first) <= 3 + 4


def test_the_limit_holds_across_pages(archive) -> None:
    pages = list(archive.search.hit_pages("policy", page_size=4, limit=10))
    assert sum(len(p) for p in pages) == 10


def test_one_document_and_no_query(archive) -> None:
    assert [len(p) for p in archive.search.hit_pages("policy", "a03", page_size=2)] == [4]
    assert list(archive.search.hit_pages("   ")) == []
