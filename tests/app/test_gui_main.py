"""The composition root: who annotates (asked once), opening projects and the demo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QMessageBox

from annotator.app import gui_main
from annotator.app.gui_main import ANNOTATOR_KEY, AppController
from annotator.core.errors import ProjectError
from annotator.gui.project.annotator_name_dialog import AnnotatorNameDialog
from annotator.services import demo
from annotator.store.project_store import ProjectStore


@pytest.fixture
def controller(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # The demo goes to a throwaway data folder of this test's own: the test-mode folder
    # (~/.qttest) is shared by every checkout on the machine, and a demo upgraded by a
    # newer checkout there made this one wait forever on a "newer version" message box.
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    QStandardPaths.setTestModeEnabled(True)
    asked: list[str] = []

    def ask(parent, current="", known=()):
        asked.append(current)
        return "alice"

    monkeypatch.setattr(AnnotatorNameDialog, "ask", staticmethod(ask))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    app_controller = AppController(settings)
    app_controller.asked = asked  # type: ignore[attr-defined]
    qtbot.addWidget(app_controller.window)
    yield app_controller
    app_controller.window.set_session(None)


def test_name_is_asked_once_and_remembered(controller: AppController, tmp_path: Path) -> None:
    project = tmp_path / "p.annotator"
    ProjectStore.create(project).close()
    assert controller.open_project(project)
    assert controller.window.session is not None and controller.window.session.annotator == "alice"
    assert controller.settings.value(ANNOTATOR_KEY) == "alice"
    assert controller.open_project(project)
    assert controller.asked == [""]  # type: ignore[attr-defined]
    assert controller.recent.last() == project.resolve()


def test_the_demo_opens_with_the_four_seed_articles(controller: AppController) -> None:
    assert controller.open_demo()
    session = controller.window.session
    assert session is not None
    assert session.store.documents.count() == 4
    assert len(controller.window.panes.panes()) == 2


def test_a_demo_left_empty_by_a_failed_create_is_filled(controller: AppController) -> None:
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "demo.annotator").unlink(missing_ok=True)
    ProjectStore.create(folder / "demo.annotator").close()  # what older versions left behind
    assert controller.open_demo()
    session = controller.window.session
    assert session is not None and session.store.documents.count() == 4


def test_a_demo_that_cannot_be_created_leaves_no_file(
    controller: AppController, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))

    def missing(store: ProjectStore) -> None:
        raise ProjectError("The seed articles are missing from this installation")

    monkeypatch.setattr(demo, "load_demo", missing)
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    (folder / "demo.annotator").unlink(missing_ok=True)
    assert not controller.open_demo()
    assert shown and "seed articles" in shown[0]
    assert not (folder / "demo.annotator").exists()
    assert not (folder / "demo.annotator-wal").exists()


def test_a_newer_project_is_refused_with_a_message(
    controller: AppController, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    project = tmp_path / "new.annotator"
    store = ProjectStore.create(project)
    store.conn.execute("PRAGMA user_version = 999")
    store.close()
    assert not controller.open_project(project)
    assert "newer version" in shown[0]
    assert controller.window.session is None


def test_cli_without_a_command_starts_the_app_on_the_project(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from annotator.app.cli import main

    calls: list[tuple[object, object]] = []
    monkeypatch.setattr(
        gui_main,
        "run_gui",
        lambda project, annotator=None, smoke_test=False: calls.append((project, annotator)) or 0,
    )
    assert main(["study.annotator"]) == 0
    assert main([]) == 0
    assert main(["gui", "x.annotator", "--annotator", "bob"]) == 0
    assert calls == [(Path("study.annotator"), None), (None, None), (Path("x.annotator"), "bob")]


def test_the_welcome_page_s_tour_link_opens_the_demo_with_the_tour(
    controller: AppController,
) -> None:
    from annotator.gui.shell.tour_panel import TourPanel

    welcome = controller.window.welcome
    assert "two-minute tour" in welcome.tour_link.text()
    welcome.tour_link.linkActivated.emit("#tour")  # what a click on the link does
    session = controller.window.session
    assert session is not None and session.store.documents.count() == 4
    panel = controller.window.findChild(TourPanel)
    assert panel is not None and panel.current_step.key == "columns"
