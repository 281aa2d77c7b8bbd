"""Start-up imports only what paints the first window (issue #15, start-up ratio).

numpy and krippendorff (agreement), psycopg (the team hub), the export writers and
xml/urllib (Label Studio), markdown (the help window) and pyarrow (parquet) together
cost several times the bare Qt window the start-up benchmark compares with. So do the
panels behind the dock tabs (Search, Guidelines, Claims, Suggestions, Documents), made
when their tab is first shown, and, by a few milliseconds each, merging and importing,
nh3 for a selected annotation's note and socket (for a temporary file's name). Each is
imported when its feature is first used; this test fails when any of them creeps back
into the path from `annotator PROJECT` to a painted main window.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from annotator.services.demo import load_demo
from annotator.store.project_store import ProjectStore

# Loaded on first use only; each measured at 10-150 ms of start-up on the 2-core machine.
DEFERRED = (
    "numpy",
    "krippendorff",
    "psycopg",
    "pyarrow",
    "markdown",
    "urllib.request",
    "http.client",
    "xml.sax",
    "annotator.services.formats",
    "annotator.core.agreement",
    "annotator.hub.sync",
    "annotator.hub.errors",
    # the panels behind tabs (dock_column.DeferredPanel)
    "annotator.gui.reading.search_panel",
    "annotator.gui.reading.documents_panel",
    "annotator.gui.annotating.guidelines_dock",
    "annotator.gui.claims.claims_panel",
    "annotator.gui.claims.suggestions_panel",
    # merging and importing (redo of a merge or import), a note's rendering, the host name
    "annotator.services.merge",
    "annotator.store.ingest",
    "annotator.services.rich_text",
    "nh3",
    "socket",
    # the claim picker (a dialog and a proxy model) and the Suggestions panel's ranker
    "annotator.gui.claims.claim_picker_dialog",
    "annotator.services.similar_sentences",
    # the welcome page: a window opened on a project never shows it
    "annotator.gui.project.welcome_page",
)

_CHILD = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from annotator.app import cli
from annotator.app.gui_main import AppController
from annotator.gui.shell.resources import load_stylesheet

cli.build_parser()  # what `annotator PROJECT` does before the window
app = QApplication(["annotator"])
app.setStyleSheet(load_stylesheet())
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
controller = AppController(settings, annotator="alice")
assert controller.open_project(Path(sys.argv[1]))
controller.window.show()
app.processEvents()
controller.window.grab()
print(json.dumps(sorted(sys.modules)))
"""


def test_opening_a_project_to_a_painted_window_defers_heavy_imports(tmp_path: Path) -> None:
    project = tmp_path / "demo.annotator"
    with ProjectStore.create(project) as store:
        load_demo(store)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(project), str(tmp_path / "settings.ini")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert "annotator.gui.shell.main_window" in loaded  # the child really built the window
    early = sorted(
        name
        for name in loaded
        for heavy in DEFERRED
        if name == heavy or name.startswith(heavy + ".")
    )
    assert early == []
