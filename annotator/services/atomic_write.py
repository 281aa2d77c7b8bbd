"""Write files and folders so that readers see the old version or the complete new one.

Data goes to a temporary sibling (same folder, so same filesystem), is flushed and
fsynced, and only then renamed over the final name. On any exception the temporary
is removed and whatever was under the final name before is left untouched. Exports
are made to be shared, so they get the mode any new file would (0666 and 0777 less the
umask), not the 0600/0700 that mkstemp and mkdtemp give temporaries; project files and
backups, which are private, are the store's business and stay 0600.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from annotator.core.errors import AnnotatorError

# Written into every folder made by atomic_directory, so that a later export may
# replace that folder, and never a folder of someone else's files.
EXPORT_MARKER = ".annotator-export"


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
) -> Iterator[IO[Any]]:
    """Open a temporary file for writing that replaces `path` when the block ends cleanly.

    `mode` is "w" (text, with `encoding` and `newline` as for open()) or "wb".
    A symlink at `path` is followed, so the link stays and its target is replaced.
    A device or FIFO at `path` (/dev/stdout, /dev/full) cannot be replaced and is
    written directly, without atomicity.

    Raises OSError (for example ENOSPC) from writing, flushing or renaming; in that
    case nothing new is left behind and the old file is intact.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_output mode must be 'w' or 'wb', not {mode!r}")
    binary = mode == "wb"
    target = Path(os.path.realpath(path))
    if _is_special_file(target):
        with open(  # a device cannot be replaced: write to it directly
            target,
            mode,
            encoding=None if binary else encoding,
            newline=None if binary else newline,
        ) as direct:
            yield direct
        return

    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
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


def _fsync_tree(root: Path) -> None:
    for folder, _dirs, files in os.walk(root):
        for name in files:
            fd = os.open(os.path.join(folder, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_directory(Path(folder))


def _replaceable(folder: Path) -> bool:
    return (folder / EXPORT_MARKER).is_file() or not any(folder.iterdir())


@contextmanager
def atomic_directory(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a new empty temporary folder that becomes `path` when the block ends cleanly.

    Files written into it are fsynced, then it is renamed to `path`. If `path`
    already exists it is replaced only after the new folder is complete: the old one
    is first renamed aside, then removed once the new one is in place (there is a
    moment when neither name exists, but at no moment is either folder incomplete).
    To protect unrelated files, an existing folder is replaced only if it is empty or
    was made by this function (it holds `EXPORT_MARKER`); otherwise AnnotatorError.
    On an exception the temporary folder is removed and `path` is untouched.
    """
    target = Path(os.path.realpath(path))
    if target.exists():
        if not target.is_dir():
            raise AnnotatorError(f"{target} exists and is not a folder")
        if not _replaceable(target):
            raise AnnotatorError(
                f"{target} already holds files that Annotator did not write; "
                "choose a new or empty folder"
            )
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        tmp.chmod(shared_mode(folder=True))  # mkdtemp makes it 0700
        (tmp / EXPORT_MARKER).write_text(
            "Written by Annotator; a new export may replace this folder.\n", encoding="utf-8"
        )
        yield tmp
        _fsync_tree(tmp)
        if target.exists():
            old = Path(
                tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent)
            )
            os.rename(target, old / "previous")
            try:
                os.rename(tmp, target)
            except BaseException:
                os.rename(old / "previous", target)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _fsync_directory(target.parent)
