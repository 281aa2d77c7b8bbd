"""Search across every document (what Ctrl+F with "all documents" runs), rare and common phrases."""

from __future__ import annotations

from annotator.store.project_store import ProjectStore
from benchmarks import workloads
from benchmarks.bench_io import articles, articles_project, describe
from benchmarks.context import Context
from benchmarks.timing import Row, make_row, measure

AREA = "search"
NAMES = ("search_rare", "search_common")
QUERIES = {"search_rare": workloads.RARE_PHRASE, "search_common": "experts"}


def run(ctx: Context) -> list[Row]:
    rows = []
    items = articles(ctx)[1]
    repeat = ctx.repeat(15)
    with ProjectStore.open(articles_project(ctx)) as store:
        for name, query in QUERIES.items():
            if not ctx.wants(AREA, name):
                continue
            times = measure(lambda _, q=query: store.search.hits(q), repeat=repeat)
            phrase = '"' + query + '"'
            baseline = measure(
                lambda _, p=phrase: store.conn.execute(
                    "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", [p]
                ).fetchall(),
                repeat=repeat,
            )
            found = len({hit.document_id for hit in store.search.hits(query)})
            workload = f"{describe(items)}; {query!r} in {found} documents"
            rows.append(make_row(name, workload, times, baseline, target_s=0.050))
    return rows
