"""JobSlot: a job held after it already ended is released, not held for ever."""

from __future__ import annotations

from pathlib import Path

from annotator.gui.shell.background_job import BackgroundJob
from annotator.gui.shell.job_slot import JobSlot
from annotator.store.project_store import ProjectStore


def test_a_job_that_ended_before_it_was_held_is_released(qtbot, tmp_path: Path) -> None:
    # A bad file fails its import at once: the job's `finished` could come before the
    # window held it, and the window then stayed read-only (seen as a hung wait()).
    ProjectStore.create(tmp_path / "p.annotator").close()
    failed: list[object] = []
    job = BackgroundJob(tmp_path / "p.annotator", lambda store, progress: 1 / 0, writes=True)
    job.failed.connect(failed.append)
    job.start()
    job.wait()  # ended, `finished` emitted with nothing yet connected to it
    slot = JobSlot()
    ended: list[bool] = []
    slot.changed.connect(lambda: ended.append(slot.running()))
    slot.hold(job)
    assert slot.running()
    qtbot.waitUntil(lambda: not slot.running(), timeout=5_000)
    assert ended == [True, False]
    assert len(failed) == 1 and isinstance(failed[0], ZeroDivisionError)
