"""The gold layer: comparing annotators, accepting, rejecting, and undoing each step."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.core.model import GOLD_ANNOTATOR, DocumentStance, Span
from annotator.services.adjudication import (
    GoldError,
    accept_all_agreed,
    accept_document_stance,
    accept_span,
    document_comparison,
    edit_gold_span,
    redo_accept_all,
    reject_document_stance,
    reject_item,
    restore_gold_stance,
    set_adjudicated,
    undo_accept_all,
)
from annotator.store.project_store import ProjectStore
from tests.services.test_merge import TARGET, merged_project


@pytest.fixture
def merged(tmp_path: Path) -> Iterator[ProjectStore]:
    project = merged_project(tmp_path)
    yield project
    project.close()


def _gold(store: ProjectStore, document_id: str | None = None) -> list[Span]:
    return store.annotations.spans(document_id, [GOLD_ANNOTATOR])


def test_comparison_aligns_items_with_statuses(merged: ProjectStore) -> None:
    d1 = document_comparison(merged, "d1")
    assert d1.annotators == ("alice", "bob")
    claim, source = d1.spans  # position order
    assert (claim.status, claim.labels, claim.annotators) == (
        "agreed",
        ("Claim",),
        ("alice", "bob"),
    )
    assert (source.status, source.start, source.end) == ("disagreed", 15, 25)
    assert not claim.in_gold and not source.in_gold
    (stance,) = d1.stances
    assert (stance.target, stance.status, stance.stances) == (
        TARGET,
        "agreed",
        {"alice": "against", "bob": "against"},
    )
    d2 = document_comparison(merged, "d2")
    (evidence,) = d2.spans
    assert evidence.status == "partial"  # bob read d2 (stance, done) and marked nothing
    assert d2.stances[0].status == "disagreed"
    assert d1.next_index(-1) == 1 and d1.next_index(1) is None
    assert d1.previous_index(2) == 1 and d1.previous_index(1) is None
    assert d1.next_index(-1, ("agreed",)) == 0


def test_label_disagreement_on_the_same_passage_is_one_item(merged: ProjectStore) -> None:
    merged.annotations.add_span(Span("a-x", "d3", 0, 9, "Claim", "alice"))
    merged.annotations.add_span(Span("b-x", "d3", 0, 9, "Evidence", "bob"))
    merged.annotations.add_span(Span("b-y", "d3", 0, 3, "Source", "bob"))  # nested: its own item
    items = document_comparison(merged, "d3").spans
    assert [(i.labels, i.status) for i in items] == [
        (("Source",), "partial"),  # 0..3 comes before 0..9
        (("Claim", "Evidence"), "disagreed"),
    ]


def test_accept_span_copies_into_gold_with_origin_and_undoes(merged: ProjectStore) -> None:
    gold = accept_span(merged, "a-claim")
    assert (gold.annotator, gold.origin) == (GOLD_ANNOTATOR, "agreed: alice, bob")
    assert (gold.start, gold.end, gold.label, gold.stance) == (0, 7, "Claim", "against")
    assert gold.id != "a-claim"
    assert _gold(merged) == [gold]
    assert document_comparison(merged, "d1").spans[0].in_gold
    # Annotators' comparison never includes gold spans as an annotator.
    assert document_comparison(merged, "d1").annotators == ("alice", "bob")

    merged.annotations.delete_span(gold.id)  # undo
    assert _gold(merged) == []
    merged.annotations.restore_spans([gold])  # redo, same id
    assert _gold(merged) == [gold]

    source = accept_span(merged, "b-source")
    assert source.origin == "accepted from bob"
    with pytest.raises(GoldError):
        accept_span(merged, "b-source")  # gold already has it
    with pytest.raises(GoldError):
        accept_span(merged, gold.id)


def test_reject_removes_gold_for_the_item_and_restores(merged: ProjectStore) -> None:
    accepted = accept_span(merged, "a-source")
    claim = accept_span(merged, "a-claim")
    source_item = document_comparison(merged, "d1").spans[1]
    assert source_item.gold == (accepted,)
    removed = reject_item(merged, source_item)
    assert removed == [accepted]
    assert _gold(merged) == [claim]  # the Claim nearby stays
    assert reject_item(merged, source_item) == []  # nothing left to reject
    merged.annotations.restore_spans(removed)  # undo
    assert _gold(merged) == [claim, accepted]


def test_accept_all_agreed_then_undo_and_redo(merged: ProjectStore) -> None:
    accepted = accept_all_agreed(merged, "d1")
    (span,) = accepted.spans
    assert (span.label, span.origin, span.annotator) == ("Claim", "agreed: alice, bob", "gold")
    assert accepted.stances == [
        DocumentStance("d1", GOLD_ANNOTATOR, TARGET, "against", "agreed: alice, bob")
    ]
    assert _gold(merged, "d1") == [span]
    assert merged.annotations.document_stances("d1", [GOLD_ANNOTATOR]) == accepted.stances
    again = accept_all_agreed(merged, "d1")
    assert (again.spans, again.stances) == ([], [])

    undo_accept_all(merged, accepted)
    assert _gold(merged) == [] and merged.annotations.document_stances(None, ["gold"]) == []
    redo_accept_all(merged, accepted)
    assert _gold(merged, "d1") == [span]
    assert merged.annotations.document_stances("d1", [GOLD_ANNOTATOR]) == accepted.stances

    # d2 has nothing agreed: a partial span and a disagreed stance.
    nothing = accept_all_agreed(merged, "d2")
    assert (nothing.spans, nothing.stances) == ([], [])


def test_accept_all_does_not_replace_a_gold_decision(merged: ProjectStore) -> None:
    accept_document_stance(merged, "d1", TARGET, "neutral", "edited")
    accepted = accept_all_agreed(merged, "d1")
    assert accepted.stances == []
    (gold,) = merged.annotations.document_stances("d1", [GOLD_ANNOTATOR])
    assert gold.stance == "neutral"


def test_document_stance_accept_reject_and_restore(merged: ProjectStore) -> None:
    previous = accept_document_stance(merged, "d2", TARGET, "favor", "accepted from alice")
    assert previous is None
    second = accept_document_stance(merged, "d2", TARGET, "against", "accepted from bob")
    assert second == DocumentStance("d2", GOLD_ANNOTATOR, TARGET, "favor", "accepted from alice")
    assert document_comparison(merged, "d2").stances[0].gold == DocumentStance(
        "d2", GOLD_ANNOTATOR, TARGET, "against", "accepted from bob"
    )
    restore_gold_stance(merged, "d2", TARGET, second)  # undo the second
    (gold,) = merged.annotations.document_stances("d2", [GOLD_ANNOTATOR])
    assert gold == second
    rejected = reject_document_stance(merged, "d2", TARGET)
    assert rejected == second
    assert merged.annotations.document_stances("d2", [GOLD_ANNOTATOR]) == []
    restore_gold_stance(merged, "d2", TARGET, rejected)
    assert merged.annotations.document_stances("d2", [GOLD_ANNOTATOR]) == [second]


def test_editing_a_gold_span_records_where_it_came_from(merged: ProjectStore) -> None:
    gold = accept_span(merged, "a-source")
    before = edit_gold_span(merged, gold.id, start=17)
    assert before == gold
    edited = merged.annotations.span(gold.id)
    assert (edited.start, edited.origin) == (17, "edited from alice")
    merged.annotations.update_span(gold.id, start=before.start, origin=before.origin)  # undo
    assert merged.annotations.span(gold.id) == gold
    with pytest.raises(GoldError):
        edit_gold_span(merged, "a-source", start=16)


def test_set_adjudicated_returns_the_previous_flag(merged: ProjectStore) -> None:
    assert set_adjudicated(merged, "d1", True) is False
    assert merged.documents.done_ids([GOLD_ANNOTATOR]) == {"d1"}
    assert set_adjudicated(merged, "d1", False) is True
    assert merged.documents.done_ids([GOLD_ANNOTATOR]) == set()


def test_gold_only_spans_are_listed_apart(merged: ProjectStore) -> None:
    mine = Span("g", "d4", 0, 7, "Claim", GOLD_ANNOTATOR, origin="edited")
    merged.annotations.add_span(mine)
    comparison = document_comparison(merged, "d4")
    assert comparison.spans == () and comparison.gold_only == (mine,)
    assert replace(mine, origin="") != mine  # origin is part of the stored span
