"""Composition root of the desktop app: QApplication, settings, annotator name, projects."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.errors import AnnotatorError
from annotator.gui.project.annotator_name_dialog import AnnotatorNameDialog
from annotator.gui.project.backup_timer import BackupTimer
from annotator.gui.project.project_files import open_store
from annotator.gui.project.recent_projects import RecentProjects
from annotator.gui.session import ProjectSession
from annotator.gui.shell.main_window import MainWindow
from annotator.gui.shell.resources import icon_path, load_stylesheet
from annotator.services.demo import load_demo

ANNOTATOR_KEY = "annotator_name"


class AppController:
    """Owns the window and decides which project it shows and who annotates."""

    def __init__(self, settings: QSettings, annotator: str | None = None):
        self.settings = settings
        self.recent = RecentProjects(settings)
        self.window = MainWindow(settings)
        self._annotator = annotator or str(settings.value(ANNOTATOR_KEY, "") or "")
        self.window.project_requested.connect(self.open_project)
        self.window.demo_requested.connect(self.open_demo)
        self.window.annotator_change_requested.connect(self.change_annotator)

    def annotator(self) -> str | None:
        """The remembered name, asking once when there is none."""
        if not self._annotator:
            name = AnnotatorNameDialog.ask(self.window, "", [])
            if not name:
                return None
            self._annotator = name
            self.settings.setValue(ANNOTATOR_KEY, name)
        return self._annotator

    def open_project(self, path: Path, create: bool = False) -> bool:
        name = self.annotator()
        if name is None:
            return False
        try:
            store = open_store(Path(path), create=create)
        except AnnotatorError as exc:
            QMessageBox.warning(self.window, "Cannot open project", str(exc))
            return False
        session = ProjectSession(store, name)
        backup_timer = BackupTimer(session)
        backup_timer.backup_failed.connect(self.window.show_message)
        self.window.set_session(session)
        backup_timer.start()
        self.recent.add(Path(path))
        return True

    def open_demo(self) -> bool:
        folder = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        )
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "demo.annotator"
        try:
            if not path.exists():
                from annotator.store.project_store import ProjectStore

                with ProjectStore.create(path) as store:
                    load_demo(store)
        except AnnotatorError as exc:
            QMessageBox.warning(self.window, "Cannot create the demo", str(exc))
            return False
        return self.open_project(path)

    def change_annotator(self) -> None:
        known = self.window.session.store.annotations.annotators() if self.window.session else []
        name = AnnotatorNameDialog.ask(self.window, self._annotator, known)
        if not name or name == self._annotator:
            return
        self._annotator = name
        self.settings.setValue(ANNOTATOR_KEY, name)
        session = self.window.session
        if session is not None:
            path = session.store.path
            self.window.set_session(None)
            self.open_project(path)


def run_gui(project: Path | None = None, *, annotator: str | None = None) -> int:
    """Start the app (on `project`, else the last project, else the welcome page)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("Annotator")
    app.setApplicationName("Annotator")
    app.setDesktopFileName("annotator")
    icon = icon_path()
    if icon is not None:
        app.setWindowIcon(QIcon(str(icon)))
    app.setStyleSheet(load_stylesheet())
    from annotator.gui.shell.crash_dialog import install_excepthook

    log_dir = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    install_excepthook(log_dir / "crash.log")
    controller = AppController(QSettings(), annotator)
    controller.window.show()
    target = project or controller.recent.last()
    if target is not None:
        if project is not None and not Path(project).exists():
            controller.open_project(Path(project), create=True)
        else:
            controller.open_project(Path(target))
    return app.exec()
