"""Adjudicating claims: where annotators grouped the same mentions differently, and copying
one annotator's claim into the gold layer with its origin.

Mentions are compared across annotators the way claim agreement aligns them: same
document, overlapping passages. For each claim with a mention in a document, the
comparison says which other annotators grouped exactly the same mentions into one claim
(agreed) and which split or joined them differently. Accepting a claim gives gold a claim
with the same wording (origin "accepted from alice", or "agreed: alice, bob"), linked to
gold's annotation of each mention, copied into gold where gold lacks it; all in one
transaction, and `undo_accept_claim` removes exactly that.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from annotator.core.claims.model import Claim
from annotator.core.model import GOLD_ANNOTATOR, Span, new_id
from annotator.services.adjudication import GoldError
from annotator.store.claim_repo import ClaimEdit
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
    gold_origins = {c.origin for c in claims.values() if c.annotator == GOLD_ANNOTATOR and c.origin}
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
                any(_names(claim.annotator, o) for o in gold_origins),
            )
        )
    rows.sort(key=lambda r: (r.claim.annotator, r.claim.created, r.claim.id))
    return rows


def _names(annotator: str, origin: str) -> bool:
    if origin == f"accepted from {annotator}":
        return True
    return origin.startswith("agreed: ") and annotator in origin[8:].split(", ")


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
