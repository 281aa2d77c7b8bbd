"""The merge the GUI's worker runs: the same result as merge_projects, its rows recorded for
undo; a cancel at any step (between files, or after writing, before the commit) stores nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.services.merge import merge_projects
from annotator.services.recorded_merge import MergeCancelledError, merge_recorded
from annotator.store import attached_projects
from annotator.store.project_store import ProjectStore
from annotator.store.rowid_marks import remove_added
from tests.services.test_merge import _snapshot, make_annotator_project, make_two_annotator_projects


def test_it_stores_what_merge_projects_stores_and_records_the_rows(tmp_path: Path) -> None:
    alice, bob = make_two_annotator_projects(tmp_path)
    stages: list[str] = []
    with ProjectStore.create(tmp_path / "main.annotator") as project:
        empty = _snapshot(project)
        result = merge_recorded(
            project, [alice, bob], progress=lambda _d, _t: True, stage=stages.append
        )
        with ProjectStore.create(tmp_path / "old.annotator") as old:
            expected = merge_projects(old, [alice, bob])
            assert _snapshot(project)[1:] == _snapshot(old)[1:]  # ids aside: the same rows
        assert result.report.summary() == expected.summary()
        assert result.done_before == set()
        assert stages == ["Reading alice.annotator…", "Reading bob.annotator…",
                          "Storing the merged annotations…"]  # fmt: skip
        remove_added(project, result.added)  # what undo does: exactly these rows go
        assert _snapshot(project)[:4] == empty[:4]


@pytest.mark.parametrize("stop_at_call", [1, 2, 3, 4])
def test_a_cancel_at_any_step_stores_nothing(tmp_path: Path, stop_at_call: int) -> None:
    alice, bob = make_two_annotator_projects(tmp_path)
    target = make_annotator_project(tmp_path / "carol.annotator", "alice")
    calls: list[int] = []

    def progress(_done: int, _total: int) -> bool:
        calls.append(1)
        return len(calls) < stop_at_call

    with ProjectStore.open(target) as project:
        before = _snapshot(project)
        with pytest.raises(MergeCancelledError):
            merge_recorded(project, [alice, bob], progress=progress)
        assert len(calls) == stop_at_call  # it stopped at the first step after the cancel
        assert _snapshot(project) == before
        assert not project.conn.in_transaction


def test_a_cancel_stops_the_sql_under_way_within_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file's spans are copied by one statement (seconds for 100,000): Cancel is asked
    # every CHECK_EVERY steps of SQLite's engine too, not only between files.
    monkeypatch.setattr(attached_projects, "CHECK_EVERY", 50)
    alice, bob = make_two_annotator_projects(tmp_path)
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return len(calls) < 6  # two checks, before storing, before file 1, then inside it

    with ProjectStore.create(tmp_path / "main.annotator") as project:
        before = _snapshot(project)
        with pytest.raises(MergeCancelledError):
            merge_recorded(project, [alice, bob], progress=progress)
        assert calls == [(0, 2), (1, 2), (2, 2), (0, 2), (0, 2), (0, 2)]
        assert _snapshot(project) == before
        assert not project.conn.in_transaction
        assert [r[1] for r in project.conn.execute("PRAGMA database_list")] == ["main", "temp"]
