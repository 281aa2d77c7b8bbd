"""A command-line import while another window holds the project: a clear 'busy' error, no change."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.app.cli import main
from annotator.store import connection
from annotator.store.project_store import ProjectStore


def test_an_import_that_waits_too_long_says_the_project_is_busy_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "p.annotator"
    assert main(["init", str(project)]) == 0
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": "An article."}) + "\n", "utf-8")
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 100)  # "a few seconds", shortened
    window = sqlite3.connect(project, isolation_level=None)
    window.execute("BEGIN IMMEDIATE")  # another window in the middle of saving
    try:
        assert main(["import", str(project), str(source)]) == 1
    finally:
        window.rollback()
        window.close()
    error = capsys.readouterr().err
    assert "the project is busy (another window is saving)" in error.lower()
    assert "Traceback" not in error
    with ProjectStore.open(project) as store:
        assert store.documents.count() == 0
    assert main(["import", str(project), str(source)]) == 0  # free again: it goes through
