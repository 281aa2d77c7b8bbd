"""The command line for other tools' files: every format in --help, skipped kinds on
stderr, --strict, brat annotator folders, the doccano project type, Label Studio users."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.app.cli import IMPORT_FORMATS, main
from annotator.store.project_store import ProjectStore

FIXTURES = Path(__file__).parents[1] / "fixtures" / "interop"


def _help(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "annotator", *args, "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_import_help_lists_every_format_it_reads() -> None:
    text = _help("import")
    for fmt in IMPORT_FORMATS:
        assert f"  {fmt} " in text, fmt
    for words in ("doccano", "Label Studio", "brat", ".ann", "--strict", "predictions"):
        assert words in text


def test_skipped_kinds_are_printed_and_strict_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.annotator"
    assert main(["init", str(project)]) == 0
    source = FIXTURES / "doccano" / "export_relation_extraction.jsonl"
    assert main(["import", str(project), str(source), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "strict import refused" in err and "skipped 3 doccano relations" in err
    with ProjectStore.open(project) as store:
        assert store.documents.count() == 0
    assert main(["import", str(project), str(source)]) == 0
    captured = capsys.readouterr()
    assert "warning: skipped 3 doccano relations" in captured.err
    assert "4 spans added" in captured.out


def test_import_files_returns_the_counts_per_kind(tmp_path: Path) -> None:
    from annotator.services.document_import import import_files

    with ProjectStore.create(tmp_path / "p.annotator") as store:
        report = import_files(store, [FIXTURES / "brat" / "tutorials"])
    assert report.skipped_counts["brat relations (R lines)"] == 4
    assert len(report.skipped) == len(report.skipped_counts)
    assert all(line.startswith("skipped ") for line in report.skipped)


def test_brat_annotator_folders_flag(tmp_path: Path) -> None:
    root = tmp_path / "b"
    for name in ("alice", "bob"):
        (root / name).mkdir(parents=True)
        (root / name / "d.txt").write_text("EU rejects", encoding="utf-8")
        (root / name / "d.ann").write_text("T1\tORG 0 2\tEU\n", encoding="utf-8")
    (root / "alice" / "e.txt").write_text("Only alice read this.", encoding="utf-8")
    (root / "alice" / "e.ann").write_text("", encoding="utf-8")
    project = tmp_path / "p.annotator"
    main(["init", str(project)])
    assert main(["import", str(project), str(root)]) == 0  # not the same files: collections
    with ProjectStore.open(project) as store:
        assert store.documents.count() == 2  # alice/d and bob/d share their text
        assert store.annotations.annotators() == ["imported"]
    other = tmp_path / "q.annotator"
    main(["init", str(other)])
    assert main(["import", str(other), str(root), "--brat-annotator-folders"]) == 0
    with ProjectStore.open(other) as store:
        assert store.annotations.annotators() == ["alice", "bob"]


def test_doccano_project_and_labelstudio_users_options(tmp_path: Path) -> None:
    project = tmp_path / "p.annotator"
    main(["init", str(project)])
    main(["import", str(project), str(FIXTURES / "doccano" / "export_intent_detection.jsonl")])
    out = tmp_path / "intent.jsonl"
    assert main(["export", str(project), "--format", "doccano", "-o", str(out),
                 "--doccano-project", "intent"]) == 0  # fmt: skip
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["entities"] == [[0, 26, "City"], [30, 36, "City"]]
    assert first["cats"] == ["document: flight"]
    tasks = tmp_path / "tasks.json"
    assert main(["export", str(project), "--format", "labelstudio", "-o", str(tasks),
                 "--labelstudio-users", "email"]) == 0  # fmt: skip
    annotations = [a for t in json.loads(tasks.read_text("utf-8")) for a in t["annotations"]]
    assert annotations[0]["completed_by"] == {"email": "imported@annotator.invalid"}
    assert (tmp_path / "tasks.label_config.xml").is_file()
