"""Which filesystem a project lives on: WAL is for local disks only.

SQLite's WAL mode keeps its index in shared memory (the `-shm` file, mapped by every
process that has the project open), which works only when all of them run on one host.
On a network filesystem two analysts' machines would each map their own copy and could
corrupt the project, so there a project uses the rollback journal (`-journal`), whose
locks are ordinary file locks that NFS and SMB pass between hosts (#14).
"""

from __future__ import annotations

import os
from pathlib import Path

# Types as /proc/self/mountinfo names them (a FUSE filesystem as "fuse.<name>").
NETWORK_TYPES = frozenset(
    {
        "9p",
        "afs",
        "ceph",
        "cifs",
        "coda",
        "davfs",
        "fuse.davfs2",
        "fuse.glusterfs",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.sshfs",
        "gfs2",
        "glusterfs",
        "gpfs",
        "lustre",
        "ncpfs",
        "nfs",
        "nfs4",
        "ocfs2",
        "smb3",
        "smbfs",
        "virtiofs",
    }
)
MOUNTINFO = Path("/proc/self/mountinfo")


def _unescape(field: str) -> str:
    # mountinfo writes space, tab, newline and backslash in paths as octal escapes.
    for code in ("\\040", "\\011", "\\012", "\\134"):
        field = field.replace(code, chr(int(code[1:], 8)))
    return field


def filesystem_type(path: Path, mountinfo: str | None = None) -> str | None:
    """The type of the filesystem holding `path` (its folder if it does not exist yet),
    from `mountinfo` (default: this process's /proc/self/mountinfo); None if unknown
    (not Linux, or unreadable)."""
    if mountinfo is None:
        try:
            mountinfo = MOUNTINFO.read_text("utf-8", errors="replace")
        except OSError:
            return None
    where = Path(os.path.realpath(path))
    if not where.exists():
        where = where.parent
    best: tuple[int, str] | None = None
    for line in mountinfo.splitlines():
        fields = line.split()
        if " - " not in line or len(fields) < 5:
            continue
        mount_point = _unescape(fields[4])
        fstype = line.split(" - ", 1)[1].split()[0]
        inside = where == Path(mount_point) or Path(mount_point) in where.parents
        if inside and (best is None or len(mount_point) >= best[0]):
            best = (len(mount_point), fstype)  # the last of equal mounts is the visible one
    return best[1] if best else None


def network_filesystem(path: Path, mountinfo: str | None = None) -> str | None:
    """The network filesystem type `path` lies on (e.g. "nfs4", "cifs"), or None."""
    fstype = filesystem_type(path, mountinfo)
    return fstype if fstype in NETWORK_TYPES else None
