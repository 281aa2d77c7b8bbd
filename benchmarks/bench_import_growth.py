"""Does import stay linear? 1,000 and 10,000 short articles (no spans), native JSONL and
Label Studio JSON, each against a plain `executemany` of the same rows in the same run.

Ten times the documents once took 35 times as long (a scan of the table per added
document, and a count of lines from the top of the file per Label Studio task). SQLite's
own inserts grow a little faster than linearly here (the full-text index merges its
segments), so the rows compare each size with the raw inserts of that size: the same
ratio at 1,000 and 10,000 is an import that grows as SQLite does.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import AnnotatedDocument
from annotator.services.document_import import import_files
from annotator.services.export import export_project
from annotator.store.project_store import ProjectStore
from benchmarks import workloads
from benchmarks.bench_io import raw_import
from benchmarks.context import Context
from benchmarks.timing import Row, make_row, measure

AREA = "import_growth"
NAMES = ("import_short_1k", "import_short_10k", "import_labelstudio_10k")
SHORT = 1800  # code points: a wire story


def _files(ctx: Context, count: int) -> tuple[Path, Path, list[AnnotatedDocument]]:
    """(native JSONL, Label Studio JSON, items) of `count` short articles, from the cache."""

    def build() -> tuple[Path, Path, list[AnnotatedDocument]]:
        jsonl = ctx.cache_file(f"short-{count}-seed9.jsonl")
        if not jsonl.exists():
            workloads.write_jsonl(workloads.corpus(count, SHORT, 0, seed=9), jsonl)
        items = workloads.read_jsonl(jsonl)
        labelstudio = ctx.cache_file(f"short-{count}-seed9.labelstudio.json")
        if not labelstudio.exists():
            project = workloads.build_project(ctx.path(f"short-{count}.annotator"), items)
            with ProjectStore.open(project) as store:
                export_project(store, "labelstudio", labelstudio)
        return jsonl, labelstudio, items

    return ctx.cached(f"short-{count}", build)  # type: ignore[no-any-return]


def _fresh(ctx: Context) -> ProjectStore:
    counter = ctx.cached("growth_counter", lambda: [0])
    counter[0] += 1
    return ProjectStore.create(ctx.path(f"growth{counter[0]}.annotator"))


def _import(ctx: Context, path: Path, items: list[AnnotatedDocument]) -> tuple[list, list]:
    repeat = ctx.repeat(3)

    def run(store: ProjectStore) -> None:
        import_files(store, [path])

    def baseline(store: ProjectStore) -> None:
        raw_import(store, items)

    setup = lambda: _fresh(ctx)  # noqa: E731
    return measure(run, repeat=repeat, setup=setup), measure(baseline, repeat=repeat, setup=setup)


def run(ctx: Context) -> list[Row]:
    rows = []
    small, large = ctx.size(1000, 20), ctx.size(10_000, 200)
    if ctx.wants(AREA, "import_short_1k"):
        jsonl, _, items = _files(ctx, small)
        times, base = _import(ctx, jsonl, items)
        workload = f"{small:,} × {SHORT / 1000:.1f} KB, no spans (native JSONL)"
        rows.append(make_row("import_short_1k", workload, times, base, target_ratio=3))
    if ctx.wants(AREA, "import_short_10k"):
        jsonl, _, items = _files(ctx, large)
        times, base = _import(ctx, jsonl, items)
        workload = f"{large:,} × {SHORT / 1000:.1f} KB, no spans (native JSONL)"
        rows.append(make_row("import_short_10k", workload, times, base, target_ratio=3))
    if ctx.wants(AREA, "import_labelstudio_10k"):
        _, labelstudio, items = _files(ctx, large)
        times, base = _import(ctx, labelstudio, items)
        workload = f"{large:,} × {SHORT / 1000:.1f} KB, no spans (Label Studio JSON)"
        rows.append(make_row("import_labelstudio_10k", workload, times, base, target_ratio=3))
    return rows
