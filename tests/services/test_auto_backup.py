"""Automatic backups: on opening, then every N minutes of changes; nothing when unchanged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from annotator.core.model import Span
from annotator.services.auto_backup import AutoBackup
from annotator.store import backups
from annotator.store.project_store import ProjectStore


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_backup_on_open_then_one_per_interval_while_the_project_changes(
    store: ProjectStore,
) -> None:
    clock = FakeClock()
    auto = AutoBackup(store, interval_s=600, clock=clock)
    opened = auto.on_open()
    assert opened is not None and backups.summarize(opened).spans == 0
    clock.now += 900
    assert auto.tick() is None  # nothing changed since: no backup
    store.annotations.add_span(Span("p1", "en", 0, 4, "Claim", "alice"))
    first = auto.tick()  # changed, and the last backup is older than the interval
    assert first is not None and backups.summarize(first).spans == 1
    store.annotations.add_span(Span("p2", "en", 5, 9, "Claim", "alice"))
    clock.now += 60
    assert auto.tick() is None  # changed again, but within the interval
    clock.now += 600
    second = auto.tick()
    assert second is not None and backups.summarize(second).spans == 2
    assert [b.reason for b in backups.list_backups(store.path)] == ["periodic", "periodic", "open"]
    clock.now += 600
    assert auto.tick() is None


def test_another_windows_commit_counts_as_a_change(store: ProjectStore) -> None:
    clock = FakeClock()
    auto = AutoBackup(store, interval_s=600, clock=clock)
    with ProjectStore.open(store.path) as other:
        other.annotations.add_span(Span("o1", "en", 0, 4, "Claim", "bob"))
    clock.now += 601
    made = auto.tick()
    assert made is not None and backups.summarize(made).spans == 1


def test_reopening_right_after_a_backup_takes_no_new_one(store: ProjectStore) -> None:
    first = AutoBackup(store).on_open(datetime.now(UTC))
    assert first is not None
    assert AutoBackup(store).on_open(datetime.now(UTC) + timedelta(seconds=30)) is None
    assert AutoBackup(store).on_open(datetime.now(UTC) + timedelta(minutes=2)) is not None


def test_a_read_only_project_is_not_backed_up(store: ProjectStore) -> None:
    path = store.path
    with ProjectStore.open(path, read_only=True) as read_only:
        assert AutoBackup(read_only).on_open() is None
    assert backups.list_backups(path) == []
