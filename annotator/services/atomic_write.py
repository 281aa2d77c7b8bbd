"""Write files and folders so that readers see the old version or the complete new one.

Data goes to a temporary sibling (same folder, so same filesystem), is flushed and
fsynced, and only then renamed over the final name. On any exception the temporary
is removed and whatever was under the final name before is left untouched. Exports
are made to be shared, so they get the mode any new file would (0666 and 0777 less the
umask), not the 0600/0700 that mkstemp and mkdtemp give temporaries; project files and
backups, which are private, are the store's business and stay 0600.

Two things are never replaced (#14): a database or one of its journals (an export
over the project destroyed it), and, in a folder an earlier export wrote, a file that
export did not write or that changed since (the folder lists what it wrote). The
temporaries a killed run left beside the target are removed by the next run.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from annotator.core.errors import AnnotatorError
from annotator.services.synced_writer import SYNC_THREADS
from annotator.store.project_files import refuse_to_replace
from annotator.store.temporary_files import (
    remove_stale_temporaries,
    temporary_file,
    temporary_folder,
)

# Written into every folder made by atomic_directory, so that a later export may
# replace that folder, and never a folder of someone else's files. It lists what the
# export wrote (size, mtime in ns, relative path), so that files added or edited there
# since are noticed and kept.
EXPORT_MARKER = ".annotator-export"
_MARKER_HEADING = "Written by Annotator; a new export may replace this folder."
_MANIFEST_LINE = "# files (size, mtime_ns, path):"


def _fsync_directory(folder: Path) -> None:
    # Makes the rename itself durable; not every platform can open a directory.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    # The only portable way to read it is to set it; put back at once.
    current = os.umask(0o077)
    os.umask(current)
    return current


def shared_mode(*, folder: bool = False) -> int:
    """The mode open() or mkdir() would give a new file (folder) under the current umask."""
    return (0o777 if folder else 0o666) & ~_umask()


def _is_special_file(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


@contextmanager
def atomic_output(
    path: str | os.PathLike[str],
    mode: str = "w",
    encoding: str | None = "utf-8",
    newline: str | None = None,
    *,
    what: str = "The export",
) -> Iterator[IO[Any]]:
    """Open a temporary file for writing that replaces `path` when the block ends cleanly.

    `mode` is "w" (text, with `encoding` and `newline` as for open()) or "wb".
    A symlink at `path` is followed, so the link stays and its target is replaced.
    A device or FIFO at `path` (/dev/stdout, /dev/full) cannot be replaced and is
    written directly, without atomicity.

    Raises ProtectedFileError when `path` is a database (a project) or one of its
    journals, and OSError (for example ENOSPC) from writing, flushing or renaming; in
    those cases nothing new is left behind and the old file is intact.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_output mode must be 'w' or 'wb', not {mode!r}")
    binary = mode == "wb"
    target = Path(os.path.realpath(path))
    refuse_to_replace(target, what=what)
    if _is_special_file(target):
        with open(  # a device cannot be replaced: write to it directly
            target,
            mode,
            encoding=None if binary else encoding,
            newline=None if binary else newline,
        ) as direct:
            yield direct
        return

    remove_stale_temporaries(target)
    fd, tmp = temporary_file(target)
    try:
        # mkstemp creates the file 0600; an export is for sharing, like any new file.
        with suppress(OSError):
            os.fchmod(fd, shared_mode())
        with os.fdopen(
            fd,
            mode,
            encoding=None if binary else encoding,
            newline=None if binary else newline,
        ) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    _fsync_directory(target.parent)


def _fsync_tree(root: Path, already_synced: Collection[str] = ()) -> None:
    """Make every file under `root` durable before the folder is renamed into place;
    `already_synced` (paths as os.walk joins them) were fsynced by their writer.

    One fsync after another cost about 2 ms each (a brat export of 1,000 documents writes
    2,000 files: 6.6 times the time of writing them). syncfs(2) syncs in one call, but
    it flushes every program's pending writes on that filesystem: on a busy machine the
    export waited for them (20.6 s against 1.2 s to write the files, while others were
    installing packages). So each of our files is fsynced, and only ours, from a pool of
    threads: fsync releases the GIL and the filesystem commits concurrent fsyncs together
    (2,000 files: 0.24 s, against 5.2 s one by one). The first error (ENOSPC, EIO) raises.
    """
    files: list[str] = []
    folders: list[str] = []
    for folder, _dirs, names in os.walk(root):
        folders.append(folder)
        files.extend(os.path.join(folder, name) for name in names)
    files = [path for path in files if path not in already_synced]
    if files:
        with ThreadPoolExecutor(max_workers=min(SYNC_THREADS, len(files))) as pool:
            for _ in pool.map(_fsync_file, files):
                pass
    for folder in folders:
        _fsync_directory(Path(folder))


def _remove_tree(root: Path) -> None:
    """shutil.rmtree(root, ignore_errors=True), the files unlinked from a pool of threads.

    The previous export goes once the new one is in place; one unlink after another was
    a quarter of a brat export's time (6,000 files), and unlink releases the GIL.
    Symbolic links are removed as links, never followed.
    """
    files: list[str] = []
    for folder, dirs, names in os.walk(root):
        files.extend(os.path.join(folder, name) for name in names)
        files.extend(
            os.path.join(folder, d) for d in dirs if os.path.islink(os.path.join(folder, d))
        )
    with ThreadPoolExecutor(max_workers=max(1, min(SYNC_THREADS, len(files)))) as pool:
        for _ in pool.map(_unlink_quietly, files):
            pass
    shutil.rmtree(root, ignore_errors=True)  # the emptied folders, and anything left


def _unlink_quietly(path: str) -> None:
    with suppress(OSError):
        os.unlink(path)


def _fsync_file(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _entries(root: Path) -> dict[str, tuple[int, int] | None]:
    """Every entry under `root` but the marker: relative path -> (size, mtime_ns), None for folders.

    Symbolic links are listed as themselves (lstat), never followed. A folder that
    cannot be read is left out, as os.walk would. Walked with os.scandir and plain
    strings: pathlib's per-entry objects made each walk of a brat export (6,000 files)
    cost 0.3 s, and an export walks its folder up to three times (issue #15).
    """
    found: dict[str, tuple[int, int] | None] = {}
    pending = [("", os.fspath(root))]
    while pending:
        prefix, folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            relative = prefix + entry.name
            if relative == EXPORT_MARKER:
                continue
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISDIR(info.st_mode):
                found[relative] = None
                pending.append((relative + "/", entry.path))
            else:
                found[relative] = (info.st_size, info.st_mtime_ns)
    return found


def _write_marker(root: Path) -> None:
    lines = [_MARKER_HEADING, _MANIFEST_LINE]
    for relative, info in sorted(_entries(root).items()):
        size, mtime = info if info is not None else (-1, -1)
        lines.append(f"{size}\t{mtime}\t{relative}")
    with open(root / EXPORT_MARKER, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("\n".join(lines) + "\n")


def _read_manifest(folder: Path) -> dict[str, tuple[int, int] | None] | None:
    try:
        lines = (folder / EXPORT_MARKER).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if _MANIFEST_LINE not in lines:
        return None
    manifest: dict[str, tuple[int, int] | None] = {}
    for line in lines[lines.index(_MANIFEST_LINE) + 1 :]:
        size, mtime, relative = line.split("\t", 2)
        manifest[relative] = None if size == "-1" else (int(size), int(mtime))
    return manifest


def _refuse_unless_replaceable(folder: Path) -> None:
    if not any(folder.iterdir()):
        return
    if not (folder / EXPORT_MARKER).is_file():
        raise AnnotatorError(
            f"{folder} already holds files that Annotator did not write; "
            "choose a new or empty folder"
        )
    manifest = _read_manifest(folder)
    if manifest is None:
        raise AnnotatorError(
            f"{folder} was written by an older Annotator that did not list its files, so "
            "files added there since cannot be told apart; choose a new or empty folder"
        )
    kept = []
    for relative, info in sorted(_entries(folder).items()):
        if relative not in manifest:
            kept.append(f"{relative} (added since the export)")
        elif info != manifest[relative]:
            kept.append(f"{relative} (changed since the export)")
    if kept:
        listed = ", ".join(kept[:5]) + (f" and {len(kept) - 5} more" if len(kept) > 5 else "")
        raise AnnotatorError(
            f"{folder} holds files that the earlier export did not write or that changed "
            f"since: {listed}. Nothing was written; move them out or choose another folder"
        )


@contextmanager
def atomic_directory(
    path: str | os.PathLike[str], *, already_synced: Collection[str] = ()
) -> Iterator[Path]:
    """Yield a new empty temporary folder that becomes `path` when the block ends cleanly.

    Files written into it are fsynced, then it is renamed to `path`. If `path`
    already exists it is replaced only after the new folder is complete: the old one
    is first renamed aside, then removed once the new one is in place (there is a
    moment when neither name exists, but at no moment is either folder incomplete).
    To protect unrelated files, an existing folder is replaced only if it is empty or
    was made by this function and holds exactly what it wrote (`EXPORT_MARKER` lists
    it): a file added or changed there since makes it AnnotatorError, naming them.
    ProtectedFileError when `path` is a database or a journal. On an exception the
    temporary folder is removed and `path` is untouched. Files listed in
    `already_synced` when the block ends (a `SyncedWriter`'s) are not fsynced again.
    """
    target = Path(os.path.realpath(path))
    refuse_to_replace(target, what="The export")
    if target.exists():
        if not target.is_dir():
            raise AnnotatorError(f"{target} exists and is not a folder")
        _refuse_unless_replaceable(target)
    remove_stale_temporaries(target)
    tmp = temporary_folder(target)
    try:
        tmp.chmod(shared_mode(folder=True))  # mkdtemp makes it 0700
        (tmp / EXPORT_MARKER).write_text(_MARKER_HEADING + "\n", encoding="utf-8")
        yield tmp
        _write_marker(tmp)
        _fsync_tree(tmp, already_synced)
        if target.exists():
            _refuse_unless_replaceable(target)  # again: the export took a while
            old = temporary_folder(target, ".old")
            os.rename(target, old / "previous")
            try:
                os.rename(tmp, target)
            except BaseException:
                os.rename(old / "previous", target)
                raise
            _remove_tree(old)
        else:
            os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _fsync_directory(target.parent)
