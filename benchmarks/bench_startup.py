"""Start the app to a painted window on the demo project, against a bare QMainWindow.

Each start is a fresh interpreter, so interpreter start-up and imports count in both. The
clock starts just before the child is spawned and stops when the child has painted its
window (`grab()`); the child then exits at once, so teardown is not counted.
"""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import time
from pathlib import Path

import annotator
from annotator.services.demo import load_demo
from annotator.store.project_store import ProjectStore
from benchmarks.context import Context
from benchmarks.timing import Row, make_row

AREA = "startup"
NAMES = ("startup",)

# A child that opens the project argv[1] (settings file argv[2]) in the main window and
# paints it; the startup and memory benchmarks each append what they report.
OPEN_AND_PAINT = """
import json, os, resource, sys, time
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from annotator.gui.shell.main_window import MainWindow
from annotator.gui.shell.resources import load_stylesheet
from annotator.gui.session import ProjectSession
from annotator.store.project_store import ProjectStore
app = QApplication(["annotator"])
app.setStyleSheet(load_stylesheet())
window = MainWindow(QSettings(sys.argv[2], QSettings.Format.IniFormat))
window.set_session(ProjectSession(ProjectStore.open(Path(sys.argv[1])), "alice"))
window.show()
app.processEvents()
window.grab()
"""
_APP = (
    OPEN_AND_PAINT
    + """
print(time.time(), flush=True)
os._exit(0)
"""
)

_BARE = """
import os, sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(["bare"])
window = QMainWindow()
window.resize(1440, 900)
window.show()
app.processEvents()
window.grab()
print(time.time(), flush=True)
os._exit(0)
"""


def time_to_paint(code: str, *args: str) -> float:
    """Seconds from spawning `python -c code args` until it reports a painted window."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    )
    return float(result.stdout.strip().splitlines()[-1]) - started


def run(ctx: Context) -> list[Row]:
    demo = ctx.path("demo.annotator")
    if not demo.exists():
        with ProjectStore.create(demo) as store:
            load_demo(store)
    settings = str(ctx.path("startup-settings.ini"))
    repeat = 1 if ctx.quick else 5
    # An installed app runs from byte-compiled modules (pip compiles them; PySide6's are),
    # but an editable checkout under PYTHONDONTWRITEBYTECODE=1 would recompile ours from
    # source on every start (~40 ms): compile once so both sides start alike.
    compileall.compile_dir(str(Path(annotator.__file__).parent), quiet=1)
    time_to_paint(_APP, str(demo), settings)  # warm the OS file cache
    time_to_paint(_BARE)
    app = [time_to_paint(_APP, str(demo), settings) for _ in range(repeat)]
    bare = [time_to_paint(_BARE) for _ in range(repeat)]
    with ProjectStore.open(demo) as store:
        documents = store.documents.count()
    workload = f"demo project ({documents} seed articles); fresh interpreter, imports included"
    return [make_row("startup", workload, app, bare, target_s=1.0, target_ratio=3)]
