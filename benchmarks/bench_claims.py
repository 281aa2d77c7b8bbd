"""Claims: suggestions on a 1,000-sentence project (≤ 50 ms after selecting) and opening
the claim matrix on 1,000 articles × 500 claims (≤ 1 s)."""

from __future__ import annotations

from annotator.services.claim_matrix import build_matrix
from annotator.services.similar_sentences import SentenceSuggester
from annotator.store.project_store import ProjectStore
from benchmarks import workloads
from benchmarks.context import Context
from benchmarks.timing import Row, make_row, measure

AREA = "claims"
NAMES = ("claims_suggest", "claims_matrix")


def run(ctx: Context) -> list[Row]:
    rows = []
    if ctx.wants(AREA, "claims_suggest"):
        rows.append(_suggest(ctx))
    if ctx.wants(AREA, "claims_matrix"):
        rows.append(_matrix(ctx))
    return rows


def _suggest(ctx: Context) -> Row:
    items = workloads.corpus(ctx.size(50, minimum=5), 2400, 0, seed=9)
    path = workloads.build_project(ctx.path("suggest.annotator"), items)
    repeat = ctx.repeat(15)
    with ProjectStore.open(path) as store:
        ids = store.documents.ids()
        store.sentences.refresh()  # built once per open project, on first use
        sentences = store.sentences.count(ids)
        first = store.sentences.sentences(ids[:1])[0].text
        targets = ids[1:]
        # What the Suggestions dock does on selecting: the suggester ranks every other
        # article; its first use builds the articles' n-gram indexes (timed apart), then
        # every selection reuses them.
        suggester = SentenceSuggester(store)
        (first_use,) = measure(lambda _: suggester.rank(first, targets, 7), repeat=1, warmup=0)
        times = measure(lambda _: suggester.rank(first, targets, 7), repeat=repeat)
        terms = " OR ".join(f'"{w}"' for w in first.split()[:8])
        baseline = measure(
            lambda _: store.conn.execute(
                "SELECT rowid FROM temp.sentence_fts WHERE sentence_fts MATCH ?"
                " ORDER BY bm25(sentence_fts) LIMIT 100",
                [terms],
            ).fetchall(),
            repeat=repeat,
        )
    workload = (
        f"{len(items)} articles, {sentences:,} sentences; one sentence against all others"
        f" (first selection, building the indexes: {first_use * 1000:.0f} ms)"
    )
    return make_row("claims_suggest", workload, times, baseline, target_s=0.050)


def _matrix(ctx: Context) -> Row:
    documents, claims = ctx.size(1000, minimum=20), ctx.size(500, minimum=10)
    mentions = claims * 10
    items = workloads.corpus(documents, 400, mentions, seed=11, annotators=("alice",), weights=None)
    path = workloads.build_project(ctx.path("matrix.annotator"), items)
    with ProjectStore.open(path) as store:
        span_ids = [s.id for s in store.annotations.spans()]
        with store.write() as conn:
            conn.executemany(
                "INSERT INTO claims (id, wording, annotator) VALUES (?, ?, 'alice')",
                [(f"c{i}", f"Claim number {i}") for i in range(claims)],
            )
            conn.executemany(
                "INSERT INTO claim_mentions (span_id, claim_id, value) VALUES (?, ?, ?)",
                [(s, f"c{n % claims}", f"more than {n % 7}") for n, s in enumerate(span_ids)],
            )
            conn.executemany(
                "INSERT INTO document_status (document_id, annotator, done) VALUES (?, 'alice', 1)",
                [(d,) for d in store.documents.ids()[::2]],
            )
        repeat = ctx.repeat(5)

        def open_matrix(_: object) -> None:
            matrix = build_matrix(store, "alice")
            for column in matrix.columns:  # the totals row a view shows at once
                matrix.made_count(column.document_id)

        times = measure(open_matrix, repeat=repeat)
        baseline = measure(
            lambda _: store.conn.execute(
                "SELECT cm.claim_id, s.document_id FROM claim_mentions cm"
                " JOIN spans s ON s.id = cm.span_id"
            ).fetchall(),
            repeat=repeat,
        )
    workload = f"{documents:,} articles × {claims} claims, {len(span_ids):,} mentions"
    return make_row("claims_matrix", workload, times, baseline, target_s=1.0)
