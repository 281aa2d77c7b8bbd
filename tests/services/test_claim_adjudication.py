"""Claim adjudication: grouping differences across annotators; accepting a claim, and a
relation between claims, into gold with its origin."""

from __future__ import annotations

import pytest

from annotator.core.claims.model import ClaimRelationKind
from annotator.core.model import GOLD_ANNOTATOR, Span
from annotator.services.adjudication import GoldError
from annotator.services.claim_adjudication import (
    accept_claim,
    accept_relation,
    claim_groupings,
    gold_copy_of,
    relation_rows,
    undo_accept_claim,
    undo_accept_relation,
)
from annotator.store.project_store import ProjectStore
from tests.conftest import SAMPLE_TEXTS


def _groupings(store: ProjectStore) -> None:
    """alice: one claim over en and emoji; bob: the same two passages as two claims."""
    start = SAMPLE_TEXTS["emoji"].index("protest")
    for annotator in ("alice", "bob"):
        store.annotations.add_span(
            Span(f"{annotator}-e", "emoji", start, start + 7, "Claim", annotator)
        )
    store.claims.create_from_span("a1", "Experts warned", claim_id="alice-1")
    store.claims.link("alice-e", "alice-1")
    store.claims.create_from_span("b1", "Experts warned", claim_id="bob-1")
    store.claims.create_from_span("bob-e", "Experts protest", claim_id="bob-2")


def test_groupings_say_who_split_or_joined_mentions(store_with_spans: ProjectStore) -> None:
    store = store_with_spans
    _groupings(store)
    rows = {r.claim.id: r for r in claim_groupings(store, "en")}
    assert set(rows) == {"alice-1", "bob-1"}  # bob-2 has no mention in en
    assert rows["alice-1"].status == "disagreed"
    assert rows["alice-1"].differs == ("bob splits them into 2 claims",)
    assert rows["bob-1"].differs == ("alice also groups emoji in “Experts warned”",)


def test_identical_groupings_agree(store_with_spans: ProjectStore) -> None:
    store = store_with_spans
    store.claims.create_from_span("a1", "Experts warned", claim_id="alice-1")
    store.claims.create_from_span("b1", "Experts said", claim_id="bob-1")
    rows = {r.claim.id: r for r in claim_groupings(store, "en")}
    assert rows["alice-1"].status == "agreed" and rows["alice-1"].agreed_by == ("bob",)


def test_accept_claim_into_gold_with_origin_undo_redo(store_with_spans: ProjectStore) -> None:
    store = store_with_spans
    _groupings(store)
    accepted = accept_claim(store, "alice-1")
    gold = store.claims.claim(accepted.gold_claim_id)
    assert (gold.annotator, gold.origin, gold.wording) == (
        GOLD_ANNOTATOR,
        "accepted from alice",
        "Experts warned",
    )
    mentions = store.claims.mentions(gold.id)
    assert {(m.document_id, m.annotator, m.origin) for m in mentions} == {
        ("en", GOLD_ANNOTATOR, "accepted from alice"),
        ("emoji", GOLD_ANNOTATOR, "accepted from alice"),
    }
    assert {m.claim_value for m in mentions} == {"more than 160", ""}
    assert claim_groupings(store, "en")[0].in_gold
    undo_accept_claim(store, accepted)
    assert store.annotations.spans(None, [GOLD_ANNOTATOR]) == []
    assert [c.annotator for c in store.claims.claims()].count(GOLD_ANNOTATOR) == 0
    again = accept_claim(store, "alice-1", again=accepted)
    assert again.gold_claim_id == accepted.gold_claim_id
    assert {s.id for s in again.added_spans} == {s.id for s in accepted.added_spans}


def test_accepting_links_an_existing_gold_span_instead_of_copying(
    store_with_spans: ProjectStore,
) -> None:
    from annotator.services.adjudication import accept_span

    store = store_with_spans
    store.claims.create_from_span("a1", "Experts warned", claim_id="alice-1")
    gold_span = accept_span(store, "a1")
    assert gold_span.claim is None  # a gold copy never links to the annotator's claim
    accepted = accept_claim(store, "alice-1")
    assert accepted.added_spans == ()
    assert store.annotations.span(gold_span.id).claim == accepted.gold_claim_id


def _gold_state(store: ProjectStore) -> tuple[object, ...]:
    return (
        sorted((c.id, c.wording, c.origin) for c in store.claims.claims([GOLD_ANNOTATOR])),
        sorted(
            (r.id, r.kind, r.claim_a, r.claim_b, r.note, r.origin)
            for r in store.claims.relations([GOLD_ANNOTATOR])
        ),
        sorted((s.id, s.start, s.claim) for s in store.annotations.spans(None, [GOLD_ANNOTATOR])),
    )


def test_only_the_accepted_claim_is_in_gold(store_with_spans: ProjectStore) -> None:
    """Accepting one of alice's claims does not mark her other claims as in gold."""
    store = store_with_spans
    _groupings(store)
    store.claims.create("A planned claim", "alice", claim_id="alice-2")
    accepted = accept_claim(store, "alice-1")
    assert gold_copy_of(store, "alice-1") == accepted.gold_claim_id
    assert gold_copy_of(store, "alice-2") is None
    assert gold_copy_of(store, "bob-1") is None  # same wording, but bob's
    rows = {r.claim.id: r.in_gold for r in claim_groupings(store, "en")}
    assert rows == {"alice-1": True, "bob-1": False}


def test_accept_relation_brings_both_claims_and_the_relation(
    store_with_spans: ProjectStore,
) -> None:
    store = store_with_spans
    _groupings(store)
    store.claims.add_relation(ClaimRelationKind.CONTRADICTS, "bob-1", "bob-2", "160 vs 40")
    accept_claim(store, "bob-1")  # gold already holds one end
    before = _gold_state(store)
    (row,) = relation_rows(store, "emoji")
    assert (row.relation.annotator, row.in_gold) == ("bob", False)
    assert {row.wording_a, row.wording_b} == {"Experts warned", "Experts protest"}
    assert relation_rows(store, "cjk") == []  # neither claim is mentioned there

    accepted = accept_relation(store, row.relation.id)
    gold = accepted.relation
    assert (gold.annotator, gold.kind, gold.note, gold.origin) == (
        GOLD_ANNOTATOR,
        ClaimRelationKind.CONTRADICTS,
        "160 vs 40",
        "accepted from bob",
    )
    assert {gold.claim_a, gold.claim_b} == {
        gold_copy_of(store, "bob-1"),
        gold_copy_of(store, "bob-2"),
    }
    assert [claim for claim, _ in accepted.claims] == ["bob-2"]  # bob-1 was in gold already
    assert relation_rows(store, "emoji")[0].in_gold
    with pytest.raises(GoldError):
        accept_relation(store, row.relation.id)
    with pytest.raises(GoldError):
        accept_relation(store, gold.id)
    after = _gold_state(store)

    undo_accept_relation(store, accepted)
    assert _gold_state(store) == before
    assert not relation_rows(store, "emoji")[0].in_gold
    again = accept_relation(store, row.relation.id, again=accepted)
    assert _gold_state(store) == after  # redo: the same ids come back
    assert again.relation.id == gold.id
