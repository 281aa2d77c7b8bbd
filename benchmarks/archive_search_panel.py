"""archive_search_panel: the search panel itself, from a query to its painted first page.

The archive_search_* rows time the store's first page; this one adds what the analyst
waits for in the app: the results list built and painted (the rest is read as the list
is scrolled). Baseline: the same raw FTS5 query for the first page, alone.
"""

from __future__ import annotations

from pathlib import Path

from annotator.store.project_store import ProjectStore
from benchmarks import archive
from benchmarks.context import Context, qt_app, settle
from benchmarks.timing import Row, make_row, measure_pair

NAME = "archive_search_panel"
QUERY = "experts"  # in nearly every article of the archive
PANEL_SIZE = (420, 900)  # a tall dock: more rows than one page would fill


def panel_row(ctx: Context, project: Path, me: str, first_page: int) -> Row:
    from annotator.gui.reading.search_panel import SearchPanel
    from annotator.gui.session import ProjectSession

    qt_app()
    session = ProjectSession(ProjectStore.open(project), me)
    panel = SearchPanel(session)
    panel.resize(*PANEL_SIZE)
    panel.show()
    settle()
    panel.search_field.setText(QUERY)

    def search(_: object) -> None:
        panel.search_now()  # a fresh search each time: the list is cleared and rebuilt
        panel.results.repaint()  # painted, as the analyst sees it

    def raw(_: object) -> None:
        session.store.conn.execute(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            [QUERY, first_page],
        ).fetchall()

    try:
        times, base = measure_pair(search, raw, repeat=ctx.repeat(15))
        shown = len(panel.search_now())
    finally:
        panel.close()
        session.close()
    workload = f"{archive.describe(ctx)}; {QUERY!r}, the panel's first page ({shown} hits) painted"
    return make_row(NAME, workload, times, base, target_s=0.050)
