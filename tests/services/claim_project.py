"""A small project with claims in every shape, on the emoji / CJK / RTL sample documents."""

from __future__ import annotations

from annotator.core.claims.model import ClaimRelationKind
from annotator.core.model import Span
from annotator.store.project_store import ProjectStore
from tests.conftest import SAMPLE_TEXTS


def span_at(document_id: str, phrase: str, span_id: str, annotator: str, label: str) -> Span:
    text = SAMPLE_TEXTS[document_id]
    start = text.index(phrase)
    return Span(span_id, document_id, start, start + len(phrase), label, annotator, "against")


def add_claims(store: ProjectStore) -> None:
    """alice: claim c-160 mentioned in en and emoji, c-cjk in cjk (Hebrew part), a planned
    claim, a contradiction, a said-by link, a silent mark and a derivation; bob: his own."""
    for span in [
        span_at("en", "More than 160 experts", "en-1", "alice", "Claim"),
        span_at("en", "the letter", "en-src", "alice", "Source"),
        span_at("emoji", "Experts 👩‍💻 protest", "emoji-1", "alice", "Claim"),
        span_at("cjk", "专家警告华盛顿", "cjk-1", "alice", "Claim"),
        span_at("cjk", "מומחים מזהירים", "cjk-2", "alice", "Claim"),
        span_at("en", "More than 160 experts", "en-b", "bob", "Claim"),
        span_at("emoji", "Experts 👩‍💻 protest", "emoji-b", "bob", "Claim"),
    ]:
        store.annotations.add_span(span)
    claims = store.claims
    claims.create_from_span("en-1", "Number of experts who signed", claim_id="c-160")
    claims.link("emoji-1", "c-160", "over 40")
    claims.create_from_span("cjk-1", "专家警告 “Washington” <b>", claim_id="c-cjk")
    claims.link("cjk-2", "c-cjk")
    claims.create("Planned: who organised the letter", "alice", claim_id="c-plan")
    claims.add_relation(
        ClaimRelationKind.CONTRADICTS, "c-160", "c-cjk", "160 vs 40", relation_id="r-1"
    )
    claims.add_said_by("en-1", "en-src", relation_id="sb-1")
    claims.set_silent("emoji", "c-cjk", True)
    claims.set_derived_from("emoji", "en", "alice", True, "AI rewrite")
    claims.create_from_span("en-b", "Experts signed", claim_id="k-1")
    claims.link("emoji-b", "k-1")


def claim_state(store: ProjectStore) -> tuple[object, ...]:
    """Everything about claims, by content (document ids, span passages, claim ids)."""
    spans = {s.id: s for s in store.annotations.spans()}

    def passage(span_id: str) -> tuple[object, ...]:
        s = spans[span_id]
        return (s.document_id, s.start, s.end, s.label, s.annotator)

    claims = store.claims
    return (
        sorted((c.id, c.wording, c.annotator, c.origin) for c in claims.claims()),
        sorted((passage(s.id), s.claim, s.claim_value) for s in spans.values() if s.claim),
        sorted((r.kind, r.claim_a, r.claim_b, r.annotator, r.note) for r in claims.relations()),
        sorted(
            (passage(r.span), passage(r.source_span), r.annotator) for r in claims.span_relations()
        ),
        sorted((m.document_id, m.claim_id, m.annotator) for m in claims.silences()),
        sorted(
            (d.document_id, d.source_document_id, d.annotator, d.note) for d in claims.derivations()
        ),
    )
