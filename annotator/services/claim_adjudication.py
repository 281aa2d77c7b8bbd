"""Adjudicating claims: where annotators grouped the same mentions differently, and copying
one annotator's claim into the gold layer with its origin.

Mentions are compared across annotators the way claim agreement aligns them: same
document, overlapping passages. For each claim with a mention in a document, the
comparison says which other annotators grouped exactly the same mentions into one claim
(agreed) and which split or joined them differently. Accepting a claim gives gold a claim
with the same wording (origin "accepted from alice", or "agreed: alice, bob"), linked to
gold's annotation of each mention, copied into gold where gold lacks it; all in one
transaction, and `undo_accept_claim` removes exactly that.

Relations between claims (contradicts, same event with a different detail) are adjudicated
the same way: `relation_rows` lists every annotator's relations touching the document and
whether gold holds them; `accept_relation` gives gold the relation between gold's copies of
its two claims (accepting either claim first when gold lacks it), with its note and origin.
Gold's copy of a claim is the gold claim accepted from its annotator whose mentions are on
the same passages (or, once gold's mentions were edited, that has the same wording).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from annotator.core.claims.model import Claim, ClaimRelation
from annotator.core.errors import NotFoundError
from annotator.core.model import GOLD_ANNOTATOR, Span, new_id
from annotator.services.adjudication import GoldError
from annotator.store.claim_repo import ClaimEdit, ClaimError
from annotator.store.project_store import ProjectStore


@dataclass(frozen=True, slots=True)
class ClaimGrouping:
    """One annotator's claim as adjudication shows it, compared with everyone else's."""

    claim: Claim
    mentions: tuple[Span, ...]
    agreed_by: tuple[str, ...]  # annotators with one claim grouping exactly these mentions
    differs: tuple[str, ...]  # "bob: 001 in “Over 40 experts” (2 claims)" and the like
    in_gold: bool  # gold has a claim accepted from (or agreeing with) this one

    @property
    def status(self) -> str:
        if not self.differs:
            return "agreed" if self.agreed_by else "single"
        return "disagreed"


@dataclass(frozen=True, slots=True)
class AcceptedClaim:
    """What accepting stored: undo removes it, redo puts the same ids back."""

    gold_claim_id: str
    added_spans: tuple[Span, ...]
    edits: tuple[ClaimEdit, ...]


def _short(document_id: str) -> str:
    return document_id.split("_", 1)[0]


def claim_groupings(store: ProjectStore, document_id: str) -> list[ClaimGrouping]:
    """Every non-gold claim with a mention in `document_id`, compared across annotators."""
    claims = {c.id: c for c in store.claims.claims()}
    linked = [s for s in store.annotations.spans() if s.claim in claims]
    by_claim: dict[str, list[Span]] = defaultdict(list)
    for span in linked:
        assert span.claim is not None
        by_claim[span.claim].append(span)
    rows = []
    for claim_id, spans in by_claim.items():
        claim = claims[claim_id]
        if claim.annotator == GOLD_ANNOTATOR or not any(
            s.document_id == document_id for s in spans
        ):
            continue
        agreed, differs = [], []
        others = {c.annotator for c in claims.values()} - {claim.annotator, GOLD_ANNOTATOR}
        for other in sorted(others):
            theirs = [s for s in linked if s.annotator == other]
            matched = [_match(span, theirs) for span in spans]
            groups = {m.claim for m in matched if m is not None}
            if None not in matched and len(groups) == 1:
                (only,) = groups
                if only is not None and len(by_claim[only]) == len(spans):
                    agreed.append(other)
                    continue
            differs.append(_difference(other, spans, matched, by_claim, claims))
        rows.append(
            ClaimGrouping(
                claim,
                tuple(spans),
                tuple(agreed),
                tuple(d for d in differs if d),
                _gold_copy(claim, claims, by_claim) is not None,
            )
        )
    rows.sort(key=lambda r: (r.claim.annotator, r.claim.created, r.claim.id))
    return rows


def _names(annotator: str, origin: str) -> bool:
    if origin == f"accepted from {annotator}":
        return True
    return origin.startswith("agreed: ") and annotator in origin[8:].split(", ")


def _passages(spans: list[Span]) -> set[tuple[str, int, int]]:
    return {(s.document_id, s.start, s.end) for s in spans}


def _gold_copy(
    claim: Claim, claims: dict[str, Claim], by_claim: dict[str, list[Span]]
) -> str | None:
    """The id of gold's copy of `claim` (see the module docstring), or None."""
    accepted = [
        c
        for c in claims.values()
        if c.annotator == GOLD_ANNOTATOR and c.origin and _names(claim.annotator, c.origin)
    ]
    mine = _passages(by_claim.get(claim.id, []))
    for gold in accepted:
        if mine and _passages(by_claim.get(gold.id, [])) == mine:
            return gold.id
    return next((g.id for g in accepted if g.wording == claim.wording), None)


def _claims_and_mentions(store: ProjectStore) -> tuple[dict[str, Claim], dict[str, list[Span]]]:
    claims = {c.id: c for c in store.claims.claims()}
    by_claim: dict[str, list[Span]] = defaultdict(list)
    for span in store.annotations.spans():
        if span.claim in claims:
            by_claim[span.claim].append(span)
    return claims, by_claim


def gold_copy_of(store: ProjectStore, claim_id: str) -> str | None:
    """Gold's copy of an annotator's claim, or None when gold has not accepted it.
    Raises NotFoundError for an unknown claim."""
    claim = store.claims.claim(claim_id)
    claims, by_claim = _claims_and_mentions(store)
    return _gold_copy(claim, claims, by_claim)


def _match(span: Span, theirs: list[Span]) -> Span | None:
    """Their linked span on the same passage (overlapping, same document), largest overlap."""
    best, best_overlap = None, 0
    for other in theirs:
        if other.document_id != span.document_id:
            continue
        overlap = min(span.end, other.end) - max(span.start, other.start)
        if overlap > best_overlap:
            best, best_overlap = other, overlap
    return best


def _difference(
    other: str,
    spans: list[Span],
    matched: list[Span | None],
    by_claim: dict[str, list[Span]],
    claims: dict[str, Claim],
) -> str:
    missing = [_short(s.document_id) for s, m in zip(spans, matched, strict=True) if m is None]
    groups = sorted({m.claim for m in matched if m is not None and m.claim})
    parts = []
    if len(groups) > 1:
        parts.append(f"splits them into {len(groups)} claims")
    if missing:
        parts.append(f"does not link {', '.join(missing)}")
    for claim_id in groups:
        extra = [
            _short(s.document_id)
            for s in by_claim[claim_id]
            if all(m is None or m.id != s.id for m in matched)
        ]
        if extra:
            parts.append(f"also groups {', '.join(extra)} in “{claims[claim_id].wording}”")
    return f"{other} {'; '.join(parts)}" if parts else ""


def accept_claim(
    store: ProjectStore,
    claim_id: str,
    *,
    again: AcceptedClaim | None = None,
) -> AcceptedClaim:
    """Copy `claim_id` into gold. Pass the previous result as `again` to redo with its ids.

    Raises GoldError for a gold claim, and NotFoundError for an unknown one.
    """
    claim = store.claims.claim(claim_id)
    if claim.annotator == GOLD_ANNOTATOR:
        raise GoldError("That claim is already in the gold layer.")
    mentions = store.claims.mentions(claim_id)
    gold_claim_id = again.gold_claim_id if again is not None else new_id()
    reuse = {
        (s.document_id, s.start, s.end, s.label): s for s in (again.added_spans if again else ())
    }
    edits: list[ClaimEdit] = []
    added: list[Span] = []
    with store.write():
        gold_by_document: dict[str, list[Span]] = {}
        targets: list[tuple[str, str]] = []
        for mention in mentions:
            gold = gold_by_document.setdefault(
                mention.document_id,
                store.annotations.spans(mention.document_id, [GOLD_ANNOTATOR]),
            )
            same = [
                g
                for g in gold
                if (g.start, g.end, g.label) == (mention.start, mention.end, mention.label)
            ]
            if same:
                targets.append((same[0].id, mention.claim_value))
                continue
            key = (mention.document_id, mention.start, mention.end, mention.label)
            copy = reuse.get(key) or replace(
                mention,
                id=new_id(),
                annotator=GOLD_ANNOTATOR,
                origin=f"accepted from {mention.annotator}",
                claim=None,
                claim_value="",
            )
            store.annotations.add_span(copy)
            gold.append(copy)
            added.append(copy)
            targets.append((copy.id, mention.claim_value))
        edits.append(
            store.claims.create(
                claim.wording,
                GOLD_ANNOTATOR,
                claim_id=gold_claim_id,
                origin=f"accepted from {claim.annotator}",
            )
        )
        for span_id, value in targets:
            edits.append(store.claims.link(span_id, gold_claim_id, value))
    return AcceptedClaim(gold_claim_id, tuple(added), tuple(edits))


def undo_accept_claim(store: ProjectStore, accepted: AcceptedClaim) -> None:
    """Remove what `accept_claim` stored: links and claim first, then the copied spans."""
    with store.write():
        for edit in reversed(accepted.edits):
            store.claims.revert(edit)
        store.annotations.delete_spans(s.id for s in accepted.added_spans)


@dataclass(frozen=True, slots=True)
class RelationRow:
    """One annotator's relation between two claims, as adjudication shows it."""

    relation: ClaimRelation
    wording_a: str
    wording_b: str
    in_gold: bool  # gold relates its copies of both claims the same way


@dataclass(frozen=True, slots=True)
class AcceptedRelation:
    """What accepting a relation stored: undo removes it, redo puts the same ids back."""

    relation: ClaimRelation  # gold's
    # (the annotator's claim, what accepting it stored) for each end claim gold lacked
    claims: tuple[tuple[str, AcceptedClaim], ...]


def relation_rows(store: ProjectStore, document_id: str) -> list[RelationRow]:
    """Every non-gold claim relation with either claim mentioned in `document_id`."""
    claims, by_claim = _claims_and_mentions(store)
    gold_pairs = {(r.kind, r.claim_a, r.claim_b) for r in store.claims.relations([GOLD_ANNOTATOR])}
    rows = []
    for relation in store.claims.relations():
        if relation.annotator == GOLD_ANNOTATOR:
            continue
        ends = (relation.claim_a, relation.claim_b)
        if not any(s.document_id == document_id for end in ends for s in by_claim.get(end, [])):
            continue
        copies = [_gold_copy(claims[end], claims, by_claim) for end in ends]
        in_gold = None not in copies and (
            (relation.kind, *sorted(c for c in copies if c)) in gold_pairs
        )
        rows.append(
            RelationRow(relation, claims[ends[0]].wording, claims[ends[1]].wording, in_gold)
        )
    rows.sort(key=lambda r: (r.relation.annotator, r.wording_a, r.wording_b))
    return rows


def accept_relation(
    store: ProjectStore, relation_id: str, *, again: AcceptedRelation | None = None
) -> AcceptedRelation:
    """Give gold `relation_id` between gold's copies of its two claims, with its note and
    origin "accepted from alice"; a claim gold lacks is accepted first (its mentions
    copied). Pass the previous result as `again` to redo with its ids.

    Raises GoldError for a gold relation or one gold already holds, NotFoundError for an
    unknown one.
    """
    found = [r for r in store.claims.relations() if r.id == relation_id]
    if not found:
        raise NotFoundError(f"No claim relation {relation_id!r}.")
    relation = found[0]
    if relation.annotator == GOLD_ANNOTATOR:
        raise GoldError("That relation is already in the gold layer.")
    earlier = dict(again.claims) if again else {}
    accepted: list[tuple[str, AcceptedClaim]] = []
    with store.write():
        ends = []
        for claim_id in (relation.claim_a, relation.claim_b):
            copy = gold_copy_of(store, claim_id)
            if copy is None:
                made = accept_claim(store, claim_id, again=earlier.get(claim_id))
                accepted.append((claim_id, made))
                copy = made.gold_claim_id
            ends.append(copy)
        try:
            gold = store.claims.add_relation(
                relation.kind,
                ends[0],
                ends[1],
                relation.note,
                relation_id=again.relation.id if again else None,
                origin=f"accepted from {relation.annotator}",
            )
        except ClaimError as exc:
            raise GoldError("Gold already relates these claims that way.") from exc
    return AcceptedRelation(gold, tuple(accepted))


def undo_accept_relation(store: ProjectStore, accepted: AcceptedRelation) -> None:
    """Remove what `accept_relation` stored: the relation, then the claims it accepted."""
    with store.write():
        store.claims.remove_relation(accepted.relation.id)
        for _, claim in reversed(accepted.claims):
            undo_accept_claim(store, claim)
