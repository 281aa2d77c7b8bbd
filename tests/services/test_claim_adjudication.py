"""Claim adjudication: grouping differences across annotators; accepting a claim into gold."""

from __future__ import annotations

from annotator.core.model import GOLD_ANNOTATOR, Span
from annotator.services.claim_adjudication import (
    accept_claim,
    claim_groupings,
    undo_accept_claim,
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
