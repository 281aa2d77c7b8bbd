"""An export, a report or a copy never replaces a project, its journals or another database (#14).

`annotator export PROJECT --format jsonl -o PROJECT` used to exit 0 and leave the
project a JSONL file. Every text format, brat folders, the agreement report and
Save a Copy are tried against every way of naming a protected file.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from annotator.app.cli import main
from annotator.core.errors import ProtectedFileError
from annotator.store.project_store import ProjectStore
from tests.support.projects import counts, folder_state, make_project

FORMATS = ("jsonl", "csv", "doccano", "labelstudio", "brat", "conll")


def _export(project: Path, fmt: str, out: Path) -> int:
    return main(["export", str(project), "--format", fmt, "-o", str(out)])


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("annotator: error: ")
    assert "Traceback" not in err[0]
    return err[0]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_export_onto_the_project_itself_is_refused(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "study.annotator")
    before = folder_state(tmp_path)
    assert _export(project, fmt, project) == 1
    assert "would replace the open project study.annotator" in _one_error_line(capsys)
    assert folder_state(tmp_path) == before
    assert counts(project) == (6, 36, 12)


@pytest.mark.parametrize("fmt", ["jsonl", "brat"])
@pytest.mark.parametrize("how", ["wal", "shm", "journal", "symlink", "hardlink", "relative"])
def test_an_export_onto_a_journal_or_another_name_of_the_project_is_refused(
    tmp_path: Path,
    fmt: str,
    how: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = make_project(tmp_path / "study.annotator")
    if how in ("wal", "shm", "journal"):
        out = tmp_path / f"study.annotator-{how}"
    elif how == "symlink":
        out = tmp_path / "link.jsonl"
        out.symlink_to(project)
    elif how == "hardlink":
        out = tmp_path / "hard.jsonl"
        os.link(project, out)
    else:
        monkeypatch.chdir(tmp_path)
        out = Path("sub") / ".." / "study.annotator"
        (tmp_path / "sub").mkdir()
    before = folder_state(tmp_path)
    assert _export(project, fmt, out) == 1
    assert "would replace" in _one_error_line(capsys)
    assert folder_state(tmp_path) == before
    assert not (tmp_path / "study.annotator-wal").exists() or how == "wal"
    assert counts(project) == (6, 36, 12)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "brat"])
def test_an_export_never_replaces_another_project_or_any_database(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "study.annotator")
    other = make_project(tmp_path / "colleague.annotator", ("carol",), 2)
    foreign = tmp_path / "notes.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (text)")
    conn.close()
    before = folder_state(tmp_path)
    for out, what in ((other, "an Annotator project"), (foreign, "an SQLite database")):
        assert _export(project, fmt, out) == 1
        assert what in _one_error_line(capsys)
    assert folder_state(tmp_path) == before


def test_a_brat_export_onto_the_folder_holding_the_project_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "study.annotator")
    before = folder_state(tmp_path)
    assert _export(project, "brat", tmp_path) == 1
    assert "holds the project study.annotator" in _one_error_line(capsys)
    assert folder_state(tmp_path) == before


def test_a_brat_folder_an_export_wrote_is_not_replaced_once_a_project_is_put_in_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "study.annotator")
    out = tmp_path / "brat"
    assert _export(project, "brat", out) == 0
    capsys.readouterr()
    make_project(out / "kept.annotator", ("carol",), 1)
    before = folder_state(out)
    assert _export(project, "brat", out) == 1
    assert "kept.annotator (added since the export)" in _one_error_line(capsys)
    assert folder_state(out) == before


def test_the_agreement_report_never_replaces_a_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "study.md")  # a project may have any name
    before = folder_state(tmp_path)
    assert main(["agreement", str(project), "--report", str(project)]) == 1
    assert "an Annotator project" in _one_error_line(capsys)
    assert folder_state(tmp_path) == before
    assert counts(project) == (6, 36, 12)


def test_save_a_copy_never_replaces_the_project_its_journal_or_another_project(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path / "study.annotator")
    other = make_project(tmp_path / "colleague.annotator", ("carol",), 2)
    with ProjectStore.open(project) as store:
        for destination in (project, tmp_path / "study.annotator-wal", other):
            before = folder_state(tmp_path)
            with pytest.raises(ProtectedFileError, match="would replace"):
                store.save_copy(destination)
            assert folder_state(tmp_path) == before
        copy = store.save_copy(tmp_path / "copy.annotator")
    assert counts(copy) == (6, 36, 12)
    assert counts(other) == (2, 6, 2)


def test_an_export_over_an_earlier_export_still_replaces_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "study.annotator")
    out = tmp_path / "out.jsonl"
    out.write_text("an old export\n", "utf-8")
    assert _export(project, "jsonl", out) == 0
    assert len(out.read_text("utf-8").splitlines()) == 6


def test_save_a_copy_leaves_a_file_named_like_its_temporary_alone(tmp_path: Path) -> None:
    project = make_project(tmp_path / "study.annotator")
    theirs = tmp_path / "copy.annotator.partial"
    theirs.write_text("someone's file", "utf-8")
    with ProjectStore.open(project) as store:
        store.save_copy(tmp_path / "copy.annotator")
    assert theirs.read_text("utf-8") == "someone's file"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "copy.annotator",
        "copy.annotator.partial",
        "study.annotator",
    ]
