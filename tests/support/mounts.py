"""Run a command in a private mount namespace: read-only folders and small full disks for tests.

CI runs as root, and root ignores `chmod`, so a read-only folder is made with a
read-only bind mount and a full disk with a small tmpfs. Both happen in a mount
namespace of the child only (`unshare`), so nothing of the host changes and no cleanup
is needed: unprivileged users get one through a user namespace (`unshare -rm`), root
also without (`unshare -m`). Where neither works, the test is skipped, saying why.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


@functools.cache
def _namespace_prefix() -> tuple[list[str] | None, str]:
    if shutil.which("unshare") is None:
        return None, "the unshare tool (util-linux) is not installed"
    tried = []
    candidates = [["unshare", "-rm"]]
    if os.geteuid() == 0:
        candidates.append(["unshare", "-m"])
    for prefix in candidates:
        probe = subprocess.run(
            [
                *prefix,
                "sh",
                "-c",
                "mount -t tmpfs -o size=64k tmpfs /mnt 2>&1 || mount -t tmpfs -o size=64k tmpfs /tmp",
            ],
            capture_output=True,
            text=True,
            timeout=30,
        )
        if probe.returncode == 0:
            return prefix, ""
        tried.append(f"{' '.join(prefix)}: {(probe.stderr or probe.stdout).strip()[:120]}")
    return None, "no private mount namespace can be made here (" + "; ".join(tried) + ")"


def run_with_mounts(
    mounts: str, argv: list[str], *, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """Run `argv` after the shell commands `mounts`, in a private mount namespace.

    Skips the calling test when no such namespace can be made on this machine.
    """
    prefix, why = _namespace_prefix()
    if prefix is None:
        pytest.skip(f"needs a read-only or size-limited mount: {why}")
    script = f'set -e\n{mounts}\nexec "$@"'
    return subprocess.run(
        [*prefix, "sh", "-c", script, "sh", *argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def read_only_bind(folder: Path) -> str:
    """Shell commands making `folder` read-only (for everyone, root too) in the namespace."""
    quoted = _quote(folder)
    return f"mount --bind {quoted} {quoted}\nmount -o remount,bind,ro {quoted} {quoted}"


def small_tmpfs(folder: Path, size: str) -> str:
    """Shell commands mounting an empty tmpfs of `size` (e.g. "2m") on `folder`."""
    return f"mount -t tmpfs -o size={size},mode=0700 tmpfs {_quote(folder)}"


def annotator_argv(*args: str) -> list[str]:
    """The annotator command line as a child process (the same interpreter and code)."""
    return [sys.executable, "-m", "annotator", *args]


def _quote(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))
