"""archive_filter: one keystroke in the Documents panel's filter, on the archive.

Per keystroke: from setting the filter box's text to the list's model answering its row
count and the data its delegate paints (title, outlet line, done icon) for the rows on
screen. Words are typed letter by letter, half of them with an outlet chosen and "Not
done" (a third of the archive marked done by the annotator, in a copy of the project:
the archive itself has no done flags). Baseline: the same filter as one plain SQL query
(LIKE, not the case folding function), then the same columns for the rows on screen.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

from annotator.store.project_store import ProjectStore
from benchmarks import archive, workloads
from benchmarks.context import Context, qt_app, settle
from benchmarks.timing import Row, make_row, measure_pair

NAME = "archive_filter"
WORDS = ("security", "experts", "report")
OUTLET = workloads.OUTLETS[1]
PANEL_SIZE = (300, 700)  # the dock column, a tall window


def _steps() -> list[tuple[bool, str]]:
    """(narrowed by outlet and not done, the box's text) for each keystroke."""
    steps = []
    for narrowed in (False, True):
        for word in WORDS:
            steps += [(narrowed, word[:n]) for n in range(1, len(word) + 1)]
    return steps


def _mark_done(store: ProjectStore, annotator: str) -> int:
    ids = store.documents.ids()[::3]
    with store.write() as conn:
        conn.executemany(
            "INSERT OR REPLACE INTO document_status (document_id, annotator, done)"
            " VALUES (?, ?, 1)",
            [(document_id, annotator) for document_id in ids],
        )
    return len(ids)


def filter_row(ctx: Context, project: Path, me: str) -> Row:
    from PySide6.QtCore import Qt

    from annotator.gui.reading.document_list_model import DetailRole, TitleRole
    from annotator.gui.reading.documents_panel import DocumentsPanel
    from annotator.gui.session import ProjectSession

    copy = ctx.path("archive-filter.annotator")
    shutil.copyfile(project, copy)
    with ProjectStore.open(copy) as store:
        done = _mark_done(store, me)
    qt_app()
    session = ProjectSession(ProjectStore.open(copy), me)
    panel = DocumentsPanel(session)
    panel.resize(*PANEL_SIZE)
    panel.show()
    settle()
    outlet_index = panel.outlet_filter.findData(OUTLET)
    not_done_index = panel.done_filter.findData(False)
    on_screen = max(1, panel.list.viewport().height() // max(1, panel.list.sizeHintForRow(0)))
    roles = (TitleRole, DetailRole, Qt.ItemDataRole.DecorationRole)
    conn = session.store.conn

    def narrow(narrowed: bool) -> None:
        """The outlet and done choosers for this keystroke, without filtering (the
        keystroke filters, with them)."""
        for combo, index in (
            (panel.outlet_filter, outlet_index),
            (panel.done_filter, not_done_index),
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(index if narrowed else 0)
            combo.blockSignals(False)

    app_steps = itertools.cycle(_steps())
    raw_steps = itertools.cycle(_steps())

    def keystroke(_: object) -> None:
        narrowed, text = next(app_steps)
        narrow(narrowed)
        panel.filter_field.setText(text)
        model = panel.model
        assert model is not None
        for row in range(min(on_screen, model.rowCount())):
            index = model.index(row)
            for role in roles:
                model.data(index, role)

    def raw(_: object) -> None:
        narrowed, text = next(raw_steps)
        sql = "SELECT id FROM documents WHERE title LIKE ?"
        params: list[object] = [f"%{text}%"]
        if narrowed:
            sql += (
                " AND source = ? AND NOT EXISTS (SELECT 1 FROM document_status t"
                " WHERE t.document_id = documents.id AND t.annotator = ? AND t.done = 1)"
            )
            params += [OUTLET, me]
        ids = [r[0] for r in conn.execute(sql + " ORDER BY position, id", params)]
        shown = ids[:on_screen]
        conn.execute(
            "SELECT id, title, source, published, url, length(text),"
            " (SELECT count(*) FROM spans s WHERE s.document_id = d.id),"
            " (SELECT count(*) FROM spans s WHERE s.document_id = d.id AND s.annotator = ?),"
            " coalesce((SELECT done FROM document_status t WHERE t.document_id = d.id"
            f" AND t.annotator = ?), 0) FROM documents d WHERE id IN ({', '.join('?' * len(shown))})",
            [me, me, *shown],
        ).fetchall()

    try:
        times, base = measure_pair(keystroke, raw, repeat=ctx.repeat(len(_steps())))
    finally:
        panel.close()
        session.close()
    workload = (
        f"{archive.describe(ctx)}; {', '.join(WORDS)} typed letter by letter, half with"
        f" outlet {OUTLET!r} and not done ({done:,} done); {on_screen} rows on screen"
    )
    return make_row(NAME, workload, times, base, target_s=0.050)
