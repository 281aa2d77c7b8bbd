"""Adding one annotation in the main window (select → label → painted → committed), undo, redo."""

from __future__ import annotations

import random
import uuid

from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor

from annotator.store.connection import connect, use_wal
from annotator.store.project_store import ProjectStore
from benchmarks import workloads
from benchmarks.bench_gui_open import big_document
from benchmarks.context import Context, qt_app, settle
from benchmarks.qt_baseline import RawTextView
from benchmarks.timing import Row, make_row, measure

AREA = "gui_edit"
NAMES = ("add_annotation", "undo_annotation", "redo_annotation", "link_claim")
TARGET_S = 0.016  # one frame at 60 Hz
TARGET_RATIO = 2  # issue #15: the add/undo/redo path within 2x of format + commit + repaint
VISIBLE_CHARS = 1500  # new spans land in the painted part of the view


def _baseline(ctx: Context, text: str, spans: list, font: object, repeat: int) -> list[float]:
    """One char-format merge on the same text + one committed SQLite insert + a repaint."""
    raw = RawTextView(font)
    raw.show(*raw.prepare(text, spans))
    conn = connect(ctx.path("baseline_edit.db"), create=True)
    use_wal(conn)  # as a project is: the baseline commits the same way
    conn.execute(
        "CREATE TABLE IF NOT EXISTS spans (id TEXT PRIMARY KEY, document_id TEXT NOT NULL,"
        ' start INTEGER NOT NULL, "end" INTEGER NOT NULL, label_id INTEGER, annotator TEXT)'
    )
    rng = random.Random(11)

    def run(_: object) -> None:
        start = rng.randrange(VISIBLE_CHARS)
        end = start + rng.randint(5, 60)
        raw.merge(QTextCursor(raw.edit.document()), start, end, "Claim")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO spans VALUES (?, ?, ?, ?, ?, ?)",
            [uuid.uuid4().hex, "doc", start, end, 1, "alice"],
        )
        conn.execute("COMMIT")
        settle()
        raw.edit.viewport().repaint()

    times = measure(run, repeat=repeat)
    conn.close()
    raw.close()
    return times


def run(ctx: Context) -> list[Row]:
    from annotator.gui.session import ProjectSession
    from annotator.gui.shell.main_window import MainWindow

    qt_app()
    item = big_document(ctx, ctx.size(5000))
    path = ctx.cached(
        "edit_project", lambda: workloads.build_project(ctx.path("edit.annotator"), [item])
    )
    settings = QSettings(str(ctx.path("settings.ini")), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    session = ProjectSession(ProjectStore.open(path), "alice")
    window.set_session(session)
    window.show()
    settle()
    window.grab()
    pane = window.active_pane()
    controller = window.controller
    assert pane is not None and controller is not None
    pane.show_document(item.document.id)
    view = pane.view
    rng = random.Random(5)

    def select() -> None:
        start = rng.randrange(min(VISIBLE_CHARS, len(item.document.text) - 70))
        view.select_range(start, start + rng.randint(5, 60))
        settle()

    def paint() -> None:
        settle()
        view.viewport().repaint()

    def add(_: object) -> None:
        controller.apply_label("Claim")
        paint()

    def undo(_: object) -> None:
        session.undo_stack.undo()
        paint()

    def redo(_: object) -> None:
        session.undo_stack.redo()
        paint()

    repeat = ctx.repeat(25)
    added = measure(add, repeat=repeat, setup=select)
    undone = measure(undo, repeat=repeat, warmup=0)
    redone = measure(redo, repeat=repeat, warmup=0)
    assert session.undo_stack.count() == repeat + 1, "every label should be one undo step"

    # Linking by pointing: each new span joins one claim (command → marker painted).
    claims = window.claims.controller
    mine = [s for s in session.store.annotations.spans(item.document.id, ["alice"])]
    claims.create_claim(mine[0].id)
    claim_id = claims.current_claim_id
    assert claim_id is not None
    targets = iter(mine[1 : repeat + 1])

    def link(_: object) -> None:
        claims.link_to(claim_id, next(targets).id)
        paint()

    linked = measure(link, repeat=min(repeat, len(mine) - 1), warmup=0)
    baseline = _baseline(ctx, item.document.text, item.spans, view.font(), repeat)
    window.set_session(None)
    window.close()
    window.deleteLater()
    settle()

    workload = f"in {len(item.document.text) / 1e6:.2f} MB, {len(item.spans):,} spans, main window"
    return [
        make_row(name, workload, times, baseline, target_s=TARGET_S, target_ratio=TARGET_RATIO)
        for name, times in (
            ("add_annotation", added),
            ("undo_annotation", undone),
            ("redo_annotation", redone),
            ("link_claim", linked),
        )
        if ctx.wants(AREA, name)
    ]
