"""The import the GUI's worker runs: one transaction that records its rows; a cancel at any
step (between files, or after writing, before the commit) stores nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.model import AnnotatedDocument
from annotator.services.document_import import import_files
from annotator.services.recorded_import import ImportCancelledError, import_recorded
from annotator.store.project_store import ProjectStore
from annotator.store.rowid_marks import remove_added


def write_files(folder: Path) -> list[Path]:
    (folder / "a.txt").write_text("First article text.", "utf-8")
    (folder / "b.jsonl").write_text(
        '{"text": "Second one.", "spans": [{"start": 0, "end": 6, "label": "Claim",'
        ' "annotator": "bob"}], "relations": [{"from_id": 0, "to_id": 0, "type": "x"}]}\n',
        "utf-8",
    )
    return [folder / "a.txt", folder / "b.jsonl"]


def rows(store: ProjectStore) -> tuple[list[str], list[tuple[int, int, str, str]]]:
    texts = sorted(store.documents.get(i).text for i in store.documents.ids())
    spans = sorted((s.start, s.end, s.label, s.annotator) for s in store.annotations.spans())
    return texts, spans


def test_it_stores_what_import_files_stores_and_records_the_rows(tmp_path: Path) -> None:
    paths = write_files(tmp_path)
    calls: list[tuple[int, int]] = []
    stages: list[str] = []
    with ProjectStore.create(tmp_path / "p.annotator") as store:
        result = import_recorded(
            store,
            paths,
            annotator="alice",
            progress=lambda done, total: calls.append((done, total)) or True,
            stage=stages.append,
        )
        with ProjectStore.create(tmp_path / "q.annotator") as other:
            expected = import_files(other, paths, annotator="alice")
            assert rows(store) == rows(other)
        assert result.report.summary() == expected.summary()
        assert result.report.skipped == expected.skipped
        # From 0, through the start of the second file, to the end: never backwards.
        assert calls[0] == (0, 2) and (1, 2) in calls and calls[-1] == (2, 2)
        assert calls == sorted(calls)
        assert stages == ["Reading a.txt…", "Reading b.jsonl…"]
        assert result.added.count > 0
        remove_added(store, result.added)  # what undo does: exactly these rows go
        assert rows(store) == ([], [])


@pytest.mark.parametrize("stop_at_call", [1, 2, 3, 4])
def test_a_cancel_at_any_step_stores_nothing(tmp_path: Path, stop_at_call: int) -> None:
    paths = write_files(tmp_path)
    calls: list[int] = []

    def progress(_done: int, _total: int) -> bool:
        calls.append(1)
        return len(calls) < stop_at_call

    with ProjectStore.create(tmp_path / "p.annotator") as store:
        with pytest.raises(ImportCancelledError):
            import_recorded(store, paths, annotator="alice", progress=progress)
        assert len(calls) == stop_at_call  # it stopped at the first step after the cancel
        assert rows(store) == ([], [])
        assert not store.conn.in_transaction


def test_a_large_jsonl_file_reports_progress_and_stops_within_the_file(tmp_path: Path) -> None:
    # 3 MiB of one file: the bar moves while it is read, and a Cancel stops the read at
    # the next document instead of after the whole file.
    line = '{"text": "%s"}\n'
    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as out:
        for number in range(3 * 1024):
            out.write(line % (f"Article {number} " + "x" * 1000))
    total = big.stat().st_size // 1024
    calls: list[tuple[int, int]] = []

    def progress(done: int, whole: int) -> bool:
        calls.append((done, whole))
        return done < 1024  # Cancel as soon as the first MiB was read

    with ProjectStore.create(tmp_path / "p.annotator") as store:
        with pytest.raises(ImportCancelledError):
            import_recorded(store, [big], annotator="alice", progress=progress)
        assert calls[0] == (0, total)
        assert all(whole == total for _done, whole in calls)
        assert 1024 <= calls[-1][0] < 1026  # it stopped one document after the first MiB
        assert store.documents.count() == 0
        assert not store.conn.in_transaction


def test_the_recorded_import_holds_no_copy_of_the_documents(tmp_path: Path) -> None:
    # An archive's documents are streamed into the project, not kept for redo (#15):
    # redo reads the files again, and stores what the first import stored.
    paths = write_files(tmp_path)
    with ProjectStore.create(tmp_path / "p.annotator") as store:
        result = import_recorded(store, paths, annotator="alice", progress=lambda *_: True)
        assert not any(
            isinstance(value, list) and value and isinstance(value[0], AnnotatedDocument)
            for value in (getattr(result, name) for name in result.__slots__)
        )
        stored = rows(store)
        remove_added(store, result.added)
        assert rows(store) == ([], [])
        with store.write():
            result.store_again(store)
        assert rows(store) == stored
