"""Merging ten annotators' project files into one (issue #15), against the plainest SQL that
moves the same rows: each file ATTACHed and its documents, spans (in document order, like
the merge), document stances, done flags, claims and claim links copied with
INSERT … SELECT in one transaction.

The merge is merge_projects as the command line and undo's redo run it: each file
checked (opened read-only, `PRAGMA quick_check`), then all merged in one transaction.
Each run merges into a new, empty project made untimed; run and baseline alternate, so
a burst of load on the shared machine falls on both alike (full size: twice each, a
minute a run on the loaded 2-core machine).
"""

from __future__ import annotations

from pathlib import Path

from annotator.services.merge import merge_projects
from annotator.store.project_store import ProjectStore
from benchmarks import merge_workload
from benchmarks.context import Context
from benchmarks.timing import Row, make_row, measure, measure_pair

AREA = "merge"
NAMES = ("archive_merge",)


def raw_merge(target: Path, files: list[Path]) -> None:
    """The same rows copied straight: ATTACH, INSERT OR IGNORE … SELECT, COMMIT."""
    with ProjectStore.open(target) as store:
        conn = store.conn
        conn.execute("BEGIN IMMEDIATE")
        for index, path in enumerate(files):
            conn.execute(f"ATTACH DATABASE ? AS f{index}", [path.absolute().as_uri() + "?mode=ro"])
        for index in range(len(files)):
            o = f"f{index}"
            conn.execute(
                "INSERT OR IGNORE INTO main.documents (id, sha256, title, source, url, published,"
                " text, format, styles, position) SELECT id, sha256, title, source, url,"
                f" published, text, format, styles, position FROM {o}.documents"
            )
            conn.execute(
                'INSERT OR IGNORE INTO main.spans (id, document_id, start, "end", label_id,'
                " annotator, stance_id, target_id, note, origin, fragments)"
                ' SELECT id, document_id, start, "end", label_id, annotator, stance_id,'
                f" target_id, note, origin, fragments FROM {o}.spans"
                # In document order, as the merge copies them: in rowid order the indexes
                # keyed by document grow at random pages and the copy takes twice as long.
                " ORDER BY document_id, start"
            )
            conn.execute(
                "INSERT OR IGNORE INTO main.document_stances (document_id, annotator, target_id,"
                " stance_id, origin) SELECT document_id, annotator, target_id, stance_id, origin"
                f" FROM {o}.document_stances"
            )
            conn.execute(
                "INSERT OR IGNORE INTO main.document_status (document_id, annotator, done)"
                f" SELECT document_id, annotator, done FROM {o}.document_status"
            )
            conn.execute(
                "INSERT OR IGNORE INTO main.claims (id, wording, annotator, origin, created_at,"
                " updated_at) SELECT id, wording, annotator, origin, created_at, updated_at"
                f" FROM {o}.claims"
            )
            conn.execute(
                "INSERT OR IGNORE INTO main.claim_mentions (span_id, claim_id, value)"
                f" SELECT span_id, claim_id, value FROM {o}.claim_mentions"
            )
        conn.execute("COMMIT")
        for index in range(len(files)):
            conn.execute(f"DETACH DATABASE f{index}")


def run(ctx: Context) -> list[Row]:
    files = merge_workload.project_files(ctx)
    target = ctx.path("merged.annotator")

    def fresh_target() -> Path:
        # The last run's result goes first (a merged archive is hundreds of MB).
        for leftover in (target, *(target.with_name(target.name + s) for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
        ProjectStore.create(target).close()
        return target

    def merge(target: Path) -> None:
        with ProjectStore.open(target) as store:
            merge_projects(store, files)

    def raw(target: Path) -> None:
        raw_merge(target, files)

    if ctx.quick:
        times, base = measure_pair(merge, raw, repeat=2, setup=fresh_target)
    else:  # a minute each on the 2-core machine: no warm-up, alternating, twice
        times, base = [], []
        for _ in range(2):
            times += measure(merge, repeat=1, setup=fresh_target, warmup=0)
            base += measure(raw, repeat=1, setup=fresh_target, warmup=0)
    return [make_row("archive_merge", merge_workload.describe(ctx), times, base, target_ratio=3)]
