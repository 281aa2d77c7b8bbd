"""Files handed over by later launches: the window showing one is raised, others open anew."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from annotator.app.app_windows import AppWindows
from annotator.store.project_store import ProjectStore


@pytest.fixture
def windows(qtbot, tmp_path: Path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    app_windows = AppWindows(settings, "alice")
    yield app_windows
    for controller in app_windows.controllers:
        controller.window.close()


def project(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    ProjectStore.create(path).close()
    return path


def test_the_same_file_twice_raises_its_window_and_opens_it_once(
    windows: AppWindows, tmp_path: Path
) -> None:
    a = project(tmp_path, "a.annotator")
    first = windows.start(a)
    again = windows.open(Path(str(a)))  # the same file, as a later launch sends it
    assert again is first and len(windows.controllers) == 1


def test_another_file_opens_a_second_window(windows: AppWindows, tmp_path: Path) -> None:
    a, b = project(tmp_path, "a.annotator"), project(tmp_path, "b.annotator")
    windows.start(a)
    windows.open_files([b])
    assert len(windows.controllers) == 2
    paths = {c.window.session.store.path for c in windows.controllers if c.window.session}
    assert paths == {a, b}


def test_a_window_on_its_welcome_page_is_reused(windows: AppWindows, tmp_path: Path) -> None:
    first = windows.start(None)
    assert first.window.session is None
    windows.open_files([project(tmp_path, "a.annotator")])
    assert windows.controllers == [first] and first.window.session is not None


def test_opening_a_file_shown_elsewhere_from_the_menu_raises_that_window(
    windows: AppWindows, tmp_path: Path
) -> None:
    a, b = project(tmp_path, "a.annotator"), project(tmp_path, "b.annotator")
    first = windows.start(a)
    second = windows.open(b)
    assert second.open_project(a)  # File → Open in the second window
    assert second.window.session is not None and second.window.session.store.path == b
    assert first.window.session is not None and first.window.session.store.path == a
