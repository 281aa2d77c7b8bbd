"""What a project is on disk: its SQLite header, its `-wal`/`-shm` companions and its backups.

Read from the file's bytes without SQLite, so that a file can be judged (ours, another
program's database, empty, damaged) before anything opens it for writing, and so that
no output (export, copy, backup, report) ever replaces a database or its journal (#14).
"""

from __future__ import annotations

import os
import stat
import time
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


def truncation(path: Path) -> str | None:
    """Why the database at `path` is cut short, or None.

    The header records the page size and, when its two change counters agree, the
    number of pages: a file shorter than that lost its end (a copy that stopped early).
    A file in use is not judged from its length alone: a checkpoint writes page 1, whose
    header already counts the new pages, before the pages that make the file longer, so
    for a moment the file is shorter than its header while the `-wal` still holds every
    missing page; a rollback journal likewise restores the old length. So the pages the
    file lacks must be missing from the `-wal` too, on a second look as well (a
    checkpoint that finished meanwhile), before the file is called truncated.
    """
    problem = None
    for attempt in range(_TRUNCATION_LOOKS):
        if attempt:
            time.sleep(0.05 * attempt)
        problem = _shorter_than_header(path)
        if problem is None:
            return None
    return problem


_TRUNCATION_LOOKS = 3


def _shorter_than_header(path: Path) -> str | None:
    # The length first: a checkpoint that shrinks the file (after VACUUM) writes the
    # smaller header before it truncates, so header-then-length could see old-header
    # with new-length; length-then-header cannot see a header larger than the file
    # unless the file is growing, which the -wal check below covers.
    try:
        size = os.path.getsize(path)
    except OSError:
        return None
    data = header(path) or b""
    if len(data) < HEADER_SIZE:
        return f"the file ends after {len(data)} bytes, inside its header"
    page_size = int.from_bytes(data[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(data[28:32], "big")
    if data[24:28] != data[92:96] or not pages or page_size < 512:
        return None  # no trustworthy page count (written by an old SQLite): cannot tell
    if size >= pages * page_size:
        return None
    if _journal_in_use(path):
        return None  # a write in progress, or one SQLite rolls back on open
    missing = range(size // page_size + 1, pages + 1)
    if set(missing) <= wal_committed_pages(path, page_size):
        return None  # a checkpoint in progress, or one SQLite redoes from the -wal
    return f"the file is truncated: {size} bytes of the {pages * page_size} its header records"


def _journal_in_use(path: Path) -> bool:
    try:
        return os.path.getsize(path.with_name(path.name + "-journal")) > 0
    except OSError:
        return False


def wal_committed_pages(path: Path, page_size: int) -> set[int]:
    """The page numbers the `-wal` beside `path` holds in committed frames of its log.

    Frames belong to the current log when they carry the salts of the WAL header
    (older frames, left from before the log restarted, carry earlier salts); a page
    counts once a commit frame follows it. Checksums are not verified: this only
    decides whether a short file may be judged damaged before SQLite opens it, and
    `ProjectStore.verify` checks every page before anything reads or writes the project.
    """
    pages: set[int] = set()
    try:
        with open(path.with_name(path.name + "-wal"), "rb") as wal:
            head = wal.read(_WAL_HEADER)
            if len(head) < _WAL_HEADER or head[:4] not in _WAL_MAGICS:
                return pages
            if int.from_bytes(head[8:12], "big") != page_size:
                return pages
            salts = head[16:24]
            length = os.fstat(wal.fileno()).st_size
            pending: list[int] = []
            offset = _WAL_HEADER
            while offset + _WAL_FRAME_HEADER + page_size <= length:  # whole frames only
                wal.seek(offset)
                frame = wal.read(_WAL_FRAME_HEADER)
                if len(frame) < _WAL_FRAME_HEADER or frame[8:16] != salts:
                    break
                pending.append(int.from_bytes(frame[0:4], "big"))
                if frame[4:8] != b"\0\0\0\0":  # a commit frame: the database size after it
                    pages.update(pending)
                    pending.clear()
                offset += _WAL_FRAME_HEADER + page_size
    except OSError:
        return set()
    return pages


_WAL_HEADER = 32
_WAL_FRAME_HEADER = 24


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
