"""Open a project file with the settings every connection needs, and run immediate transactions.

Why each setting: foreign keys are off in SQLite unless asked for; WAL lets a second
instance read while we write; `synchronous=FULL` makes every acknowledged commit
survive a power cut; `BEGIN IMMEDIATE` takes the write lock up front, because in WAL a
deferred transaction that reads and then writes fails at once with SQLITE_BUSY_SNAPSHOT.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path

from annotator.core.errors import (
    DamagedProjectError,
    ProjectBusyError,
    ProjectError,
    ReadOnlyProjectError,
    StorageFullError,
)
from annotator.store import project_files
from annotator.store.project_files import APPLICATION_ID

__all__ = [
    "APPLICATION_ID",
    "SQLITE_FAILURES",
    "ImpossibleValueError",
    "connect",
    "connect_read_only",
    "immediate",
    "read_only_uri",
    "translate_error",
]
BUSY_TIMEOUT_MS = 5000  # how long a writer waits for another window's transaction
BUSY_MESSAGE = "The project is busy (another window is saving); try again in a moment."
# SQLite's primary result codes (https://sqlite.org/rescode.html) that are expected
# problems, not bugs.
_ERROR, _PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN = (
    1,
    3,
    5,
    6,
    8,
    10,
    11,
    13,
    14,
)
_CONSTRAINT, _NOTADB = 19, 26


WriteTransaction = Callable[[], AbstractContextManager[sqlite3.Connection]]
"""What a repository is given to write with: each `with write() as conn:` is one committed
BEGIN IMMEDIATE transaction (ProjectStore.write, which also refuses on a read-only project)."""


def _uri(path: Path, query: str) -> str:
    return Path(path).absolute().as_uri() + "?" + query


def _configure(conn: sqlite3.Connection) -> sqlite3.Connection:
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def connect(path: Path, *, create: bool = False) -> sqlite3.Connection:
    """Open `path` for reading and writing in autocommit mode; we manage transactions.

    Only `create` may make a new file (`mode=rwc`); otherwise SQLite is told never to
    create one (`mode=rw`), so a mistyped or vanished path cannot become an empty
    project. The journal mode is set later, by `use_wal`, once the file is known to be
    ours: setting it writes to the file.
    """
    conn = sqlite3.connect(
        _uri(path, "mode=rwc" if create else "mode=rw"),
        uri=True,
        isolation_level=None,
        check_same_thread=False,
    )
    return _configure(conn)


def use_wal(conn: sqlite3.Connection) -> None:
    """WAL (readers never block the writer) and FULL sync (a commit survives power loss)."""
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")


def use_rollback_journal(conn: sqlite3.Connection) -> None:
    """The rollback journal, for a project on a network filesystem (store/filesystems.py):
    readers then wait for a writer, but machines sharing the file cannot corrupt it."""
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")


def connect_read_only(path: Path) -> tuple[sqlite3.Connection, Path | None]:
    """Open `path` read-only, seeing every committed change, and leaving no file beside it.

    Returns the connection and a scratch folder to remove after closing it (or None);
    `read_only_uri` says how the file is read.
    """
    uri, scratch = read_only_uri(path)
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        return _configure(conn), scratch
    except BaseException:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
        raise


def read_only_uri(path: Path) -> tuple[str, Path | None]:
    """A URI reading `path` read-only, seeing every committed change and leaving no file
    beside it (for a connection, or for ATTACH in a merge), and a scratch folder to remove
    once it is closed (or None). Three cases (#14):

    - no `-wal` with frames: everything is in the file; `immutable=1` reads it without
      locks and without creating `-wal`/`-shm` beside someone else's file;
    - a `-wal` and its `-shm`: the file may be open in another window, so it is read the
      normal way (`mode=ro`, through the existing `-shm`; nothing new is created);
    - a `-wal` without `-shm` (left by a killed process): SQLite could only read it by
      creating a `-shm`, impossible in a read-only folder (and `immutable` would ignore
      the WAL and show old data), so the file and its WAL are copied to a private scratch
      folder and read there: the data are the current ones and nothing is left beside it.
    """
    path = Path(path)
    shm = path.with_name(path.name + "-shm")
    if not project_files.wal_has_content(path):
        return _uri(path, "mode=ro&immutable=1"), None
    if shm.exists():
        try:
            probe = sqlite3.connect(_uri(path, "mode=ro"), uri=True)
            try:
                probe.execute("PRAGMA schema_version").fetchone()
            finally:
                probe.close()
            return _uri(path, "mode=ro"), None
        except sqlite3.OperationalError:
            pass  # an unreadable -shm: fall back to a private copy
    scratch = Path(tempfile.mkdtemp(prefix="annotator-read-"))
    try:
        copy = scratch / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(path.with_name(path.name + "-wal"), copy.with_name(copy.name + "-wal"))
        return _uri(copy, "mode=ro"), scratch
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise


@contextmanager
def immediate(conn: sqlite3.Connection, path: Path | None = None) -> Iterator[sqlite3.Connection]:
    """One write transaction: BEGIN IMMEDIATE ... COMMIT, rolled back whole on any error.

    Raises StorageFullError when the disk is full, ReadOnlyProjectError when the file
    cannot be written and DamagedProjectError when SQLite finds it damaged (`path` names
    it); nothing of the transaction remains in any case.
    """
    if conn.in_transaction:  # nested use joins the outer transaction
        yield conn
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except SQLITE_FAILURES as exc:
        raise translate_error(exc, path, conn) from exc
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            with suppress(sqlite3.Error):  # a failed ROLLBACK must not hide the cause
                conn.execute("ROLLBACK")
        if isinstance(exc, SQLITE_FAILURES):
            raise translate_error(exc, path, conn) from exc
        raise


def _disk_is_full(path: Path | None) -> bool:
    try:
        return os.statvfs(Path(path or ".").absolute().parent).f_bavail == 0
    except OSError:
        return False


class ImpossibleValueError(Exception):
    """A stored value our schema cannot hold (an unknown kind, a malformed JSON column):
    damage that `PRAGMA quick_check` does not look for. Becomes a DamagedProjectError."""


# What SQLite (through Python's module) raises for a file that is not what it should
# be: its own errors, UnicodeDecodeError when an error message quotes damaged bytes,
# and the impossible values the repositories find in rows.
SQLITE_FAILURES = (sqlite3.DatabaseError, UnicodeDecodeError, ImpossibleValueError)


def translate_error(
    exc: Exception, path: Path | None = None, conn: sqlite3.Connection | None = None
) -> Exception:
    """Map SQLite's expected failures to our typed errors; anything else stays a bug.

    `path` (the database the error came from) is named in the message; a damaged file
    is checked with `PRAGMA quick_check` to say what is wrong, and its latest backup named.
    With `conn`, an error of our own SQL ("no such column", a NOT NULL default missing)
    is checked against the stored schema: altered means damaged, intact means a bug.
    """
    if isinstance(exc, UnicodeDecodeError):
        if path is None:
            return exc
        return damaged(Path(path), "SQLite's message about it quotes unreadable, damaged bytes")
    if isinstance(exc, ImpossibleValueError):
        return exc if path is None else damaged(Path(path), str(exc))
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    message = str(exc).lower()
    name = Path(path).name if path is not None else "The project"
    if code == _FULL or "full" in message or (code == _IOERR and _disk_is_full(path)):
        where = f" (where {Path(path).name} is)" if path is not None else ""
        return StorageFullError(
            f"The disk is full{where}: the step did not complete and nothing was changed. "
            "Free some space and try again."
        )
    if code == _READONLY or "readonly" in message or "read-only" in message:
        return ReadOnlyProjectError(f"{name} is read-only: changes cannot be saved.")
    if code in (_BUSY, _LOCKED) or "locked" in message or "busy" in message:
        return ProjectBusyError(BUSY_MESSAGE)
    if code == _CONSTRAINT and message == "constraint failed" and path is not None:
        # Our tables' constraints always name their column; a bare "constraint failed"
        # comes from the full-text index refusing an entry it should not already hold.
        return damaged(Path(path), "its search index holds entries that conflict with new ones")
    if "fts5" in message and ("format" in message or "corrupt" in message):
        # the search index's own pages are damaged (SQLITE_ERROR, not SQLITE_CORRUPT)
        return damaged(Path(path), one_line(str(exc), 120)) if path is not None else exc
    if "could not decode to utf-8" in message:  # a flipped byte inside a stored text
        return damaged(Path(path), one_line(str(exc), 120)) if path is not None else exc
    if code in (_CORRUPT, _NOTADB) or "not a database" in message or "malformed" in message:
        if path is None:
            return ProjectError(f"The project file is damaged ({exc}).")
        return damaged(Path(path), str(exc))
    if code == _IOERR:
        return ProjectError(
            f"{name}: a disk I/O error stopped the work (the disk may be full, removed or "
            "failing); what was not finished was not saved."
        )
    if code in (_CANTOPEN, _PERM):
        return ProjectError(f"Cannot open {path or 'the project'}: {exc}.")
    if code in (_ERROR, _CONSTRAINT) and conn is not None and path is not None:
        from annotator.store.schema_check import schema_difference

        try:
            difference = schema_difference(conn) or integrity_problem(conn)
        except SQLITE_FAILURES as unreadable:
            difference = one_line(str(unreadable), 120)
        if difference is not None:
            return damaged(Path(path), difference)
    return exc


def damaged(path: Path, fallback: str) -> DamagedProjectError:
    """A DamagedProjectError for `path`, saying what `PRAGMA quick_check` finds."""
    detail = one_line(quick_check_problem(path) or fallback)
    return DamagedProjectError(
        f"{path} is damaged ({detail}). {project_files.backup_hint(path)}",
        path=str(path),
        detail=detail,
        backup=str(project_files.latest_backup(path) or "") or None,
    )


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def quick_check_rows(conn: sqlite3.Connection) -> list[str]:
    """`PRAGMA quick_check`'s report lines on `conn` (damaged bytes in it replaced)."""
    previous = conn.text_factory
    conn.text_factory = _lenient_text
    try:
        return [str(r[0]) for r in conn.execute("PRAGMA quick_check(20)")]
    finally:
        conn.text_factory = previous


_DATABASE_HEADING = re.compile(r"^\*\*\* in database \w+ \*\*\*\s*")


def check_problems(rows: list[str]) -> list[str]:
    """The problems in `quick_check`/`integrity_check` report lines, each on one line.

    SQLite heads the first problem with "*** in database main ***" *in the same row*
    ("*** in database main ***\nPage 32: btreeInitPage() returns error code 11"): the
    heading is cut off, never the row with it, or a garbage page would pass as sound.
    """
    problems = []
    for row in rows:
        rest = _DATABASE_HEADING.sub("", row).strip()
        if rest and rest != "ok":
            problems.append(one_line(rest))
    return problems


def integrity_problem(conn: sqlite3.Connection) -> str | None:
    """The first problem `PRAGMA integrity_check` finds (it also compares every index with
    its table, which quick_check skips), or None. Only on error paths: it reads everything."""
    previous = conn.text_factory
    conn.text_factory = _lenient_text
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(20)")]
    finally:
        conn.text_factory = previous
    problems = check_problems(rows)
    if problems:
        return problems[0]
    # integrity_check does not look inside full-text indexes; FTS5 checks itself on request.
    fts_tables = [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING FTS5%'"
        )
    ]
    for table in fts_tables:
        quoted = '"' + table.replace('"', '""') + '"'
        try:
            conn.execute(f"INSERT INTO {quoted} ({quoted}) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as exc:
            if (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF in (_CORRUPT, _NOTADB):
                return f"its search index {table} is damaged"
    return None


def one_line(text: str, limit: int = 200) -> str:
    """`text` on one line (SQLite quotes multi-line schema), cut to `limit` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def quick_check_problem(path: Path) -> str | None:
    """The first problem `PRAGMA quick_check` reports for `path`, or None if it finds none.

    Opened `immutable` so that checking leaves nothing beside the file and writes nothing.
    """
    try:
        conn = sqlite3.connect(_uri(path, "mode=ro&immutable=1"), uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = quick_check_rows(conn)
    except sqlite3.Error as exc:
        return str(exc)
    except UnicodeDecodeError:
        return "SQLite's report on it quotes unreadable, damaged bytes"
    finally:
        conn.close()
    problems = check_problems(rows)
    return problems[0] if problems else None
