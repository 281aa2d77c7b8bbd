"""Who may read what we write (issue #14): projects and backups are private (0600,
whatever the umask), exports are made to be shared and follow the user's umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.model import AnnotatedDocument, Document, Span
from annotator.services.export import export_project
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o002, 0o000, 0o077], ids=lambda m: f"umask {m:03o}")
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


@pytest.fixture
def project(tmp_path: Path, umask: int) -> Iterator[ProjectStore]:
    store = ProjectStore.create(tmp_path / "p.annotator")
    spans = [Span("s1", "d", 0, 4, "Claim", "alice")]
    ingest(store, [AnnotatedDocument(Document(id="d", text="Text of it."), spans)])
    yield store
    store.close()


def test_project_and_its_wal_are_private(project: ProjectStore) -> None:
    path = project.path
    assert _mode(path) == 0o600
    for suffix in ("-wal", "-shm"):
        sidecar = path.with_name(path.name + suffix)  # both exist while it is open
        assert _mode(sidecar) == 0o600, suffix


def test_copies_and_backups_are_private(project: ProjectStore, tmp_path: Path) -> None:
    assert _mode(project.save_copy(tmp_path / "copy.annotator")) == 0o600
    backup = project._backup_before_migration(1)  # what an upgrade writes first
    assert _mode(backup) == 0o600


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "doccano", "labelstudio", "conll"])
def test_file_exports_follow_the_umask(
    project: ProjectStore, tmp_path: Path, umask: int, fmt: str
) -> None:
    out = tmp_path / f"out.{fmt}"
    export_project(project, fmt, out)
    assert _mode(out) == 0o666 & ~umask


def test_brat_folder_export_follows_the_umask(
    project: ProjectStore, tmp_path: Path, umask: int
) -> None:
    out = tmp_path / "brat"
    export_project(project, "brat", out)
    assert _mode(out) == 0o777 & ~umask
    for member in out.iterdir():
        assert _mode(member) == 0o666 & ~umask, member.name
