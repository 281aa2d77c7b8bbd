"""Search pages its candidates: the first page of hits ranks only the best documents."""

from __future__ import annotations

import pytest

from annotator.core.model import AnnotatedDocument, Document
from annotator.store import search_repo
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore


@pytest.fixture
def policy_store(project_path) -> ProjectStore:
    store = ProjectStore.create(project_path)
    texts = [f"Article {i}: " + "policy " * (i + 1) + "ends." for i in range(7)]
    ingest(store, [AnnotatedDocument(Document(id=f"p{i}", text=t)) for i, t in enumerate(texts)])
    yield store
    store.close()


def _matches(store: ProjectStore, action) -> list[str]:
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        action()
    finally:
        store.conn.set_trace_callback(None)
    return [sql for sql in seen if "MATCH" in sql]


def test_the_first_page_ranks_only_the_best_documents(policy_store, monkeypatch) -> None:
    # A word in every one of 10,000 articles: ranking them all took longer than the
    # 50 ms a first page may; FTS5 ranks a LIMIT query as a top n.
    monkeypatch.setattr(search_repo, "FIRST_PAGE_DOCUMENTS", 2)
    queries = _matches(policy_store, lambda: policy_store.search.hits("policy", limit=3))
    assert len(queries) == 1 and "LIMIT 2 OFFSET 0" in queries[0]
    assert len(policy_store.search.hits("policy", limit=3)) == 3


def test_more_hits_than_the_first_page_holds_come_from_the_rest(policy_store, monkeypatch):
    monkeypatch.setattr(search_repo, "FIRST_PAGE_DOCUMENTS", 2)
    paged = policy_store.search.hits("policy")
    queries = _matches(policy_store, lambda: policy_store.search.hits("policy"))
    assert len(queries) == 2 and "OFFSET 2" in queries[1]
    monkeypatch.setattr(search_repo, "FIRST_PAGE_DOCUMENTS", 1000)
    whole = policy_store.search.hits("policy")
    assert paged == whole  # the same hits in the same (ranked) order
    assert len(whole) == sum(range(1, 8))
    order = list(dict.fromkeys(hit.document_id for hit in whole))
    assert order == policy_store.search.document_ids("policy")
