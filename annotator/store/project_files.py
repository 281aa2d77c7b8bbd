"""What a project is on disk: its SQLite header, its `-wal`/`-shm` companions and its backups.

Read from the file's bytes without SQLite, so that a file can be judged (ours, another
program's database, empty, damaged) before anything opens it for writing, and so that
no output (export, copy, backup, report) ever replaces a database or its journal (#14).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from annotator.core.errors import ProtectedFileError

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
APPLICATION_ID = 0x414E4E54  # "ANNT": lets `file` and we ourselves recognise a project
# The journal files SQLite keeps beside a database; replacing one breaks the database.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")
_WAL_MAGICS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")


def header(path: Path) -> bytes | None:
    """The first 100 bytes of a regular file (fewer if it is shorter); None if unreadable."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            return handle.read(HEADER_SIZE)
    except OSError:
        return None


def is_sqlite(data: bytes | None) -> bool:
    return data is not None and data.startswith(SQLITE_MAGIC)


def application_id(data: bytes) -> int:
    """The application id stored in a database header (0 when unset or too short)."""
    if len(data) < 72:
        return 0
    return int.from_bytes(data[68:72], "big")


def truncation(path: Path, data: bytes) -> str | None:
    """Why the database at `path` (whose header is `data`) is cut short, or None.

    The header records the page size and, when its two change counters agree, the
    number of pages: a file shorter than that lost its end (a copy that stopped early).
    """
    if len(data) < HEADER_SIZE:
        return f"the file ends after {len(data)} bytes, inside its header"
    page_size = int.from_bytes(data[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(data[28:32], "big")
    if data[24:28] != data[92:96] or not pages or page_size < 512:
        return None  # no trustworthy page count (written by an old SQLite): cannot tell
    size = os.path.getsize(path)
    if size < pages * page_size:
        return f"the file is truncated: {size} bytes of the {pages * page_size} its header records"
    return None


def companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in COMPANION_SUFFIXES]


def wal_has_content(path: Path) -> bool:
    """True when a `-wal` beside `path` holds frames (committed work not yet in the file)."""
    try:
        return os.path.getsize(path.with_name(path.name + "-wal")) > 32  # the WAL header
    except OSError:
        return False


def _database_of_companion(path: Path) -> Path | None:
    for suffix in COMPANION_SUFFIXES:
        if path.name.endswith(suffix) and len(path.name) > len(suffix):
            return path.with_name(path.name[: -len(suffix)])
    return None


def protected_reason(path: Path) -> str | None:
    """Why writing over `path` would destroy a database, or None when it may be replaced.

    `path` is protected when it is an SQLite database (any program's; a project is one),
    a WAL file, or the `-wal`/`-shm`/`-journal` companion of an existing database.
    Symlinks are followed: what matters is the file that would be replaced.
    """
    target = Path(os.path.realpath(path))
    data = header(target)
    if is_sqlite(data):
        assert data is not None
        if application_id(data) == APPLICATION_ID or target.suffix == ".annotator":
            return f"{path}, an Annotator project"
        return f"{path}, an SQLite database"
    if data is not None and data[:4] in _WAL_MAGICS:
        return f"{path}, the journal of a database"
    database = _database_of_companion(target)
    if database is not None and (database.exists() or target.exists()):
        return f"{path}, which belongs to the database {database.name}"
    return None


def refuse_to_replace(path: Path, *, what: str) -> None:
    """Raise ProtectedFileError if `path` is a database or one of its journals.

    `what` names the output in the message ("The export", "The copy").
    """
    reason = protected_reason(Path(path))
    if reason is not None:
        raise ProtectedFileError(
            f"{what} would replace {reason}; nothing was written. Choose another name."
        )


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(os.path.realpath(a)) == Path(os.path.realpath(b))


def refuse_project_in(folder: Path, project: Path, *, what: str) -> None:
    """Raise ProtectedFileError if `project` (or a journal of it) lies inside `folder`."""
    root = Path(os.path.realpath(folder))
    for candidate in (project, *companions(project)):
        real = Path(os.path.realpath(candidate))
        if real == root or root in real.parents:
            raise ProtectedFileError(
                f"{what} would replace {folder}, which holds the project {project.name}; "
                "nothing was written. Choose another folder."
            )


def latest_backup(path: Path) -> Path | None:
    """The newest backup of the project at `path` (store/backups.py names and finds them)."""
    from annotator.store import backups

    return backups.latest_backup(Path(path))


def backup_hint(path: Path) -> str:
    """A sentence offering the latest backup, or saying there is none."""
    backup = latest_backup(path)
    if backup is None:
        return "No backup of it was found beside it."
    return f"The latest backup is {backup}: copy it to a new name and open the copy."
