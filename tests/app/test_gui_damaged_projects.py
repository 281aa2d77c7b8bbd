"""A damaged project opened in the app is refused with what is wrong, and its latest
backup is offered as a copy beside it; the damaged file is never written to (#14).

The command line checked with `PRAGMA quick_check` before using a file; the app did not,
and a garbage page surfaced as a traceback from the first view that read it.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.app.gui_main import AppController
from annotator.gui.project.damaged_project_ui import OPEN_COPY
from annotator.store import backups
from annotator.store.project_store import ProjectStore
from tests.support.projects import counts, folder_state, make_project

PAGE = 4096


@pytest.fixture
def controller(qtbot, tmp_path: Path) -> AppController:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    app_controller = AppController(settings, annotator="alice")
    qtbot.addWidget(app_controller.window)
    yield app_controller
    app_controller.window.set_session(None)


def _project_with_backup(folder: Path) -> tuple[Path, Path]:
    folder.mkdir()
    project = make_project(folder / "study.annotator", ("alice", "bob"), 40)
    with ProjectStore.open(project) as store:
        backup = store.take_backup("open")
    return project, backup


def _garbage_page(project: Path, page: int) -> None:
    data = bytearray(project.read_bytes())
    data[page * PAGE : (page + 1) * PAGE] = random.Random(page).randbytes(PAGE)
    project.write_bytes(bytes(data))


def _answer(qtbot, button_text: str | None, seen: list[dict[str, object]]) -> None:
    """When the message box shows, record what it says and press `button_text` (or Escape)."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        seen.append(
            {
                "title": box.windowTitle(),
                "text": box.text(),
                "informative": box.informativeText(),
                "buttons": [b.text() for b in box.buttons()],
            }
        )
        target = next((b for b in box.buttons() if b.text() == button_text), None)
        if target is None:
            box.reject()
        else:
            target.click()

    QTimer.singleShot(0, press)


def test_a_garbage_page_is_refused_and_a_copy_of_the_backup_opened(
    controller: AppController, qtbot, tmp_path: Path
) -> None:
    project, backup = _project_with_backup(tmp_path / "work")
    _garbage_page(project, 31)  # an interior page of a table: quick_check reports it
    damaged = project.read_bytes()
    seen: list[dict[str, object]] = []
    _answer(qtbot, OPEN_COPY, seen)
    assert controller.open_project(project)
    [box] = seen
    assert box["title"] == "Project damaged"
    assert box["text"] == "study.annotator is damaged and was not opened."
    assert "What is wrong: Page 32: btreeInitPage()" in str(box["informative"])
    assert "holds 40 documents and 240 annotations" in str(box["informative"])
    assert box["buttons"] == [OPEN_COPY, "Cancel"]
    session = controller.window.session
    assert session is not None
    copy = session.store.path
    assert copy.parent == project.parent and copy != project
    assert copy.name.startswith("study (backup ") and copy.suffix == ".annotator"
    assert len(session.store.annotations.spans()) == 240
    assert counts(backup) == (40, 240, 80)
    assert project.read_bytes() == damaged  # never written to
    assert not Path(f"{project}-wal").exists() and not Path(f"{project}-shm").exists()
    assert (copy.stat().st_mode & 0o777) == 0o600
    assert controller.recent.last() == copy.resolve()


def test_cancel_leaves_everything_as_it_was(
    controller: AppController, qtbot, tmp_path: Path
) -> None:
    project, _backup = _project_with_backup(tmp_path / "work")
    _garbage_page(project, 31)
    before = folder_state(project.parent)
    seen: list[dict[str, object]] = []
    _answer(qtbot, None, seen)
    assert not controller.open_project(project)
    assert len(seen) == 1
    assert controller.window.session is None
    assert folder_state(project.parent) == before


def test_without_a_backup_the_message_says_so(
    controller: AppController, qtbot, tmp_path: Path
) -> None:
    (tmp_path / "work").mkdir()
    project = make_project(tmp_path / "work" / "study.annotator", ("alice",), 40)
    _garbage_page(project, 31)
    seen: list[dict[str, object]] = []
    _answer(qtbot, "Close", seen)
    assert not controller.open_project(project)
    [box] = seen
    assert box["buttons"] == ["Close"]
    assert "No backup of it was found beside it" in str(box["informative"])
    assert sorted(p.name for p in project.parent.iterdir()) == ["study.annotator"]


def test_an_empty_file_is_offered_its_backup_too(
    controller: AppController, qtbot, tmp_path: Path
) -> None:
    project, _backup = _project_with_backup(tmp_path / "work")
    project.write_bytes(b"")
    seen: list[dict[str, object]] = []
    _answer(qtbot, OPEN_COPY, seen)
    assert controller.open_project(project)
    assert "What is wrong: the file is empty." in str(seen[0]["informative"])
    session = controller.window.session
    assert session is not None and len(session.store.annotations.spans()) == 240
    assert project.stat().st_size == 0
    assert len(backups.list_backups(project)) == 1  # the damaged file was not backed up
