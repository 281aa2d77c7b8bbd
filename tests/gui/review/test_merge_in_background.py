"""A merge from the main window runs on a worker thread behind a progress dialog with
Cancel: a cancelled merge leaves the project and the undo stack as they were; a stored one
is one undoable step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from annotator.gui.review import merge_ui
from annotator.gui.session import ProjectSession
from annotator.gui.shell.main_window import MainWindow
from annotator.services import recorded_merge
from annotator.store.project_store import ProjectStore
from tests.gui.held_workers import progress_dialog
from tests.services.test_merge import _snapshot, make_annotator_project


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(merge_ui, "confirm_merge", lambda parent, paths: True)
    monkeypatch.setattr(merge_ui, "show_info", lambda p, t, text: shown.append(("info", text)))
    monkeypatch.setattr(
        merge_ui, "show_warning", lambda p, t, text: shown.append(("warning", text))
    )
    return shown


@pytest.fixture
def others(tmp_path: Path) -> list[Path]:
    return [
        make_annotator_project(tmp_path / "bob.annotator", "bob"),
        make_annotator_project(tmp_path / "laptop.annotator", "alice"),
    ]


@pytest.fixture
def window(qtbot, tmp_path: Path, messages, others, monkeypatch: pytest.MonkeyPatch, held_workers):
    monkeypatch.setattr(merge_ui, "ask_merge_paths", lambda parent: others)
    main = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    store = ProjectStore.open(make_annotator_project(tmp_path / "alice.annotator", "alice"))
    main.set_session(ProjectSession(store, "alice"))
    yield main
    held_workers.release()
    main.set_session(None)


def test_a_background_merge_is_one_undoable_step(window: MainWindow, messages) -> None:
    session = window.session
    assert session is not None
    before = _snapshot(session.store)
    window._on_merge_projects()
    assert window.jobs.running()
    window.jobs.wait()
    assert {s.annotator for s in session.store.annotations.spans()} == {"alice", "bob"}
    assert [kind for kind, _text in messages] == ["info"]
    assert session.undo_stack.count() == 1
    after = _snapshot(session.store)
    session.undo_stack.undo()
    assert _snapshot(session.store) == before
    session.undo_stack.redo()
    assert _snapshot(session.store)[1:4] == after[1:4]
    # Again: a redo merges inside the command's transaction (the files stay attached
    # there); the next one must still attach them.
    session.undo_stack.undo()
    assert _snapshot(session.store) == before
    session.undo_stack.redo()
    assert _snapshot(session.store)[1:4] == after[1:4]
    assert session.undo_stack.index() == 1


def test_cancel_between_files_changes_nothing(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch, messages, held_workers
) -> None:
    session = window.session
    assert session is not None
    before = _snapshot(session.store)
    held, go_on = held_workers.at_call(monkeypatch, recorded_merge, "check_project", 2)
    window._on_merge_projects()
    job = window.jobs.job()
    assert job is not None and held.wait(30)
    qtbot.waitUntil(lambda: progress_dialog(job) is not None, timeout=10_000)
    dialog = progress_dialog(job)
    assert dialog is not None and dialog.maximum() == 2 and dialog.value() == 1
    assert "Reading laptop.annotator" in dialog.labelText()
    assert not window.actions_by_id["merge_projects"].isEnabled()
    dialog.grab().save("/tmp/workers-merge-progress.png")
    dialog.cancel_button().click()
    go_on.set()
    qtbot.waitUntil(lambda: not window.jobs.running(), timeout=30_000)
    assert _snapshot(session.store) == before
    assert session.undo_stack.count() == 0 and messages == []
    assert "Merge cancelled" in window.statusBar().currentMessage()


def test_cancel_after_writing_rolls_the_merge_back(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, messages, held_workers
) -> None:
    session = window.session
    assert session is not None
    before = _snapshot(session.store)
    # Everything written, not committed.
    held, go_on = held_workers.at_call(monkeypatch, recorded_merge, "added_since", 1)
    window._on_merge_projects()
    job = window.jobs.job()
    assert job is not None and held.wait(30)
    job.cancel()
    go_on.set()
    window.jobs.wait()
    assert _snapshot(session.store) == before
    assert session.undo_stack.count() == 0 and messages == []
