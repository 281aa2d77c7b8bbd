"""Opening a large document with its highlights, and switching between documents of a project."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from typing import TYPE_CHECKING

from annotator.core.model import AnnotatedDocument
from annotator.store.project_store import ProjectStore
from benchmarks import workloads
from benchmarks.context import Context, qt_app, settle
from benchmarks.qt_baseline import VIEW_SIZE, RawTextView
from benchmarks.timing import Row, make_row, measure

if TYPE_CHECKING:  # for the annotations only: the rows import the GUI where they run
    from annotator.gui.reading.document_pane import DocumentPane
    from annotator.gui.session import ProjectSession

AREA = "gui_open"
NAMES = ("open_document", "open_document_50k", "switch_document")


def big_document(ctx: Context, spans: int) -> AnnotatedDocument:
    """One article of about 1 MB (or the largest document of --workload) with `spans` spans."""
    if ctx.workload_file is not None:
        items = ctx.cached("workload_items", lambda: workloads.read_jsonl(ctx.workload_file))
        return max(items, key=lambda item: len(item.document.text))
    size = ctx.size(1_000_000)

    def build() -> AnnotatedDocument:
        item = workloads.corpus(1, size, 0, seed=7)[0]
        rng = random.Random(spans)
        item.spans = workloads.random_spans(
            rng, item.document.id, item.document.text, spans, workloads.ANNOTATORS[:3]
        )
        return item

    return ctx.cached(f"big_document_{spans}", build)  # type: ignore[no-any-return]


def _describe(item: AnnotatedDocument) -> str:
    return f"{len(item.document.text) / 1e6:.2f} MB text, {len(item.spans):,} spans"


def _open_row(ctx: Context, name: str, spans: int, target_s: float) -> Row:
    from annotator.core.default_scheme import DEFAULT_SCHEME
    from annotator.gui.reading.document_view import DocumentView

    item = big_document(ctx, spans)
    view = DocumentView()
    view.resize(*VIEW_SIZE)
    view.show()
    settle()

    def run(_: object) -> None:
        view.set_document(item.document, item.spans, DEFAULT_SCHEME, "alice")
        settle()
        view.viewport().grab()

    repeat = ctx.repeat(7 if spans <= 5000 else 3)
    times = measure(run, repeat=repeat)
    raw = RawTextView(view.font())
    shown, ranges = raw.prepare(item.document.text, item.spans)
    baseline = measure(lambda _: raw.show(shown, ranges), repeat=repeat)
    raw.close()
    view.close()
    view.deleteLater()
    settle()
    return make_row(name, _describe(item), times, baseline, target_s=target_s, target_ratio=2)


def switch_project(ctx: Context) -> tuple[str, list[AnnotatedDocument]]:
    """A project of 200 articles of 5 KB with 20,000 spans (or the --workload file)."""

    def build() -> tuple[str, list[AnnotatedDocument]]:
        if ctx.workload_file is not None:
            items = ctx.cached("workload_items", lambda: workloads.read_jsonl(ctx.workload_file))
        else:
            items = workloads.corpus(ctx.size(200, 4), 5000, ctx.size(20_000), seed=3)
        path = ctx.path("switch.annotator")
        workloads.build_project(path, items)
        return str(path), items

    return ctx.cached("switch_project", build)  # type: ignore[no-any-return]


def time_switching(
    session: ProjectSession, pane: DocumentPane, ids: Iterator[str], *, repeat: int
) -> tuple[list[float], list[float]]:
    """Times `pane` switching to each next document of `ids`, painted, and the raw baseline
    (the same text and spans read and shown in a bare QPlainTextEdit); closes the pane and
    the session."""

    def run(document_id: object) -> None:
        pane.show_document(str(document_id))
        settle()
        pane.view.viewport().grab()

    times = measure(run, repeat=repeat, setup=lambda: next(ids), warmup=3)
    raw = RawTextView(pane.view.font())
    conn = session.store.conn
    labels = dict(conn.execute("SELECT id, name FROM scheme_items WHERE kind = 'label'"))

    def baseline(document_id: object) -> None:
        text = conn.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()[0]
        rows = conn.execute(
            'SELECT start, "end", label_id FROM spans WHERE document_id = ?', [document_id]
        ).fetchall()
        raw.show(text, [(start, end, labels[label]) for start, end, label in rows])

    base = measure(baseline, repeat=repeat, setup=lambda: next(ids), warmup=3)
    raw.close()
    pane.close()
    pane.deleteLater()
    session.close()
    settle()
    return times, base


def _switch_row(ctx: Context) -> Row:
    from annotator.gui.reading.document_pane import DocumentPane
    from annotator.gui.session import ProjectSession

    path, items = switch_project(ctx)
    session = ProjectSession(ProjectStore.open(path), "alice")
    session.set_show_others(True)  # paint everyone's spans, as an adjudicator sees them
    pane = DocumentPane(session)
    pane.resize(*VIEW_SIZE)
    pane.show()
    ids = itertools.cycle([item.document.id for item in items][:200])
    settle()

    times, base = time_switching(session, pane, ids, repeat=ctx.repeat(40))
    spans = workloads.total_spans(items)
    size = sum(len(item.document.text) for item in items) / len(items) / 1000
    workload = f"{len(items)} × {size:.0f} KB, {spans:,} spans"
    return make_row("switch_document", workload, times, base, target_s=0.030)


def run(ctx: Context) -> list[Row]:
    qt_app()
    rows = []
    if ctx.wants(AREA, "open_document"):
        rows.append(_open_row(ctx, "open_document", ctx.size(5000), 0.15))
    if ctx.wants(AREA, "open_document_50k") and ctx.workload_file is None:
        rows.append(_open_row(ctx, "open_document_50k", ctx.size(50_000), 1.0))
    if ctx.wants(AREA, "switch_document"):
        rows.append(_switch_row(ctx))
    return rows
