"""Rotating backups: private, self-contained, consistent with what was committed, restorable."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from annotator.core.errors import ProjectBusyError, ProjectError
from annotator.core.model import Span
from annotator.store import backups
from annotator.store.project_store import ProjectStore

T0 = datetime(2026, 12, 2, 18, 0, tzinfo=UTC)


def test_a_backup_is_a_private_self_contained_copy_of_what_was_committed(
    store_with_spans: ProjectStore,
) -> None:
    store = store_with_spans
    path = store.take_backup("open")
    assert path.parent == backups.backup_folder(store.path)
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert path.stat().st_mode & 0o777 == 0o600
    # Self-contained: a DELETE-mode file with nothing beside it.
    assert not path.with_name(path.name + "-wal").exists()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert backups.summarize(path) == backups.BackupSummary(3, 3, 0)
    [listed] = backups.list_backups(store.path)
    assert (listed.path, listed.reason) == (path, "open")
    assert backups.latest_backup(store.path) == path


def test_a_backup_includes_work_still_in_the_wal(store: ProjectStore) -> None:
    # A second connection keeps a read snapshot open, so nothing can be checkpointed.
    reader = sqlite3.connect(store.path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM spans").fetchone()
    store.annotations.add_span(Span("w1", "en", 0, 4, "Claim", "alice"))
    path = store.take_backup("periodic")
    reader.rollback()
    reader.close()
    assert backups.summarize(path).spans == 1


def test_rotation_keeps_the_newest_and_never_the_upgrade_or_restore_backups(
    store: ProjectStore,
) -> None:
    upgrade = backups.take_backup(store.conn, store.path, "before-upgrade-v2", now=T0)
    taken = [
        backups.take_backup(
            store.conn, store.path, "periodic", keep=3, now=T0 + timedelta(minutes=i + 1)
        )
        for i in range(6)
    ]
    listed = backups.list_backups(store.path)
    assert [b.path for b in listed] == [*reversed(taken[-3:]), upgrade]
    assert listed[0].taken_at == T0 + timedelta(minutes=6)


def test_legacy_upgrade_backups_beside_the_project_are_listed(store: ProjectStore) -> None:
    legacy = store.path.with_name(store.path.name + ".v1.bak")
    store.save_copy(legacy)
    [found] = backups.list_backups(store.path)
    assert (found.path, found.reason) == (legacy, "before-upgrade-v1")


def test_no_backup_yet_and_a_damaged_project_still_answer(tmp_path: Path) -> None:
    damaged = tmp_path / "broken.annotator"
    damaged.write_bytes(b"\0" * 100)
    assert backups.latest_backup(damaged) is None
    assert backups.list_backups(tmp_path / "missing.annotator") == []


def test_a_killed_backup_leaves_no_file_under_a_backup_name(store: ProjectStore) -> None:
    folder = backups.backup_folder(store.path)
    folder.mkdir()
    (folder / "20261202T180000000000Z-open.annotator.partial").write_bytes(b"half")
    assert backups.list_backups(store.path) == []


def test_a_busy_destination_gives_up_with_a_clear_message(store: ProjectStore) -> None:
    backup = store.take_backup("open")
    store.conn.execute("PRAGMA busy_timeout = 0")  # the fake clock below decides
    blocker = sqlite3.connect(store.path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    clock = iter(range(0, 100, 3))
    try:
        with pytest.raises(ProjectBusyError, match="another window is saving"):
            src = sqlite3.connect(backup)
            src.backup(
                store.conn, progress=backups._give_up_when_busy(5, lambda: float(next(clock)))
            )
    finally:
        blocker.rollback()
        blocker.close()


def test_summarize_refuses_a_file_that_is_not_a_project(tmp_path: Path) -> None:
    other = tmp_path / "other.annotator"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.close()
    with pytest.raises(ProjectError, match="not a readable Annotator backup"):
        backups.summarize(other)
