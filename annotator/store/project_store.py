# Over 400 lines: opening a file safely (judging it from its bytes, read-only without trace, snapshots, verify, checkpoint) belongs with the store that owns the connection; splitting it is follow-up work.
"""A project: one SQLite file. Opening, creating, migrating, copying; the repositories hang off it.

    store = ProjectStore.open(path)       # or ProjectStore.create(path)
    store.documents / store.annotations / store.claims / store.scheme / store.search / store.settings

Every write goes through `store.write()` (one BEGIN IMMEDIATE transaction) and is
committed when it returns: there is nothing to save.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.errors import (
    DamagedProjectError,
    NewerProjectError,
    ProjectError,
    ProtectedFileError,
    ReadOnlyProjectError,
)
from annotator.store import backups, project_files, schema_version, temporary_files
from annotator.store.annotation_repo import AnnotationRepo
from annotator.store.background_check import BackgroundCheck
from annotator.store.claim_repo import ClaimRepo
from annotator.store.connection import (
    APPLICATION_ID,
    SQLITE_FAILURES,
    check_problems,
    connect,
    connect_read_only,
    immediate,
    quick_check_rows,
    translate_error,
    use_rollback_journal,
    use_wal,
)
from annotator.store.document_filter import DocumentFinder
from annotator.store.document_repo import DocumentRepo
from annotator.store.filesystems import network_filesystem
from annotator.store.scheme_repo import SchemeRepo
from annotator.store.settings_repo import SettingsRepo
from annotator.store.span_listing import SpanListing

if TYPE_CHECKING:
    from annotator.store.search_repo import SearchRepo
    from annotator.store.sentence_index import SentenceIndex

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
        self.span_listing = SpanListing(conn)  # the annotation list's windowed reads
        self.document_list = DocumentFinder(conn)  # the document list's filtered pages
        self.settings = SettingsRepo(conn, self.write)
        self._scratch: Path | None = None  # a private copy read instead (see connect_read_only)
        self._in_snapshot = False
        self._damaged = False  # verify() found damage: write nothing more, not even statistics
        self._closed = False

    # Search and the sentence index are made on first use: a window shows neither before
    # the Search or Suggestions panel is opened, and their modules (the query parser, the
    # sentence splitter, five dataclasses) cost ~4 ms of start-up (#15).
    @functools.cached_property
    def search(self) -> SearchRepo:
        from annotator.store.search_repo import SearchRepo

        return SearchRepo(self.conn)

    @functools.cached_property
    def sentences(self) -> SentenceIndex:
        from annotator.store.sentence_index import SentenceIndex

        return SentenceIndex(self.conn)

    # -- opening ---------------------------------------------------------------------
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
    def create(cls, path: Path | str) -> ProjectStore:
        """Create a new, empty project at `path`; refuses to overwrite an existing file.

        The only way a project file comes into being: `open` never creates one. Raises
        ProjectError when `path` exists (and is not empty) or cannot be created (a
        read-only or missing folder).
        """
        path = Path(path)
        if path.exists() and (not path.is_file() or path.stat().st_size > 0):
            raise ProjectError(f"{path} already exists; open it or choose another name.")
        if project_files.wal_has_content(path):
            raise ProjectError(
                f"{path} is empty but a journal ({path.name}-wal) beside it holds data; "
                "it is not replaced. Choose another name."
            )
        try:
            # O_EXCL unless the empty file is already there (an interrupted `init`).
            flags = os.O_WRONLY | os.O_CREAT | (0 if path.exists() else os.O_EXCL)
            os.close(os.open(path, flags, 0o600))
            os.chmod(path, 0o600)  # projects are private data
        except OSError as exc:
            raise ProjectError(
                f"Cannot create {path}: {exc.strerror or exc}"
                + (
                    " (the folder is read-only)."
                    if exc.errno in (errno.EROFS, errno.EACCES)
                    else "."
                )
            ) from None
        return cls._open(path, create=True, read_only=False)

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False) -> ProjectStore:
        """Open the existing project at `path`, migrating it (after a backup) if it is older.

        The file is judged from its bytes before SQLite may write to it: ProjectError when
        it is missing, a folder, empty of tables, or another program's database (any of
        which are left exactly as they were); DamagedProjectError when it is empty
        (0 bytes), truncated or malformed, naming the latest backup; NewerProjectError
        when a newer version made it. A file we may not write is opened read-only (see
        `read_only`), showing every committed change and leaving nothing beside it.
        """
        path = Path(path)
        _judge_existing(path)
        if not read_only and not _writable(path):
            read_only = True
        return cls._open(path, create=False, read_only=read_only)

    @classmethod
    def _open(cls, path: Path, *, create: bool, read_only: bool) -> ProjectStore:
        scratch: Path | None = None
        absent = [c for c in project_files.companions(path) if not c.exists()]
        try:
            if read_only:
                conn, scratch = connect_read_only(path)
            else:
                conn = connect(path, create=create)
        except SQLITE_FAILURES as exc:
            _remove_empty_companions(absent)
            raise translate_error(exc, path) from exc
        store = cls(conn, path, read_only=read_only)
        store._scratch = scratch
        try:
            store._check_and_migrate(create=create)
            if not read_only:
                # A reader that holds a snapshot for long (a `sqlite3` shell, Datasette)
                # keeps checkpoints from resetting the WAL, which then grows; once they
                # can, SQLite cuts it back to this size instead of keeping its peak.
                conn.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
        except SQLITE_FAILURES as exc:
            store.close(optimize=False)
            _remove_empty_companions(absent)
            raise translate_error(exc, path) from exc
        except BaseException:
            store.close(optimize=False)
            _remove_empty_companions(absent)
            raise
        return store

    def _check_and_migrate(self, *, create: bool = False) -> None:
        conn = self.conn
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APPLICATION_ID and not (create and app_id == 0 and not tables):
            self.close(optimize=False)
            what = "an empty database" if not tables else "another program's database"
            raise ProjectError(
                f"{self.path} is not an Annotator project ({what}); it was left unchanged."
            )
        if version > schema_version.SCHEMA_VERSION:
            self.close(optimize=False)
            raise NewerProjectError(
                f"{self.path.name} was saved by a newer version of Annotator (schema "
                f"{version}; this version knows up to {schema_version.SCHEMA_VERSION}). Update Annotator to open it."
            )
        if not self.read_only:
            # WAL needs every process on one host: not on a network filesystem (#14).
            network = network_filesystem(self.path)
            wanted = "delete" if network else "wal"
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != wanted:
                self.verify()  # switching rewrites the header: never of a damaged file
            if network:  # only now: setting the journal mode writes to the file
                use_rollback_journal(conn)
            else:
                use_wal(conn)
        if version == schema_version.SCHEMA_VERSION:
            return
        if self.read_only:
            self.close(optimize=False)
            raise ProjectError(
                f"{self.path} needs an upgrade but is read-only; copy it somewhere writable."
            )
        if version > 0:
            self._backup_before_migration(version)
        # Only an upgrade needs the migrations (and sqlite-utils): keep start-up light.
        from sqlite_utils import Database

        from annotator.store import schema

        db = Database(conn)
        with immediate(conn, self.path):
            # Migrations use savepoints inside our immediate transaction: all steps or none.
            schema.migrations.apply(db)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {schema_version.SCHEMA_VERSION}")

    def _backup_before_migration(self, version: int) -> Path:
        # Into the project's backup folder, never rotated away (store/backups.py).
        return backups.take_backup(self.conn, self.path, f"before-upgrade-v{version}")

    @staticmethod
    def copy_of_backup(project: Path | str, backup: Path | str) -> Path:
        """A new project beside `project` holding `backup` (for a damaged project, which is
        never written to); see backups.copy_beside. Raises ProjectError for a bad backup."""
        return backups.copy_beside(
            Path(backup), Path(project), APPLICATION_ID, schema_version.SCHEMA_VERSION
        )

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
        if self._in_snapshot:
            raise RuntimeError("a write inside store.snapshot() would commit with the read")
        with immediate(self.conn, self.path) as conn:
            yield conn

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Everything read inside the block sees one committed state (one read transaction).

        An export, agreement or merge reads a project in many queries; without this, a
        writer committing between them (an import in another window) gives a torn
        result, e.g. documents without their spans (#14). In WAL mode the snapshot never
        blocks that writer. Joins an enclosing transaction. SQLite's expected failures
        inside become typed errors (damaged, busy, disk I/O) naming this file.
        """
        if self.conn.in_transaction:
            yield
            return
        try:
            self.conn.execute("BEGIN DEFERRED")
            # A deferred transaction takes its snapshot at the first read: take it now.
            self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except SQLITE_FAILURES as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise translate_error(exc, self.path) from exc
        self._in_snapshot = True
        try:
            yield
        except SQLITE_FAILURES as exc:
            raise translate_error(exc, self.path, self.conn) from exc
        finally:
            self._in_snapshot = False
            if self.conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")  # nothing was written: just let go

    def checkpoint(self) -> bool:
        """Copy what committed transactions left in `-wal` into the project file itself.

        PASSIVE: never waits for, and never blocks, another window or reader. After it, a
        plain copy of the file alone (a file manager, an e-mail attachment) holds every
        change. True when the whole WAL is in the file; False when a reader still needs
        part of it, inside a transaction, read-only, or on any SQLite failure: a checkpoint
        only makes the file self-contained sooner; the data are safe in the WAL anyway.
        """
        if self._closed or self.read_only or self._damaged or self.conn.in_transaction:
            return False
        try:
            busy, log, done = self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except SQLITE_FAILURES:
            return False
        return bool(busy == 0 and log == done)

    def data_version(self) -> int:
        """Changes when another connection (a second window or process) commits."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def save_copy(self, destination: Path | str) -> Path:
        """Write a consistent single-file copy (VACUUM INTO), replacing `destination` atomically.

        Raises ProtectedFileError when `destination` is this project, one of its journals
        or any other database (a copy never replaces a project), StorageFullError when the
        disk is full; in every case nothing under `destination` changes.
        """
        destination = Path(destination)
        if project_files.same_file(destination, self.path) or any(
            project_files.same_file(destination, c) for c in project_files.companions(self.path)
        ):
            raise ProtectedFileError(
                f"The copy would replace the open project {self.path.name} (or its journal); "
                "nothing was written. Choose another name."
            )
        project_files.refuse_to_replace(destination, what="The copy")
        # A name of our own (never someone's `copy.annotator.partial`), and what a killed
        # earlier copy left under such a name goes first.
        temporary_files.remove_stale_temporaries(destination)
        temporary = temporary_files.temporary_name(destination, ".partial")
        try:
            self.conn.execute("VACUUM INTO ?", [str(temporary)])
            temporary.chmod(0o600)
            temporary.replace(destination)
        except SQLITE_FAILURES as exc:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
            raise translate_error(exc, self.path) from exc
        except OSError:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
            raise
        return destination

    def verify(self) -> None:
        """Raise DamagedProjectError unless `PRAGMA quick_check` finds the file sound.

        Run before reading a whole project (export, agreement, merge) or writing into it
        (import, merge): structural damage is then a clear message, not a traceback or a
        write that spreads it. quick_check reads every page, so this is O(size).
        """
        self._judge_check(lambda: quick_check_rows(self.conn))

    @contextmanager
    def verified_alongside(
        self, *, stop_on: tuple[type[BaseException], ...] = ()
    ) -> Iterator[None]:
        """`verify()` for a block that only reads and returns a result: the check runs on a
        second connection while the block reads (store/background_check.py), and leaving
        the block waits for it. DamagedProjectError then, as verify() would have raised
        before, also in place of whatever error the damage made inside (garbage read from
        a bad page can break any step). An exception of a `stop_on` kind (a cancel) stops
        the check instead of waiting for it. Where a second connection cannot be had (a
        read-only project, read without trace), verify() runs first instead."""
        check = None
        if not self.read_only:
            with contextlib.suppress(sqlite3.Error, OSError):
                check = BackgroundCheck(self.path)
        if check is None:
            self.verify()
            yield
            return
        try:
            yield
        except stop_on:
            check.stop()
            raise
        except Exception:
            self._judge_check(check.result)  # damage, if that is what broke the block
            raise
        except BaseException:
            check.stop()
            raise
        self._judge_check(check.result)

    def _judge_check(self, report: Callable[[], list[str]]) -> None:
        """DamagedProjectError unless the quick_check lines `report()` returns are sound."""
        try:
            rows = report()
        except SQLITE_FAILURES as exc:
            self._damaged = True
            raise translate_error(exc, self.path) from exc
        problems = check_problems(rows)
        if problems:
            self._damaged = True
            raise DamagedProjectError(
                f"{self.path} is damaged ({problems[0]}). {project_files.backup_hint(self.path)}",
                path=str(self.path),
                detail=problems[0],
                backup=str(project_files.latest_backup(self.path) or "") or None,
            )

    def integrity_ok(self) -> bool:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self, *, optimize: bool = True) -> None:
        """Close the connection; `PRAGMA optimize` (which may write) only after clean use."""
        self._closed = True
        with contextlib.suppress(sqlite3.Error):
            if optimize and not self.read_only and not self._damaged:
                self.conn.execute("PRAGMA optimize")
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close(optimize=exc_type is None)


def _remove_empty_companions(created: list[Path]) -> None:
    """After a failed open, remove the journals SQLite just made, while they hold nothing.

    A failed open (a full disk, a refused file) can leave an empty `-wal` and a stub
    `-shm`; only files that did not exist before this open are candidates, and only
    while the `-wal` is empty, so no committed data can be in them.
    """
    wal = [c for c in created if c.name.endswith("-wal")]
    if any(c.exists() and c.stat().st_size > 0 for c in wal):
        return
    for companion in created:
        with contextlib.suppress(OSError):
            companion.unlink()


def _judge_existing(path: Path) -> None:
    """Refuse, from its bytes alone, a path that is not an openable project."""
    if not path.exists():
        raise ProjectError(f"No project at {path}.")
    if path.is_dir():
        raise ProjectError(f"{path} is a folder, not a project file.")
    data = project_files.header(path)
    if data is None:
        raise ProjectError(f"{path} is not a project file (not a regular file, or unreadable).")
    if not data:
        if project_files.wal_has_content(path):
            return  # a new project whose first pages are still in its -wal: SQLite reads it
        raise DamagedProjectError(
            f"{path} is empty (0 bytes): it is not a project, or it was damaged; it was left "
            f"unchanged. {project_files.backup_hint(path)}",
            path=str(path),
            detail="the file is empty",
            backup=str(project_files.latest_backup(path) or "") or None,
        )
    if not project_files.is_sqlite(data):
        if path.suffix != PROJECT_SUFFIX:
            raise ProjectError(f"{path} is not an Annotator project (not an SQLite database).")
        raise DamagedProjectError(
            f"{path} is damaged or not an Annotator project: it does not start like an SQLite "
            f"database. {project_files.backup_hint(path)}",
            path=str(path),
            detail="no SQLite header",
            backup=str(project_files.latest_backup(path) or "") or None,
        )
    app_id = project_files.application_id(data)
    if app_id not in (0, APPLICATION_ID):
        raise ProjectError(
            f"{path} is not an Annotator project (another program's database); "
            "it was left unchanged."
        )
    problem = project_files.truncation(path)
    if problem is not None:
        raise DamagedProjectError(
            f"{path} is damaged ({problem}). {project_files.backup_hint(path)}",
            path=str(path),
            detail=problem,
            backup=str(project_files.latest_backup(path) or "") or None,
        )


def _remove_project_files(path: Path) -> None:
    for companion in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        with contextlib.suppress(FileNotFoundError):
            companion.unlink()


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
