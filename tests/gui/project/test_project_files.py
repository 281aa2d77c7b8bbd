"""Save a Copy from the GUI: asks where, writes a project that opens, reports failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from annotator.core.errors import StorageFullError
from annotator.gui.project import project_files
from annotator.store.project_store import ProjectStore


def _answer(monkeypatch: pytest.MonkeyPatch, path: str) -> list[str]:
    suggested: list[str] = []

    def ask(_parent, _title, suggestion, _filter):
        suggested.append(suggestion)
        return path, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    return suggested


def test_save_copy_writes_a_project_that_opens(qtbot, store_with_spans, tmp_path, monkeypatch):
    parent = QWidget()
    qtbot.addWidget(parent)
    target = tmp_path / "elsewhere.annotator"
    suggested = _answer(monkeypatch, str(target))
    assert project_files.save_copy(parent, store_with_spans) == target
    assert suggested[0].endswith(" copy.annotator")
    with ProjectStore.open(target) as copy:
        assert copy.documents.count() == store_with_spans.documents.count()
        assert len(copy.annotations.spans()) == len(store_with_spans.annotations.spans())


def test_save_copy_cancelled_writes_nothing(qtbot, store_with_spans, tmp_path, monkeypatch):
    parent = QWidget()
    qtbot.addWidget(parent)
    _answer(monkeypatch, "")
    assert project_files.save_copy(parent, store_with_spans) is None
    assert list(tmp_path.glob("*copy*")) == []


def test_save_copy_failure_is_shown(qtbot, store_with_spans, tmp_path: Path, monkeypatch):
    parent = QWidget()
    qtbot.addWidget(parent)
    _answer(monkeypatch, str(tmp_path / "copy.annotator"))

    def full(_destination):
        raise StorageFullError("The disk is full: the last change was not saved.")

    monkeypatch.setattr(store_with_spans, "save_copy", full)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    assert project_files.save_copy(parent, store_with_spans) is None
    assert shown == ["The disk is full: the last change was not saved."]
