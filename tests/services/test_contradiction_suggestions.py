"""Contradiction suggestions: offered where linked mentions carry different numbers, never stored."""

from __future__ import annotations

from pathlib import Path

from annotator.core.claims.model import ClaimRelationKind
from annotator.services.contradiction_suggestions import suggest_contradictions
from annotator.store.project_store import ProjectStore
from tests.services.seed_claims import D000, D001, annotate_seeds


def test_160_vs_40_is_offered_and_nothing_is_stored(project_path: Path) -> None:
    store = ProjectStore.create(project_path)
    ids = annotate_seeds(store)
    relations_before = store.claims.relations()
    (suggestion,) = suggest_contradictions(store, "alice")
    assert suggestion.within_one_claim and suggestion.claim_a == ids["signers"]
    assert {suggestion.span_a.document_id, suggestion.span_b.document_id} == {D000, D001}
    assert suggestion.reason == "more than 160 vs more than 40"
    assert store.claims.relations() == relations_before
    assert suggest_contradictions(store, "alice", ids["china"]) == []
    assert suggest_contradictions(store, "bob") == []
    store.close()


def test_across_related_claims_until_marked(project_path: Path) -> None:
    store = ProjectStore.create(project_path)
    ids = annotate_seeds(store)
    forty = next(s for s in store.claims.mentions(ids["signers"]) if s.document_id == D001)
    edit = store.claims.split_off(forty.id, "Over 40 experts petitioned", claim_id="forty")
    assert suggest_contradictions(store, "alice") == []  # not related yet: nothing to compare
    store.claims.add_relation(
        ClaimRelationKind.SAME_EVENT_DIFFERENT_DETAIL, ids["signers"], "forty"
    )
    (suggestion,) = suggest_contradictions(store, "alice")
    assert not suggestion.within_one_claim
    store.claims.add_relation(ClaimRelationKind.CONTRADICTS, ids["signers"], "forty", "160 vs 40")
    assert suggest_contradictions(store, "alice") == []
    store.claims.revert(edit)
    store.close()
