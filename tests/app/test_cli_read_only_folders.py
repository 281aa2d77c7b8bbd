"""Read-only folders and other analysts' files: current data, clear refusals, and no trace (#14).

A WAL left by a killed process (no `-shm`) in a read-only folder used to be ignored:
export, agreement and merge reported the state before it (100 of 125 documents) as
current. `merge` left `-wal`/`-shm` beside another analyst's file, and `init` in a
read-only folder gave a raw "unable to open database file". Root ignores chmod, so
the folder is made read-only with a bind mount in a private mount namespace.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from annotator.app.cli import main
from annotator.store.project_store import ProjectStore
from tests.support.mounts import annotator_argv, read_only_bind, run_with_mounts
from tests.support.projects import counts, folder_state, make_project

KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore
from tests.support.projects import annotated_documents
store = ProjectStore.open(Path(sys.argv[1]))
ingest(store, annotated_documents(5, ("late",), prefix="late"))
os.kill(os.getpid(), signal.SIGKILL)  # the commit is acknowledged, then the process dies
"""

REPO = Path(__file__).resolve().parents[2]


def _killed_writer(project: Path, *, keep_shm: bool) -> None:
    subprocess.run([sys.executable, "-c", textwrap.dedent(KILLED_WRITER), str(project)], cwd=REPO)
    wal = project.with_name(project.name + "-wal")
    assert wal.stat().st_size > 32, "the late commit should still be in the WAL"
    if not keep_shm:
        project.with_name(project.name + "-shm").unlink()


@pytest.mark.parametrize("keep_shm", [False, True], ids=["wal-without-shm", "wal-and-shm"])
def test_a_read_only_folder_with_a_killed_writers_wal_is_read_as_it_is_now(
    tmp_path: Path, keep_shm: bool
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    project = make_project(folder / "study.annotator")
    _killed_writer(project, keep_shm=keep_shm)
    ours = make_project(tmp_path / "ours.annotator", ("carol",), 1, prefix="o")
    out = tmp_path / "out.jsonl"
    before = folder_state(folder)
    script = f"""
{" ".join(annotator_argv("export", str(project), "--format", "jsonl", "-o", str(out)))}
{" ".join(annotator_argv("agreement", str(project), "--json"))} > {tmp_path}/agreement.json
{" ".join(annotator_argv("merge", str(ours), str(project)))}
if {" ".join(annotator_argv("init", str(folder / "new.annotator")))} 2> {tmp_path}/init.err; then exit 9; fi
touch {folder}/probe 2>/dev/null && exit 8
exit 0
"""
    result = run_with_mounts(read_only_bind(folder), ["sh", "-c", script])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(records) == 11  # 6 from before and the 5 in the WAL
    assert {s["annotator"] for r in records for s in r["spans"]} == {"alice", "bob", "late"}
    agreement = json.loads((tmp_path / "agreement.json").read_text("utf-8"))
    assert agreement["gold"]["documents"] == 11
    assert "late" in agreement["annotators"]
    assert counts(ours) == (12, 3 + 36 + 15, 1 + 12 + 5)
    init_err = (tmp_path / "init.err").read_text("utf-8").strip().splitlines()
    assert len(init_err) == 1
    assert init_err[0].startswith("annotator: error: ")
    assert "read-only" in init_err[0].lower() and "Traceback" not in init_err[0]
    assert folder_state(folder) == before  # nothing was left beside the file


def test_merge_leaves_no_trace_beside_another_analysts_closed_file(tmp_path: Path) -> None:
    theirs_folder = tmp_path / "bob"
    theirs_folder.mkdir()
    theirs = make_project(theirs_folder / "bob.annotator", ("bob",), 3, prefix="b")
    ours = make_project(tmp_path / "ours.annotator", ("alice",), 2)
    before = folder_state(theirs_folder)
    stat_before = theirs.stat()
    assert main(["merge", str(ours), str(theirs)]) == 0
    assert folder_state(theirs_folder) == before
    assert sorted(p.name for p in theirs_folder.iterdir()) == ["bob.annotator"]
    assert theirs.stat().st_mtime_ns == stat_before.st_mtime_ns
    assert counts(ours) == (5, 6 + 9, 2 + 3)


def test_merge_of_a_file_open_in_another_window_sees_its_latest_work_and_adds_no_file(
    tmp_path: Path,
) -> None:
    theirs_folder = tmp_path / "bob"
    theirs_folder.mkdir()
    theirs = make_project(theirs_folder / "bob.annotator", ("bob",), 3, prefix="b")
    window = ProjectStore.open(theirs)
    try:
        window.documents.set_done("b0", "bob", True)  # sits in bob's -wal
        names_before = sorted(p.name for p in theirs_folder.iterdir())
        main_file_before = theirs.read_bytes()
        ours = make_project(tmp_path / "ours.annotator", ("alice",), 2)
        assert main(["merge", str(ours), str(theirs)]) == 0
        assert sorted(p.name for p in theirs_folder.iterdir()) == names_before
        assert theirs.read_bytes() == main_file_before
        with ProjectStore.open(ours) as store:
            assert ("b0", "bob") in store.documents.done_flags()
    finally:
        window.close()


def test_init_refuses_an_existing_or_uncreatable_path_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(tmp_path / "missing-folder" / "p.annotator")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("annotator: error: Cannot create ")
    assert not (tmp_path / "missing-folder").exists()
