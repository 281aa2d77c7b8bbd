"""A project: one SQLite file. Opening, creating, migrating, copying; the repositories hang off it.

    store = ProjectStore.open(path)       # or ProjectStore.create(path)
    store.documents / store.annotations / store.claims / store.scheme / store.search / store.settings

Every write goes through `store.write()` (one BEGIN IMMEDIATE transaction) and is
committed when it returns: there is nothing to save.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from annotator.core.errors import NewerProjectError, ProjectError, ReadOnlyProjectError
from annotator.store import backups, schema_version
from annotator.store.annotation_repo import AnnotationRepo
from annotator.store.claim_repo import ClaimRepo
from annotator.store.connection import APPLICATION_ID, connect, immediate, translate_error
from annotator.store.document_repo import DocumentRepo
from annotator.store.scheme_repo import SchemeRepo
from annotator.store.search_repo import SearchRepo
from annotator.store.sentence_index import SentenceIndex
from annotator.store.settings_repo import SettingsRepo

PROJECT_SUFFIX = ".annotator"
WAL_SIZE_LIMIT = 4 * 1024 * 1024  # bytes of `-wal` kept after a checkpoint (about 1,000 pages)


class ProjectStore:
    """An open project file. Not thread-safe: use from one thread."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, read_only: bool):
        self.conn = conn
        self.path = path
        self.read_only = read_only
        # The repositories get the connection and the write transaction, never the store.
        self.documents = DocumentRepo(conn, self.write)
        self.annotations = AnnotationRepo(conn, self.write)
        self.claims = ClaimRepo(conn, self.write, self.annotations)
        self.scheme = SchemeRepo(conn, self.write, self.annotations)
        self.search = SearchRepo(conn)
        self.sentences = SentenceIndex(conn)
        self.settings = SettingsRepo(conn, self.write)

    # -- opening ---------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path | str) -> ProjectStore:
        """Create a new, empty project at `path`; refuses to overwrite an existing file."""
        path = Path(path)
        if path.exists() and path.stat().st_size > 0:
            raise ProjectError(f"{path} already exists; open it or choose another name.")
        return cls.open(path, create=True)

    @classmethod
    @contextmanager
    def created(cls, path: Path | str) -> Iterator[ProjectStore]:
        """Create a project at `path` (as `create`), yield it, close it when the block ends.

        If creating or the block fails, the new file and its -wal, -shm and -journal files are
        removed: a failed create (a demo whose seeds are missing, a full disk) leaves nothing
        that a retry would refuse as "already exists" or open as an empty project.
        """
        path = Path(path)
        existed = path.exists()
        try:
            store = cls.create(path)
        except BaseException:
            if not existed:
                _remove_project_files(path)
            raise
        try:
            yield store
        except BaseException:
            store.close()
            _remove_project_files(path)
            raise
        store.close()

    @classmethod
    def open(
        cls, path: Path | str, *, create: bool = False, read_only: bool = False
    ) -> ProjectStore:
        """Open the project at `path`, migrating it (after a backup) if it is older.

        Raises ProjectError when the file is missing (and not `create`), is not an
        Annotator project or is damaged, and NewerProjectError when a newer version made it.
        A file we may not write is opened read-only (see `read_only`).
        """
        path = Path(path)
        if not path.exists() and not create:
            raise ProjectError(f"No project at {path}.")
        if path.exists() and not read_only and not _writable(path):
            read_only = True
        try:
            conn = connect(path, read_only=read_only)
        except sqlite3.DatabaseError as exc:
            raise translate_error(exc) from exc
        store = cls(conn, path, read_only=read_only)
        try:
            store._check_and_migrate()
            if not read_only:
                # A reader that holds a snapshot for long (a `sqlite3` shell, Datasette)
                # keeps checkpoints from resetting the WAL, which then grows; once they
                # can, SQLite cuts it back to this size instead of keeping its peak.
                conn.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
        except sqlite3.DatabaseError as exc:
            store.close()
            raise translate_error(exc) from exc
        except BaseException:
            store.close()
            raise
        return store

    def _check_and_migrate(self) -> None:
        conn = self.conn
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables):
            self.close()
            raise ProjectError(f"{self.path} is not an Annotator project.")
        if version > schema_version.SCHEMA_VERSION:
            self.close()
            raise NewerProjectError(
                f"{self.path.name} was saved by a newer version of Annotator (schema "
                f"{version}; this version knows up to {schema_version.SCHEMA_VERSION}). Update Annotator to open it."
            )
        if version == schema_version.SCHEMA_VERSION:
            return
        if self.read_only:
            self.close()
            raise ProjectError(
                f"{self.path} needs an upgrade but is read-only; copy it somewhere writable."
            )
        if version > 0:
            self._backup_before_migration(version)
        # Only an upgrade needs the migrations (and sqlite-utils): keep start-up light.
        from sqlite_utils import Database

        from annotator.store import schema

        db = Database(conn)
        with immediate(conn):
            # Migrations use savepoints inside our immediate transaction: all steps or none.
            schema.migrations.apply(db)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {schema_version.SCHEMA_VERSION}")

    def _backup_before_migration(self, version: int) -> Path:
        # Into the project's backup folder, never rotated away (store/backups.py).
        return backups.take_backup(self.conn, self.path, f"before-upgrade-v{version}")

    def take_backup(self, reason: str) -> Path:
        """A rotating backup of this project now (store/backups.py says where and how many)."""
        return backups.take_backup(self.conn, self.path, reason)

    def restore(self, backup: Path | str) -> Path:
        """Replace this project's whole content with `backup`; returns the backup of what was.

        The current state is backed up first (reason `before-restore`, never rotated away),
        the backup is checked before anything changes, and an older backup is upgraded.
        Raises ProjectError (nothing changed) for a bad backup or a busy project.
        """
        if self.read_only:
            raise ReadOnlyProjectError(f"{self.path.name} is open read-only: cannot restore.")
        backup = Path(backup)
        backups.check_restorable(backup, APPLICATION_ID, schema_version.SCHEMA_VERSION)
        kept = self.take_backup("before-restore")
        backups.copy_into(backup, self.conn)
        self._check_and_migrate()
        return kept

    # -- using -----------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction; raises ReadOnlyProjectError on a read-only project."""
        if self.read_only:
            raise ReadOnlyProjectError(
                f"{self.path.name} is open read-only: changes cannot be saved."
            )
        with immediate(self.conn) as conn:
            yield conn

    def data_version(self) -> int:
        """Changes when another connection (a second window or process) commits."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def save_copy(self, destination: Path | str) -> Path:
        """Write a consistent single-file copy (VACUUM INTO), replacing `destination` atomically."""
        destination = Path(destination)
        temporary = destination.with_name(destination.name + ".partial")
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        try:
            self.conn.execute("VACUUM INTO ?", [str(temporary)])
            temporary.chmod(0o600)
            temporary.replace(destination)
        except sqlite3.OperationalError as exc:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
            raise translate_error(exc) from exc
        return destination

    def integrity_ok(self) -> bool:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            if not self.read_only:
                self.conn.execute("PRAGMA optimize")
            self.conn.close()

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _remove_project_files(path: Path) -> None:
    for companion in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        with contextlib.suppress(FileNotFoundError):
            companion.unlink()


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
