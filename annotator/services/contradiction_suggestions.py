"""Contradictions worth offering: linked mentions that carry different numbers.

Nothing here writes. The GUI shows each suggestion and the analyst confirms it (as a
`contradicts` relation, splitting a mention off first when both are mentions of one
claim) or dismisses it. Offered:

- within one claim: two mentions in different articles whose values have different
  numbers ("more than 160" vs "over 40"), the claim-level view of the disagreement the
  matrix marks with ⚠;
- across claims: two claims related as *same event, different detail* whose mentions
  carry different numbers, unless they are already marked as contradicting.

A mention's number is its stored value, else the first number in its text.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from annotator.core.claims.model import ClaimRelationKind
from annotator.core.claims.values import MentionValue, parse_value
from annotator.core.model import Span
from annotator.store.project_store import ProjectStore


@dataclass(frozen=True, slots=True)
class ContradictionSuggestion:
    claim_a: str
    claim_b: str  # the same as claim_a for a disagreement inside one claim
    span_a: Span
    span_b: Span
    value_a: MentionValue
    value_b: MentionValue

    @property
    def within_one_claim(self) -> bool:
        return self.claim_a == self.claim_b

    @property
    def reason(self) -> str:
        return f"{self.value_a} vs {self.value_b}"


def mention_value(store: ProjectStore, span: Span) -> MentionValue | None:
    if span.claim_value:
        return parse_value(span.claim_value)
    text, _ = store.documents.passage(span.document_id, span.start, span.end)
    return parse_value(text)


def suggest_contradictions(
    store: ProjectStore, annotator: str, claim_id: str | None = None
) -> list[ContradictionSuggestion]:
    """Suggestions for `annotator`'s claims (only those touching `claim_id` when given),
    each pair of articles once, in claim order."""
    claims = store.claims.claims([annotator])
    valued: dict[str, list[tuple[Span, MentionValue]]] = {}
    for claim in claims:
        found = []
        for span in store.claims.mentions(claim.id):
            value = mention_value(store, span)
            if value is not None:
                found.append((span, value))
        valued[claim.id] = found
    relations = store.claims.relations([annotator])
    contradicting = {
        frozenset((r.claim_a, r.claim_b))
        for r in relations
        if r.kind is ClaimRelationKind.CONTRADICTS
    }
    pairs: list[tuple[str, str]] = [(c.id, c.id) for c in claims]
    pairs += [
        (r.claim_a, r.claim_b)
        for r in relations
        if r.kind is ClaimRelationKind.SAME_EVENT_DIFFERENT_DETAIL
        and frozenset((r.claim_a, r.claim_b)) not in contradicting
    ]
    suggestions = []
    for a, b in pairs:
        if claim_id is not None and claim_id not in (a, b):
            continue
        if a == b:
            candidates = list(combinations(valued.get(a, []), 2))
        else:
            candidates = [(x, y) for x in valued.get(a, []) for y in valued.get(b, [])]
        for (span_x, value_x), (span_y, value_y) in candidates:
            if span_x.document_id == span_y.document_id or value_x.number == value_y.number:
                continue
            suggestions.append(ContradictionSuggestion(a, b, span_x, span_y, value_x, value_y))
    return suggestions
