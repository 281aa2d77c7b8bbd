"""A killed export's temporaries are cleaned by the next one; a re-export keeps the user's files (#14).

Only our own names (`.<target>.~annotator-<pid>@<host>-….tmp`) of processes that are gone
are removed; a file of another program, or of a live export, is never touched.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.services.export import export_project
from annotator.store.project_store import ProjectStore
from annotator.store.temporary_files import stale_temporaries
from tests.support.projects import folder_state, make_project

REPO = Path(__file__).resolve().parents[2]

KILLED_EXPORT = """
import os, signal, sys
from pathlib import Path
from annotator.services import atomic_write
from annotator.services.export import export_project
from annotator.store.project_store import ProjectStore

real_fsync = os.fsync
def die(fd):  # the export has written everything into its temporary: die before the rename
    os.kill(os.getpid(), signal.SIGKILL)
atomic_write.os.fsync = die
with ProjectStore.open(Path(sys.argv[1])) as store:
    export_project(store, sys.argv[2], Path(sys.argv[3]))
"""


def _killed_export(project: Path, fmt: str, out: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED_EXPORT), str(project), fmt, str(out)],
        cwd=REPO,
    )
    assert result.returncode == -signal.SIGKILL


@pytest.mark.parametrize("fmt", ["jsonl", "brat"])
def test_the_next_export_removes_what_killed_exports_left(tmp_path: Path, fmt: str) -> None:
    project = make_project(tmp_path / "p.annotator")
    out = tmp_path / ("brat" if fmt == "brat" else "out.jsonl")
    _killed_export(project, fmt, out)
    first = stale_temporaries(out)
    assert len(first) == 1 and not out.exists()
    _killed_export(project, fmt, out)  # removes the first one's, leaves its own
    second = stale_temporaries(out)
    assert len(second) == 1 and second != first and not first[0].exists()
    with ProjectStore.open(project) as store:
        export_project(store, fmt, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["p.annotator", out.name])


def test_temporaries_of_live_processes_and_other_programs_are_kept(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p.annotator")
    out = tmp_path / "out.jsonl"
    from annotator.store.temporary_files import _host

    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        kept = [
            tmp_path / f".out.jsonl.~annotator-{live.pid}@{_host()}-abc123.tmp",  # a live export
            tmp_path / ".out.jsonl.~annotator-999999999@another-host-abc123.tmp",  # elsewhere
            tmp_path / ".out.jsonl.abc123.tmp",  # not our naming
            tmp_path / "out.jsonl.tmp",  # someone's own file
        ]
        for path in kept:
            path.write_text("keep me", "utf-8")
        with ProjectStore.open(project) as store:
            export_project(store, "jsonl", out)
        assert all(path.read_text("utf-8") == "keep me" for path in kept)
    finally:
        live.kill()
        live.wait()


def test_a_brat_re_export_keeps_a_file_the_user_added_by_refusing(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p.annotator")
    out = tmp_path / "brat"
    with ProjectStore.open(project) as store:
        export_project(store, "brat", out)
        export_project(store, "brat", out)  # an untouched earlier export is replaced
        (out / "alice" / "my notes.txt").write_text("three days of notes", "utf-8")
        before = folder_state(out)
        with pytest.raises(AnnotatorError, match=r"alice/my notes.txt \(added since the export\)"):
            export_project(store, "brat", out)
        assert folder_state(out) == before
        (out / "alice" / "my notes.txt").unlink()
        export_project(store, "brat", out)


def test_a_brat_re_export_refuses_to_replace_an_ann_file_edited_in_brat(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p.annotator")
    out = tmp_path / "brat"
    with ProjectStore.open(project) as store:
        export_project(store, "brat", out)
        ann = next((out / "bob").glob("*.ann"))
        ann.write_text(ann.read_text("utf-8") + "T99\tClaim 0 7\tArticle\n", "utf-8")
        before = folder_state(out)
        with pytest.raises(AnnotatorError, match=r"\(changed since the export\)"):
            export_project(store, "brat", out)
        assert folder_state(out) == before
    assert sorted(os.listdir(tmp_path)) == ["brat", "p.annotator"]  # no temporaries left
