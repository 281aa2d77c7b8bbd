"""Which files a test's code fsynced: the path of every descriptor given to os.fsync."""

from __future__ import annotations

import os

import pytest

NEEDS_PROC = pytest.mark.skipif(
    not os.path.isdir("/proc/self/fd"), reason="needs /proc to name descriptors"
)


def fsynced_paths(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The path of every descriptor fsynced from now on (any thread)."""
    synced: list[str] = []
    real_fsync = os.fsync
    monkeypatch.setattr(
        os, "fsync", lambda fd: (synced.append(os.readlink(f"/proc/self/fd/{fd}")), real_fsync(fd))
    )
    return synced
