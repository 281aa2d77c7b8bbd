"""The whole-archive workload of issue #15: 10,000 articles of 5 KB, 1,000,000 spans by
10 annotators, as native JSONL and as a project, generated once into the cache folder.

Generated record by record (never the whole archive in memory) into files of 500
articles (one import reads a file whole), deterministic from the seed; the sizes and
seed are in the file names, and the cache folder is named after the
generator's source (context.cache_folder). `--quick` uses 50 articles and 2,000 spans.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from annotator.core.default_scheme import DEFAULT_TARGET
from annotator.services.document_import import import_files
from annotator.store.project_store import ProjectStore
from benchmarks import workloads
from benchmarks.context import Context

ANNOTATORS = tuple(f"annotator{index:02d}" for index in range(1, 11))
SEED = 15


def sizes(ctx: Context) -> tuple[int, int]:
    """(documents, spans) of the archive: a token of it with --quick (make check runs that)."""
    return (50, 2000) if ctx.quick else (10_000, 1_000_000)


def describe(ctx: Context) -> str:
    documents, spans = sizes(ctx)
    return f"{documents:,} × 5 KB, {spans:,} spans, {len(ANNOTATORS)} annotators"


PART = 500  # documents per file: an import reads one file whole, and refuses files over 256 MB


def jsonl_parts(ctx: Context) -> list[Path]:
    """The archive as native JSONL files of PART documents each (written once)."""
    documents, spans = sizes(ctx)
    stem = f"archive-{documents}-{spans}-seed{SEED}"
    done = ctx.cache_file(f"{stem}.complete")
    parts = [ctx.cache_file(f"{stem}-part{n:03d}.jsonl") for n in range(-(-documents // PART))]
    if not done.exists():
        _write(parts, documents, spans)
        done.write_text("\n".join(p.name for p in parts) + "\n", encoding="utf-8")
    return parts


def project(ctx: Context) -> Path:
    """A copy, in this run's scratch folder, of the archive imported into a project
    (the import itself is made once and cached)."""

    def build() -> Path:
        documents, spans = sizes(ctx)
        cached = ctx.cache_file(f"archive-{documents}-{spans}-seed{SEED}.annotator")
        if not cached.exists():
            partial = cached.with_name(cached.name + ".partial")
            partial.unlink(missing_ok=True)
            with ProjectStore.create(partial) as store:
                for part in jsonl_parts(ctx):
                    import_files(store, [part])
            partial.replace(cached)
        copy = ctx.path("archive.annotator")
        shutil.copyfile(cached, copy)
        # Upgraded once here, untimed, when the cached file predates a schema step: an
        # analyst's project upgrades on its first opening, never on each one.
        ProjectStore.open(copy).close()
        return copy

    return ctx.cached("archive_project", build)  # type: ignore[no-any-return]


def _write(parts: list[Path], documents: int, spans: int) -> None:
    rng = random.Random(SEED)
    handle = None
    try:
        for index in range(documents):
            if index % PART == 0:
                if handle is not None:
                    handle.close()
                handle = parts[index // PART].open("w", encoding="utf-8", newline="\n")
            text = workloads.article_text(rng, 5000)
            share = spans // documents + (1 if index < spans % documents else 0)
            record = {
                "id": f"a{index:05d}",
                "title": " ".join(text.split()[:8])[:80],
                "source": workloads.OUTLETS[index % len(workloads.OUTLETS)],
                "published": f"2025-{1 + index % 12:02d}-{1 + index % 28:02d}",
                "text": text,
                "spans": _spans(rng, index, text, share),
                "stances": [
                    {"annotator": name, "target": DEFAULT_TARGET, "stance": rng.choice(workloads.STANCES)}
                    for name in ANNOTATORS
                    if rng.random() < 0.5
                ],
            }  # fmt: skip
            assert handle is not None
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if handle is not None:
            handle.close()


def _spans(rng: random.Random, index: int, text: str, count: int) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    seen: set[tuple[str, int, int, str]] = set()
    length = len(text)
    while len(out) < count:
        size = rng.randint(8, 160)
        start = rng.randrange(0, max(1, length - size))
        end = min(length, start + size)
        label = rng.choice(workloads.LABELS)
        annotator = ANNOTATORS[rng.randrange(len(ANNOTATORS))]
        if start >= end or (annotator, start, end, label) in seen:
            continue
        seen.add((annotator, start, end, label))
        stance = rng.choice(workloads.STANCES) if rng.random() < 0.3 else None
        out.append(
            {
                "id": f"a{index:05d}-{len(out)}", "start": start, "end": end,
                "text": text[start:end], "label": label, "annotator": annotator,
                "stance": stance, "target": DEFAULT_TARGET if stance else None,
            }
        )  # fmt: skip
    return out
