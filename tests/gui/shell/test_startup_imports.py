"""Start-up imports only what paints the first window (issue #15, start-up ratio).

numpy and krippendorff (agreement), psycopg (the team hub), the export writers and
xml/urllib (Label Studio), markdown (the help window) and pyarrow (parquet) together
cost several times the bare Qt window the start-up benchmark compares with. So do the
panels behind the dock tabs (Search, Guidelines, Claims, Suggestions, Documents), made
when their tab is first shown, and, by a few milliseconds each, merging and importing,
nh3 for a selected annotation's note and socket (for a temporary file's name). Each is
imported when its feature is first used; this test fails when any of them creeps back
into the path from `annotator PROJECT` to a painted main window.

PySide6 makes a Qt class's Python enums (~0.17 ms each, in Python) when the class is first
touched, so the enum classes made on the way to the painted window are counted too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

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
    # search and the sentence index (store.search, store.sentences), and the note preview
    "annotator.store.search_repo",
    "annotator.core.search_query",
    "annotator.store.sentence_index",
    "annotator.core.claims.sentences",
    "annotator.gui.shell.safe_text_browser",
)

_CHILD = """
import enum, json, sys
made = []  # every enum class created, by name (PySide6 creates Qt's through this)
create = enum.EnumType._create_
def counting_create(cls, class_name, *args, **kwargs):
    made.append(class_name)
    return create(cls, class_name, *args, **kwargs)
enum.EnumType._create_ = counting_create
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
print(json.dumps({"modules": sorted(sys.modules), "enums": made}))
"""


@pytest.fixture(scope="module")
def painted_start(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The modules loaded and the enum classes made from start to a painted demo window."""
    folder = tmp_path_factory.mktemp("start")
    project = folder / "demo.annotator"
    with ProjectStore.create(project) as store:
        load_demo(store)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(project), str(folder / "settings.ini")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    started: dict[str, list[str]] = json.loads(result.stdout.strip().splitlines()[-1])
    assert "annotator.gui.shell.main_window" in started["modules"]  # it built the window
    return started


def test_opening_a_project_to_a_painted_window_defers_heavy_imports(
    painted_start: dict[str, list[str]],
) -> None:
    early = sorted(
        name
        for name in painted_start["modules"]
        for heavy in DEFERRED
        if name == heavy or name.startswith(heavy + ".")
    )
    assert early == []


def test_no_call_on_the_way_to_the_painted_window_loads_every_widget_class(
    painted_start: dict[str, list[str]],
) -> None:
    # The first Python call handed a C++-made widget of a class it cannot name at once
    # (a scroll area's viewport()) loads every QtWidgets class to find it, with the enums
    # of QWizard, QMdiArea, QCalendarWidget, QSlider and 35 more: ~10 ms (#15).
    unused = {"WizardButton", "SubWindowOption", "HorizontalHeaderFormat", "TickPosition"}
    swept = unused & set(painted_start["enums"])
    assert swept == set()
