"""Bulk input and output of a whole archive (issue #15), each against the plainest code
that moves the same rows: the archive's 20 native JSONL files imported in one call
(against two `executemany` calls of the rows they hold) with the import's peak memory
(in a fresh process: VmHWM, the high-water mark of its resident set); the Parquet
export against pyarrow's ParquetWriter writing the same rows from two plain queries.

The import runs in a child process so that its peak memory is its own; its time is
taken there around the import alone (imports of modules excluded). Full size: one run
each (tens of seconds).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from annotator.core.model import SchemeKind, text_sha256
from annotator.services.export import export_project
from annotator.store.project_store import ProjectStore
from benchmarks import archive
from benchmarks.bench_io import raw_insert
from benchmarks.context import Context
from benchmarks.timing import Row, make_row, measure

AREA = "bulk_io"
NAMES = ("archive_import", "archive_import_memory", "archive_export_parquet")
IMPORT_MEMORY_MB = 500  # the bound for the app with the archive open

_IMPORT_CHILD = """
import json, sys, time
from pathlib import Path
from annotator.services.document_import import import_files
from annotator.store.project_store import ProjectStore

def status_kb(key):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0

target, parts = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
store = ProjectStore.create(target)
before = status_kb("VmRSS")
start = time.perf_counter()
import_files(store, parts)
elapsed = time.perf_counter() - start
store.close()
print(json.dumps({"seconds": elapsed, "peak_mb": status_kb("VmHWM") / 1024,
                  "before_mb": before / 1024}), flush=True)
"""


def _child_import(ctx: Context, parts: list[Path], name: str) -> dict[str, float]:
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONPATH=str(root))
    target = ctx.path(name)
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_CHILD, str(target), *map(str, parts)],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def raw_rows(store: ProjectStore, parts: list[Path]) -> tuple[list[tuple], list[tuple]]:
    """The documents and spans the archive's files hold, as the rows an import stores
    (json.loads per line, no checks), the scheme entries they name added first."""
    documents: list[tuple] = []
    spans: list[tuple] = []
    with store.write():
        ids: dict[tuple[SchemeKind, str], int] = {}

        def scheme_id(kind: SchemeKind, name: str | None) -> int | None:
            if not name:
                return None
            if (kind, name) not in ids:
                store.scheme.ensure(kind, name)
                ids[kind, name] = store.scheme.require_id(kind, name)
            return ids[kind, name]

        for part in parts:
            with part.open(encoding="utf-8") as handle:
                for line in handle:
                    r = json.loads(line)
                    documents.append(
                        (r["id"], text_sha256(r["text"]), r.get("title", ""), r.get("source", ""),
                         r.get("url", ""), r.get("published", ""), r["text"], len(documents))
                    )  # fmt: skip
                    spans.extend(
                        (s["id"], r["id"], s["start"], s["end"],
                         scheme_id(SchemeKind.LABEL, s["label"]), s["annotator"],
                         scheme_id(SchemeKind.STANCE, s.get("stance")),
                         scheme_id(SchemeKind.TARGET, s.get("target")), s.get("note") or "")
                        for s in r["spans"]
                    )  # fmt: skip
    return documents, spans


def _timed_raw_insert(ctx: Context, parts: list[Path], name: str) -> float:
    with ProjectStore.create(ctx.path(name)) as store:
        documents, spans = raw_rows(store, parts)
        return measure(lambda _: raw_insert(store, documents, spans), repeat=1, warmup=0)[0]


def _import_rows(ctx: Context) -> list[Row]:
    parts = archive.jsonl_parts(ctx)
    size_mb = sum(p.stat().st_size for p in parts) / 2**20
    repeat = 1 if not ctx.quick else 2
    runs = [_child_import(ctx, parts, f"bulk-import{i}.annotator") for i in range(repeat)]
    base = [_timed_raw_insert(ctx, parts, f"bulk-raw{i}.annotator") for i in range(repeat)]
    workload = (
        f"{archive.describe(ctx)}; {len(parts)} native JSONL files ({size_mb:,.0f} MB) in one call"
    )
    rows = []
    if ctx.wants(AREA, "archive_import"):
        times = [run["seconds"] for run in runs]
        rows.append(make_row("archive_import", workload, times, base, target_ratio=2))
    if ctx.wants(AREA, "archive_import_memory"):
        peaks = [run["peak_mb"] for run in runs]
        rows.append(
            make_row(
                "archive_import_memory",
                f"{workload}: peak RSS of the importing process (streamed)",
                peaks,
                target_s=IMPORT_MEMORY_MB,
                unit="MB",
            )
        )
    return rows


def raw_parquet(store: ProjectStore, out: Path) -> None:
    """The Parquet export's baseline: the same rows (spans, then document stances) read
    with two plain queries and written by pyarrow's ParquetWriter in row groups."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from annotator.services.formats.parquet import COLUMNS, ROW_GROUP

    schema = pa.schema(
        [(name, pa.int64() if name in ("start", "end") else pa.string()) for name in COLUMNS]
    )
    queries = (
        "SELECT 'span', d.id, d.title, d.source, d.url, d.published, s.annotator, s.id, l.name,"
        ' st.name, tg.name, s.start, s."end", substr(d.text, s.start + 1, s."end" - s.start),'
        " s.note, d.source, cm.claim_id, c.wording, cm.value FROM spans s"
        " JOIN documents d ON d.id = s.document_id JOIN scheme_items l ON l.id = s.label_id"
        " LEFT JOIN scheme_items st ON st.id = s.stance_id"
        " LEFT JOIN scheme_items tg ON tg.id = s.target_id"
        " LEFT JOIN claim_mentions cm ON cm.span_id = s.id LEFT JOIN claims c ON c.id = cm.claim_id"
        ' ORDER BY d.position, s.start, s."end", s.id',
        "SELECT 'document', d.id, d.title, d.source, d.url, d.published, ds.annotator, NULL,"
        " NULL, st.name, tg.name, NULL, NULL, NULL, NULL, d.source, NULL, NULL, NULL"
        " FROM document_stances ds JOIN documents d ON d.id = ds.document_id"
        " JOIN scheme_items tg ON tg.id = ds.target_id"
        " JOIN scheme_items st ON st.id = ds.stance_id ORDER BY d.position",
    )
    with pq.ParquetWriter(out, schema) as writer:
        for sql in queries:
            cursor = store.conn.execute(sql)
            while batch := cursor.fetchmany(ROW_GROUP):
                arrays = [
                    pa.array(column, type=field.type)
                    for column, field in zip(zip(*batch, strict=True), schema, strict=True)
                ]
                writer.write_batch(pa.record_batch(arrays, schema=schema))


def _parquet_row(ctx: Context) -> Row:
    project = archive.project(ctx)
    with ProjectStore.open(project) as store:
        out, raw_out = ctx.path("bulk.parquet"), ctx.path("bulk-raw.parquet")
        repeat = 1 if not ctx.quick else 2
        times = measure(lambda _: export_project(store, "parquet", out), repeat=repeat, warmup=0)
        base = measure(lambda _: raw_parquet(store, raw_out), repeat=repeat, warmup=0)
    workload = f"{archive.describe(ctx)} (baseline: the same rows, pyarrow's ParquetWriter)"
    return make_row("archive_export_parquet", workload, times, base, target_ratio=2)


def run(ctx: Context) -> list[Row]:
    rows: list[Row] = []
    if ctx.wants(AREA, "archive_import") or ctx.wants(AREA, "archive_import_memory"):
        rows.extend(_import_rows(ctx))
    if ctx.wants(AREA, "archive_export_parquet"):
        rows.append(_parquet_row(ctx))
    return rows
