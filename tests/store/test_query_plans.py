"""The queries a large project runs on every click use an index: no full scan of spans.

With 1,000,000 spans a scan of the spans table is a second; switching document,
opening the document list, looking a span up and searching must each touch only the
rows they return. The statements are recorded as the store runs them (sqlite3's trace
callback, with the values bound) and each is put through EXPLAIN QUERY PLAN.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest

from annotator.store.document_filter import DocumentFilter
from annotator.store.project_store import ProjectStore
from annotator.store.span_listing import SpanFilter

# Tables that grow with the annotations; the documents table may be scanned where the
# whole document list is the answer (the list itself).
GROWING = ("spans", "document_stances", "document_status", "span_relations", "claim_mentions")


def _statements(store: ProjectStore, action: Callable[[], object]) -> list[str]:
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        action()
    finally:
        store.conn.set_trace_callback(None)
    return [s for s in seen if s.lstrip().upper().startswith(("SELECT", "WITH"))]


def _full_scans(conn: sqlite3.Connection, sql: str) -> list[str]:
    """Plan lines that read a growing table whole (no index, or an index from its start)."""
    aliases = {}
    for table in GROWING:
        for alias in (table, *_aliases(sql, table)):
            aliases[alias] = table
    scans = []
    for row in conn.execute("EXPLAIN QUERY PLAN " + sql):
        detail = str(row[-1])
        if not detail.startswith("SCAN "):
            continue
        name = detail.split()[1]
        if name in aliases:
            scans.append(f"{detail}  <-  {sql}")
    return scans


def _aliases(sql: str, table: str) -> list[str]:
    words = sql.replace(",", " ").replace("(", " ").split()
    found = []
    for index, word in enumerate(words[:-1]):
        if word == table:
            following = words[index + 1]
            if following.upper() == "AS" and index + 2 < len(words):
                following = words[index + 2]
            if following.isidentifier() and following.upper() not in {"WHERE", "JOIN", "ON"}:
                found.append(following)
    return found


HOT = {
    "spans of one document": lambda s: s.annotations.spans("en"),
    "one span": lambda s: s.annotations.span("a1"),
    "the document list": lambda s: s.documents.summaries("alice"),
    "the lazy document list": lambda s: s.documents.listing("alice"),
    "summaries of the rows shown": lambda s: s.document_list.summaries(["en", "cjk"], "alice"),
    "the filtered document list": lambda s: s.document_list.ids(
        DocumentFilter("alice", words=("article",), outlet="en outlet", done=False)
    ),
    "the document list, done only": lambda s: s.document_list.ids(
        DocumentFilter("alice", done=True)
    ),
    "the outlets": lambda s: s.document_list.outlets(),
    "one document": lambda s: s.documents.get("en"),
    "done flag": lambda s: s.documents.is_done("en", "alice"),
    "document stances": lambda s: s.annotations.document_stances("en"),
    "search across documents": lambda s: s.search.hits("experts"),
    "search in one document": lambda s: s.search.hits("experts", "en"),
    "who annotated": lambda s: s.annotations.annotators(),
    "the annotation list's counts": lambda s: s.span_listing.counts(SpanFilter(("alice",))),
    "the annotation list's counts, one label": lambda s: s.span_listing.counts(
        SpanFilter(("alice", "bob"), label="Claim")
    ),
    "the annotation list's rows of one document": lambda s: s.span_listing.document_spans(
        "en", SpanFilter(("alice",), stance="")
    ),
    "the annotation list's document order": lambda s: s.span_listing.document_order(),
    "ids in list order": lambda s: s.documents.ids(),
}


@pytest.mark.parametrize("name", sorted(HOT))
def test_hot_queries_read_no_growing_table_whole(store_with_spans: ProjectStore, name: str) -> None:
    statements = _statements(store_with_spans, lambda: HOT[name](store_with_spans))
    assert statements, "the action ran no query: the test would prove nothing"
    scans = [scan for sql in statements for scan in _full_scans(store_with_spans.conn, sql)]
    assert not scans, "\n".join(scans)


def test_a_full_scan_is_noticed(store_with_spans: ProjectStore) -> None:
    sql = "SELECT count(*) FROM spans s WHERE s.note = 'x'"
    assert _full_scans(store_with_spans.conn, sql)


@pytest.mark.parametrize(
    "read", [lambda s: s.documents.ids(), lambda s: s.span_listing.document_order()]
)
def test_the_document_list_is_read_in_index_order(store_with_spans: ProjectStore, read) -> None:
    # `position` follows the text in each row: sorting by it read every text (#15).
    statements = _statements(store_with_spans, lambda: read(store_with_spans))
    assert statements
    for sql in statements:
        plan = [str(r[-1]) for r in store_with_spans.conn.execute("EXPLAIN QUERY PLAN " + sql)]
        # documents_listing (0008) holds position, id, title and outlet: it covers them all.
        assert any(
            "documents_by_position" in line or "COVERING INDEX documents_listing" in line
            for line in plan
        ), plan
        assert not any("TEMP B-TREE" in line for line in plan), plan
