"""A project on a network filesystem uses the rollback journal, not WAL (#14).

WAL's shared-memory index works only for processes on one host; two machines opening a
project on NFS or SMB in WAL mode could corrupt it. The filesystem is mocked here (CI
has no NFS server); its detection is tested on mountinfo text.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.model import Document, Span
from annotator.store import filesystems, project_store
from annotator.store.filesystems import NETWORK_TYPES, filesystem_type, network_filesystem
from annotator.store.project_store import ProjectStore
from tests.support.projects import make_project

MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
30 22 0:40 / /mnt/share rw,relatime shared:9 - nfs4 server:/export rw,vers=4.2
31 22 0:41 / /mnt/share-local rw,relatime shared:10 - xfs /dev/sdb1 rw
32 30 0:42 / /mnt/share/my\\040projects rw,relatime - cifs //nas/projects rw
33 22 0:43 / /home/ana/remote rw,nosuid - fuse.sshfs ana@host:/ rw
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/mnt/share/study.annotator", "nfs4"),
        ("/mnt/share-local/study.annotator", "xfs"),  # a prefix of the name is not a parent
        ("/mnt/share/my projects/study.annotator", "cifs"),  # the innermost mount, unescaped
        ("/home/ana/remote/a/b.annotator", "fuse.sshfs"),
        ("/home/ana/study.annotator", "ext4"),
    ],
)
def test_the_filesystem_is_the_innermost_mount_holding_the_path(path: str, expected: str) -> None:
    assert filesystem_type(Path(path), MOUNTINFO) == expected
    network = network_filesystem(Path(path), MOUNTINFO)
    assert network == (expected if expected in NETWORK_TYPES else None)


def test_this_machine_reports_a_filesystem_for_the_temporary_folder(tmp_path: Path) -> None:
    if not filesystems.MOUNTINFO.exists():
        pytest.skip("no /proc/self/mountinfo (not Linux)")
    assert filesystem_type(tmp_path) is not None


def _journal_mode(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def on_nfs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(project_store, "network_filesystem", lambda path: "nfs4")


def test_a_project_made_on_a_network_filesystem_never_uses_wal(
    tmp_path: Path, on_nfs: None
) -> None:
    path = tmp_path / "shared.annotator"
    with ProjectStore.create(path) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        store.documents.add(Document(id="d1", text="More than 160 experts signed the letter."))
        store.annotations.add_span(Span("s1", "d1", 0, 9, "Claim", "alice"))
        assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
        other = sqlite3.connect(path)  # another machine: the file alone holds every commit
        assert other.execute("SELECT count(*) FROM spans").fetchone()[0] == 1
        other.close()
    assert _journal_mode(path) == "delete"


def test_a_wal_project_moved_to_a_network_filesystem_leaves_wal_when_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_project(tmp_path / "moved.annotator", ("alice",), 3)
    assert _journal_mode(path) == "wal"
    monkeypatch.setattr(project_store, "network_filesystem", lambda p: "cifs")
    with ProjectStore.open(path) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        backup = store.take_backup("open")
        store.annotations.add_span(Span("late", "d0", 0, 4, "Claim", "alice"))
        store.restore(backup)  # a restore keeps the project's journal mode
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert len(store.annotations.spans()) == 9
    assert _journal_mode(path) == "delete"
    assert not Path(f"{path}-wal").exists()


def test_a_project_on_a_local_disk_uses_wal(tmp_path: Path) -> None:
    if network_filesystem(tmp_path) is not None:
        pytest.skip("the temporary folder is on a network filesystem here")
    with ProjectStore.create(tmp_path / "local.annotator") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
