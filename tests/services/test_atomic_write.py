import os
import stat
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.services.atomic_write import EXPORT_MARKER, atomic_directory, atomic_output

from .fsync_spy import fsynced_paths


class BoomError(Exception):
    pass


def test_writes_file_with_the_umask_mode(tmp_path):
    target = tmp_path / "out.txt"
    old = os.umask(0o027)
    try:
        with atomic_output(target) as handle:
            handle.write("héllo\n")
    finally:
        os.umask(old)
    assert target.read_text(encoding="utf-8") == "héllo\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # an export is for sharing
    assert os.listdir(tmp_path) == ["out.txt"]


def test_binary_mode(tmp_path):
    target = tmp_path / "out.bin"
    with atomic_output(target, "wb") as handle:
        handle.write(b"\x00\xff")
    assert target.read_bytes() == b"\x00\xff"


def test_newline_is_not_translated(tmp_path):
    target = tmp_path / "out.txt"
    with atomic_output(target, newline="") as handle:
        handle.write("a\r\nb\n")
    assert target.read_bytes() == b"a\r\nb\n"


def test_exception_mid_write_leaves_nothing_new(tmp_path):
    target = tmp_path / "out.txt"
    with pytest.raises(BoomError), atomic_output(target) as handle:
        handle.write("partial" * 10_000)
        raise BoomError
    assert os.listdir(tmp_path) == []


def test_exception_mid_write_keeps_old_content(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(BoomError), atomic_output(target) as handle:
        handle.write("new")
        raise BoomError
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_fsync_failure_keeps_old_content(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def no_space(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OSError), atomic_output(target) as handle:
        handle.write("new")
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_dev_full_raises_and_stays_a_device():
    with pytest.raises(OSError), atomic_output("/dev/full") as handle:
        handle.write("x" * 100_000)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert not [n for n in os.listdir("/dev") if n.startswith(".full.")]


def test_symlink_is_followed(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with atomic_output(link) as handle:
        handle.write("new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"


def test_directory_appears_complete(tmp_path):
    target = tmp_path / "export"
    with atomic_directory(target) as folder:
        assert not target.exists()
        (folder / "a.txt").write_text("a", encoding="utf-8")
    assert (target / "a.txt").read_text(encoding="utf-8") == "a"
    assert (target / EXPORT_MARKER).is_file()
    assert sorted(os.listdir(tmp_path)) == ["export"]


def test_directory_replaces_previous_export_only_when_done(tmp_path):
    target = tmp_path / "export"
    with atomic_directory(target) as folder:
        (folder / "old.txt").write_text("old", encoding="utf-8")
    with pytest.raises(BoomError), atomic_directory(target) as folder:
        (folder / "new.txt").write_text("new", encoding="utf-8")
        raise BoomError
    assert sorted(p.name for p in target.iterdir()) == [EXPORT_MARKER, "old.txt"]
    assert sorted(os.listdir(tmp_path)) == ["export"]
    with atomic_directory(target) as folder:
        (folder / "new.txt").write_text("new", encoding="utf-8")
    assert sorted(p.name for p in target.iterdir()) == [EXPORT_MARKER, "new.txt"]
    assert sorted(os.listdir(tmp_path)) == ["export"]


def test_directory_refuses_to_replace_foreign_folder(tmp_path):
    target = tmp_path / "Documents"
    target.mkdir()
    (target / "thesis.docx").write_text("precious", encoding="utf-8")
    with pytest.raises(AnnotatorError), atomic_directory(target):
        pass
    assert (target / "thesis.docx").read_text(encoding="utf-8") == "precious"
    assert sorted(os.listdir(tmp_path)) == ["Documents"]


def test_directory_replaces_empty_folder(tmp_path):
    target = tmp_path / "empty"
    target.mkdir()
    with atomic_directory(target) as folder:
        (folder / "a").write_text("a", encoding="utf-8")
    assert (target / "a").exists()


def test_directory_refuses_file(tmp_path):
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(AnnotatorError), atomic_directory(Path(target)):
        pass


def _folder_of_files(root: Path, count: int) -> None:
    for index in range(count):
        (root / f"doc{index}.txt").write_text(f"text {index}\n", encoding="utf-8")


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to name descriptors")
def test_a_folder_of_files_syncs_each_of_its_own_files_and_nothing_else(tmp_path, monkeypatch):
    # syncfs flushed every program's pending writes on the filesystem: a brat export on a
    # busy machine took 20.6 s against 1.2 s to write its files. Now exactly the
    # export's own files are fsynced (from a pool of threads, so it stays one short wait).
    from annotator.services import atomic_write

    synced = fsynced_paths(monkeypatch)
    threads = []
    real_pool = atomic_write.ThreadPoolExecutor

    def counting_pool(max_workers):
        threads.append(max_workers)
        return real_pool(max_workers)

    monkeypatch.setattr(atomic_write, "ThreadPoolExecutor", counting_pool)
    with atomic_directory(tmp_path / "out") as root:
        _folder_of_files(root, 200)
        (root / "sub").mkdir()
        _folder_of_files(root / "sub", 3)
    out = tmp_path / "out"
    files = {str(p) for p in out.rglob("*") if p.is_file()}
    assert len(files) == 204  # 203 documents and the marker
    # Synced under the temporary name, renamed after: compare relative paths.
    relative = {os.path.relpath(p, tmp_path).split(os.sep, 1)[-1] for p in synced}
    assert {os.path.relpath(p, out) for p in files} <= relative
    assert all(p.startswith(str(tmp_path)) for p in synced)  # nothing of anyone else's
    assert threads == [atomic_write.SYNC_THREADS]


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to name descriptors")
def test_a_failed_file_sync_keeps_the_previous_folder(tmp_path, monkeypatch):
    import errno

    target = tmp_path / "out"
    with atomic_directory(target) as root:
        (root / "old.txt").write_text("old", encoding="utf-8")
    real_fsync = os.fsync

    def failing_for_documents(fd):
        if "doc1" in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_for_documents)
    with pytest.raises(OSError), atomic_directory(target) as root:
        _folder_of_files(root, 3)
    assert sorted(p.name for p in target.iterdir()) == sorted([EXPORT_MARKER, "old.txt"])
    assert os.listdir(tmp_path) == ["out"]
