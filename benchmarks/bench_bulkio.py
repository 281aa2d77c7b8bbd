"""Bulk input and output of a whole archive (issue #15), each against the plainest code
that moves the same rows: the archive's 20 native JSONL files imported in one call
(against two `executemany` calls of the rows they hold) with the import's peak memory
(in a fresh process: VmHWM, the high-water mark of its resident set).

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
from annotator.store.project_store import ProjectStore
from benchmarks import archive
from benchmarks.context import Context
from benchmarks.timing import Row, make_row, measure

AREA = "bulk_io"
NAMES = ("archive_import", "archive_import_memory")
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


def run(ctx: Context) -> list[Row]:
    rows: list[Row] = []
    if ctx.wants(AREA, "archive_import") or ctx.wants(AREA, "archive_import_memory"):
        rows.extend(_import_rows(ctx))
    return rows
