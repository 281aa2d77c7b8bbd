"""Rotating backups of a project: taken with SQLite's online backup API, listed, restored.

Where: a private folder beside the project, `<project file name>.backups/` (0700), one
self-contained SQLite file per backup (0600), named `<UTC time>-<reason>.annotator`, e.g.
`study.annotator.backups/20261202T184000123456Z-open.annotator`. Beside the project so a
backup moves with it and is found without settings; the name sorts by time and says why
it was taken. Reasons: `open`, `periodic` (after N minutes of changes), `before-import`,
`before-merge` (kept: the newest `KEEP` of these), `before-upgrade-vN` and
`before-restore` (never rotated away). Backups made before this folder existed,
`<project file name>.vN.bak` beside the project, are listed too.

The online backup API copies one consistent snapshot even while another window writes,
including what still sits in the `-wal` file (a plain file copy can miss it). Each backup
is written under a `.partial` name and renamed when complete, so no half-written file ever
carries a backup's name.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from annotator.core.errors import ProjectBusyError, ProjectError

BACKUP_FOLDER_SUFFIX = ".backups"
BACKUP_SUFFIX = ".annotator"
KEEP = 10  # rotating backups kept per project
# Reasons never rotated away: the state before an upgrade or a restore is the one to go back to.
KEPT_REASONS = ("before-upgrade", "before-restore")
_NAME = re.compile(r"^(\d{8}T\d{12}Z)-([a-z0-9-]+)\.annotator$")
_LEGACY = re.compile(r"^\.v(\d+)\.bak$")
_STAMP = "%Y%m%dT%H%M%S%fZ"
_BUSY_GIVE_UP_S = 5.0
_STALE_PARTIAL_S = 3600.0


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup file of a project."""

    path: Path
    taken_at: datetime  # timezone-aware, UTC
    reason: str

    @property
    def rotating(self) -> bool:
        return not self.reason.startswith(KEPT_REASONS)


@dataclass(frozen=True, slots=True)
class BackupSummary:
    """What a backup holds, read without changing it."""

    documents: int
    spans: int
    document_stances: int


def backup_folder(project: Path) -> Path:
    """The folder holding `project`'s backups (it may not exist yet)."""
    project = Path(project).absolute()
    return project.with_name(project.name + BACKUP_FOLDER_SUFFIX)


def list_backups(project: Path) -> list[Backup]:
    """Every backup of `project`, newest first. Never opens or changes a file."""
    project = Path(project).absolute()
    found: list[Backup] = []
    folder = backup_folder(project)
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            match = _NAME.match(entry.name)
            if match and entry.is_file():
                taken = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
                found.append(Backup(entry, taken, match.group(2)))
    with contextlib.suppress(OSError):
        for entry in project.parent.iterdir():
            if not entry.name.startswith(project.name):
                continue
            legacy = _LEGACY.match(entry.name[len(project.name) :])
            if legacy and entry.is_file():
                taken = datetime.fromtimestamp(entry.stat().st_mtime, UTC)
                found.append(Backup(entry, taken, f"before-upgrade-v{legacy.group(1)}"))
    found.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return found


def latest_backup(project: Path) -> Path | None:
    """The newest backup of `project`, or None. Safe on a damaged project: reads no database."""
    backups = list_backups(project)
    return backups[0].path if backups else None


def take_backup(
    conn: sqlite3.Connection,
    project: Path,
    reason: str,
    *,
    keep: int = KEEP,
    now: datetime | None = None,
) -> Path:
    """Copy the database behind `conn` (the open `project`) into a new backup; rotate.

    Runs outside any transaction of `conn`. Raises ProjectError when the backup cannot be
    written (the project itself is untouched then).
    """
    if not re.fullmatch(r"[a-z0-9-]+", reason):
        raise ValueError(f"bad backup reason {reason!r}")
    folder = backup_folder(project)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise ProjectError(f"Cannot create the backup folder {folder}: {exc.strerror}.") from exc
    _remove_stale_partials(folder)
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    final = folder / f"{moment.strftime(_STAMP)}-{reason}{BACKUP_SUFFIX}"
    while final.exists():  # two backups in one microsecond: keep both
        moment = moment.replace(microsecond=(moment.microsecond + 1) % 1_000_000)
        final = folder / f"{moment.strftime(_STAMP)}-{reason}{BACKUP_SUFFIX}"
    partial = final.with_name(final.name + ".partial")
    try:
        # Created 0600 before SQLite opens it, so the copy is never readable by others.
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        target = sqlite3.connect(str(partial), isolation_level=None)
        try:
            conn.backup(target, progress=_give_up_when_busy())
            # The copy inherits WAL mode from the header; a backup is one self-contained file.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        _fsync(partial)
        os.replace(partial, final)
        _fsync(folder)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise ProjectError(f"Cannot write a backup into {folder}: {exc}.") from exc
    prune(project, keep)
    return final


def prune(project: Path, keep: int = KEEP) -> list[Path]:
    """Remove all but the newest `keep` rotating backups; returns what was removed."""
    rotating = [
        b for b in list_backups(project) if b.rotating and b.path.parent == backup_folder(project)
    ]
    removed = []
    for backup in rotating[keep:]:
        with contextlib.suppress(FileNotFoundError):
            backup.path.unlink()
            removed.append(backup.path)
    return removed


def summarize(backup: Path) -> BackupSummary:
    """Count what `backup` holds. Opened immutable: nothing is written, nothing left beside it.

    Raises ProjectError when the file is not a readable project.
    """
    try:
        conn = sqlite3.connect(Path(backup).absolute().as_uri() + "?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise ProjectError(f"Cannot read the backup {backup}: {exc}.") from exc
    try:
        return BackupSummary(
            *(
                conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("documents", "spans", "document_stances")
            )
        )
    except sqlite3.Error as exc:
        raise ProjectError(f"{backup} is not a readable Annotator backup ({exc}).") from exc
    finally:
        conn.close()


def check_restorable(backup: Path, application_id: int, newest_version: int) -> None:
    """Raise ProjectError unless `backup` is an undamaged project this version can open."""
    uri = Path(backup).absolute().as_uri() + "?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise ProjectError(f"Cannot read the backup {backup}: {exc}.") from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.Error as exc:
        raise ProjectError(f"{backup} is not a readable Annotator backup ({exc}).") from exc
    finally:
        conn.close()
    if app_id != application_id:
        raise ProjectError(f"{backup} is not an Annotator project.")
    if version > newest_version:
        raise ProjectError(f"{backup} was saved by a newer version of Annotator.")
    if check != "ok":
        raise ProjectError(f"{backup} is damaged ({check}); choose another backup.")


def copy_beside(backup: Path, project: Path, application_id: int, newest_version: int) -> Path:
    """A new project file beside `project` holding `backup`; returns its path.

    For a damaged project, which is never written to: the copy is named after the project
    and the backup's time (`study (backup 2026-12-03 05.39).annotator`, numbered when
    taken), checked first (ProjectError for a bad backup), private (0600), and appears
    whole or not at all under its name. Raises ProjectError when it cannot be written.
    """
    check_restorable(backup, application_id, newest_version)
    project = Path(project).absolute()
    stamp = _NAME.match(Path(backup).name)
    taken = (
        datetime.strptime(stamp.group(1), _STAMP).replace(tzinfo=UTC).astimezone()
        if stamp
        else datetime.fromtimestamp(Path(backup).stat().st_mtime).astimezone()
    )
    base = f"{project.stem} (backup {taken.strftime('%Y-%m-%d %H.%M')})"
    partial = project.with_name(f".{project.name}.from-backup-{os.getpid()}.partial")
    try:
        with open(backup, "rb") as source, open(partial, "xb") as target:
            os.chmod(partial, 0o600)
            while chunk := source.read(1 << 20):
                target.write(chunk)
            target.flush()
            os.fsync(target.fileno())
        for number in range(1, 1000):
            name = base if number == 1 else f"{base} {number}"
            final = project.with_name(name + project.suffix)
            try:
                os.link(partial, final)  # never replaces a file already there
            except FileExistsError:
                continue
            _fsync(project.parent)
            return final
        raise ProjectError(f"Too many copies of backups beside {project.name}; nothing written.")
    except OSError as exc:
        raise ProjectError(
            f"The backup could not be copied beside {project.name}: {exc.strerror or exc}."
        ) from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()


def copy_into(source: Path, conn: sqlite3.Connection) -> None:
    """Replace the whole database behind `conn` with the backup file `source`, atomically.

    Goes through SQLite (the backup API, as one write transaction on `conn`), not by
    replacing the file: another window with the project open sees a consistent change.
    Raises ProjectBusyError when another writer holds the project for too long.
    """
    # The backup's own journal mode comes with it: the project keeps its own (WAL, or the
    # rollback journal on a network filesystem).
    mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    src = sqlite3.connect(Path(source).absolute().as_uri() + "?mode=ro&immutable=1", uri=True)
    try:
        src.backup(conn, progress=_give_up_when_busy())
    except sqlite3.Error as exc:
        raise ProjectError(f"Cannot restore from {source}: {exc}.") from exc
    finally:
        src.close()
    conn.execute(f"PRAGMA journal_mode = {'WAL' if mode == 'wal' else 'DELETE'}")


def _give_up_when_busy(
    limit_s: float = _BUSY_GIVE_UP_S, clock: Callable[[], float] = time.monotonic
) -> Callable[[int, int, int], None]:
    """A backup progress callback that aborts the copy after `limit_s` of SQLITE_BUSY.

    Python's `Connection.backup` retries a busy step forever; raising here stops it.
    """
    since: list[float] = []

    def progress(status: int, _remaining: int, _total: int) -> None:
        if status not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            since.clear()
            return
        if not since:
            since.append(clock())
        elif clock() - since[0] > limit_s:
            raise ProjectBusyError(
                "The project is busy (another window is saving); try again in a moment."
            )

    return progress


def _remove_stale_partials(folder: Path) -> None:
    # A backup killed half-way leaves its .partial; one still being written is recent.
    cutoff = time.time() - _STALE_PARTIAL_S
    with contextlib.suppress(OSError):
        for entry in folder.glob("*.partial"):
            with contextlib.suppress(OSError):
                if entry.stat().st_mtime < cutoff:
                    entry.unlink()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
