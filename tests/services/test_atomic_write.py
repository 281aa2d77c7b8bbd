import os
import stat
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.services.atomic_write import EXPORT_MARKER, atomic_directory, atomic_output


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


def test_a_folder_of_many_files_is_synced_in_one_go(tmp_path, monkeypatch):
    # One fsync per file made a brat export of 1,000 documents 6.6 times slower than
    # writing its files; the folder is now synced once (syncfs on Linux).
    from annotator.services import atomic_write

    if atomic_write._libc_syncfs() is None:
        pytest.skip("no syncfs here: the files are fsynced one by one")
    calls = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append(fd), real_fsync(fd)))
    with atomic_directory(tmp_path / "out") as root:
        _folder_of_files(root, 200)
    assert len(calls) <= 2  # the new folder, and its parent after the rename
    assert len(list((tmp_path / "out").glob("doc*.txt"))) == 200


def test_without_syncfs_every_file_is_fsynced(tmp_path, monkeypatch):
    from annotator.services import atomic_write

    monkeypatch.setattr(atomic_write, "_libc_syncfs", lambda: None)
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    with atomic_directory(tmp_path / "out") as root:
        _folder_of_files(root, 5)
    assert len(synced) >= 6  # five files and the marker
    assert len(list((tmp_path / "out").glob("doc*.txt"))) == 5


def test_a_failed_sync_keeps_the_previous_folder(tmp_path, monkeypatch):
    import errno

    from annotator.services import atomic_write

    target = tmp_path / "out"
    with atomic_directory(target) as root:
        (root / "old.txt").write_text("old", encoding="utf-8")

    def failing_syncfs(fd):
        import ctypes

        ctypes.set_errno(errno.EIO)
        return -1

    if atomic_write._libc_syncfs() is not None:
        monkeypatch.setattr(atomic_write, "_libc_syncfs", lambda: failing_syncfs)
    else:
        monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.EIO, "")))
    with pytest.raises(OSError), atomic_directory(target) as root:
        _folder_of_files(root, 3)
    assert sorted(p.name for p in target.iterdir()) == sorted([EXPORT_MARKER, "old.txt"])
    assert os.listdir(tmp_path) == ["out"]
