import errno
import os
import stat
import threading
from collections import Counter

import pytest

from annotator.services.atomic_write import EXPORT_MARKER, _remove_tree, atomic_directory
from annotator.services.export import export_project
from annotator.services.synced_writer import SyncedWriter

from .fsync_spy import NEEDS_PROC, fsynced_paths


def _pool_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("synced-writer")]


@NEEDS_PROC
def test_each_file_is_written_whole_with_the_umask_mode_and_fsynced_once(tmp_path, monkeypatch):
    synced = fsynced_paths(monkeypatch)
    old = os.umask(0o027)
    try:
        with SyncedWriter() as writer:
            for n in range(50):
                writer.write(str(tmp_path / f"doc{n}.txt"), f"text {n} é".encode() * 1000)
    finally:
        os.umask(old)
    for n in range(50):
        path = tmp_path / f"doc{n}.txt"
        assert path.read_bytes() == f"text {n} é".encode() * 1000
        assert stat.S_IMODE(path.stat().st_mode) == 0o640  # an export is for sharing
    assert writer.synced == {str(tmp_path / f"doc{n}.txt") for n in range(50)}
    assert Counter(synced) == Counter(writer.synced)
    assert not _pool_threads()


def test_a_failed_write_is_raised_and_the_folder_export_leaves_the_old_one(tmp_path, monkeypatch):
    target = tmp_path / "out"
    with atomic_directory(target) as root:
        (root / "old.txt").write_text("old", encoding="utf-8")
    real_write = os.write

    def disk_full_on_the_tenth(fd, data):
        if os.readlink(f"/proc/self/fd/{fd}").endswith("doc10.txt"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", disk_full_on_the_tenth)
    writer = SyncedWriter()
    with (
        pytest.raises(OSError, match="No space"),
        atomic_directory(target, already_synced=writer.synced) as root,
        writer,
    ):
        for n in range(40):
            writer.write(os.path.join(root, f"doc{n}.txt"), b"new")
    assert sorted(p.name for p in target.iterdir()) == sorted([EXPORT_MARKER, "old.txt"])
    assert os.listdir(tmp_path) == ["out"]  # no temporary left
    assert not _pool_threads()  # every write under way was waited for


def test_leaving_on_an_error_drops_what_has_not_started(tmp_path, monkeypatch):
    gate = threading.Event()
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (gate.wait(5), real_fsync(fd)))
    with pytest.raises(KeyboardInterrupt), SyncedWriter(threads=1, pending=8) as writer:
        for n in range(5):
            writer.write(str(tmp_path / f"{n}.txt"), b"x")
        threading.Timer(0.2, gate.set).start()
        raise KeyboardInterrupt
    assert len(writer.synced) < 5
    assert not _pool_threads()


def test_at_most_pending_files_wait_in_memory(tmp_path, monkeypatch):
    gate = threading.Event()
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (gate.wait(10), real_fsync(fd)))
    handed = []
    with SyncedWriter(threads=1, pending=3) as writer:

        def hand_over() -> None:
            for n in range(6):
                writer.write(str(tmp_path / f"{n}.txt"), b"x")
                handed.append(n)

        producer = threading.Thread(target=hand_over)
        producer.start()
        producer.join(0.5)
        assert handed == [0, 1, 2]  # the fourth waits for a slot
        gate.set()
        producer.join(10)
    assert handed == list(range(6))
    assert len(writer.synced) == 6


@NEEDS_PROC
def test_a_brat_export_fsyncs_each_of_its_files_exactly_once(
    store_with_spans, tmp_path, monkeypatch
):
    synced = fsynced_paths(monkeypatch)
    export_project(store_with_spans, "brat", tmp_path / "brat")
    out = tmp_path / "brat"
    files = [p for p in out.rglob("*") if p.is_file()]
    # Synced under the temporary folder's name: compare paths below it. Each annotator
    # folder's text is a hard link to one file: one inode, synced once.
    below = [out / os.path.relpath(p, tmp_path).split(os.sep, 1)[-1] for p in synced]
    per_inode = Counter(p.stat().st_ino for p in below if p.exists())
    inodes = {p.stat().st_ino for p in files}
    assert any(p.suffix == ".ann" for p in files)
    assert len(inodes) < len(files)  # the texts are shared
    assert {inode: per_inode[inode] for inode in inodes} == dict.fromkeys(inodes, 1)


def test_removing_an_old_export_never_follows_a_link(tmp_path):
    outside = tmp_path / "keep"
    outside.mkdir()
    (outside / "precious.txt").write_text("mine", encoding="utf-8")
    old = tmp_path / "old"
    (old / "sub").mkdir(parents=True)
    for n in range(30):
        (old / "sub" / f"{n}.ann").write_text("T1", encoding="utf-8")
    (old / "linked").symlink_to(outside, target_is_directory=True)
    (old / "file-link").symlink_to(outside / "precious.txt")
    _remove_tree(old)
    assert not old.exists()
    assert (outside / "precious.txt").read_text(encoding="utf-8") == "mine"
