"""Claim adjudication: grouping differences between two annotators, and claims and their
relations accepted into gold with origin, undone exactly."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from annotator.core.claims.model import ClaimRelationKind
from annotator.core.model import GOLD_ANNOTATOR, new_id
from annotator.services.adjudication import GoldError
from annotator.services.claim_adjudication import (
    accept_claim,
    accept_relation,
    grouping_differences,
    undo_accept_claim,
)
from annotator.store.project_store import ProjectStore
from tests.services.seed_claims import annotate_seeds


@pytest.fixture
def two(project_path: Path):
    store = ProjectStore.create(project_path)
    ids = annotate_seeds(store)
    # bob marks the signers' three passages but as three separate claims
    for span in store.claims.mentions(ids["signers"]):
        copy = replace(span, id=new_id(), annotator="bob", claim=None, claim_value="")
        store.annotations.add_span(copy)
        store.claims.create_from_span(copy.id, claim_id=f"bob-{copy.id}")
    yield store, ids
    store.close()


def test_grouping_differences_name_the_passages(two) -> None:
    store, _ = two
    differences = grouping_differences(store, "alice", "bob")
    assert len(differences) == 3  # 3 passages alice groups together, bob apart
    assert {d.together_for for d in differences} == {"alice"}


def test_accept_claim_and_relation_into_gold_then_undo(two) -> None:
    store, ids = two
    before = [s.id for s in store.annotations.spans(annotators=[GOLD_ANNOTATOR])]
    accepted = accept_claim(store, ids["signers"])
    (gold,) = store.claims.claims([GOLD_ANNOTATOR])
    assert gold.wording == "Number of experts who signed the letter"
    assert gold.origin == f"accepted from alice (claim {ids['signers']})"
    mentions = store.claims.mentions(gold.id)
    assert len(mentions) == 3 and {m.origin for m in mentions} == {"accepted from alice"}
    assert {m.claim_value for m in mentions} == {"more than 160", "more than 40", ""}
    with pytest.raises(GoldError):
        accept_claim(store, ids["signers"])
    relation = store.claims.add_relation(
        ClaimRelationKind.CONTRADICTS, ids["signers"], ids["china"]
    )
    with pytest.raises(GoldError, match="both claims"):
        accept_relation(store, relation.id)
    accepted_china = accept_claim(store, ids["china"])
    gold_relation = accept_relation(store, relation.id)
    assert gold_relation.annotator == GOLD_ANNOTATOR
    store.claims.remove_relation(gold_relation.id)
    undo_accept_claim(store, accepted_china)
    undo_accept_claim(store, accepted)
    assert store.claims.claims([GOLD_ANNOTATOR]) == []
    assert [s.id for s in store.annotations.spans(annotators=[GOLD_ANNOTATOR])] == before
