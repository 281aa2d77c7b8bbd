"""In the app, an export or a copy onto the open project (or a full disk) is a message, not a loss (#14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from annotator.gui.project import export_dialog
from annotator.gui.project.export_dialog import ExportDialog
from annotator.gui.session import ProjectSession
from annotator.gui.shell.main_window import MainWindow
from annotator.store.project_store import ProjectStore
from tests.support.projects import make_project


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(export_dialog, "show_export_error", lambda _parent, text: seen.append(text))
    monkeypatch.setattr(export_dialog, "show_export_result", lambda *a: seen.append("exported"))
    return seen


@pytest.fixture
def project_session(qapp, tmp_path: Path):
    session = ProjectSession(ProjectStore.open(make_project(tmp_path / "p.annotator")), "alice")
    yield session
    session.close()


def _content(store: ProjectStore) -> tuple[int, int]:
    return store.documents.count(), len(store.annotations.spans())


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "brat"])
def test_the_export_dialog_refuses_to_write_over_the_open_project(
    qtbot, project_session: ProjectSession, errors: list[str], fmt: str
) -> None:
    dialog = ExportDialog(project_session)
    qtbot.addWidget(dialog)
    store = project_session.store
    assert dialog.accept_with(fmt, store.path) is None
    assert len(errors) == 1
    assert "would replace the open project p.annotator" in errors[0]
    assert _content(store) == (6, 36)
    with ProjectStore.open(store.path, read_only=True) as again:  # the file itself is intact
        assert _content(again) == (6, 36)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_the_export_dialog_says_the_disk_is_full(
    qtbot, project_session: ProjectSession, errors: list[str]
) -> None:
    dialog = ExportDialog(project_session)
    qtbot.addWidget(dialog)
    assert dialog.accept_with("jsonl", Path("/dev/full")) is None
    assert len(errors) == 1 and "disk is full" in errors[0]


def test_save_a_copy_onto_the_open_project_shows_a_message(
    qtbot, tmp_path: Path, project_session: ProjectSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.gui.project import project_files

    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.set_session(project_session)
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(project_files, "ask_copy_path", lambda *_a: project_session.store.path)
    window._on_save_copy()
    assert len(shown) == 1 and "would replace the open project" in shown[0]
    assert _content(project_session.store) == (6, 36)
    window.set_session(None)
