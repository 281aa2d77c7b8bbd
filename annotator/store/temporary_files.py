"""Names for our temporary files beside a target, and removal of the ones a killed run left.

A temporary sibling is named `.<target name>.~annotator-<pid>@<host>-<random><suffix>`,
so that a later run can tell, without guessing, that it is ours and whether the process
that made it is still alive. Only names of exactly that shape, made on this host by a
process that no longer exists, are ever removed (#14: a killed export left its `.tmp`
files beside the target).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

_MARK = "~annotator-"
_SUFFIXES = (".tmp", ".old", ".partial")


def _host() -> str:
    import socket  # with its selectors and array: only when a file is written, not at start-up

    return re.sub(r"[^A-Za-z0-9_-]", "_", socket.gethostname())[:40] or "host"


def _prefix(target: Path) -> str:
    return f".{target.name}.{_MARK}{os.getpid()}@{_host()}-"


def temporary_file(target: Path, suffix: str = ".tmp") -> tuple[int, Path]:
    """Create a new private (0600) temporary file beside `target`: (descriptor, path)."""
    fd, name = tempfile.mkstemp(prefix=_prefix(target), suffix=suffix, dir=target.parent)
    return fd, Path(name)


def temporary_folder(target: Path, suffix: str = ".tmp") -> Path:
    """Create a new private (0700) temporary folder beside `target`."""
    return Path(tempfile.mkdtemp(prefix=_prefix(target), suffix=suffix, dir=target.parent))


def temporary_name(target: Path, suffix: str = ".partial") -> Path:
    """A fresh name beside `target` for a file another program (SQLite) will create."""
    fd, path = temporary_file(target, suffix)
    os.close(fd)
    path.unlink()
    return path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    except OSError:
        return True  # cannot tell: keep the file
    return True


def stale_temporaries(target: Path) -> list[Path]:
    """Our temporaries beside `target` whose process (on this host) is gone."""
    pattern = re.compile(
        re.escape(f".{target.name}.{_MARK}")
        + r"(\d+)@"
        + re.escape(_host())
        + r"-[A-Za-z0-9_]+("
        + "|".join(re.escape(s) for s in _SUFFIXES)
        + r")"
    )
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    stale = []
    for name in names:
        match = pattern.fullmatch(name)
        if match and int(match[1]) != os.getpid() and not _alive(int(match[1])):
            stale.append(target.parent / name)
    return stale


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Remove what `stale_temporaries` finds (never following a symlink); the paths removed."""
    removed = []
    for path in stale_temporaries(target):
        try:
            mode = os.lstat(path).st_mode
            if stat.S_ISDIR(mode):
                shutil.rmtree(path)
            elif stat.S_ISREG(mode):
                path.unlink()
            else:
                continue  # we never make links or devices: not ours after all
        except OSError:
            continue
        removed.append(path)
    return removed
