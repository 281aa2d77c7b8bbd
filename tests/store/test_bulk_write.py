"""An import's bulk settings: a larger page cache and the cycle collector paused while
it runs, both put back afterwards, also when it fails."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator

import pytest

from annotator.core.errors import InputError
from annotator.core.model import AnnotatedDocument, Document, Span
from annotator.store.bulk_write import BULK_CACHE_KIB
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore


def _cache_size(store: ProjectStore) -> int:
    return int(store.conn.execute("PRAGMA cache_size").fetchone()[0])


def test_an_import_runs_with_a_large_cache_and_no_collector_then_puts_both_back(
    store: ProjectStore,
) -> None:
    seen: list[tuple[int, bool]] = []

    def documents() -> Iterator[AnnotatedDocument]:
        seen.append((_cache_size(store), gc.isenabled()))  # read while the import runs
        yield AnnotatedDocument(
            Document(id="n", text="new text"), [Span("s", "n", 0, 3, "Claim", "c")]
        )

    before = _cache_size(store)
    assert gc.isenabled()
    ingest(store, documents())
    assert seen == [(-BULK_CACHE_KIB, False)]
    assert (_cache_size(store), gc.isenabled()) == (before, True)


def test_a_failed_import_puts_the_settings_back(store: ProjectStore) -> None:
    def documents() -> Iterator[AnnotatedDocument]:
        yield AnnotatedDocument(Document(id="n", text="new text"))
        raise InputError("bad line", path="in.jsonl", line=2)

    before = _cache_size(store)
    with pytest.raises(InputError):
        ingest(store, documents())
    assert (_cache_size(store), gc.isenabled()) == (before, True)
    assert store.documents.by_sha256(Document(id="n", text="new text").sha256) is None


def test_a_paused_collector_stays_paused(store: ProjectStore) -> None:
    # A GUI job pauses the collector for as long as any job runs (background_job.py).
    gc.disable()
    try:
        ingest(store, [AnnotatedDocument(Document(id="n", text="new text"))])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_imported_spans_get_their_creation_and_update_times(store: ProjectStore) -> None:
    # Given once per batch instead of SQLite's default per row (#15): the same form.
    doc = Document(id="n", text="new text")
    ingest(
        store,
        [
            AnnotatedDocument(
                doc, [Span("s", "n", 0, 3, "Claim", "c"), Span("t", "n", 4, 8, "Claim", "c")]
            )
        ],
    )
    rows = store.conn.execute("SELECT created_at, updated_at FROM spans WHERE id IN ('s', 't')")
    stamps = {stamp for row in rows for stamp in row}
    assert len(stamps) == 1
    (stamp,) = stamps
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", stamp)
