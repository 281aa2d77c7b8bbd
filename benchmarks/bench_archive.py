"""A whole archive in one project (issue #15): 10,000 articles of 5 KB, 1,000,000 spans by
10 annotators (benchmarks/archive.py, generated and imported once into the cache folder).

Rows: the project opened to a painted main window in a fresh process (against a bare Qt
window), its peak memory there, switching document in the reading pane, a keystroke in
the Documents panel's filter (archive_document_filter.py), the first page
of search hits, agreement over the whole project (against reading its columns with one
plain query), and the jsonl / csv exports against writing the same rows with `json` /
`csv` directly. The fresh-process rows and the exports run fewer times than the others:
each takes seconds.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

from annotator.services.agreement_service import project_agreement
from annotator.services.export import export_project
from annotator.store.project_store import ProjectStore
from benchmarks import archive, archive_document_filter, archive_search_panel, workloads
from benchmarks.bench_gui_open import time_switching
from benchmarks.bench_memory import _CHILD as MEMORY_CHILD
from benchmarks.bench_startup import _APP, _BARE, time_to_paint
from benchmarks.context import Context, qt_app, settle
from benchmarks.qt_baseline import VIEW_SIZE
from benchmarks.timing import Row, make_row, measure

AREA = "archive"
NAMES = (
    "archive_open",
    "archive_memory",
    "archive_switch",
    archive_document_filter.NAME,
    "archive_search_rare",
    "archive_search_common",
    "archive_search_panel",
    "archive_agreement",
    "archive_export_jsonl",
    "archive_export_csv",
)
FIRST_PAGE = 50  # search hits shown before the list is scrolled
# The window opens as one of the archive's annotators (100,000 spans of their own in the
# annotation list), not as a newcomer with none.
ME = archive.ANNOTATORS[0]
APP, MEMORY = (code.replace('"alice"', repr(ME)) for code in (_APP, MEMORY_CHILD))


def _open_rows(ctx: Context, project: Path) -> list[Row]:
    rows = []
    settings = str(ctx.path("archive-settings.ini"))
    repeat = 1 if ctx.quick else 3
    if ctx.wants(AREA, "archive_open"):
        times = [time_to_paint(APP, str(project), settings) for _ in range(repeat)]
        base = [time_to_paint(_BARE) for _ in range(repeat)]
        workload = f"{archive.describe(ctx)}; fresh process to a painted main window, as {ME}"
        rows.append(make_row("archive_open", workload, times, base, target_s=1.0))
    if ctx.wants(AREA, "archive_memory"):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        peaks = []
        for _ in range(repeat):
            result = subprocess.run(
                [sys.executable, "-c", MEMORY, str(project), settings],
                capture_output=True, text=True, env=env, check=True,
            )  # fmt: skip
            peaks.append(json.loads(result.stdout.strip().splitlines()[-1])["peak_mb"])
        workload = f"{archive.describe(ctx)}, open in the main window as {ME} (peak RSS)"
        rows.append(make_row("archive_memory", workload, peaks, target_s=500, unit="MB"))
    return rows


def _switch_row(ctx: Context, project: Path) -> Row:
    from annotator.gui.reading.document_pane import DocumentPane
    from annotator.gui.session import ProjectSession

    qt_app()
    session = ProjectSession(ProjectStore.open(project), ME)
    session.set_show_others(True)  # everyone's spans painted: an adjudicator's view
    pane = DocumentPane(session)
    pane.resize(*VIEW_SIZE)
    pane.show()
    ids = session.store.documents.ids()
    step = max(1, len(ids) // 97)
    cycle = itertools.cycle(ids[::step])
    settle()

    times, base = time_switching(session, pane, cycle, repeat=ctx.repeat(30))
    return make_row("archive_switch", archive.describe(ctx), times, base, target_s=0.030)


def _search_rows(ctx: Context, store: ProjectStore) -> list[Row]:
    rows = []
    queries = {"archive_search_rare": workloads.RARE_PHRASE, "archive_search_common": "experts"}
    for name, query in queries.items():
        if not ctx.wants(AREA, name):
            continue
        repeat = ctx.repeat(15)
        times = measure(lambda _, q=query: store.search.hits(q, limit=FIRST_PAGE), repeat=repeat)
        phrase = '"' + query + '"'
        base = measure(
            lambda _, p=phrase: store.conn.execute(
                "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? LIMIT ?",
                [p, FIRST_PAGE],
            ).fetchall(),
            repeat=repeat,
        )
        found = len(store.search.document_ids(query))
        workload = f"{archive.describe(ctx)}; {query!r} in {found:,} documents, first page"
        rows.append(make_row(name, workload, times, base, target_s=0.050))
    return rows


def _raw_jsonl(store: ProjectStore, out: Path) -> None:
    """Every document with its spans, one json.dumps per document, straight from SQL."""
    conn = store.conn
    names = dict(conn.execute("SELECT id, name FROM scheme_items"))
    spans = conn.execute(
        'SELECT s.document_id, s.id, s.start, s."end", s.label_id, s.annotator, s.stance_id,'
        " s.target_id, s.note FROM spans s JOIN documents d ON d.id = s.document_id"
        ' ORDER BY d.position, s.start, s."end", s.id'
    )
    grouped = itertools.groupby(spans, key=lambda row: row[0])
    pending = next(grouped, None)
    with out.open("w", encoding="utf-8") as handle:
        for doc_id, title, text in conn.execute(
            "SELECT id, title, text FROM documents ORDER BY position"
        ):
            mine = []
            if pending is not None and pending[0] == doc_id:
                mine = [
                    {"id": r[1], "start": r[2], "end": r[3], "label": names[r[4]],
                     "annotator": r[5], "stance": names.get(r[6]), "target": names.get(r[7]),
                     "note": r[8], "text": text[r[2] : r[3]]}
                    for r in pending[1]
                ]  # fmt: skip
                pending = next(grouped, None)
            record = {"id": doc_id, "title": title, "text": text, "spans": mine}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _raw_agreement_columns(store: ProjectStore) -> int:
    """What agreement cannot do without: every span's document, annotator, place, label and
    stance, fetched with one plain SQL query (no matching, no report)."""
    rows = store.conn.execute(
        'SELECT document_id, annotator, start, "end", label_id, stance_id FROM spans'
    ).fetchall()
    return len(rows)


def _raw_csv(store: ProjectStore, out: Path) -> None:
    """One row per span with its document's title and its passage, csv.writer directly."""
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["document_id", "title", "span_id", "start", "end", "label", "annotator",
                         "stance", "target", "note", "text"])  # fmt: skip
        writer.writerows(
            store.conn.execute(
                'SELECT s.document_id, d.title, s.id, s.start, s."end", l.name, s.annotator,'
                ' st.name, tg.name, s.note, substr(d.text, s.start + 1, s."end" - s.start)'
                " FROM spans s JOIN documents d ON d.id = s.document_id"
                " JOIN scheme_items l ON l.id = s.label_id"
                " LEFT JOIN scheme_items st ON st.id = s.stance_id"
                " LEFT JOIN scheme_items tg ON tg.id = s.target_id"
                ' ORDER BY d.position, s.start, s."end", s.id'
            )
        )


def run(ctx: Context) -> list[Row]:
    project = archive.project(ctx)
    rows = _open_rows(ctx, project)
    if ctx.wants(AREA, "archive_switch"):
        rows.append(_switch_row(ctx, project))
    if ctx.wants(AREA, archive_document_filter.NAME):
        rows.append(archive_document_filter.filter_row(ctx, project, ME))
    if ctx.wants(AREA, archive_search_panel.NAME):
        rows.append(archive_search_panel.panel_row(ctx, project, ME, FIRST_PAGE))
    slow = 1 if not ctx.quick else 2  # seconds each at full size: one timed run
    with ProjectStore.open(project) as store:
        rows.extend(_search_rows(ctx, store))
        if ctx.wants(AREA, "archive_agreement"):
            # A couple of seconds each since the columnar report (#15): three runs, a median.
            times = measure(lambda _: project_agreement(store), repeat=3, warmup=0)
            base = measure(lambda _: _raw_agreement_columns(store), repeat=3, warmup=0)
            workload = (
                f"{archive.describe(ctx)}; whole project (baseline: its columns read with"
                " one plain SQL query)"
            )
            rows.append(make_row("archive_agreement", workload, times, base, target_s=5.0))
        for fmt, raw in (("jsonl", _raw_jsonl), ("csv", _raw_csv)):
            if not ctx.wants(AREA, f"archive_export_{fmt}"):
                continue
            out, raw_out = ctx.path(f"archive.{fmt}"), ctx.path(f"archive-raw.{fmt}")
            times = measure(
                lambda _, f=fmt, o=out: export_project(store, f, o), repeat=slow, warmup=0
            )
            base = measure(lambda _, r=raw, o=raw_out: r(store, o), repeat=slow, warmup=0)
            rows.append(
                make_row(
                    f"archive_export_{fmt}", archive.describe(ctx), times, base, target_ratio=2
                )
            )
    return rows
