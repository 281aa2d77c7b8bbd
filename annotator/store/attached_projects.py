"""Other project files attached read-only to a project's connection for a merge (#15), and
Cancel reaching into a long statement.

ATTACH comes after BEGIN IMMEDIATE (which would otherwise try to write-lock the
read-only attached file) and DETACH after the commit or rollback (SQLite refuses it
inside a transaction): `Attachments` holds both ends. A file is attached the way a
read-only open reads it (connection.read_only_uri): seeing every committed change and
leaving nothing beside the other analyst's file.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from annotator.core.errors import ProjectError
from annotator.store.connection import read_only_uri
from annotator.store.project_files import APPLICATION_ID

if TYPE_CHECKING:
    from annotator.store.project_store import ProjectStore


class Attachments:
    """Other project files attached read-only to `store`'s connection, detached on exit:
    `with Attachments(store) as attached, store.write() as conn:` then, inside the
    transaction, `project_merge.merge_attached(store, conn, attached.attach(path, version), path)`."""

    def __init__(self, store: ProjectStore):
        self._conn = store.conn
        self._schemas: list[str] = []
        self._scratch: list[Path] = []

    def _attached(self) -> list[str]:
        return [row[1] for row in self._conn.execute("PRAGMA database_list")]

    def room(self) -> int:
        """How many more files SQLite lets this connection attach (its limit is 10)."""
        used = sum(1 for row in self._conn.execute("PRAGMA database_list") if row[1] != "temp")
        return self._conn.getlimit(sqlite3.SQLITE_LIMIT_ATTACHED) - (used - 1)

    def attach(self, path: Path, expected_version: int) -> str:
        """Attach `path` read-only; its schema name. ProjectError when it is no longer
        the project of `expected_version` it was when checked."""
        uri, scratch = read_only_uri(path)
        if scratch is not None:
            self._scratch.append(scratch)
        present = set(self._attached())
        schema = next(
            f"{_PREFIX}{n}" for n in range(len(present) + 1) if f"{_PREFIX}{n}" not in present
        )
        self._conn.execute("ATTACH DATABASE ? AS " + schema, [uri])
        self._schemas.append(schema)
        app_id = self._conn.execute(f"PRAGMA {schema}.application_id").fetchone()[0]
        version = self._conn.execute(f"PRAGMA {schema}.user_version").fetchone()[0]
        if app_id != APPLICATION_ID or version != expected_version:
            raise ProjectError(f"{path} changed while it was being merged; nothing was merged.")
        return schema

    def __enter__(self) -> Attachments:
        if not self._conn.in_transaction:
            _detach(self._conn, [s for s in self._attached() if s.startswith(_PREFIX)])
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # Inside a caller's transaction (an undone merge redone in one write) SQLite
        # refuses DETACH: the files stay attached, unused, until the next Attachments
        # on this connection or its closing.
        if not self._conn.in_transaction:
            _detach(self._conn, reversed(self._schemas))
        self._schemas.clear()
        for scratch in self._scratch:
            shutil.rmtree(scratch, ignore_errors=True)
        self._scratch.clear()


_PREFIX = "merging_"  # the schema names of attached files


def _detach(conn: sqlite3.Connection, schemas: Iterable[str]) -> None:
    for schema in schemas:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("DETACH DATABASE " + schema)


CHECK_EVERY = 100_000  # steps of SQLite's engine between two asks to go on: milliseconds


class MergeInterruptedError(Exception):
    """`keep_going()` said stop: the statement under way was abandoned mid-way."""


@contextmanager
def interruptible(conn: sqlite3.Connection, keep_going: Callable[[], bool]) -> Iterator[None]:
    """While the block runs, ask `keep_going()` every CHECK_EVERY steps of SQLite's engine;
    once it returns False the statement under way stops (SQLITE_INTERRUPT) and this raises
    MergeInterruptedError, so a Cancel does not wait for the copy of a whole file's spans.
    The caller's transaction is left to roll back."""
    stopped: list[bool] = []

    def handler() -> int:
        if stopped or not keep_going():
            stopped.append(True)
            return 1  # non-zero: SQLite abandons the statement
        return 0

    conn.set_progress_handler(handler, CHECK_EVERY)
    try:
        yield
    except BaseException as exc:
        if stopped:  # whatever the interrupted statement's error became on its way up
            raise MergeInterruptedError() from exc
        raise
    finally:
        conn.set_progress_handler(None, 0)
