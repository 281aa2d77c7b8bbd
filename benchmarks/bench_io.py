"""Import of a native JSONL file into a fresh project, and export in every interchange format."""

from __future__ import annotations

import csv
import itertools
import json
import operator
import shutil
from pathlib import Path

from annotator.core.model import AnnotatedDocument, SchemeKind
from annotator.services.document_import import import_files
from annotator.services.export import export_project
from annotator.services.formats.csv_format import COLUMNS
from annotator.store.project_store import ProjectStore
from benchmarks import workloads
from benchmarks.context import Context
from benchmarks.timing import Row, make_row, measure, measure_pair

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
    """The rows an import stores, made the plainest way: the scheme entries the file names
    (a user's file has labels like `code_07` the default scheme lacks) are added first."""
    named = {
        (kind, name)
        for item in items
        for s in item.spans
        for kind, name in (
            (SchemeKind.LABEL, s.label), (SchemeKind.STANCE, s.stance), (SchemeKind.TARGET, s.target)
        )
        if name
    }  # fmt: skip
    with store.write():
        for kind, name in sorted(named):
            store.scheme.ensure(kind, name)
    ids = {
        (SchemeKind(kind), name): item_id
        for item_id, kind, name in store.conn.execute("SELECT id, kind, name FROM scheme_items")
    }
    documents = [
        (d.id, d.sha256, d.title, d.source, d.url, d.published, d.text, position)
        for position, d in enumerate(item.document for item in items)
    ]
    spans = [
        (s.id, s.document_id, s.start, s.end, ids[SchemeKind.LABEL, s.label], s.annotator,
         ids.get((SchemeKind.STANCE, s.stance or "")), ids.get((SchemeKind.TARGET, s.target or "")),
         s.note)
        for item in items for s in item.spans
    ]  # fmt: skip
    return documents, spans


def raw_insert(store: ProjectStore, documents: list[tuple], spans: list[tuple]) -> None:
    """The import's baseline: the same rows stored with two plain `executemany` calls."""
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


def raw_import(store: ProjectStore, items: list[AnnotatedDocument]) -> None:
    """`raw_insert` of the rows `items` make (the conversion is part of the baseline)."""
    raw_insert(store, *_raw_rows(store, items))


def _import_row(ctx: Context) -> Row:
    path, items = articles(ctx)
    repeat = ctx.repeat(3)
    times = measure(
        lambda store: import_files(store, [path]), repeat=repeat, setup=lambda: _fresh_store(ctx)
    )

    baseline = lambda store: raw_import(store, items)  # noqa: E731
    base = measure(baseline, repeat=repeat, setup=lambda: _fresh_store(ctx))
    # A ratio to the raw insert measured in the same run, not 2.0 s by the clock (#15:
    # "prefer ratio targets to absolute ones wherever a raw baseline exists"): on this
    # shared machine the baseline alone took 1.15-1.6 s, so 2 s measured the load. The
    # ratio is the import target (2), tighter than the 3 this row had.
    return make_row("import", describe(items), times, base, target_ratio=2)


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


def _raw_csv(store: ProjectStore, out: Path) -> None:
    """csv's baseline: the export's rows and columns (each document's spans, then its
    stances, in list order) written by the csv module; the spans come from one SQL query,
    their passages sliced from texts read once."""
    conn = store.conn
    documents = conn.execute("SELECT id, title, source, text FROM documents ORDER BY position")
    stances: dict[str, list[tuple[str, str, str]]] = {}
    for doc, annotator, stance, target in conn.execute(
        "SELECT ds.document_id, ds.annotator, st.name, tg.name FROM document_stances ds"
        " JOIN scheme_items st ON st.id = ds.stance_id"
        " JOIN scheme_items tg ON tg.id = ds.target_id"
    ):
        stances.setdefault(doc, []).append((annotator, stance, target))
    spans = conn.execute(
        "SELECT s.document_id, s.annotator, l.name, coalesce(st.name, ''),"
        " coalesce(tg.name, ''), s.start, s.\"end\", s.note, coalesce(cm.claim_id, ''),"
        " coalesce(c.wording, ''), coalesce(cm.value, '') FROM spans s"
        " JOIN documents d ON d.id = s.document_id JOIN scheme_items l ON l.id = s.label_id"
        " LEFT JOIN scheme_items st ON st.id = s.stance_id"
        " LEFT JOIN scheme_items tg ON tg.id = s.target_id"
        " LEFT JOIN claim_mentions cm ON cm.span_id = s.id"
        " LEFT JOIN claims c ON c.id = cm.claim_id"
        ' ORDER BY d.position, s.start, s."end", s.id'
    )
    groups = itertools.groupby(spans, key=operator.itemgetter(0))
    group = next(groups, None)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for doc, title, source, text in documents:
            rows = group[1] if group is not None and group[0] == doc else ()
            for _, annotator, label, stance, target, a, b, note, claim, wording, value in rows:
                writer.writerow(
                    ("span", doc, title, source, annotator, label, stance, target, a, b,
                     text[a:b], note, source, claim, wording, value)
                )  # fmt: skip
            if rows:
                group = next(groups, None)
            for annotator, stance, target in stances.get(doc, ()):
                writer.writerow(
                    ("document", doc, title, source, annotator, "", stance, target, "", "", "",
                     "", source, "", "", "")
                )  # fmt: skip


def _raw_brat(store: ProjectStore, out: Path) -> None:
    """brat's baseline: the same files (a text and an .ann per document, per annotator
    when there are several) written with plain open/write, one query, no fsync; a brat
    export is thousands of small files, and creating them is what costs."""
    shutil.rmtree(out, ignore_errors=True)
    conn = store.conn
    annotators = [r[0] for r in conn.execute("SELECT DISTINCT annotator FROM spans")]
    folders = {name: out / name if len(annotators) > 1 else out for name in annotators}
    for folder in {*folders.values(), out}:
        folder.mkdir(parents=True, exist_ok=True)
    texts = dict(conn.execute("SELECT id, text FROM documents"))
    lines: dict[tuple[str, str], list[str]] = {
        (name, doc): [] for name in annotators for doc in texts
    }
    for doc, name, start, end, label in conn.execute(
        'SELECT s.document_id, s.annotator, s.start, s."end", l.name FROM spans s'
        " JOIN scheme_items l ON l.id = s.label_id ORDER BY s.document_id, s.start"
    ):
        group = lines[name, doc]
        group.append(f"T{len(group) + 1}\t{label} {start} {end}\t{texts[doc][start:end]}\n")
    for name, folder in folders.items():
        for doc, text in texts.items():
            (folder / f"{doc}.txt").write_bytes(text.encode("utf-8"))
            (folder / f"{doc}.ann").write_bytes("".join(lines[name, doc]).encode("utf-8"))


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
        rows_baseline = measure(lambda _: _raw_export(store, raw_out), repeat=repeat)
        for fmt in wanted:
            out = ctx.path(f"export_{fmt}" + ("" if fmt == "brat" else f".{fmt}"))
            export = lambda _, f=fmt, o=out: export_project(store, f, o)  # noqa: E731
            if fmt == "brat":
                raw_brat = lambda _: _raw_brat(store, ctx.path("raw_brat"))  # noqa: E731
                times, baseline = measure_pair(export, raw_brat, repeat=repeat)
            elif fmt == "csv":  # the baseline: the csv module writing the same rows
                raw_csv = lambda _: _raw_csv(store, ctx.path("raw_export.csv"))  # noqa: E731
                times, baseline = measure_pair(export, raw_csv, repeat=repeat)
            else:
                times, baseline = measure(export, repeat=repeat), rows_baseline
            rows.append(make_row(f"export_{fmt}", describe(items), times, baseline, target_ratio=2))
    return rows
