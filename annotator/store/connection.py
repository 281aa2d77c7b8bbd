"""Open a project file with the settings every connection needs, and run immediate transactions.

Why each setting: foreign keys are off in SQLite unless asked for; WAL lets a second
instance read while we write; `synchronous=FULL` makes every acknowledged commit
survive a power cut; `BEGIN IMMEDIATE` takes the write lock up front, because in WAL a
deferred transaction that reads and then writes fails at once with SQLITE_BUSY_SNAPSHOT.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from annotator.core.errors import (
    ProjectBusyError,
    ProjectError,
    ReadOnlyProjectError,
    StorageFullError,
)

APPLICATION_ID = 0x414E4E54  # "ANNT": lets `file` and we ourselves recognise a project
BUSY_TIMEOUT_MS = 5000  # how long a writer waits for another window's transaction
BUSY_MESSAGE = "The project is busy (another window is saving); try again in a moment."


WriteTransaction = Callable[[], AbstractContextManager[sqlite3.Connection]]
"""What a repository is given to write with: each `with write() as conn:` is one committed
BEGIN IMMEDIATE transaction (ProjectStore.write, which also refuses on a read-only project)."""


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """Open `path` (creating it unless read_only) in autocommit mode; we manage transactions."""
    if read_only:
        uri = Path(path).absolute().as_uri() + "?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA schema_version").fetchone()
        except sqlite3.OperationalError:
            # A WAL database in a folder we cannot write needs `immutable` to be read at all.
            uri = Path(path).absolute().as_uri() + "?mode=ro&immutable=1"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        existed = Path(path).exists()
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        if not existed:
            os.chmod(path, 0o600)  # projects are private data
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
    return conn


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: BEGIN IMMEDIATE ... COMMIT, rolled back whole on any error.

    Raises StorageFullError when the disk is full and ReadOnlyProjectError when the file
    cannot be written; nothing of the transaction remains in either case.
    """
    if conn.in_transaction:  # nested use joins the outer transaction
        yield conn
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise translate_error(exc) from exc
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.OperationalError):
            raise translate_error(exc) from exc
        raise


def translate_error(exc: sqlite3.Error) -> Exception:
    """Map SQLite's expected failures to our typed errors; anything else stays a bug."""
    message = str(exc).lower()
    if "full" in message:
        return StorageFullError("The disk is full: the last change was not saved.")
    if "readonly" in message or "read-only" in message:
        return ReadOnlyProjectError("The project is read-only: changes cannot be saved.")
    if "locked" in message or "busy" in message:
        return ProjectBusyError(BUSY_MESSAGE)
    if "not a database" in message or "malformed" in message:
        return ProjectError(f"The project file is damaged or not a database ({exc}).")
    return exc
