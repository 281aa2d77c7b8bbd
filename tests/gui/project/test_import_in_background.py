"""An import from the GUI runs on a worker thread: the window stays live behind a progress
dialog with Cancel; a cancelled or failed import leaves the project and the undo stack as
they were, and a stored one is one undoable command, like the old synchronous import."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.gui.commands import ImportCommand
from annotator.gui.session import ProjectSession
from annotator.gui.shell import job_progress
from annotator.gui.shell.main_window import MainWindow
from annotator.services import document_import, recorded_import
from annotator.services.document_import import read_files
from annotator.store.project_store import ProjectStore
from tests.gui.held_workers import HeldWorkers, progress_dialog

ARTICLES = {
    "one.txt": "The first article says 👩‍💻 experts warned.",
    "two.md": "# Second\n\nThe second *article* says so too.",
    "three.txt": "A third one, with «quotes» and 专家.",
}
JSONL = (
    '{"text": "Spans come along.", "spans": [{"start": 0, "end": 5, "label": "Claim",'
    ' "annotator": "bob"}]}\n'
)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(
            QMessageBox,
            kind,
            lambda _p, _t, text, *a, kind=kind: (
                shown.append((kind, text)) or QMessageBox.StandardButton.Ok
            ),
        )
    return shown


@pytest.fixture
def window(qtbot, tmp_path: Path, messages, held_workers: HeldWorkers):
    main = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.resize(1200, 800)
    main.show()
    qtbot.waitExposed(main)
    store = ProjectStore.create(tmp_path / "p.annotator")
    main.set_session(ProjectSession(store, "alice"))
    yield main
    held_workers.release()
    main.set_session(None)


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    paths = []
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, "utf-8")
        paths.append(tmp_path / name)
    (tmp_path / "spans.jsonl").write_text(JSONL, "utf-8")
    return [*paths, tmp_path / "spans.jsonl"]


def stored_rows(
    store: ProjectStore,
) -> tuple[list[tuple[str, str]], list[tuple[int, int, str, str]]]:
    documents = sorted(
        (d.title, d.text) for d in (store.documents.get(i) for i in store.documents.ids())
    )
    spans = sorted((s.start, s.end, s.label, s.annotator) for s in store.annotations.spans())
    return documents, spans


def held_after_first_file(
    monkeypatch: pytest.MonkeyPatch, held_workers: HeldWorkers
) -> tuple[threading.Event, threading.Event]:
    """The worker stops after reading the first file until the test lets it go on."""
    return held_workers.at_call(monkeypatch, document_import, "read_file", 2)


def test_a_background_import_stores_what_the_old_synchronous_one_did(
    window: MainWindow, files: list[Path], tmp_path: Path, messages
) -> None:
    session = window.session
    assert session is not None
    window._on_import_files(files)
    assert window.jobs.running()
    window.jobs.wait()
    assert not window.jobs.running()
    # The old way: read on the GUI thread, one ImportCommand pushed.
    old = ProjectSession(ProjectStore.create(tmp_path / "old.annotator"), "alice")
    old.undo_stack.push(ImportCommand(old, read_files(files, annotator="alice"), "4 files"))
    assert stored_rows(session.store) == stored_rows(old.store)
    assert stored_rows(session.store)[1] == [(0, 5, "Claim", "bob")]
    assert session.undo_stack.count() == 1
    assert session.undo_stack.text(0) == "Import 4 files"
    assert messages[-1][0] == "information" and "Edit → Undo removes it." in messages[-1][1]
    old._poll.stop()
    old.store.close()


def test_undo_removes_exactly_the_background_import_and_redo_brings_it_back(
    window: MainWindow, files: list[Path]
) -> None:
    session = window.session
    assert session is not None
    window._on_import_files(files[:1])
    window.jobs.wait()
    before = stored_rows(session.store)
    window._on_import_files(files[1:])
    window.jobs.wait()
    after = stored_rows(session.store)
    assert len(after[0]) == 4 and session.undo_stack.count() == 2
    session.undo_stack.undo()
    assert stored_rows(session.store) == before
    session.undo_stack.redo()
    assert stored_rows(session.store) == after
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.store.documents.count() == 0


def test_cancel_at_a_file_stops_the_worker_and_changes_nothing(
    window: MainWindow,
    files: list[Path],
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
    messages,
    held_workers,
) -> None:
    session = window.session
    assert session is not None
    window._on_import_files(files[:1])
    window.jobs.wait()
    rows, undo_count = stored_rows(session.store), session.undo_stack.count()
    held, go_on = held_after_first_file(monkeypatch, held_workers)
    ticks: list[int] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    window._on_import_files(files[1:])
    job = window.jobs.job()
    assert job is not None and held.wait(30)
    # The worker is held: the dialog appears after its delay, and the window keeps
    # processing events (its timer ticks) while nothing can write underneath the job.
    qtbot.waitUntil(lambda: progress_dialog(job) is not None, timeout=10_000)
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=10_000)
    assert not window.actions_by_id["import_files"].isEnabled()
    assert not window.actions_by_id["merge_projects"].isEnabled()
    assert not window.actions_by_id["export_project"].isEnabled()
    assert not window._undo_action.isEnabled()
    dialog = progress_dialog(job)
    assert dialog is not None and dialog.maximum() == 3 and dialog.value() == 1
    window.grab().save("/tmp/workers-import-window.png")
    dialog.grab().save("/tmp/workers-import-progress.png")
    cancelled: list[bool] = []
    job.cancelled.connect(lambda: cancelled.append(True))
    dialog.cancel_button().click()
    assert job.is_cancelled()
    assert "Cancelling" in dialog.labelText()
    go_on.set()
    qtbot.waitUntil(lambda: not window.jobs.running(), timeout=30_000)
    timer.stop()
    assert cancelled == [True]
    assert stored_rows(session.store) == rows
    assert session.undo_stack.count() == undo_count
    assert window.actions_by_id["import_files"].isEnabled() and window._undo_action.isEnabled()
    assert progress_dialog() is None
    assert "Import cancelled" in window.statusBar().currentMessage()
    assert [kind for kind, _text in messages] == ["information"]  # only the first import's


def test_cancel_while_storing_rolls_the_whole_import_back(
    window: MainWindow, files: list[Path], qtbot, monkeypatch: pytest.MonkeyPatch, held_workers
) -> None:
    session = window.session
    assert session is not None
    # Everything is written, not yet committed.
    held, go_on = held_workers.at_call(monkeypatch, recorded_import, "import_files", after=True)
    window._on_import_files(files)
    job = window.jobs.job()
    assert job is not None and held.wait(30)
    job.cancel()
    go_on.set()
    window.jobs.wait()
    assert session.store.documents.count() == 0
    assert session.store.annotations.spans() == []
    assert session.undo_stack.count() == 0


def test_a_failing_file_imports_nothing_and_says_why(
    window: MainWindow, files: list[Path], tmp_path: Path, messages
) -> None:
    session = window.session
    assert session is not None
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x"}\n{not json}\n', "utf-8")
    window._on_import_files([*files, bad])
    window.jobs.wait()
    assert session.store.documents.count() == 0 and session.undo_stack.count() == 0
    kind, text = messages[-1]
    assert kind == "warning" and "the project is unchanged" in text and "bad.jsonl, line 2" in text


def test_closing_the_project_while_importing_cancels_and_waits(
    window: MainWindow,
    files: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages,
    held_workers,
) -> None:
    held, go_on = held_after_first_file(monkeypatch, held_workers)
    window._on_import_files(files)
    job = window.jobs.job()
    assert job is not None and held.wait(30)
    threading.Timer(0.2, go_on.set).start()  # lets the worker reach its next step
    window.set_session(None)  # cancels and waits
    assert job.is_dropped() and not window.jobs.running()
    QApplication.processEvents()
    with ProjectStore.open(tmp_path / "p.annotator") as store:
        assert store.documents.count() == 0
    assert messages == []  # nothing reported about a project no longer open


def test_the_dialog_waits_its_delay_is_window_modal_and_follows_the_files(
    window: MainWindow, files: list[Path], qtbot, monkeypatch: pytest.MonkeyPatch, held_workers
) -> None:
    assert job_progress.SHOW_AFTER_MS >= 300  # a quick import flashes no dialog
    held, go_on = held_after_first_file(monkeypatch, held_workers)
    window._on_import_files(files)
    job = window.jobs.job()
    assert held.wait(30)
    QApplication.processEvents()
    assert progress_dialog(job) is None  # not yet: the job may still end within the delay
    qtbot.waitUntil(lambda: progress_dialog(job) is not None, timeout=10_000)
    dialog = progress_dialog(job)
    assert dialog is not None
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    qtbot.waitUntil(lambda: dialog.maximum() == 4 and dialog.value() == 1)
    assert "Reading two.md" in dialog.labelText()
    go_on.set()
    window.jobs.wait()
    assert window.session is not None and window.session.store.documents.count() == 4
