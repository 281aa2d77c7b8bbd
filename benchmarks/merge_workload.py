"""The merge workload of issue #15: ten annotators' project files of 100,000 spans each, over
the same 1,000 articles of 5 KB, generated once into the cache folder.

Each file is what one annotator hands in: every article (the same texts, so a merge
matches them by hash), 100,000 spans of their own (a third with a stance), a document
stance on half the articles, done flags on most, and a few claims linked to their spans;
1,000 of the spans are the lead's pre-annotations, the same in every file (a second
merge of them is skipped). Deterministic from the seed; sizes and seed are in the file
names. `--quick`: ten files of 500 spans over 20 articles.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from annotator.core.default_scheme import DEFAULT_TARGET
from annotator.core.model import text_sha256
from annotator.store.project_store import ProjectStore
from benchmarks import workloads
from benchmarks.archive import ANNOTATORS
from benchmarks.context import Context

SEED = 1515
LEAD = "lead"


def sizes(ctx: Context) -> tuple[int, int]:
    """(documents, spans per file)."""
    return (20, 500) if ctx.quick else (1_000, 100_000)


def describe(ctx: Context) -> str:
    documents, spans = sizes(ctx)
    return (
        f"{len(ANNOTATORS)} annotators' project files × {spans:,} spans"
        f" ({documents:,} × 5 KB articles each) into a new project"
    )


def project_files(ctx: Context) -> list[Path]:
    """Copies, in this run's scratch folder, of the annotators' files (made once, cached),
    upgraded here untimed when the cached files predate a schema step."""

    def build() -> list[Path]:
        documents, spans = sizes(ctx)
        stem = f"merge-{documents}-{spans}-seed{SEED}"
        cached = [ctx.cache_file(f"{stem}-{name}.annotator") for name in ANNOTATORS]
        done = ctx.cache_file(f"{stem}.complete")
        if not done.exists():
            _write(cached, documents, spans)
            done.write_text("\n".join(p.name for p in cached) + "\n", encoding="utf-8")
        copies = []
        for path in cached:
            copy = ctx.path(path.name)
            shutil.copyfile(path, copy)
            ProjectStore.open(copy).close()
            copies.append(copy)
        return copies

    return ctx.cached("merge_project_files", build)  # type: ignore[no-any-return]


def _write(paths: list[Path], documents: int, spans: int) -> None:
    rng = random.Random(SEED)
    texts = [workloads.article_text(rng, 5000) for _ in range(documents)]
    shared = _spans(rng, texts, LEAD, max(1, spans // 100), "lead")
    for path, name in zip(paths, ANNOTATORS, strict=True):
        partial = path.with_name(path.name + ".partial")
        partial.unlink(missing_ok=True)
        with ProjectStore.create(partial) as store, store.write() as conn:
            ids = {
                (kind, item_name): item_id
                for item_id, kind, item_name in conn.execute(
                    "SELECT id, kind, name FROM scheme_items"
                )
            }
            conn.executemany(
                "INSERT INTO documents (id, sha256, title, source, text, position)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (f"a{i:05d}", text_sha256(text), " ".join(text.split()[:8])[:80],
                     workloads.OUTLETS[i % len(workloads.OUTLETS)], text, i)
                    for i, text in enumerate(texts)
                ],
            )  # fmt: skip
            own = _spans(rng, texts, name, spans - len(shared), name[-2:])
            conn.executemany(
                'INSERT INTO spans (id, document_id, start, "end", label_id, annotator,'
                " stance_id, target_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (span_id, document, start, end, ids["label", label], who,
                     ids["stance", stance] if stance else None,
                     ids["target", DEFAULT_TARGET] if stance else None)
                    for span_id, document, start, end, label, who, stance in [*shared, *own]
                ],
            )  # fmt: skip
            conn.executemany(
                "INSERT INTO document_stances (document_id, annotator, target_id, stance_id)"
                " VALUES (?, ?, ?, ?)",
                [
                    (f"a{i:05d}", name, ids["target", DEFAULT_TARGET],
                     ids["stance", rng.choice(workloads.STANCES)])
                    for i in range(documents)
                    if rng.random() < 0.5
                ],
            )  # fmt: skip
            conn.executemany(
                "INSERT INTO document_status (document_id, annotator, done) VALUES (?, ?, 1)",
                [(f"a{i:05d}", name) for i in range(documents) if rng.random() < 0.8],
            )
            claimed = own[:: max(1, len(own) // 100)]
            conn.executemany(
                "INSERT INTO claims (id, wording, annotator) VALUES (?, ?, ?)",
                [(f"claim-{name}-{n}", f"Claim {n} of {name}", name) for n in range(len(claimed))],
            )
            conn.executemany(
                "INSERT INTO claim_mentions (span_id, claim_id) VALUES (?, ?)",
                [(span[0], f"claim-{name}-{n}") for n, span in enumerate(claimed)],
            )
        partial.replace(path)


Span = tuple[str, str, int, int, str, str, str | None]


def _spans(
    rng: random.Random, texts: list[str], annotator: str, count: int, tag: str
) -> list[Span]:
    """`count` distinct spans of `annotator` spread over the documents."""
    out: list[Span] = []
    seen: set[tuple[int, int, int, str]] = set()
    while len(out) < count:
        index = rng.randrange(len(texts))
        length = len(texts[index])
        size = rng.randint(8, 160)
        start = rng.randrange(0, max(1, length - size))
        end = min(length, start + size)
        label = rng.choice(workloads.LABELS)
        if start >= end or (index, start, end, label) in seen:
            continue
        seen.add((index, start, end, label))
        stance = rng.choice(workloads.STANCES) if rng.random() < 0.3 else None
        span_id = f"{tag}-{rng.getrandbits(64):016x}"
        out.append((span_id, f"a{index:05d}", start, end, label, annotator, stance))
    return out
