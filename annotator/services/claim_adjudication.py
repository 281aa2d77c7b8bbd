"""Adjudicating claims: where two annotators grouped the same mentions differently, and
accepting a claim (with its mentions) or a claim relation into the gold layer.

Grouping differences use the alignment of agreement on claims (core/agreement/claims.py):
two aligned mentions that one annotator put under one claim and the other under two.
Accepting a claim copies it to gold with origin "accepted from alice (claim <id>)"; each
mention gets a gold span (the gold span already on that passage with that label, else a
copy, origin "accepted from alice") linked to the gold claim. Everything accepted is
returned, and `undo_accept_claim` removes exactly that.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import combinations

from annotator.core.agreement.spans import matched_span_pairs
from annotator.core.claims.model import ClaimRelation
from annotator.core.model import GOLD_ANNOTATOR, Span, new_id
from annotator.services.adjudication import GoldError
from annotator.store.claim_repo import ClaimEdit
from annotator.store.project_store import ProjectStore


@dataclass(frozen=True, slots=True)
class GroupingDifference:
    """Two passages that `a` groups under one claim and `b` under two (or the reverse)."""

    first: tuple[Span, Span]  # (a's span, b's span) for the first passage
    second: tuple[Span, Span]
    together_for: str  # the annotator who put them under one claim

    @property
    def document_ids(self) -> tuple[str, str]:
        return self.first[0].document_id, self.second[0].document_id


def grouping_differences(store: ProjectStore, a: str, b: str) -> list[GroupingDifference]:
    linked_a = [s for s in store.annotations.spans(annotators=[a]) if s.claim]
    linked_b = [s for s in store.annotations.spans(annotators=[b]) if s.claim]
    pairs = matched_span_pairs(linked_a, linked_b, "overlap")
    differences = []
    for (x_a, x_b), (y_a, y_b) in combinations(pairs, 2):
        same_a, same_b = x_a.claim == y_a.claim, x_b.claim == y_b.claim
        if same_a != same_b:
            differences.append(GroupingDifference((x_a, x_b), (y_a, y_b), a if same_a else b))
    return differences


@dataclass(frozen=True, slots=True)
class AcceptedClaim:
    gold_claim_id: str
    created_spans: tuple[Span, ...]  # gold spans made for the mentions (undo deletes them)
    edits: tuple[ClaimEdit, ...]  # the create and links, reverted newest first on undo


def claim_origin(annotator: str, claim_id: str) -> str:
    return f"accepted from {annotator} (claim {claim_id})"


def gold_copy_of(store: ProjectStore, claim_id: str) -> str | None:
    """The gold claim accepted from `claim_id`, if any."""
    source = store.claims.claim(claim_id)
    origin = claim_origin(source.annotator, claim_id)
    for claim in store.claims.claims([GOLD_ANNOTATOR]):
        if claim.origin == origin:
            return claim.id
    return None


def accept_claim(
    store: ProjectStore, claim_id: str, *, gold_claim_id: str | None = None
) -> AcceptedClaim:
    """Copy an annotator's claim and its mentions into gold. Raises GoldError for a gold
    claim or one already accepted."""
    source = store.claims.claim(claim_id)
    if source.annotator == GOLD_ANNOTATOR:
        raise GoldError("That claim is already in the gold layer.")
    if gold_copy_of(store, claim_id) is not None:
        raise GoldError("That claim is already accepted into gold.")
    gold_id = gold_claim_id or new_id()
    edits = [
        store.claims.create(
            source.wording,
            GOLD_ANNOTATOR,
            claim_id=gold_id,
            origin=claim_origin(source.annotator, claim_id),
        )
    ]
    created: list[Span] = []
    for mention in store.claims.mentions(claim_id):
        gold_span = next(
            (
                s
                for s in store.annotations.spans(mention.document_id, [GOLD_ANNOTATOR])
                if (s.start, s.end, s.label) == (mention.start, mention.end, mention.label)
            ),
            None,
        )
        if gold_span is None:
            gold_span = replace(
                mention,
                id=new_id(),
                annotator=GOLD_ANNOTATOR,
                origin=f"accepted from {mention.annotator}",
                claim=None,
                claim_value="",
            )
            store.annotations.add_span(gold_span)
            created.append(gold_span)
        edits.append(store.claims.link(gold_span.id, gold_id, mention.claim_value))
    return AcceptedClaim(gold_id, tuple(created), tuple(edits))


def undo_accept_claim(store: ProjectStore, accepted: AcceptedClaim) -> None:
    for edit in reversed(accepted.edits):
        store.claims.revert(edit)
    store.annotations.delete_spans([s.id for s in accepted.created_spans])


def accept_relation(store: ProjectStore, relation_id: str) -> ClaimRelation:
    """Copy a claim relation into gold between the gold copies of its two claims (accept
    the claims first). Undo: `store.claims.remove_relation(result.id)`."""
    found = [r for r in store.claims.relations() if r.id == relation_id]
    if not found:
        raise GoldError("No such claim relation.")
    relation = found[0]
    a, b = gold_copy_of(store, relation.claim_a), gold_copy_of(store, relation.claim_b)
    if a is None or b is None:
        raise GoldError("Accept both claims into gold before their relation.")
    return store.claims.add_relation(
        relation.kind, a, b, relation.note, origin=f"accepted from {relation.annotator}"
    )
