"""The columns and their documents come back when a project is reopened (issue #13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from annotator.gui.session import COLUMNS_SETTING, ProjectSession
from annotator.gui.shell.main_window import MainWindow
from annotator.services.demo import load_demo
from annotator.store.project_store import ProjectStore


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "columns.annotator"
    store = ProjectStore.create(path)
    load_demo(store)
    store.close()
    return path


def new_window(qtbot, tmp_path: Path) -> MainWindow:
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    return window


def shown(window: MainWindow) -> list[str]:
    return [pane.document_id for pane in window.panes.panes()]


def open_in(window: MainWindow, path: Path) -> ProjectSession:
    session = ProjectSession(ProjectStore.open(path), "alice")
    window.set_session(session)
    return session


def test_three_columns_come_back_after_close_and_after_a_restart(
    qtbot, tmp_path: Path, project: Path
) -> None:
    window = new_window(qtbot, tmp_path)
    session = open_in(window, project)
    ids = session.store.documents.ids()
    assert len(ids) >= 4
    window.panes.add_pane(ids[3])
    window.panes.panes()[0].show_document(ids[2])
    left = shown(window)
    assert left == [ids[2], ids[1], ids[3]]  # not what a fresh opening shows

    window.set_session(None)  # File → Close Project
    open_in(window, project)
    assert shown(window) == left

    window.close()  # quitting saves the layout too
    restarted = new_window(qtbot, tmp_path)
    open_in(restarted, project)
    assert shown(restarted) == left
    restarted.set_session(None)


def test_one_column_stays_one(qtbot, tmp_path: Path, project: Path) -> None:
    window = new_window(qtbot, tmp_path)
    open_in(window, project)
    window.panes.remove_pane(window.panes.panes()[1])
    only = shown(window)
    window.set_session(None)
    open_in(window, project)
    assert shown(window) == only
    window.set_session(None)


def test_a_document_gone_since_gives_way_to_another(qtbot, tmp_path: Path, project: Path) -> None:
    store = ProjectStore.open(project)
    ids = store.documents.ids()
    store.settings.set(COLUMNS_SETTING, json.dumps(["deleted-meanwhile", ids[1], ""]))
    store.close()
    window = new_window(qtbot, tmp_path)
    open_in(window, project)
    documents = shown(window)
    assert len(documents) == 3
    assert documents[1] == ids[1]
    assert all(d in ids for d in documents)  # the gaps got real documents
    window.set_session(None)


@pytest.mark.parametrize("stored", ["not json", '{"a": 1}', "[1, null]"])
def test_an_unreadable_setting_falls_back(session: ProjectSession, stored: str) -> None:
    session.store.settings.set(COLUMNS_SETTING, stored)
    remembered = session.remembered_columns()
    assert remembered == [] or all(entry == "" for entry in remembered)


def test_a_read_only_project_is_not_written(session: ProjectSession, monkeypatch) -> None:
    monkeypatch.setattr(session.store, "read_only", True)
    session.remember_columns(["x"])
    assert session.store.settings.get(COLUMNS_SETTING) == ""
