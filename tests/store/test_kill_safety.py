"""Killing the process never loses acknowledged work nor leaves anything half-done, and two
writers at once lose nothing (#14).

A few trials of each kind from benchmarks/faults/kill_trials.py: a child annotating
through the undo commands as the GUI does, importing, merging, exporting or upgrading
the schema is SIGKILLed at a random moment, and what it leaves is checked there. The long
version: `python benchmarks/faults/run.py` (20 trials of each kind by default).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator.store import backups, schema
from annotator.store.project_store import ProjectStore
from benchmarks.faults.kill_trials import (
    OLD_PROJECT,
    Trials,
    judge_folder,
    kill_at_line,
    migrate_child,
    plan,
)

TRIALS = {
    "annotate": 3,
    "import": 2,
    "merge": 2,
    "export": 2,
    "brat": 3,
    "migrate": 2,
    "writers": 1,
}


@pytest.fixture(scope="module")
def trials(tmp_path_factory: pytest.TempPathFactory) -> Trials:
    return Trials(tmp_path_factory.mktemp("kills"), documents=200, seed=14)


@pytest.mark.parametrize("kind", sorted(TRIALS))
def test_a_kill_at_a_random_moment_loses_nothing_acknowledged(trials: Trials, kind: str) -> None:
    results = [trials.run(kind, number) for number in range(TRIALS[kind])]
    assert [r.problems for r in results] == [[] for _ in results], [
        (r.delay_s, r.outcome) for r in results
    ]
    if kind == "annotate":
        # The kills landed in the middle of work that had acknowledged something.
        assert all(int(r.outcome.split()[0]) > 0 for r in results)


def test_a_folder_export_is_judged_file_by_file() -> None:
    earlier = {"a.txt": "1", "a.ann": "2"}
    complete = {"a.txt": "1", "b.txt": "3", "b.ann": "4"}
    assert judge_folder(None, earlier, complete) == ("absent", "")
    assert judge_folder(dict(earlier), earlier, complete) == ("old", "")
    assert judge_folder(dict(complete), earlier, complete) == ("new", "")
    for torn in ({"a.txt": "1", "b.txt": "3"}, {**complete, "b.ann": "half"}, {}):
        outcome, problem = judge_folder(torn, earlier, complete)
        assert outcome == "torn" and problem.startswith("is neither")


def test_the_annotation_plan_models_undo_and_redo(tmp_path: Path) -> None:
    # The checker's model: an undone add is gone, a redone one is back, and a new
    # command after an undo drops the redo (as QUndoStack does).
    ops, states = plan(3, 400, {"d": 500})
    kinds = {op.kind for op in ops}
    assert kinds == {"add", "stance", "delete", "doc_stance", "undo", "redo"}
    for number, op in enumerate(ops):
        before, after = states[number][0], states[number + 1][0]
        if op.kind == "add":
            assert set(after) - set(before) == {op.span_id}
        elif op.kind == "delete":
            assert set(before) - set(after) == {op.span_id}
        elif op.kind == "stance":
            assert after[op.span_id][4] == op.stance


# Step 1 is in the schema-1 file already; from step 3 on, earlier steps have run.
@pytest.mark.parametrize("step", range(3, schema.SCHEMA_VERSION + 1))
def test_a_kill_between_two_migration_steps_leaves_the_old_file_and_a_good_backup(
    tmp_path: Path, step: int
) -> None:
    project = tmp_path / "old.annotator"
    shutil.copyfile(OLD_PROJECT, project)
    names = [m.name for m in schema.migrations._migrations]
    # Killed while step `step` runs, after the earlier steps have run in the same transaction.
    lines = kill_at_line(migrate_child(project), f"step {names[step - 1]}")
    assert f"step {names[step - 2]}" in lines
    conn = sqlite3.connect(project)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1  # fully old
    assert [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")] == [names[0]]
    conn.close()
    [backup] = backups.list_backups(project)
    assert backup.reason == "before-upgrade-v1"
    assert backups.summarize(backup.path) == backups.summarize(OLD_PROJECT)
    with ProjectStore.open(project) as store:  # the next open upgrades it whole
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(names)
        assert len(store.annotations.spans()) == backups.summarize(OLD_PROJECT).spans
