"""Spans and document stances: add, change, delete, restore, duplicates, bounds."""

from __future__ import annotations

import pytest

from annotator.core.errors import NotFoundError
from annotator.core.model import DocumentStance, Span
from annotator.store.annotation_repo import DuplicateSpanError
from annotator.store.project_store import ProjectStore
from tests.conftest import SAMPLE_TEXTS


def test_spans_come_back_as_stored_ordered_and_filtered(store_with_spans: ProjectStore) -> None:
    spans = store_with_spans.annotations.spans("en")
    assert [s.id for s in spans] == ["a1", "b1", "a2"]
    assert [s.id for s in store_with_spans.annotations.spans("en", ["bob"])] == ["b1"]
    assert store_with_spans.annotations.spans(annotators=[]) == []
    assert store_with_spans.annotations.span("a1").stance == "against"
    assert store_with_spans.annotations.annotators() == ["alice", "bob"]


def test_duplicate_span_by_same_annotator_is_refused(store_with_spans: ProjectStore) -> None:
    a1 = store_with_spans.annotations.span("a1")
    with pytest.raises(DuplicateSpanError):
        store_with_spans.annotations.add_span(
            Span("other", "en", a1.start, a1.end, "Claim", "alice")
        )


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (3, 3), (5, 2), (0, 10_000)])
def test_offsets_outside_the_text_are_refused(store: ProjectStore, start: int, end: int) -> None:
    with pytest.raises(ValueError, match="outside"):
        store.annotations.add_span(Span("bad", "en", start, end, "Claim", "alice"))
    assert store.annotations.spans() == []


def test_unknown_label_or_document_is_refused(store: ProjectStore) -> None:
    with pytest.raises(NotFoundError):
        store.annotations.add_span(Span("x", "en", 0, 3, "NoSuchLabel", "alice"))
    with pytest.raises(NotFoundError):
        store.annotations.add_span(Span("x", "missing", 0, 3, "Claim", "alice"))


def test_update_returns_previous_and_delete_restore_round_trips(
    store_with_spans: ProjectStore,
) -> None:
    repo = store_with_spans.annotations
    before = repo.update_span("a1", label="Evidence", stance="favor", note="**why**")
    assert before.label == "Claim" and before.stance == "against" and before.note == ""
    after = repo.span("a1")
    assert (after.label, after.stance, after.note) == ("Evidence", "favor", "**why**")
    deleted = repo.delete_span("a1")
    assert deleted == after
    repo.restore_spans([deleted])
    assert repo.span("a1") == after


def test_document_stance_set_change_clear(store: ProjectStore) -> None:
    repo = store.annotations
    target = "US restrictions on Anthropic's models"
    assert repo.set_document_stance("en", "alice", target, "against") is None
    assert repo.set_document_stance("en", "alice", target, "favor") == "against"
    assert repo.document_stances("en") == [DocumentStance("en", "alice", target, "favor")]
    assert repo.set_document_stance("en", "alice", target, None) == "favor"
    assert repo.document_stances("en") == []


def test_text_with_astral_characters_keeps_code_point_offsets(store: ProjectStore) -> None:
    text = SAMPLE_TEXTS["emoji"]
    start = text.index("👩‍💻")
    span = Span("e", "emoji", start, start + len("👩‍💻"), "Source", "alice")
    store.annotations.add_span(span)
    stored = store.annotations.span("e")
    assert text[stored.start : stored.end] == "👩‍💻"


def test_done_flags_are_per_annotator(store: ProjectStore) -> None:
    assert store.documents.set_done("en", "alice", True) is False
    assert store.documents.is_done("en", "alice")
    assert not store.documents.is_done("en", "bob")
    summaries = {s.id: s for s in store.documents.summaries("alice")}
    assert summaries["en"].done and not summaries["cjk"].done
    assert store.documents.done_ids(["bob"]) == set()


def test_counts_by_document_and_annotator(store_with_spans: ProjectStore) -> None:
    repo = store_with_spans.annotations
    assert repo.span_counts_by_document_and_annotator() == {("en", "alice"): 2, ("en", "bob"): 1}
    assert repo.document_stance_counts_by_document_and_annotator() == {}
    target = "US restrictions on Anthropic's models"
    repo.set_document_stance("cjk", "bob", target, "favor")
    assert repo.document_stance_counts_by_document_and_annotator() == {("cjk", "bob"): 1}


def test_passage_uses_code_point_offsets(store: ProjectStore) -> None:
    text = SAMPLE_TEXTS["emoji"]
    for needle in ("👩‍💻", "🇺🇸 restrictions", "e\u0301", "\r\nSecond"):
        start = text.index(needle)
        passage, title = store.documents.passage("emoji", start, start + len(needle))
        assert passage == needle and title == "emoji article"
    with pytest.raises(NotFoundError):
        store.documents.passage("missing", 0, 1)


def test_an_add_reads_the_text_length_once_per_text(store: ProjectStore) -> None:
    # length(text) reads the whole text (0.6 ms for a 1 MB article): it ran on every add,
    # undo and redo (#15). Offsets are still checked against the length kept.
    repo = store.annotations
    repo.add_span(Span("first", "en", 0, 3, "Claim", "alice"))
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        repo.add_span(Span("second", "en", 1, 4, "Claim", "alice"))
        with pytest.raises(ValueError, match="outside"):
            repo.add_span(Span("past", "en", 0, len(SAMPLE_TEXTS["en"]) + 1, "Claim", "alice"))
        repo.restore_spans([Span("third", "en", 2, 5, "Claim", "alice")])
    finally:
        store.conn.set_trace_callback(None)
    assert statements and not [s for s in statements if "length(" in s]
    assert repo.add_span(Span("last", "en", 0, len(SAMPLE_TEXTS["en"]), "Claim", "alice"))


def test_a_text_stored_again_under_the_same_id_is_measured_again(store: ProjectStore) -> None:
    from annotator.core.model import Document

    repo = store.annotations
    long_end = len(SAMPLE_TEXTS["en"])
    repo.add_span(Span("kept", "en", 0, long_end, "Claim", "alice"))  # length now known
    with store.write() as conn:
        conn.execute("DELETE FROM documents WHERE id = 'en'")
        store.documents.add(Document(id="en", text="short"))
    with pytest.raises(ValueError, match=r"outside the text \(0\.\.5\)"):
        repo.add_span(Span("long", "en", 0, long_end, "Claim", "alice"))
    repo.add_span(Span("fits", "en", 0, 5, "Claim", "alice"))
