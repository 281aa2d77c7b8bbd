"""Claim types: a canonical claim, its relations, said-by links, silent marks, derivations.

A claim is a short wording ("Number of experts who signed the letter") owned by one
annotator (or by `gold`, with an origin). Spans link to at most one claim of their own
annotator through `Span.claim`; the claim itself holds no list of spans, so a claim with
no mention left is still a claim (a planned one, "made by nobody").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ClaimRelationKind(StrEnum):
    """How two claims relate. Both kinds are symmetric."""

    CONTRADICTS = "contradicts"
    SAME_EVENT_DIFFERENT_DETAIL = "same_event_different_detail"

    @property
    def display(self) -> str:
        return {
            ClaimRelationKind.CONTRADICTS: "contradicts",
            ClaimRelationKind.SAME_EVENT_DIFFERENT_DETAIL: "same event, different detail",
        }[self]


class SpanRelationKind(StrEnum):
    """Relations between two spans inside one document."""

    SAID_BY = "said_by"  # a Source span backs a Claim span


@dataclass(frozen=True, slots=True)
class Claim:
    """A canonical claim. `created`/`updated` are UTC ISO-8601 strings set by the store."""

    id: str
    wording: str
    annotator: str
    origin: str = ""  # gold only: "accepted from alice", "agreed: alice, bob"
    created: str = ""
    updated: str = ""


@dataclass(frozen=True, slots=True)
class ClaimRelation:
    """`claim_a` and `claim_b` (stored with claim_a < claim_b, the kinds being symmetric)."""

    id: str
    kind: ClaimRelationKind
    claim_a: str
    claim_b: str
    annotator: str
    note: str = ""
    origin: str = ""


@dataclass(frozen=True, slots=True)
class SpanRelation:
    """`span` (normally a Claim span) is said by `source_span` (a Source span), same document."""

    id: str
    kind: SpanRelationKind
    span: str
    source_span: str
    annotator: str
    note: str = ""
    origin: str = ""
    document_id: str = ""


@dataclass(frozen=True, slots=True)
class SilentMark:
    """`annotator` read `document` and found it does not make `claim` ("checked, absent")."""

    document_id: str
    claim_id: str
    annotator: str
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Derivation:
    """`document_id` is derived from `source_document_id` (a rewrite, a commentary on it)."""

    document_id: str
    source_document_id: str
    annotator: str
    note: str = ""
    origin: str = ""


def relation_pair(claim_x: str, claim_y: str) -> tuple[str, str]:
    """The stored order of a symmetric relation's two claims."""
    return (claim_x, claim_y) if claim_x <= claim_y else (claim_y, claim_x)
