"""Composition root of the desktop app: QApplication, settings, annotator name, projects."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator import APP_ID
from annotator.core.errors import AnnotatorError, DamagedProjectError
from annotator.gui.project.annotator_name_dialog import AnnotatorNameDialog
from annotator.gui.project.backup_timer import BackupTimer
from annotator.gui.project.damaged_project_ui import offer_backup_copy
from annotator.gui.project.project_files import open_store
from annotator.gui.project.recent_projects import RecentProjects
from annotator.gui.session import ProjectSession
from annotator.gui.shell.main_window import MainWindow
from annotator.gui.shell.resources import icon_path
from annotator.gui.shell.single_instance import (
    InstanceNotAnsweringError,
    forward_or_listen,
    socket_path,
)
from annotator.store.project_store import ProjectStore

ANNOTATOR_KEY = "annotator_name"


class AppController:
    """Owns one window and decides which project it shows and who annotates."""

    def __init__(
        self,
        settings: QSettings,
        annotator: str | None = None,
        focus_elsewhere: Callable[[Path, AppController], bool] | None = None,
    ):
        self.settings = settings
        # Raises another window already showing a project (and says so): one writer per file.
        self._focus_elsewhere = focus_elsewhere or (lambda path, controller: False)
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
        if not create and self._focus_elsewhere(Path(path), self):
            return True
        name = self.annotator()
        if name is None:
            return False
        try:
            store = open_store(Path(path), create=create)
        except DamagedProjectError as exc:
            copy = offer_backup_copy(self.window, exc)
            return copy is not None and self.open_project(copy)
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
        # The seed articles' reader (and nh3 with it) only when the demo is asked for (#15).
        from annotator.services.demo import load_demo

        folder = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        )
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "demo.annotator"
        try:
            if not path.exists():
                with ProjectStore.created(path) as store:
                    load_demo(store)
            elif not _has_documents(path):
                # Heals a demo left empty by an older version whose create failed half-way.
                with ProjectStore.open(path) as store:
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


def _has_documents(path: Path) -> bool:
    with ProjectStore.open(path, read_only=True) as store:
        return store.documents.count() > 0


def run_gui(
    project: Path | None = None, *, annotator: str | None = None, smoke_test: bool = False
) -> int:
    """Start the app (on `project`, else the last project, else the welcome page).

    When the app already runs for this user, hand `project` to it and return at once.
    `smoke_test`: open, paint, print a JSON report and quit (CI runs the built bundle so).
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("Annotator")
    app.setApplicationName("Annotator")
    app.setDesktopFileName(APP_ID)  # the .desktop file's name: docks group windows by it
    icon = icon_path()
    if icon is not None:
        app.setWindowIcon(QIcon.fromTheme(APP_ID, QIcon(str(icon))))
    from annotator.gui.shell.color_scheme import follow_system_scheme

    follow_system_scheme(app)  # light or dark as the system is, now and when it switches
    # Both build on AppController, defined above.
    from annotator.app.app_windows import AppWindows
    from annotator.app.smoke_test import smoke_test_run

    if smoke_test:
        return smoke_test_run(app, project, annotator)
    try:
        server = forward_or_listen(socket_path(APP_ID), [project] if project else [])
    except InstanceNotAnsweringError as exc:
        print(f"annotator: error: {exc}", file=sys.stderr)
        return 1
    if server is None:
        return 0  # the running app opened it
    from annotator.gui.shell.crash_dialog import install_excepthook

    log_dir = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    install_excepthook(log_dir / "crash.log")
    windows = AppWindows(QSettings(), annotator)
    server.files_received.connect(windows.open_files)
    windows.start(project)
    from annotator.gui.shell.background_job import wait_for_running_jobs

    app.aboutToQuit.connect(wait_for_running_jobs)  # a thread still running at exit aborts
    try:
        return app.exec()
    finally:
        server.close()
