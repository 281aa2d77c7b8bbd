"""Export, agreement and merge's read of another file each see one snapshot (#14).

An export taken while an import ran wrote 1,200 documents without any of their spans:
spans were read first, documents later, and the import committed in between. Each
test commits a write from another connection between two of the reader's queries
(or runs a real writer thread alongside) and checks that nothing read is torn.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.model import Document
from annotator.services.agreement_service import project_agreement
from annotator.services.export import export_project
from annotator.services.merge import merge_projects
from annotator.store.document_repo import DocumentRepo
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore
from tests.support.projects import annotated_documents, make_project


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def _commit_from_another_connection(project: Path, prefix: str, count: int = 5) -> None:
    with ProjectStore.open(project) as writer:
        ingest(writer, annotated_documents(count, ("alice", "bob"), prefix=prefix))


def test_an_import_committed_mid_export_is_not_half_exported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "p.annotator")
    out = tmp_path / "out.jsonl"
    with ProjectStore.open(project) as store:
        original = store.documents.in_list_order  # read after the spans' query began

        def documents_after_an_import() -> Iterator[Document]:
            _commit_from_another_connection(project, "late")
            return original()

        monkeypatch.setattr(store.documents, "in_list_order", documents_after_an_import)
        report = export_project(store, "jsonl", out)
    records = _records(out)
    assert (report.documents, len(records)) == (6, 6)  # the state when the export began
    assert all(len(r["spans"]) == 6 and len(r["stances"]) == 2 for r in records)
    with ProjectStore.open(project) as store:  # the import itself is kept
        assert export_project(store, "jsonl", out).documents == 11
    assert all(len(r["spans"]) == 6 for r in _records(out))


def test_exports_alongside_a_real_importing_thread_are_never_torn(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p.annotator", documents=2)
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            with ProjectStore.open(project) as store:
                for batch in range(40):
                    if stop.is_set():
                        break
                    ingest(store, annotated_documents(30, ("alice", "bob"), prefix=f"b{batch}-"))
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    seen = set()
    try:
        with ProjectStore.open(project) as store:
            for round_ in range(25):
                out = tmp_path / f"out{round_}.jsonl"
                export_project(store, "jsonl", out)
                records = _records(out)
                seen.add(len(records))
                torn = [r["id"] for r in records if len(r["spans"]) != 6 or len(r["stances"]) != 2]
                assert not torn, f"export {round_}: {len(torn)} documents without all annotations"
                assert (len(records) - 2) % 30 == 0  # whole imports only
    finally:
        stop.set()
        thread.join()
    assert not errors
    assert len(seen) > 1, "the writer never committed during the exports: nothing was tested"


def test_agreement_figures_come_from_one_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "p.annotator")
    with ProjectStore.open(project) as store:
        before = project_agreement(store)
        original = store.annotations.document_stances

        def stances_after_an_import(*args: object, **kwargs: object) -> list:
            _commit_from_another_connection(project, "late")
            return original(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(store.annotations, "document_stances", stances_after_an_import)
        during = project_agreement(store)
    assert during == before
    assert during["gold"]["documents"] == 6


def test_merge_reads_another_file_open_in_a_window_as_one_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = make_project(tmp_path / "ours.annotator", ("alice",), 2)
    theirs = make_project(tmp_path / "theirs.annotator", ("bob",), 3, prefix="t")
    window = ProjectStore.open(theirs)  # the colleague's app, still open: -wal and -shm exist
    original = DocumentRepo.ids

    def ids_after_a_change(repo: DocumentRepo) -> list[str]:
        if repo._conn is not window.conn:  # merge's reading connection, between two queries
            ingest(window, annotated_documents(4, ("bob",), prefix="late"))
            window.documents.set_done("late0", "bob", True)
        return original(repo)

    monkeypatch.setattr(DocumentRepo, "ids", ids_after_a_change)
    try:
        with ProjectStore.open(ours) as store:
            report = merge_projects(store, [theirs])
            assert report.files[0].report.documents_added == 3
            assert store.documents.count() == 5
            assert len(store.annotations.spans(annotators=["bob"])) == 9
    finally:
        window.close()
