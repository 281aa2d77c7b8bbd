"""Undo and redo of a large import or merge run on a worker, not the GUI thread.

Deleting 100,000 imported annotations took 1-2.7 s on the GUI thread, the window frozen.
Now the step runs behind the import's progress dialog while the window is read-only; a
Cancel or a failure rolls back and steps the stack back to where the project is."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from annotator.core.errors import ProjectError
from annotator.core.model import AnnotatedDocument, Document, Span
from annotator.gui import commands
from annotator.gui.commands import ImportCommand, MergeCommand
from annotator.gui.session import ProjectSession
from annotator.gui.shell.main_window import MainWindow
from annotator.store.project_store import ProjectStore
from tests.gui.held_workers import HeldWorkers, progress_dialog
from tests.services.test_merge import make_annotator_project


@pytest.fixture
def window(qtbot, tmp_path: Path, held_workers: HeldWorkers):
    main = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.resize(1200, 800)
    main.show()
    qtbot.waitExposed(main)
    main.set_session(ProjectSession(ProjectStore.create(tmp_path / "p.annotator"), "alice"))
    yield main
    held_workers.release()
    main.set_session(None)


@pytest.fixture
def on_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every bulk undo and redo counts as large (the tests' imports are small)."""
    monkeypatch.setattr(commands, "WORKER_ROWS", 1)


def articles(count: int = 12) -> list[AnnotatedDocument]:
    items = []
    for i in range(count):
        text = f"Article {i}: 👩‍💻 experts warned about the restrictions, said 专家."
        document = Document(f"doc{i}", text, title=f"Article {i}")
        spans = [Span(f"s{i}-{j}", document.id, j, j + 5, "Claim", "bob") for j in (0, 10, 20)]
        items.append(AnnotatedDocument(document, spans))
    return items


def rows(store: ProjectStore) -> tuple[int, int]:
    return store.documents.count(), len(store.annotations.spans())


def imported(window: MainWindow) -> tuple[ProjectSession, ImportCommand]:
    session = window.session
    assert session is not None
    command = ImportCommand(session, articles(), "12 articles")
    session.undo_stack.push(command)
    assert command.applied and rows(session.store) == (12, 36)
    return session, command


def test_undo_and_redo_of_a_large_import_run_on_a_worker(window: MainWindow, on_worker) -> None:
    session, command = imported(window)
    window._undo_action.trigger()
    # The step runs on a worker: the window is read-only until it committed.
    assert window.jobs.running()
    assert not window._undo_action.isEnabled() and not window._redo_action.isEnabled()
    assert not window.actions_by_id["import_files"].isEnabled()
    window.jobs.wait()
    assert rows(session.store) == (0, 0) and not command.applied
    assert session.undo_stack.index() == 0 and window._redo_action.isEnabled()
    window._redo_action.trigger()
    assert window.jobs.running()
    window.jobs.wait()
    assert rows(session.store) == (12, 36) and command.applied
    # The redo's own rows are what the next undo removes.
    window._undo_action.trigger()
    window.jobs.wait()
    assert rows(session.store) == (0, 0)


def test_a_small_import_is_still_undone_at_once(window: MainWindow) -> None:
    session, _command = imported(window)
    window._undo_action.trigger()
    assert not window.jobs.running()
    assert rows(session.store) == (0, 0)


def test_cancelling_a_worker_undo_changes_nothing_and_steps_the_stack_back(
    window: MainWindow, on_worker, qtbot, monkeypatch: pytest.MonkeyPatch, held_workers
) -> None:
    session, command = imported(window)
    held, go_on = held_workers.at_call(monkeypatch, commands, "remove_added", after=True)
    window._undo_action.trigger()
    job = window.jobs.job()
    assert job is not None and held.wait(30)
    qtbot.waitUntil(lambda: progress_dialog(job) is not None, timeout=10_000)
    dialog = progress_dialog(job)
    assert dialog is not None and "Undo Import 12 articles" in dialog.labelText()
    dialog.cancel_button().click()
    go_on.set()
    qtbot.waitUntil(lambda: not window.jobs.running(), timeout=30_000)
    qtbot.waitUntil(lambda: session.undo_stack.index() == 1, timeout=10_000)
    assert rows(session.store) == (12, 36) and command.applied
    monkeypatch.undo()  # the real removal again, and below WORKER_ROWS: at once
    window._undo_action.trigger()
    assert rows(session.store) == (0, 0)


def test_a_failed_worker_undo_is_reported_and_the_stack_stays_with_the_project(
    window: MainWindow, on_worker, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, command = imported(window)

    def disk_full(store, added):
        raise ProjectError("disk I/O error")

    monkeypatch.setattr(commands, "remove_added", disk_full)
    reported: list[str] = []
    session.command_failed.connect(reported.append)
    monkeypatch.setattr(window, "_show_error_text", lambda text: None)
    window._undo_action.trigger()
    window.jobs.wait()
    qtbot.waitUntil(lambda: session.undo_stack.index() == 1, timeout=10_000)
    assert reported == ["Could not undo “Import 12 articles”: disk I/O error"]
    assert rows(session.store) == (12, 36) and command.applied


def test_closing_the_project_during_a_worker_undo_rolls_it_back(
    window: MainWindow, on_worker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held_workers
) -> None:
    _session, _command = imported(window)
    held, go_on = held_workers.at_call(monkeypatch, commands, "remove_added", after=True)
    window._undo_action.trigger()
    assert held.wait(30)
    threading.Timer(0.2, go_on.set).start()  # the close waits for the worker on this thread
    window.set_session(None)
    with ProjectStore.open(tmp_path / "p.annotator") as store:
        assert rows(store) == (12, 36)


def test_undo_and_redo_of_a_large_merge_run_on_a_worker(
    window: MainWindow, on_worker, tmp_path: Path
) -> None:
    session = window.session
    assert session is not None
    other = make_annotator_project(tmp_path / "bob.annotator", "bob")
    command = MergeCommand(session, [other])
    session.undo_stack.push(command)
    merged = rows(session.store)
    assert command.applied and merged[0] > 0
    window._undo_action.trigger()
    assert window.jobs.running()
    window.jobs.wait()
    assert rows(session.store) == (0, 0) and not command.applied
    window._redo_action.trigger()
    assert window.jobs.running()
    window.jobs.wait()
    assert rows(session.store) == merged and command.applied
