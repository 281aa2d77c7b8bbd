"""Import of a native JSONL file into a fresh project, and export in every interchange format."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.model import AnnotatedDocument
from annotator.services.document_import import import_files
from annotator.services.export import export_project
from annotator.store.project_store import ProjectStore
from benchmarks import workloads
from benchmarks.context import Context
from benchmarks.timing import Row, make_row, measure

AREA = "io"
EXPORT_FORMATS = ("jsonl", "csv", "doccano", "labelstudio", "brat")
NAMES = ("import", *(f"export_{fmt}" for fmt in EXPORT_FORMATS))


def articles(ctx: Context) -> tuple[Path, list[AnnotatedDocument]]:
    """1,000 articles of 5 KB with 100,000 spans as JSONL (or the --workload file)."""

    def build() -> tuple[Path, list[AnnotatedDocument]]:
        if ctx.workload_file is not None:
            items = ctx.cached("workload_items", lambda: workloads.read_jsonl(ctx.workload_file))
            return ctx.workload_file, items
        items = workloads.corpus(ctx.size(1000), 5000, ctx.size(100_000), seed=4)
        return workloads.write_jsonl(items, ctx.path("articles.jsonl")), items

    return ctx.cached("articles", build)  # type: ignore[no-any-return]


def articles_project(ctx: Context) -> Path:
    def build() -> Path:
        return workloads.build_project(ctx.path("articles.annotator"), articles(ctx)[1])

    return ctx.cached("articles_project", build)  # type: ignore[no-any-return]


def describe(items: list[AnnotatedDocument]) -> str:
    size = sum(len(item.document.text) for item in items) / len(items) / 1000
    return f"{len(items):,} × {size:.0f} KB, {workloads.total_spans(items):,} spans"


def _fresh_store(ctx: Context) -> ProjectStore:
    fresh = ctx.cached("fresh_counter", lambda: [0])
    fresh[0] += 1
    return ProjectStore.create(ctx.path(f"fresh{fresh[0]}.annotator"))


def _raw_rows(store: ProjectStore, items: list[AnnotatedDocument]) -> tuple[list, list]:
    ids = dict(store.conn.execute("SELECT name, id FROM scheme_items WHERE kind = 'label'"))
    stance = dict(store.conn.execute("SELECT name, id FROM scheme_items WHERE kind != 'label'"))
    documents = [
        (d.id, d.sha256, d.title, d.source, d.url, d.published, d.text, position)
        for position, d in enumerate(item.document for item in items)
    ]
    spans = [
        (s.id, s.document_id, s.start, s.end, ids[s.label], s.annotator,
         stance.get(s.stance or ""), stance.get(s.target or ""), s.note)
        for item in items for s in item.spans
    ]  # fmt: skip
    return documents, spans


def _import_row(ctx: Context) -> Row:
    path, items = articles(ctx)
    repeat = ctx.repeat(3)
    times = measure(
        lambda store: import_files(store, [path]), repeat=repeat, setup=lambda: _fresh_store(ctx)
    )

    def baseline(store: ProjectStore) -> None:
        documents, spans = _raw_rows(store, items)
        with store.write() as conn:
            conn.executemany(
                "INSERT INTO documents (id, sha256, title, source, url, published, text, position)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                documents,
            )
            conn.executemany(
                'INSERT INTO spans (id, document_id, start, "end", label_id, annotator,'
                " stance_id, target_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                spans,
            )

    base = measure(baseline, repeat=repeat, setup=lambda: _fresh_store(ctx))
    return make_row("import", describe(items), times, base, target_s=2.0, target_ratio=3)


def _raw_export(store: ProjectStore, out: Path) -> None:
    """Every document and span, in list order, one json.dumps per row."""
    conn = store.conn
    with out.open("w", encoding="utf-8") as handle:
        for row in conn.execute("SELECT id, title, text FROM documents ORDER BY position"):
            handle.write(json.dumps(tuple(row), ensure_ascii=False) + "\n")
        for row in conn.execute(
            'SELECT s.id, s.document_id, s.start, s."end", l.name, s.annotator FROM spans s'
            " JOIN scheme_items l ON l.id = s.label_id JOIN documents d ON d.id = s.document_id"
            ' ORDER BY d.position, s.start, s."end", s.id'
        ):
            handle.write(json.dumps(tuple(row), ensure_ascii=False) + "\n")


def run(ctx: Context) -> list[Row]:
    rows = []
    if ctx.wants(AREA, "import"):
        rows.append(_import_row(ctx))
    wanted = [fmt for fmt in EXPORT_FORMATS if ctx.wants(AREA, f"export_{fmt}")]
    if not wanted:
        return rows
    items = articles(ctx)[1]
    repeat = ctx.repeat(3)
    with ProjectStore.open(articles_project(ctx)) as store:
        raw_out = ctx.path("raw_export.jsonl")
        baseline = measure(lambda _: _raw_export(store, raw_out), repeat=repeat)
        for fmt in wanted:
            out = ctx.path(f"export_{fmt}" + ("" if fmt == "brat" else f".{fmt}"))
            times = measure(lambda _, f=fmt, o=out: export_project(store, f, o), repeat=repeat)
            rows.append(make_row(f"export_{fmt}", describe(items), times, baseline, target_ratio=2))
    return rows
