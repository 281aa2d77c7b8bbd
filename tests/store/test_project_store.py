"""Opening, creating, migrating, refusing and copying project files."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import (
    NewerProjectError,
    ProjectError,
    ReadOnlyProjectError,
    StorageFullError,
)
from annotator.core.model import Span
from annotator.store import backups, schema, schema_version
from annotator.store.connection import APPLICATION_ID
from annotator.store.project_store import ProjectStore


def test_new_project_is_a_plain_sqlite_file_with_our_id(project_path: Path) -> None:
    ProjectStore.create(project_path).close()
    conn = sqlite3.connect(project_path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "spans", "scheme_items", "document_stances", "documents_fts"} <= tables
    assert oct(project_path.stat().st_mode & 0o777) == oct(0o600)


def test_create_refuses_to_overwrite(store: ProjectStore) -> None:
    with pytest.raises(ProjectError, match="already exists"):
        ProjectStore.create(store.path)


def test_a_failed_create_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "x.annotator"
    with pytest.raises(RuntimeError), ProjectStore.created(path) as store:
        store.conn.execute("SELECT 1")  # the file and its WAL exist now
        assert path.exists()
        raise RuntimeError("filling the project failed")
    assert list(tmp_path.iterdir()) == []
    with ProjectStore.created(path) as store:  # a retry is not refused as "already exists"
        assert store.documents.count() == 0
    assert path.is_file()


def test_created_refuses_an_existing_project_and_keeps_it(store: ProjectStore) -> None:
    with pytest.raises(ProjectError, match="already exists"), ProjectStore.created(store.path):
        pass
    assert store.path.is_file()


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="No project"):
        ProjectStore.open(tmp_path / "nope.annotator")


def test_foreign_keys_are_enforced(store: ProjectStore) -> None:
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError), store.write() as conn:
        conn.execute(
            "INSERT INTO spans (id, document_id, start, \"end\", label_id, annotator) VALUES ('x', 'missing', 0, 1, 1, 'a')"
        )


def test_not_an_annotator_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="not an Annotator project"):
        ProjectStore.open(other)


def test_garbage_file_is_refused(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.annotator"
    garbage.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ProjectError):
        ProjectStore.open(garbage)


def test_newer_schema_is_refused_untouched(store: ProjectStore) -> None:
    path = store.path
    store.conn.execute(f"PRAGMA user_version = {schema_version.SCHEMA_VERSION + 1}")
    store.close()
    before = path.read_bytes()
    with pytest.raises(NewerProjectError, match="newer version"):
        ProjectStore.open(path)
    assert path.read_bytes() == before


def test_older_schema_is_migrated_after_a_backup(store: ProjectStore) -> None:
    path = store.path
    # Turn the file back into a schema-1 file: undo steps 0002-0003 and forget they ran.
    store.conn.executescript(
        "DROP INDEX spans_by_annotator; DROP INDEX document_stances_by_annotator;"
        "ALTER TABLE spans DROP COLUMN origin; ALTER TABLE document_stances DROP COLUMN origin;"
        "DELETE FROM _sqlite_migrations WHERE name IN ('0002_annotator_indexes', '0003_gold_origin');"
        "PRAGMA user_version = 1;"
    )
    store.close()
    reopened = ProjectStore.open(path)
    assert reopened.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    indexes = {
        r[0] for r in reopened.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    }
    assert "spans_by_annotator" in indexes
    [backup] = backups.list_backups(path)
    assert backup.reason == "before-upgrade-v1"
    assert backup.path.stat().st_mode & 0o777 == 0o600
    assert backups.summarize(backup.path).documents == 3
    old = sqlite3.connect(backup.path)  # the old schema, as it was
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    old.close()
    reopened.close()


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions"
)
def test_read_only_file_opens_read_only(store: ProjectStore) -> None:
    path = store.path
    store.close()
    path.chmod(0o444)
    try:
        opened = ProjectStore.open(path)
        assert opened.read_only
        assert opened.documents.count() == 3
        with pytest.raises(ReadOnlyProjectError):
            opened.annotations.add_span(Span("x", "en", 0, 4, "Claim", "alice"))
        opened.close()
    finally:
        path.chmod(0o600)


def test_explicit_read_only_refuses_writes(store: ProjectStore) -> None:
    path = store.path
    store.close()
    opened = ProjectStore.open(path, read_only=True)
    with pytest.raises(ReadOnlyProjectError):
        opened.settings.set("guidelines", "x")
    opened.close()


def test_disk_full_rolls_back_the_whole_change(store: ProjectStore) -> None:
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    big_note = "x" * 200_000
    store.annotations.add_span(Span("s1", "en", 0, 4, "Claim", "alice"))
    with pytest.raises(StorageFullError):
        store.annotations.update_span("s1", note=big_note)
    assert store.annotations.span("s1").note == ""
    assert store.integrity_ok()


def test_save_copy_is_a_complete_single_file(
    store_with_spans: ProjectStore, tmp_path: Path
) -> None:
    copy = store_with_spans.save_copy(tmp_path / "copy.annotator")
    assert not (tmp_path / "copy.annotator-wal").exists()
    with ProjectStore.open(copy) as reopened:
        assert len(reopened.annotations.spans()) == 3
        assert reopened.integrity_ok()


def test_second_connection_sees_commits_and_loses_nothing(store: ProjectStore) -> None:
    other = ProjectStore.open(store.path)
    version = store.data_version()
    other.annotations.add_span(Span("o1", "en", 0, 4, "Claim", "bob"))
    store.annotations.add_span(Span("s1", "en", 5, 9, "Claim", "alice"))
    assert store.data_version() != version
    assert {s.id for s in other.annotations.spans("en")} == {"o1", "s1"}
    other.close()


def test_a_failing_migration_changes_nothing(
    store: ProjectStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlite_utils import Migrations

    path = store.path
    store.close()
    broken = Migrations("annotator")
    for step in schema.migrations._migrations:
        broken(name=step.name)(step.fn)

    @broken(name="9999_half_done")
    def _half_done(db) -> None:  # type: ignore[no-untyped-def]
        db.execute("CREATE TABLE half (x)")
        raise RuntimeError("power cut in the middle of a migration")

    monkeypatch.setattr(schema, "migrations", broken)
    monkeypatch.setattr(schema_version, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    with pytest.raises(RuntimeError):
        ProjectStore.open(path)
    monkeypatch.undo()
    with ProjectStore.open(path) as reopened:
        tables = {r[0] for r in reopened.conn.execute("SELECT name FROM sqlite_master")}
        assert "half" not in tables
        assert reopened.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert reopened.documents.count() == 3


def test_a_wal_grown_behind_a_long_reader_is_cut_back_once_it_ends(store: ProjectStore) -> None:
    from annotator.store.project_store import WAL_SIZE_LIMIT

    wal = store.path.with_name(store.path.name + "-wal")
    assert store.conn.execute("PRAGMA journal_size_limit").fetchone()[0] == WAL_SIZE_LIMIT
    reader = sqlite3.connect(store.path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM documents").fetchone()
    try:
        for number in range(30):  # ~ 9 MB that no checkpoint may take from the WAL
            store.settings.set(f"filler {number}", "x" * 300_000)
        assert wal.stat().st_size > 2 * WAL_SIZE_LIMIT
    finally:
        reader.rollback()
        reader.close()
    for number in range(3):  # the next commits checkpoint, reset and truncate the WAL
        store.settings.set(f"after {number}", "y")
        store.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    assert wal.stat().st_size <= WAL_SIZE_LIMIT
