"""A native JSONL import is streamed (#15): parsed a line at a time and stored in batches
inside one transaction, so its memory does not grow with the file; progress is reported
and a cancel rolls everything back. Memory here is Python's own count (tracemalloc).
"""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.services.document_import import ImportCancelledError, import_files
from annotator.services.formats.jsonl import read_jsonl
from annotator.services.formats.jsonl_stream import iter_jsonl
from annotator.services.recorded_import import import_recorded
from annotator.store import ingest as ingest_module
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore

WORDS = "word " * 400  # 2 KB of text a document


def _file(path: Path, documents: int, spans: int = 10) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(documents):
            text = f"{i} {WORDS}"
            record = {
                "id": f"d{i}",
                "text": text,
                "spans": [
                    {
                        "id": f"d{i}-s{j}",
                        "start": j * 5,
                        "end": j * 5 + 4,
                        "label": "Claim",
                        "annotator": "alice",
                        "text": text[j * 5 : j * 5 + 4],
                    }
                    for j in range(spans)
                ],
            }
            handle.write(json.dumps(record) + "\n")
    return path


def _span(text: str, document: int, index: int) -> dict[str, object]:
    start, end = index * 5, index * 5 + 4
    return {
        "id": f"d{document}-s{index}",
        "start": start,
        "end": end,
        "label": "Claim",
        "annotator": "alice",
        "text": text[start:end],
    }


def _peak_import(tmp_path: Path, name: str, documents: int, *, recorded: bool = False) -> int:
    source = _file(tmp_path / f"{name}.jsonl", documents)
    with ProjectStore.create(tmp_path / f"{name}.annotator") as store:
        tracemalloc.start()
        try:
            if recorded:  # the GUI's: one undoable command, the rows it added recorded
                report = import_recorded(
                    store, [source], annotator="alice", progress=lambda *_: True
                ).report
            else:
                report = import_files(store, [source])
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert report.documents_added == documents
        assert store.annotations.span_count() == documents * 10
    return peak


def test_import_memory_does_not_grow_with_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Batches of about 500 spans: the small file is already several batches long.
    monkeypatch.setattr(ingest_module, "BATCH_SPANS", 500)
    small = _peak_import(tmp_path, "small", 400)  # 0.9 MB
    large = _peak_import(tmp_path, "large", 1600)  # 3.6 MB
    # Read whole, four times the documents held four times the memory; streamed, the
    # peak is a batch and the ids seen, far from growing with the file.
    assert large < small * 1.6, (small, large)


def test_the_apps_import_holds_the_keys_it_added_not_the_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The app's import is one undoable command: it keeps the key of each row it added
    # (undo removes exactly those), but it kept every document for redo too, so 4x the
    # file was 4x the memory (#15: ~100 MB per 1,000 archive articles). Now what grows
    # is the keys alone, far less than the 2 KB text and ten spans of a document.
    monkeypatch.setattr(ingest_module, "BATCH_SPANS", 500)
    small = _peak_import(tmp_path, "small", 400, recorded=True)
    large = _peak_import(tmp_path, "large", 1600, recorded=True)
    rows_more = (1600 - 400) * (1 + 10)  # a document row and ten span rows each
    assert (large - small) / rows_more < 150, (small, large)


def test_progress_reaches_the_file_size_and_a_cancel_stores_nothing(tmp_path: Path) -> None:
    source = _file(tmp_path / "a.jsonl", 50)
    size = source.stat().st_size
    with ProjectStore.create(tmp_path / "p.annotator") as store:
        before = store.documents.count()
        calls: list[tuple[int, int]] = []

        def cancel_at_ten(done: int, total: int) -> bool:
            calls.append((done, total))
            return len(calls) < 10

        with pytest.raises(ImportCancelledError):
            import_files(store, [source], progress=cancel_at_ten)
        assert store.documents.count() == before
        assert store.annotations.span_count() == 0
        assert len(calls) == 10 and all(total == size for _done, total in calls)

        seen: list[int] = []
        import_files(store, [source], progress=lambda done, total: seen.append(done) or True)
        assert seen == sorted(seen) and seen[-1] == size
        assert store.documents.count() == before + 50


def test_an_error_late_in_a_streamed_file_stores_nothing(tmp_path: Path) -> None:
    source = _file(tmp_path / "a.jsonl", 30)
    with source.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "bad", "text": "a\x00b"}) + "\n")
    with ProjectStore.create(tmp_path / "p.annotator") as store:
        before = store.documents.count()
        with pytest.raises(InputError) as caught:
            import_files(store, [source])
        assert caught.value.line == 31 and caught.value.path == str(source)
        assert store.documents.count() == before
        assert store.search.document_ids("word") == []  # the full-text index rolled back too


def test_a_repeated_document_is_merged_as_when_read_whole(tmp_path: Path) -> None:
    source = tmp_path / "twice.jsonl"
    first = {"id": "x", "text": "one two three", "spans": [
        {"id": "s1", "start": 0, "end": 3, "label": "Claim", "annotator": "alice"}]}  # fmt: skip
    again = {"id": "x", "text": "one two three", "spans": [
        {"id": "s1", "start": 0, "end": 3, "label": "Claim", "annotator": "alice"},
        {"id": "s2", "start": 4, "end": 7, "label": "Claim", "annotator": "bob"}]}  # fmt: skip
    source.write_text(json.dumps(first) + "\n" + json.dumps(again) + "\n", encoding="utf-8")
    with ProjectStore.create(tmp_path / "a.annotator") as streamed:
        report = import_files(streamed, [source])
    with ProjectStore.create(tmp_path / "b.annotator") as whole:
        expected = ingest(whole, read_jsonl(source))
    assert (
        (report.documents_added, report.spans_added, report.spans_skipped)
        == (
            expected.documents_added,
            expected.spans_added,
            expected.spans_skipped,
        )
        == (1, 2, 0)
    )


def test_streamed_import_keeps_claims_named_after_the_documents(tmp_path: Path) -> None:
    source = tmp_path / "claims.jsonl"
    lines = [
        {"id": "x", "text": "one two three", "spans": [
            {"id": "s1", "start": 0, "end": 3, "label": "Claim", "annotator": "alice",
             "claim": "c1", "claim_value": "3"}]},
        {"type": "claim", "id": "c1", "wording": "One is said", "annotator": "alice"},
    ]  # fmt: skip
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    with ProjectStore.create(tmp_path / "a.annotator") as store:
        report = import_files(store, [source])
        assert (report.claims_added, report.claim_links_added) == (1, 1)
        (claim,) = store.claims.claims()
        assert claim.wording == "One is said"


def _plain(span_id: str, start: int, end: int, **fields: object) -> dict[str, object]:
    return {"id": span_id, "start": start, "end": end, "label": "Claim", "annotator": "alice",
            **fields}  # fmt: skip


_TEXT = "one two three four five"
_MIXED_LINES = [
    # Plain spans only: stored from rows (#15), one with a stance and no target.
    {"id": "a", "text": _TEXT, "spans": [_plain("s1", 0, 3), _plain("s2", 4, 7, stance="favor")]},
    # Plain spans that a said-by link joins: the link needs them as spans.
    {"id": "b", "text": _TEXT + " b", "spans": [_plain("s3", 0, 3), _plain("s4", 4, 7)],
     "said_by": [{"id": "sb", "span": "s3", "source": "s4", "annotator": "alice"}]},
    # A plain span, then the same passage with a claim: the first in the file is kept.
    {"id": "c", "text": _TEXT + " c", "spans": [
        _plain("s5", 0, 3), _plain("s6", 0, 3, claim="k1", claim_value="x")]},
    # A span id another document has: renamed the same way.
    {"id": "d", "text": _TEXT + " d", "spans": [_plain("s1", 8, 13)]},
]  # fmt: skip


def _stored(store: ProjectStore) -> list[list[tuple[object, ...]]]:
    return [
        sorted(tuple(row) for row in store.conn.execute(sql))
        for sql in (
            'SELECT id, document_id, start, "end", label_id, annotator, stance_id, target_id,'
            " note, origin, fragments FROM spans",
            "SELECT id, span_id, source_span_id, annotator FROM span_relations",
            "SELECT span_id, claim_id, value FROM claim_mentions",
        )
    ]


def test_a_streamed_import_stores_what_the_file_read_whole_stores(tmp_path: Path) -> None:
    source = tmp_path / "mixed.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in _MIXED_LINES), encoding="utf-8")
    with ProjectStore.create(tmp_path / "a.annotator") as streamed:
        report = import_files(streamed, [source])
        got = _stored(streamed)
    with ProjectStore.create(tmp_path / "b.annotator") as whole:
        expected = ingest(whole, read_jsonl(source))
        assert got == _stored(whole)
    assert (
        (report.spans_added, report.spans_skipped, report.span_ids_renamed)
        == ((expected.spans_added, expected.spans_skipped, expected.span_ids_renamed))
        == (6, 1, 1)
    )
    assert report.targets_defaulted == expected.targets_defaulted == 1
    assert len(got[1]) == len(got[2]) == 1  # the said-by link and the claim mention


def test_only_documents_of_plain_spans_are_streamed_as_rows(tmp_path: Path) -> None:
    source = tmp_path / "mixed.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in _MIXED_LINES), encoding="utf-8")
    documents = list(iter_jsonl(source))
    assert [(len(d.span_rows), len(d.spans)) for d in documents] == [(2, 0), (0, 2), (0, 2), (1, 0)]
    assert documents[0].span_rows[1] == ("s2", 4, 7, "Claim", "alice", "favor", "", "")
