"""A full disk: import, export and merge end in one clear line, exit 1, and change nothing (#14).

They used to end in a raw `sqlite3.OperationalError: disk I/O error` traceback. The
disk is filled three ways: SQLite's own page limit (`PRAGMA max_page_count`), ENOSPC
injected into the export's writes and `/dev/full`, and a real, completely full tmpfs.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import sys
import textwrap
from pathlib import Path

import pytest

from annotator.app.cli import main
from annotator.store import project_store
from tests.support.mounts import run_with_mounts, small_tmpfs
from tests.support.projects import counts, folder_state, jsonl_source, make_project

REPO = Path(__file__).resolve().parents[2]


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("annotator: error: ")
    return err[0]


def limit_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, every project opened for writing may not grow by a single page."""
    original = project_store.use_wal

    def use_wal_and_limit(conn: sqlite3.Connection) -> None:
        original(conn)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(project_store, "use_wal", use_wal_and_limit)


def test_an_import_that_fills_the_database_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "p.annotator")
    source = jsonl_source(tmp_path / "big.jsonl", 400)
    limit_pages(monkeypatch)
    assert main(["import", str(project), str(source)]) == 1
    assert "disk is full" in _one_error_line(capsys)
    assert counts(project) == (6, 36, 12)


def test_a_merge_that_fills_the_database_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "p.annotator")
    other = make_project(tmp_path / "other.annotator", ("carol",), 60, prefix="o")
    limit_pages(monkeypatch)
    assert main(["merge", str(project), str(other)]) == 1
    assert "disk is full" in _one_error_line(capsys)
    assert counts(project) == (6, 36, 12)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "conll"])
def test_an_export_to_dev_full_says_the_disk_is_full(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "p.annotator")
    before = folder_state(tmp_path)
    assert main(["export", str(project), "--format", fmt, "-o", "/dev/full"]) == 1
    assert "disk is full" in _one_error_line(capsys)
    assert folder_state(tmp_path) == before


@pytest.mark.parametrize("fmt", ["jsonl", "brat", "labelstudio"])
def test_enospc_while_exporting_leaves_the_old_export_and_no_temporaries(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "p.annotator")
    out = tmp_path / ("out" if fmt == "brat" else "out.json")
    assert main(["export", str(project), "--format", fmt, "-o", str(out)]) == 0
    capsys.readouterr()
    before = folder_state(tmp_path)

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    assert main(["export", str(project), "--format", fmt, "-o", str(out)]) == 1
    assert "disk is full" in _one_error_line(capsys)
    assert folder_state(tmp_path) == before
    assert not [p for p in tmp_path.iterdir() if ".~annotator-" in p.name]  # no temporaries


SCENARIO = """
import json, os, shutil, subprocess, sys
disk, keep = sys.argv[1], sys.argv[2]
project = os.path.join(disk, "p.annotator")
shutil.copyfile(os.path.join(keep, "p.annotator"), project)
os.chmod(project, 0o600)
with open(os.path.join(disk, "fill"), "wb", buffering=0) as fill:
    for size in (65536, 4096, 1):  # down to the very last byte
        try:
            while True:
                fill.write(b"x" * size)
        except OSError:
            pass
def cli(*args):
    r = subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True, text=True)
    return {"args": args[0], "code": r.returncode, "err": r.stderr}
results = [
    cli("import", project, os.path.join(keep, "big.jsonl")),
    cli("merge", project, os.path.join(keep, "other.annotator")),
    cli("export", project, "--format", "jsonl", "-o", os.path.join(disk, "out.jsonl")),
    cli("export", project, "--format", "brat", "-o", os.path.join(disk, "brat")),
]
os.remove(os.path.join(disk, "fill"))
results.append({"left": sorted((n, os.path.getsize(os.path.join(disk, n))) for n in os.listdir(disk))})
shutil.copyfile(project, os.path.join(keep, "after.annotator"))
print(json.dumps(results))
"""


def test_a_completely_full_disk_gives_one_clear_line_and_an_intact_project(
    tmp_path: Path,
) -> None:
    keep = tmp_path / "keep"
    disk = tmp_path / "disk"
    keep.mkdir()
    disk.mkdir()
    make_project(keep / "p.annotator")
    make_project(keep / "other.annotator", ("carol",), 60, prefix="o")
    jsonl_source(keep / "big.jsonl", 400)
    script = tmp_path / "scenario.py"
    script.write_text(textwrap.dedent(SCENARIO), "utf-8")
    env_python = [sys.executable, str(script), str(disk), str(keep)]
    result = run_with_mounts(small_tmpfs(disk, "4m"), env_python)
    assert result.returncode == 0, result.stderr
    *commands, left = json.loads(result.stdout)
    for command in commands:
        lines = command["err"].strip().splitlines()
        assert command["code"] == 1, command
        assert len(lines) == 1 and lines[0].startswith("annotator: error: "), command
        assert "disk" in lines[0] and "Traceback" not in command["err"], command
    assert [name for name, _size in left["left"]] == ["p.annotator"], (
        left
    )  # no temporaries, no half-written export
    assert counts(keep / "after.annotator") == (6, 36, 12)
    conn = sqlite3.connect(keep / "after.annotator")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
