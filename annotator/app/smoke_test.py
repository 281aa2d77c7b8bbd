"""`annotator --smoke-test [PROJECT]`: open, paint, report and quit, for CI and installers.

Prints one JSON object (what was found and painted) and exits 0 only when the window
painted more than one colour and, given a project, opened it. It uses throwaway settings,
so it neither asks for a name nor touches the user's recent projects, and it does not talk
to a running instance.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

import annotator
from annotator.app.gui_main import AppController
from annotator.gui.shell.resources import icon_path, load_stylesheet

SMOKE_ANNOTATOR = "smoke-test"


def smoke_test_run(app: QApplication, project: Path | None, name: str | None) -> int:
    with tempfile.TemporaryDirectory(prefix="annotator-smoke-") as scratch:
        settings = QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
        controller = AppController(settings, name or SMOKE_ANNOTATOR)
        controller.window.resize(1200, 800)
        controller.window.show()
        opened = controller.open_project(project) if project is not None else None
        report: dict[str, object] = {}
        QTimer.singleShot(0, lambda: _report(app, controller, project, opened, report))
        app.exec()
        controller.window.close()
    print(json.dumps(report, sort_keys=True))
    return 0 if report.get("ok") else 1


def _report(
    app: QApplication,
    controller: AppController,
    project: Path | None,
    opened: bool | None,
    report: dict[str, object],
) -> None:
    app.processEvents()
    image = controller.window.grab().toImage()
    session = controller.window.session
    colours = _distinct_colours(image)
    report.update(
        version=annotator.__version__,
        platform=app.platformName(),
        package=str(Path(annotator.__file__).parent),
        stylesheet=bool(load_stylesheet()),
        icon=icon_path() is not None and not app.windowIcon().isNull(),
        project=str(project) if project is not None else None,
        documents=session.store.documents.count() if session is not None else 0,
        painted=[image.width(), image.height()],
        colours=colours,
    )
    report["ok"] = colours > 1 and opened is not False
    app.quit()


def _distinct_colours(image: QImage) -> int:
    """How many colours a 48x32 thumbnail holds: 1 means nothing was drawn."""
    if image.isNull():
        return 0
    small = image.scaled(48, 32)
    return len({small.pixel(x, y) for x in range(small.width()) for y in range(small.height())})
