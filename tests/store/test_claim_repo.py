"""ClaimRepo: every operation is one transaction, returns what changed, and reverts exactly."""

from __future__ import annotations

import pytest

from annotator.core.claims.model import ClaimRelationKind, SpanRelationKind
from annotator.core.errors import NotFoundError
from annotator.core.model import Span
from annotator.store.claim_repo import ClaimError, ClaimRepo
from annotator.store.project_store import ProjectStore
from tests.conftest import SAMPLE_TEXTS


def _snapshot(store: ProjectStore) -> tuple[object, ...]:
    claims = store.claims
    return (
        [(c.id, c.wording, c.annotator, c.origin) for c in claims.claims()],
        sorted((d, link) for d, link in claims.links()),
        sorted(claims.relations(), key=lambda r: r.id),
        sorted(claims.silences(), key=lambda m: (m.document_id, m.claim_id)),
        [(s.id, s.claim, s.claim_value) for s in store.annotations.spans()],
    )


@pytest.fixture
def linked(store_with_spans: ProjectStore) -> ProjectStore:
    """alice's claim c1 from span a1 (en) and a second alice span in the emoji document."""
    store = store_with_spans
    text = SAMPLE_TEXTS["emoji"]
    start = text.index("protest")
    store.annotations.add_span(Span("a3", "emoji", start, start + 7, "Claim", "alice"))
    store.claims.create_from_span("a1", claim_id="c1")
    return store


def test_create_from_span_prefills_wording_and_value(linked: ProjectStore) -> None:
    claim = linked.claims.claim("c1")
    assert claim.wording == "More than 160 experts"
    assert claim.annotator == "alice"
    assert claim.created and claim.updated
    span = linked.annotations.span("a1")
    assert (span.claim, span.claim_value) == ("c1", "more than 160")
    assert [s.id for s in linked.claims.mentions("c1")] == ["a1"]


def test_every_operation_reverts_to_the_state_before(linked: ProjectStore) -> None:
    claims: ClaimRepo = linked.claims
    operations = [
        lambda: claims.create("Planned claim", "alice", claim_id="p1"),
        lambda: claims.rename("c1", "Number of experts who signed"),
        lambda: claims.link("a3", "c1"),
        lambda: claims.set_value("a1", "160"),
        lambda: claims.unlink(["a1"]),
        lambda: claims.create_from_span("a3", "Experts protest", claim_id="c2"),
        lambda: claims.delete(["c1"]),
    ]
    for operation in operations:
        before = _snapshot(linked)
        edit = operation()
        assert _snapshot(linked) != before, edit.text
        claims.revert(edit)
        assert _snapshot(linked) == before, edit.text
        # redo = run again; undo again gives the same state
        claims.revert(operation())
        assert _snapshot(linked) == before, edit.text


def test_merge_moves_mentions_relations_and_marks_and_reverts(linked: ProjectStore) -> None:
    claims = linked.claims
    claims.create_from_span("a3", "Experts protest", claim_id="c2")
    claims.create("Third", "alice", claim_id="c3")
    claims.add_relation(ClaimRelationKind.CONTRADICTS, "c2", "c3", "160 vs 40")
    claims.add_relation(ClaimRelationKind.SAME_EVENT_DIFFERENT_DETAIL, "c1", "c2")
    claims.set_silent("cjk", "c2", True)
    claims.set_silent("en", "c2", True)  # c1 has a mention in en: the mark must go
    before = _snapshot(linked)
    edit = claims.merge("c1", "c2")
    assert {c.id for c in claims.claims()} == {"c1", "c3"}
    assert {s.id for s in claims.mentions("c1")} == {"a1", "a3"}
    relations = claims.relations()
    assert [(r.kind, {r.claim_a, r.claim_b}, r.note) for r in relations] == [
        (ClaimRelationKind.CONTRADICTS, {"c1", "c3"}, "160 vs 40")
    ]
    assert [(m.document_id, m.claim_id) for m in claims.silences()] == [("cjk", "c1")]
    assert edit.document_ids == {"emoji"}
    assert edit.span_ids == {"a3"}
    claims.revert(edit)
    assert _snapshot(linked) == before


def test_split_off_gives_the_mention_its_own_claim(linked: ProjectStore) -> None:
    claims = linked.claims
    claims.link("a3", "c1", "40")
    edit = claims.split_off("a3", "Experts protest", claim_id="c9")
    assert linked.annotations.span("a3").claim == "c9"
    assert linked.annotations.span("a3").claim_value == "40"
    assert [s.id for s in claims.mentions("c1")] == ["a1"]
    claims.revert(edit)
    assert linked.annotations.span("a3").claim == "c1"
    assert "c9" not in {c.id for c in claims.claims()}


def test_deleting_a_mention_span_keeps_the_claim_and_restoring_relinks(
    linked: ProjectStore,
) -> None:
    deleted = linked.annotations.delete_spans(["a1"])
    assert linked.claims.claim("c1").wording  # kept with no mention: a planned claim
    assert linked.claims.mentions("c1") == []
    assert linked.claims.mention_counts() == {}
    linked.annotations.restore_spans(deleted)
    span = linked.annotations.span("a1")
    assert (span.claim, span.claim_value) == ("c1", "more than 160")


def test_said_by_survives_deleting_and_restoring_either_span(linked: ProjectStore) -> None:
    text = SAMPLE_TEXTS["en"]
    start = text.index("the letter")
    linked.annotations.add_span(Span("src", "en", start, start + 10, "Source", "alice"))
    relation = linked.claims.add_said_by("a1", "src")
    assert relation.kind is SpanRelationKind.SAID_BY
    deleted = linked.annotations.delete_spans(["src"])
    assert linked.claims.span_relations("en") == []
    linked.annotations.restore_spans(deleted)
    assert linked.claims.span_relations("en") == [relation]
    assert linked.claims.remove_span_relation(relation.id) == relation
    assert linked.claims.span_relations() == []
    linked.claims.restore_span_relation(relation)
    assert linked.claims.span_relations() == [relation]


def test_said_by_needs_same_document_and_annotator(linked: ProjectStore) -> None:
    with pytest.raises(ClaimError, match="same article"):
        linked.claims.add_said_by("a1", "a3")
    with pytest.raises(ClaimError, match="same annotator"):
        linked.claims.add_said_by("a1", "b1")


def test_ownership_is_enforced(linked: ProjectStore) -> None:
    with pytest.raises(ClaimError, match="alice's"):
        linked.claims.link("b1", "c1")
    linked.claims.create_from_span("b1", claim_id="cb")
    with pytest.raises(ClaimError):
        linked.claims.merge("c1", "cb")
    with pytest.raises(ClaimError):
        linked.claims.add_relation(ClaimRelationKind.CONTRADICTS, "c1", "cb")
    assert [c.id for c in linked.claims.claims(["bob"])] == ["cb"]


def test_relations_are_symmetric_unique_and_removable(linked: ProjectStore) -> None:
    claims = linked.claims
    claims.create("Other", "alice", claim_id="c0")
    relation = claims.add_relation(ClaimRelationKind.CONTRADICTS, "c1", "c0", "note")
    assert (relation.claim_a, relation.claim_b) == ("c0", "c1")
    with pytest.raises(ClaimError, match="already"):
        claims.add_relation(ClaimRelationKind.CONTRADICTS, "c0", "c1")
    with pytest.raises(ClaimError, match="itself"):
        claims.add_relation(ClaimRelationKind.CONTRADICTS, "c1", "c1")
    assert claims.set_relation_note(relation.id, "160 vs 40") == "note"
    removed = claims.remove_relation(relation.id)
    assert claims.relations() == []
    claims.restore_relation(removed)
    assert [r.note for r in claims.relations(claim_id="c1")] == ["160 vs 40"]


def test_silent_marks_and_derivations_return_previous_state(linked: ProjectStore) -> None:
    claims = linked.claims
    assert claims.set_silent("cjk", "c1", True) is False
    assert claims.set_silent("cjk", "c1", True) is True
    assert [m.document_id for m in claims.silences(["alice"])] == ["cjk"]
    assert claims.set_silent("cjk", "c1", False) is True
    assert claims.silences() == []
    with pytest.raises(NotFoundError):
        claims.set_silent("nope", "c1", True)

    assert claims.set_derived_from("emoji", "en", "alice", True, "AI rewrite") is None
    previous = claims.set_derived_from("emoji", "en", "alice", False)
    assert previous is not None and previous.note == "AI rewrite"
    assert claims.derivations() == []
    claims.restore_derivation("emoji", "en", "alice", previous)
    assert claims.derivations() == [previous]
    with pytest.raises(ClaimError):
        claims.set_derived_from("en", "en", "alice", True)


def test_find_filters_by_annotator_and_text(linked: ProjectStore) -> None:
    linked.claims.create("Ban is dangerous", "alice", claim_id="c5")
    assert [c.id for c in linked.claims.find("", "alice")] == ["c1", "c5"]
    assert [c.id for c in linked.claims.find("DANGER", "alice")] == ["c5"]
    assert linked.claims.find("", "bob") == []


def test_wording_cannot_be_empty(linked: ProjectStore) -> None:
    with pytest.raises(ClaimError):
        linked.claims.rename("c1", "   ")
    with pytest.raises(NotFoundError):
        linked.claims.rename("missing", "x")


def test_the_already_related_error_names_the_kind_in_words(store: ProjectStore) -> None:
    store.claims.create("Experts signed", "alice", claim_id="c1")
    store.claims.create("Forty signed", "alice", claim_id="c2")
    kind = ClaimRelationKind.SAME_EVENT_DIFFERENT_DETAIL
    store.claims.add_relation(kind, "c2", "c1")
    with pytest.raises(ClaimError) as raised:
        store.claims.add_relation(kind, "c1", "c2")
    assert str(raised.value) == "These claims are already marked “same event, different detail”."
