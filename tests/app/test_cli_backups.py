"""`annotator backups` and `annotator restore`, and the backups the command line takes itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.app.cli import main
from annotator.core.model import Span
from annotator.store import backups
from annotator.store.project_store import ProjectStore


def _spans(project: Path) -> set[str]:
    with ProjectStore.open(project) as store:
        return {s.id for s in store.annotations.spans()}


def test_import_takes_a_backup_first_and_restore_brings_it_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.annotator"
    assert main(["init", str(project), "--demo"]) == 0
    with ProjectStore.open(project) as store:
        document = store.documents.ids()[0]
        store.annotations.add_span(Span("mine", document, 0, 5, "Claim", "alice"))
    source = tmp_path / "more.jsonl"
    source.write_text(json.dumps({"text": "A fifth article."}) + "\n", "utf-8")
    assert main(["import", str(project), str(source)]) == 0
    [before_import] = backups.list_backups(project)
    assert before_import.reason == "before-import"
    assert backups.summarize(before_import.path).documents == 4
    capsys.readouterr()

    assert main(["backups", str(project)]) == 0
    listing = capsys.readouterr().out
    assert "before-import" in listing and str(backups.backup_folder(project)) in listing
    row = next(line for line in listing.splitlines() if "before-import" in line)
    assert row.split()[0] == "1" and row.split()[3:5] == ["4", "1"]  # documents, annotations

    assert main(["restore", str(project), "1"]) == 0
    assert "4 documents, 1 annotations" in capsys.readouterr().out
    with ProjectStore.open(project) as store:
        assert store.documents.count() == 4
        assert store.integrity_ok()
    reasons = [b.reason for b in backups.list_backups(project)]
    assert reasons[0] == "before-restore"
    # The state before the restore is itself restorable.
    assert main(["restore", str(project), backups.list_backups(project)[0].path.name]) == 0
    with ProjectStore.open(project) as store:
        assert store.documents.count() == 5
    assert _spans(project) == {"mine"}


def test_restore_refuses_what_is_not_a_good_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.annotator"
    assert main(["init", str(project)]) == 0
    garbage = tmp_path / "garbage.annotator"
    garbage.write_bytes(b"not a database at all" * 50)
    assert main(["restore", str(project), str(garbage)]) == 1
    assert main(["restore", str(project), "latest"]) == 1
    assert main(["restore", str(project), "7"]) == 1
    errors = capsys.readouterr().err
    assert "not a readable Annotator backup" in errors
    assert "has no backups" in errors and "no number 7" in errors
    assert backups.list_backups(project) == []  # nothing was changed or backed up


def test_listing_a_project_without_backups_says_where_they_will_go(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.annotator"
    assert main(["init", str(project)]) == 0
    assert main(["backups", str(project)]) == 0
    assert "No backups" in capsys.readouterr().out
    assert main(["backups", str(tmp_path / "missing.annotator")]) == 1
