"""The Restore from Backup dialog lists each backup with its time, reason and counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from annotator.core.model import Span
from annotator.gui.project.restore_backup_dialog import (
    RestoreBackupDialog,
    describe_age,
    describe_reason,
)
from annotator.store import backups
from annotator.store.project_store import ProjectStore

NOW = datetime(2026, 12, 2, 19, 0, tzinfo=UTC)


def test_each_backup_shows_when_why_and_how_much_it_holds(
    qtbot, store_with_spans: ProjectStore
) -> None:
    store = store_with_spans
    backups.take_backup(store.conn, store.path, "open", now=NOW - timedelta(hours=3))
    store.annotations.add_span(Span("late", "en", 0, 4, "Claim", "alice"))
    newest = backups.take_backup(store.conn, store.path, "periodic", now=NOW - timedelta(minutes=5))
    backups.take_backup(store.conn, store.path, "before-upgrade-v3", now=NOW - timedelta(days=2))
    dialog = RestoreBackupDialog(store.path, now=NOW)
    qtbot.addWidget(dialog)
    table = dialog.table
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(3)]
    assert [row[1:] for row in rows] == [
        ["while working, 5 minutes ago", "3", "4"],
        ["on opening, 3 hours ago", "3", "3"],
        ["before the upgrade from version 3, 2 days ago", "3", "4"],
    ]
    local = (NOW - timedelta(minutes=5)).astimezone()
    assert rows[0][0] == local.strftime("%a %d %b %Y, %H:%M:%S")
    assert dialog.chosen() == newest  # the newest is preselected
    table.selectRow(2)
    assert dialog.chosen() is not None and dialog.chosen().name.endswith(
        "before-upgrade-v3.annotator"
    )
    assert dialog.restore_button.isEnabled()
    dialog.show()
    dialog.grab().save("/tmp/restore_backup_dialog.png")


def test_without_backups_there_is_nothing_to_restore(qtbot, store: ProjectStore) -> None:
    dialog = RestoreBackupDialog(store.path)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0
    assert dialog.chosen() is None
    assert not dialog.restore_button.isEnabled()


def test_reasons_and_ages_read_as_words() -> None:
    assert describe_reason("before-import") == "before an import"
    assert describe_reason("something-new") == "something-new"
    assert describe_age(NOW, NOW + timedelta(seconds=20)) == "just now"
    assert describe_age(NOW, NOW + timedelta(minutes=1)) == "1 minute ago"
    assert describe_age(NOW, NOW + timedelta(days=3, hours=2)) == "3 days ago"
