"""The app backs a project up when it opens it, and File → Restore from Backup restores one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from annotator.app.gui_main import AppController
from annotator.core.model import Span
from annotator.gui.commands import AddSpanCommand
from annotator.gui.project import restore_backup_ui
from annotator.gui.project.restore_backup_dialog import RestoreBackupDialog
from annotator.store import backups
from annotator.store.project_store import ProjectStore


@pytest.fixture
def controller(qtbot, tmp_path: Path) -> AppController:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    app_controller = AppController(settings, annotator="alice")
    qtbot.addWidget(app_controller.window)
    yield app_controller
    app_controller.window.set_session(None)


def test_opening_backs_up_and_restore_brings_the_backup_back(
    controller: AppController, store_with_spans: ProjectStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store_with_spans.path
    store_with_spans.close()
    assert controller.open_project(path)
    [opened] = backups.list_backups(path)
    assert opened.reason == "open" and backups.summarize(opened.path).spans == 3

    session = controller.window.session
    assert session is not None
    session.undo_stack.push(AddSpanCommand(session, Span("new", "en", 0, 4, "Claim", "alice")))
    assert len(session.store.annotations.spans()) == 4

    monkeypatch.setattr(RestoreBackupDialog, "ask", classmethod(lambda cls, p, proj: opened.path))
    monkeypatch.setattr(restore_backup_ui, "confirm_restore", lambda *args: True)
    controller.window.actions_by_id["restore_backup"].trigger()

    restored = controller.window.session
    assert restored is not None and restored is not session
    assert {s.id for s in restored.store.annotations.spans()} == {"a1", "a2", "b1"}
    assert restored.undo_stack.count() == 0  # the history referred to what was replaced
    reasons = [b.reason for b in backups.list_backups(path)]
    assert "before-restore" in reasons
    before = next(b for b in backups.list_backups(path) if b.reason == "before-restore")
    assert backups.summarize(before.path).spans == 4  # the undone work is kept there


def test_a_cancelled_restore_changes_nothing(
    controller: AppController, store_with_spans: ProjectStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store_with_spans.path
    store_with_spans.close()
    assert controller.open_project(path)
    session = controller.window.session
    monkeypatch.setattr(RestoreBackupDialog, "ask", classmethod(lambda cls, p, proj: None))
    controller.window.actions_by_id["restore_backup"].trigger()
    assert controller.window.session is session
    assert [b.reason for b in backups.list_backups(path)] == ["open"]
