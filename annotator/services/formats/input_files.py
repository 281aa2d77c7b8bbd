"""Read an input file the user named, or one inside a folder they named, safely.

Only regular files are read: a FIFO would block the import forever and /dev/zero never
ends. A file inside an imported folder (brat) must stay inside it: a symbolic link
pointing elsewhere (~/.ssh/id_rsa, /etc/passwd) is refused, not followed. Every file is
opened without blocking and checked on the open descriptor, so nothing can be swapped in
between the check and the read, and its size is bounded before anything is read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import BinaryIO

from annotator.core.errors import InputError

MAX_INPUT_BYTES = 256 * 1024 * 1024  # one file; a larger one is refused before it is read
# Whoever reads on a worker thread (the GUI's import) may watch a line-by-line read: the
# watch hears the bytes of the file read so far every READ_WATCH_BYTES (progress), and may
# raise to stop reading (Cancel). A ContextVar: it is set for that thread only.
reading_watch: ContextVar[Callable[[int], None] | None] = ContextVar("reading_watch", default=None)
READ_WATCH_BYTES = 1 << 20
READ_BUFFER_BYTES = 1 << 18  # the read buffer of an input file (see open_input)


def refuse_unless_regular(path: Path) -> None:
    """Raise InputError unless `path` (followed if a link) is a regular file or a folder."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=str(path)) from None
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise InputError(_NOT_REGULAR, path=str(path))


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, every link resolved, lies within the folder `root`."""
    real_root = os.path.realpath(root)
    return os.path.commonpath([real_root, os.path.realpath(path)]) == real_root


@contextmanager
def open_input(path: Path, *, within: Path | None = None) -> Iterator[BinaryIO]:
    """The regular file `path` opened for reading, checked as `read_input_bytes` checks it
    (inside `within`, regular, at most MAX_INPUT_BYTES), for reading it piece by piece."""
    if within is not None and not inside(path, within):
        raise InputError(
            f"a symbolic link pointing outside the folder {within}; it is not followed",
            path=str(path),
        )
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=str(path)) from None
    # A large buffer: with the default 8 KB one, iterating over the ~30 KB JSONL lines
    # of 5 KB articles took a sixth of an import's reading (#15). Not larger: tests
    # bound a streamed read's memory to a tenth of a 10 MB file.
    with os.fdopen(fd, "rb", buffering=READ_BUFFER_BYTES) as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(_NOT_REGULAR, path=str(path))
        if info.st_size > MAX_INPUT_BYTES:
            raise InputError(_too_large(info.st_size), path=str(path))
        yield handle


def read_input_bytes(path: Path, *, within: Path | None = None) -> bytes:
    """The bytes of the regular file `path`; with `within`, only if it lies inside that
    folder once links are resolved. Raises InputError naming the file otherwise, when it
    is larger than MAX_INPUT_BYTES, or when it cannot be read."""
    with open_input(path, within=within) as handle:
        try:
            # As much as the file holds (read(MAX + 1) allocated 256 MB for every file),
            # then whatever it grew by since, up to the bound.
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(MAX_INPUT_BYTES + 1 - len(data))
        except OSError as exc:
            raise InputError(
                f"cannot read the file: {exc.strerror or exc}", path=str(path)
            ) from None
    if len(data) > MAX_INPUT_BYTES:  # it grew while we read
        raise InputError(_too_large(len(data)), path=str(path))
    return data


def input_lines(
    path: Path, read: list[int] | None = None
) -> Generator[tuple[int, bytes], None, None]:
    """(1-based number, bytes) of each line of `path`, split on b"\\n" only and read one
    at a time, so that a large file is never held whole (nor twice, as split() would);
    the line keeps no b"\\n". Same checks and size bound as `read_input_bytes`.
    `read[0]`, when given, counts the bytes read so far (an import's progress)."""
    watch, next_watch = reading_watch.get(), READ_WATCH_BYTES
    with open_input(path) as handle:
        total = 0
        try:
            for number, raw in enumerate(handle, start=1):
                total += len(raw)
                if read is not None:
                    read[0] = total
                if total > MAX_INPUT_BYTES:  # it grew while we read
                    raise InputError(_too_large(total), path=str(path))
                if watch is not None and total >= next_watch:
                    watch(total)
                    next_watch = total + READ_WATCH_BYTES
                yield number, raw[:-1] if raw.endswith(b"\n") else raw
        except OSError as exc:
            raise InputError(
                f"cannot read the file: {exc.strerror or exc}", path=str(path)
            ) from None


_NOT_REGULAR = "not a regular file (a pipe, device or socket); only files can be imported"


def _too_large(size: int) -> str:
    return (
        f"the file is {size / 2**20:,.0f} MB, more than the {MAX_INPUT_BYTES // 2**20} MB"
        " one import file may hold; split it into smaller files"
    )
