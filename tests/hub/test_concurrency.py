"""Twenty annotators syncing at the same moment lose nothing (the load benchmark's full size
is benchmarks/bench_hub.py)."""

from __future__ import annotations

import threading

import psycopg

from annotator.core.model import Span
from annotator.hub import admin
from annotator.hub.sync import pending_changes, sync
from annotator.store.project_store import ProjectStore
from tests.hub.conftest import new_copy

PEOPLE = 20
CHANGES = 15


def test_twenty_annotators_syncing_at_once_lose_nothing(hub, tmp_path):
    names = [f"person{i:02}" for i in range(PEOPLE)]
    paths = {}
    for name in names:
        admin.grant(hub.owner, name, "annotator")
        paths[name] = new_copy(tmp_path, name)
        with ProjectStore.open(paths[name]) as store:
            sync(store, hub.url(name))
            document = store.documents.ids()[0]
            for n in range(CHANGES):
                store.annotations.add_span(Span(f"{name}-{n}", document, n, n + 2, "Claim", name))
    failures: list[BaseException] = []

    def one(name: str) -> None:
        try:
            with ProjectStore.open(paths[name]) as store:
                sync(store)
                # and again at once: a second sync pushes nothing
                assert sync(store).pushed == 0
        except BaseException as exc:  # re-raised below, in the test's thread
            failures.append(exc)

    threads = [threading.Thread(target=one, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with psycopg.connect(hub.owner) as conn:
        keys = {k for (k,) in conn.execute("SELECT key FROM hub.rows WHERE body <> ''")}
        (revisions,) = conn.execute("SELECT count(DISTINCT rev) FROM hub.rows").fetchone()
    assert keys == {f"{name}-{n}" for name in names for n in range(CHANGES)}
    assert revisions == PEOPLE  # one revision per push: the pushes took turns
    rita = new_copy(tmp_path, "rita")
    with ProjectStore.open(rita) as store:
        sync(store, hub.url("rita"))
        assert {s.id for s in store.annotations.spans()} == keys
    for name in names:
        with ProjectStore.open(paths[name]) as store:
            assert pending_changes(store) == 0
