"""What an import fills in for what a file leaves out, and says so (issue #14).

A stance without a target is about the project's default target; a span id another
document already uses (other tools number spans per file) gets a new id instead of the
span vanishing as a "duplicate".
"""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.model import SchemeKind
from annotator.services.document_import import import_files
from annotator.store.project_store import ProjectStore


def _jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _project(tmp_path: Path) -> ProjectStore:
    store = ProjectStore.create(tmp_path / "p.annotator")
    with store.write():
        store.scheme.ensure(SchemeKind.TARGET, "EU")
    store.settings.set("default_target", "EU")
    return store


def test_document_stance_without_target_takes_the_default_target(tmp_path: Path) -> None:
    store = _project(tmp_path)
    path = _jsonl(tmp_path / "in.jsonl", {"text": "Some text.", "stances": [{"stance": "against"}]})
    report = import_files(store, [path], annotator="alice")
    [doc_id] = report.document_ids
    [stance] = store.annotations.document_stances(doc_id, ["alice"])
    assert (stance.target, stance.stance) == ("EU", "against")
    assert report.targets_defaulted == 1
    assert "1 stance without a target given the default target 'EU'" in report.summary()


def test_span_stance_without_target_takes_the_default_target(tmp_path: Path) -> None:
    store = _project(tmp_path)
    span = {"start": 0, "end": 4, "label": "Claim", "stance": "favor"}
    path = _jsonl(tmp_path / "in.jsonl", {"text": "Some text.", "spans": [span]})
    report = import_files(store, [path], annotator="alice")
    [stored] = store.annotations.spans(report.document_ids[0])
    assert (stored.stance, stored.target) == ("favor", "EU")
    assert report.targets_defaulted == 1


def test_span_without_stance_keeps_no_target(tmp_path: Path) -> None:
    store = _project(tmp_path)
    span = {"start": 0, "end": 4, "label": "Claim"}
    report = import_files(
        store, [_jsonl(tmp_path / "in.jsonl", {"text": "Text.", "spans": [span]})]
    )
    [stored] = store.annotations.spans(report.document_ids[0])
    assert (stored.stance, stored.target, report.targets_defaulted) == (None, None, 0)


def test_span_ids_reused_across_documents_are_made_unique(tmp_path: Path) -> None:
    store = _project(tmp_path)
    path = _jsonl(
        tmp_path / "in.jsonl",
        {"text": "First text.", "spans": [{"id": "T1", "start": 0, "end": 5, "label": "Claim"}]},
        {"text": "Second one.", "spans": [{"id": "T1", "start": 0, "end": 6, "label": "Claim"}]},
    )
    report = import_files(store, [path], annotator="alice")
    first, second = report.document_ids
    assert [s.start for s in store.annotations.spans(first)] == [0]
    [moved] = store.annotations.spans(second)
    assert (moved.end, moved.id != "T1") == (6, True)
    assert (report.spans_added, report.spans_skipped, report.span_ids_renamed) == (2, 0, 1)
    assert "1 span id already used in another document given new ids" in report.summary()
    again = import_files(store, [path], annotator="alice")  # nothing new the second time
    assert (again.spans_added, again.spans_skipped) == (0, 2)
    assert [s.id for s in store.annotations.spans(second)] == [moved.id]


def test_a_span_id_stored_in_another_document_is_renamed_on_a_later_import(
    tmp_path: Path,
) -> None:
    store = _project(tmp_path)
    one = {"text": "First text.", "spans": [{"id": "7", "start": 0, "end": 5, "label": "C"}]}
    two = {"text": "Second one.", "spans": [{"id": "7", "start": 7, "end": 10, "label": "C"}]}
    import_files(store, [_jsonl(tmp_path / "a.jsonl", one)])
    report = import_files(store, [_jsonl(tmp_path / "b.jsonl", two)])
    assert (report.spans_added, report.span_ids_renamed) == (1, 1)
    [stored] = store.annotations.spans(report.document_ids[0])
    assert (stored.start, stored.end) == (7, 10)


def test_an_explicit_null_target_round_trips_as_none(tmp_path: Path) -> None:
    store = _project(tmp_path)
    span = {"start": 0, "end": 4, "label": "Claim", "stance": "favor", "target": None}
    report = import_files(
        store, [_jsonl(tmp_path / "in.jsonl", {"text": "Text.", "spans": [span]})]
    )
    [stored] = store.annotations.spans(report.document_ids[0])
    assert (stored.stance, stored.target, report.targets_defaulted) == ("favor", None, 0)
