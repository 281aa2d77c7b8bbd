"""A plain copy of the project file, taken soon after a change in the app, holds it (#14).

Commits sit in `-wal` until a checkpoint: a file-manager copy of an open project had 0
spans while the app showed 1. The session checkpoints a second after the last change
and when the app loses focus.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from annotator.core.model import Span, new_id
from annotator.gui.commands import AddSpanCommand
from annotator.gui.session import ProjectSession
from annotator.store.project_store import ProjectStore
from tests.support.projects import make_project


def _spans_in_a_plain_copy(project: Path, folder: Path) -> int:
    folder.mkdir()
    copy = folder / project.name
    shutil.copy(project, copy)  # the main file only, as a file manager copies it
    with ProjectStore.open(copy, read_only=True) as store:
        return len(store.annotations.spans(annotators=["alice"]))


def _add_span(session: ProjectSession) -> None:
    span = Span(new_id(), "d0", 20, 30, "Claim", "alice")
    session.undo_stack.push(AddSpanCommand(session, span))


def test_a_copy_two_seconds_after_a_change_contains_it(qtbot, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p.annotator", ("bob",), 2)
    session = ProjectSession(ProjectStore.open(project), "alice")
    try:
        _add_span(session)
        assert _spans_in_a_plain_copy(project, tmp_path / "at-once") == 0  # still in -wal
        qtbot.wait(2000)
        assert _spans_in_a_plain_copy(project, tmp_path / "later") == 1
        session.undo_stack.undo()
        qtbot.wait(2000)
        assert _spans_in_a_plain_copy(project, tmp_path / "after-undo") == 0
    finally:
        session.close()


def test_leaving_the_window_checkpoints_at_once(qtbot, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p.annotator", ("bob",), 2)
    session = ProjectSession(ProjectStore.open(project), "alice")
    try:
        _add_span(session)
        app = QGuiApplication.instance()
        app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
        assert _spans_in_a_plain_copy(project, tmp_path / "copy") == 1
    finally:
        session.close()
