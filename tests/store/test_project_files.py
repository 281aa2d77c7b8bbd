"""A file is called truncated from its bytes only when its missing pages are nowhere (#14).

CI once refused a sound project: a second process opened it while the first was
checkpointing, when page 1 (whose header already counts the new pages) was written but
the pages that make the file longer were not yet. The `-wal` held every missing page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotator.core.errors import DamagedProjectError
from annotator.core.model import AnnotatedDocument, Document
from annotator.store import project_files
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore

MORE = 150


def _page_size(path: Path) -> int:
    data = project_files.header(path)
    assert data is not None
    return int.from_bytes(data[16:18], "big")


def _latest_committed_page_one(wal: Path, page_size: int) -> bytes:
    """The newest image of page 1 in the log, as a checkpoint would copy it first."""
    raw = wal.read_bytes()
    salts, offset, image = raw[16:24], 32, b""
    while offset + 24 + page_size <= len(raw) and raw[offset + 8 : offset + 16] == salts:
        if int.from_bytes(raw[offset : offset + 4], "big") == 1:
            image = raw[offset + 24 : offset + 24 + page_size]
        offset += 24 + page_size
    assert image, "the log holds no image of page 1"
    return image


def _mid_checkpoint_copy(store: ProjectStore, project_path: Path, folder: Path) -> Path:
    """A copy of the project as a second process sees it in the middle of a checkpoint."""
    store.close()
    with ProjectStore.open(project_path) as grown:
        grown.conn.execute("PRAGMA wal_autocheckpoint=0")
        ingest(
            grown,
            [
                AnnotatedDocument(Document(id=f"more-{n}", text=f"Paragraph {n}. " * 200))
                for n in range(MORE)
            ],
        )
        folder.mkdir()
        copy = folder / project_path.name
        for suffix in ("", "-wal"):  # the open connection keeps the log from being emptied
            shutil.copyfile(f"{project_path}{suffix}", f"{copy}{suffix}")
    page_size = _page_size(copy)
    page_one = _latest_committed_page_one(Path(f"{copy}-wal"), page_size)
    with open(copy, "r+b") as handle:
        handle.write(page_one)
    # The state the fix is about: a file shorter than the pages its header counts.
    assert copy.stat().st_size < int.from_bytes(page_one[28:32], "big") * page_size
    return copy


def test_a_project_caught_mid_checkpoint_opens_whole(
    store: ProjectStore, project_path: Path, tmp_path: Path
) -> None:
    copy = _mid_checkpoint_copy(store, project_path, tmp_path / "copy")
    with ProjectStore.open(copy) as reopened:
        reopened.verify()
        assert len(reopened.documents.ids()) == 3 + MORE


def test_missing_pages_the_log_does_not_hold_are_truncation(
    store: ProjectStore, project_path: Path, tmp_path: Path
) -> None:
    copy = _mid_checkpoint_copy(store, project_path, tmp_path / "copy")
    Path(f"{copy}-wal").unlink()  # the pages that would lengthen the file are gone
    problem = project_files.truncation(copy)
    assert problem is not None and problem.startswith("the file is truncated")
    with pytest.raises(DamagedProjectError, match="truncated"):
        ProjectStore.open(copy)


def test_a_log_cut_inside_its_last_frame_does_not_vouch_for_its_pages(
    store: ProjectStore, project_path: Path, tmp_path: Path
) -> None:
    copy = _mid_checkpoint_copy(store, project_path, tmp_path / "copy")
    wal = Path(f"{copy}-wal")
    page_size = _page_size(copy)
    whole = project_files.wal_committed_pages(copy, page_size)
    with open(wal, "r+b") as handle:
        handle.truncate(wal.stat().st_size - 1)  # the commit frame loses its last byte
    assert project_files.wal_committed_pages(copy, page_size) < whole
    assert project_files.truncation(copy) is not None


def test_a_copy_cut_short_without_journals_is_refused(
    store: ProjectStore, project_path: Path, tmp_path: Path
) -> None:
    store.close()
    copy = tmp_path / "cut.annotator"
    data = project_path.read_bytes()
    copy.write_bytes(data[: len(data) // 2 // 4096 * 4096])
    with pytest.raises(DamagedProjectError, match="truncated"):
        ProjectStore.open(copy)
