"""The demo tour's steps point at passages the seed articles really contain, and its
progress is read from what the project holds."""

from __future__ import annotations

from annotator.core.model import Span, new_id
from annotator.services.demo import demo_documents, load_demo
from annotator.services.demo_tour import (
    AGGREGATOR,
    AI_REWRITE,
    TOUR_DOCUMENTS,
    TOUR_STEPS,
    UK_REPORT,
    VOICE_OF_EMIRATES,
    is_demo,
    passage_range,
    tour_progress,
)


def test_every_passage_is_in_its_seed_article() -> None:
    texts = {d.document.id: d.document.text for d in demo_documents()}
    assert set(TOUR_DOCUMENTS) == set(texts)
    passages = [step for step in TOUR_STEPS if step.passage]
    assert [step.document_id for step in passages] == [VOICE_OF_EMIRATES, AI_REWRITE, UK_REPORT]
    for step in passages:
        found = passage_range(texts[step.document_id], step.passage)
        assert found is not None, step.key
        assert texts[step.document_id][found[0] : found[1]] == step.passage


def test_the_aggregator_gives_no_count_of_the_experts() -> None:
    # The tour's fourth way (silence) is true of the article.
    text = {d.document.id: d.document.text for d in demo_documents()}[AGGREGATOR]
    assert not any(word in text for word in ("160", "40 ", "Adobe", "signator"))


def test_progress_follows_the_claim_mentioned_with_160(store) -> None:
    assert not is_demo(store)
    load_demo(store)
    assert is_demo(store)
    assert tour_progress(store, "alice").claim_id is None
    texts = {i: store.documents.get(i).text for i in TOUR_DOCUMENTS}

    def span(document_id: str, phrase: str, annotator: str = "alice") -> Span:
        start = texts[document_id].index(phrase)
        made = Span(new_id(), document_id, start, start + len(phrase), "Claim", annotator)
        store.annotations.add_span(made)
        return made

    other = span(UK_REPORT, "dangerous")  # an earlier, unrelated claim
    store.claims.create_from_span(other.id, "The ban is dangerous", claim_id="dangerous")
    first = span(VOICE_OF_EMIRATES, "More than 160 experts")
    store.claims.create_from_span(first.id, "Experts", claim_id="experts")
    bobs = span(AI_REWRITE, "over 40", "bob")  # someone else's work does not count
    store.claims.create_from_span(bobs.id, "Bob's", claim_id="bobs")
    progress = tour_progress(store, "alice")
    assert progress.claim_id == "experts"
    assert [s.key for s in TOUR_STEPS if progress.done(s.key)] == ["first_count"]

    store.claims.link(span(AI_REWRITE, "over 40 prominent").id, "experts")
    store.claims.link(span(UK_REPORT, "Adobe, Nvidia and Zoom").id, "experts")
    store.claims.set_silent(AGGREGATOR, "experts", True)
    progress = tour_progress(store, "alice")
    assert {s.key for s in TOUR_STEPS if progress.done(s.key)} == {
        "first_count", "second_count", "third_count", "silence",
    }  # fmt: skip
