"""Merging other annotators' projects: by text hash, keeping annotators, overwriting nobody."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.default_scheme import DEFAULT_TARGET
from annotator.core.errors import ProjectError
from annotator.core.model import AnnotatedDocument, Document, SchemeItem, SchemeKind, Span
from annotator.services.merge import merge_projects
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore

# Four short articles; offsets below are into these.
TEXTS = {
    "d1": "Experts warned Washington about the ban on Monday.",
    "d2": "The letter was signed by more than 160 researchers.",
    "d3": "Officials said the restrictions protect national security.",
    "d4": "Critics call the move dangerous for open research.",
}
TARGET = DEFAULT_TARGET

# Document stances: alice / bob.
#   d1 against / against, d2 favor / against, d3 favor / favor, d4 against / against
STANCES = {
    "alice": {"d1": "against", "d2": "favor", "d3": "favor", "d4": "against"},
    "bob": {"d1": "against", "d2": "against", "d3": "favor", "d4": "against"},
}
# Spans (id, document, start, end, label, stance):
#   d1 Claim 0..7 "Experts", both, against: identical (exact and overlap match)
#   d1 Source 15..25 (alice) vs 17..25 (bob): overlap match only
#   d2 Evidence 0..10 by alice only (bob touched d2 through his stance)
SPANS = {
    "alice": [
        ("a-claim", "d1", 0, 7, "Claim", "against"),
        ("a-source", "d1", 15, 25, "Source", None),
        ("a-evidence", "d2", 0, 10, "Evidence", None),
    ],
    "bob": [
        ("b-claim", "d1", 0, 7, "Claim", "against"),
        ("b-source", "d1", 17, 25, "Source", None),
    ],
}


def make_annotator_project(path: Path, name: str) -> Path:
    """A project as `name` would hand it in: the four articles, their spans, stances, done."""
    with ProjectStore.create(path) as project:
        ingest(project, [AnnotatedDocument(Document(id=k, text=t)) for k, t in TEXTS.items()])
        for span_id, document, start, end, label, stance in SPANS[name]:
            project.annotations.add_span(
                Span(span_id, document, start, end, label, name, stance, TARGET if stance else None)
            )
        for document, stance in STANCES[name].items():
            project.annotations.set_document_stance(document, name, TARGET, stance)
            project.documents.set_done(document, name, True)
    return path


def make_two_annotator_projects(folder: Path) -> tuple[Path, Path]:
    return (
        make_annotator_project(folder / "alice.annotator", "alice"),
        make_annotator_project(folder / "bob.annotator", "bob"),
    )


def merged_project(folder: Path) -> ProjectStore:
    """A new project (open; close it) with alice's and bob's projects merged into it."""
    alice, bob = make_two_annotator_projects(folder)
    project = ProjectStore.create(folder / "main.annotator")
    merge_projects(project, [alice, bob])
    return project


def _snapshot(store: ProjectStore) -> tuple[object, ...]:
    return (
        store.documents.ids(),
        store.annotations.spans(),
        store.annotations.document_stances(),
        store.documents.done_flags(),
        store.scheme.get(),
    )


def test_merge_brings_everything_in_and_keeps_annotators(tmp_path: Path) -> None:
    alice, bob = make_two_annotator_projects(tmp_path)
    with ProjectStore.create(tmp_path / "main.annotator") as project:
        report = merge_projects(project, [alice, bob])
        first, second = report.files
        assert (first.report.documents_added, first.report.spans_added) == (4, 3)
        assert (second.report.documents_matched, second.report.spans_added) == (4, 2)
        assert (first.report.stances_added, first.report.done_flags_added) == (4, 4)
        assert first.annotators == ["alice"]
        assert project.annotations.span("b-source").annotator == "bob"
        assert {s.annotator for s in project.annotations.spans()} == {"alice", "bob"}
        assert project.documents.done_ids(["bob"]) == set(TEXTS)
        assert "alice.annotator (alice)" in report.summary()
        assert "5 spans added" in report.summary()


def test_merging_twice_adds_nothing(tmp_path: Path) -> None:
    alice, bob = make_two_annotator_projects(tmp_path)
    with ProjectStore.create(tmp_path / "main.annotator") as project:
        merge_projects(project, [alice, bob])
        before = _snapshot(project)
        again = merge_projects(project, [alice, bob])
        assert _snapshot(project) == before
        for file in again.files:
            r = file.report
            assert (r.documents_added, r.spans_added, r.stances_added) == (0, 0, 0)
            assert (r.done_flags_added, r.span_conflicts, r.scheme_added) == (0, 0, [])
        assert again.files[0].report.spans_skipped == 3


def test_conflicting_span_ids_do_not_overwrite_ours(tmp_path: Path) -> None:
    alice, _bob = make_two_annotator_projects(tmp_path)
    with ProjectStore.create(tmp_path / "main.annotator") as project:
        ingest(project, [AnnotatedDocument(Document(id="mine", text=TEXTS["d1"]))])
        # Our span has alice's span id, but other content (another annotator and passage).
        ours = Span("a-claim", "mine", 8, 14, "Evidence", "carol", note="ours")
        project.annotations.add_span(ours)
        project.annotations.set_document_stance("mine", "alice", TARGET, "neutral")
        report = merge_projects(project, [alice])
        assert project.annotations.span("a-claim") == ours
        (file,) = report.files
        assert file.report.span_conflicts == 1
        assert file.report.stance_conflicts == 1  # alice said "against" there; we keep "neutral"
        assert "differ from ours: ours kept" in report.summary()
        stances = project.annotations.document_stances("mine", ["alice"])
        assert [s.stance for s in stances] == ["neutral"]


def test_missing_or_foreign_files_change_nothing(tmp_path: Path) -> None:
    alice, _bob = make_two_annotator_projects(tmp_path)
    text_file = tmp_path / "notes.annotator"
    text_file.write_text("not a database at all, just some words " * 50, "utf-8")
    with ProjectStore.create(tmp_path / "main.annotator") as project:
        before = _snapshot(project)
        with pytest.raises(ProjectError, match="No project at"):
            merge_projects(project, [alice, tmp_path / "missing.annotator"])
        with pytest.raises(ProjectError, match="not"):
            merge_projects(project, [alice, text_file])
        with pytest.raises(ProjectError, match="not a project file"):
            merge_projects(project, [alice, tmp_path])
        assert _snapshot(project) == before


def test_a_project_cannot_be_merged_into_itself(tmp_path: Path) -> None:
    alice, _bob = make_two_annotator_projects(tmp_path)
    with ProjectStore.open(alice) as project:
        before = _snapshot(project)
        with pytest.raises(ProjectError, match="into itself"):
            merge_projects(project, [tmp_path / "." / "alice.annotator"])
        assert _snapshot(project) == before


def test_new_scheme_entries_keep_their_colours(tmp_path: Path) -> None:
    alice, _bob = make_two_annotator_projects(tmp_path)
    with ProjectStore.open(alice) as project:
        project.scheme.add(SchemeItem(SchemeKind.LABEL, "Quote", "#123456", "1", "A quote."))
        project.annotations.add_span(Span("q", "d3", 0, 9, "Quote", "alice"))
    with ProjectStore.create(tmp_path / "main.annotator") as project:
        report = merge_projects(project, [alice])
        assert (SchemeKind.LABEL, "Quote") in report.files[0].report.scheme_added
        quote = project.scheme.item(SchemeKind.LABEL, "Quote")
        assert (quote.color, quote.description) == ("#123456", "A quote.")
        assert quote.shortcut == ""  # "1" belongs to Claim here
        assert project.annotations.span("q").label == "Quote"


def test_new_documents_keep_their_metadata(tmp_path: Path) -> None:
    other = tmp_path / "other.annotator"
    with ProjectStore.create(other) as project:
        ingest(
            project,
            [AnnotatedDocument(Document(id="x", text="Fresh text.", title="T", source="S"))],
        )
    with ProjectStore.create(tmp_path / "main.annotator") as project:
        merge_projects(project, [other])
        (document_id,) = project.documents.ids()
        document = project.documents.get(document_id)
        assert (document.text, document.title, document.source) == ("Fresh text.", "T", "S")
