"""BackgroundJob: a read-only job's late result is dropped once cancelled, a write job's
is delivered (its transaction committed: a late Cancel cannot take it back), a dropped
job's receivers ignore it, and progress reaches the GUI thread throttled."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from annotator.gui.shell.background_job import PROGRESS_STEPS, BackgroundJob
from annotator.store.project_store import ProjectStore


@pytest.fixture
def project(tmp_path: Path) -> Path:
    ProjectStore.create(tmp_path / "p.annotator").close()
    return tmp_path / "p.annotator"


def run_cancelled_late(qtbot, project: Path, *, writes: bool) -> list[str]:
    """The work finishes after Cancel was pressed (it never looked at progress again)."""
    go_on = threading.Event()
    seen: list[str] = []

    def work(store, progress):
        assert go_on.wait(30)
        return "done"

    job = BackgroundJob(project, work, writes=writes)
    job.succeeded.connect(lambda result: seen.append(result))
    job.cancelled.connect(lambda: seen.append("cancelled"))
    job.start()
    job.cancel()
    go_on.set()
    qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    return seen


def test_a_read_only_job_drops_its_late_result(qtbot, project: Path) -> None:
    assert run_cancelled_late(qtbot, project, writes=False) == ["cancelled"]


def test_a_write_job_delivers_what_it_committed_despite_a_late_cancel(qtbot, project: Path) -> None:
    assert run_cancelled_late(qtbot, project, writes=True) == ["done"]


def test_progress_is_throttled_but_ends_at_the_total(qtbot, project: Path) -> None:
    seen: list[tuple[int, int]] = []

    def work(store, progress):
        for done in range(100_001):
            progress(done, 100_000)
        return None

    job = BackgroundJob(project, work)
    job.progressed.connect(lambda done, total: seen.append((done, total)))
    job.start()
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] == (100_000, 100_000), timeout=30_000)
    assert len(seen) <= PROGRESS_STEPS + 2
    assert seen[0] == (0, 100_000)


def test_drop_cancels_and_marks_the_job(qtbot, project: Path) -> None:
    held, go_on = threading.Event(), threading.Event()

    def work(store, progress):
        held.set()
        assert go_on.wait(30)
        return None

    job = BackgroundJob(project, work, writes=True)
    job.start()
    assert held.wait(30)
    job.drop()
    assert job.is_cancelled() and job.is_dropped()
    go_on.set()
    job.wait()
