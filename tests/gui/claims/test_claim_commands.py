"""Every claim command: redo stores it, undo puts the project back exactly, redo again."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from annotator.core.claims.model import ClaimRelationKind
from annotator.core.model import Span
from annotator.gui.claims.claim_commands import (
    AddClaimRelationCommand,
    AddSaidByCommand,
    CreateClaimCommand,
    CreateClaimFromTextCommand,
    DeleteClaimsCommand,
    LinkNewSpanCommand,
    LinkSpanCommand,
    MarkContradictionCommand,
    MergeClaimsCommand,
    RemoveClaimRelationCommand,
    RemoveSaidByCommand,
    RenameClaimCommand,
    SetDerivedFromCommand,
    SetMentionValueCommand,
    SetSilentCommand,
    SplitOffCommand,
    UnlinkSpansCommand,
)
from annotator.gui.commands import StoreCommand
from annotator.gui.session import ProjectSession
from tests.conftest import SAMPLE_TEXTS


def claim_state(session: ProjectSession) -> tuple[object, ...]:
    """Everything claim-related that is stored, without timestamps."""
    claims = session.store.claims
    return (
        sorted((c.id, c.wording, c.annotator, c.origin) for c in claims.claims()),
        sorted((d, link.span_id, link.claim_id, link.value) for d, link in claims.links()),
        sorted(claims.relations(), key=lambda r: r.id),
        sorted(claims.silences(), key=lambda m: (m.document_id, m.claim_id)),
        sorted(claims.derivations(), key=lambda d: d.document_id),
        sorted(claims.span_relations(), key=lambda r: r.id),
        sorted((s.id, s.document_id, s.start, s.end, s.claim) for s in session.visible_spans()),
    )


def round_trip(session: ProjectSession, command: StoreCommand) -> tuple[object, object]:
    """Push `command`, undo, redo: asserts each state; returns (before, after)."""
    before = claim_state(session)
    session.undo_stack.push(command)
    assert command.failure is None, command.failure
    after = claim_state(session)
    assert after != before
    session.undo_stack.undo()
    assert claim_state(session) == before
    session.undo_stack.redo()
    assert claim_state(session) == after
    return before, after


def _span(session: ProjectSession, span_id: str, document: str, phrase: str) -> Span:
    text = SAMPLE_TEXTS[document]
    start = text.index(phrase)
    span = Span(span_id, document, start, start + len(phrase), "Claim", "alice")
    session.store.annotations.add_span(span)
    return span


@pytest.fixture
def linked(session: ProjectSession) -> ProjectSession:
    """a1 (en, "More than 160 experts") is claim c1's mention; e1 (emoji doc) is not linked."""
    session.store.claims.create_from_span("a1", "Number of experts", claim_id="c1")
    _span(session, "e1", "emoji", "Experts 👩‍💻 protest")
    return session


def test_create_claim_from_span_prefills_wording_and_value(session: ProjectSession) -> None:
    command = CreateClaimCommand(session, "a1")
    round_trip(session, command)
    claim = session.store.claims.claim(command.claim_id)
    assert claim.wording == "More than 160 experts"
    assert session.store.annotations.span("a1").claim_value == "more than 160"


def test_create_claim_from_text_adds_span_and_claim_in_one_step(session: ProjectSession) -> None:
    span = Span("n1", "cjk", 0, 5, "Claim", "alice")
    command = CreateClaimFromTextCommand(session, span, SAMPLE_TEXTS["cjk"][:5])
    _before, _after = round_trip(session, command)
    assert session.store.annotations.span("n1").claim == command.claim_id
    session.undo_stack.undo()
    assert all(s.id != "n1" for s in session.visible_spans())


@pytest.mark.parametrize(
    "make",
    [
        lambda s: RenameClaimCommand(s, "c1", "Experts who signed the letter"),
        lambda s: LinkSpanCommand(s, "e1", "c1"),
        lambda s: UnlinkSpansCommand(s, ["a1"]),
        lambda s: SplitOffCommand(s, "a1", "Over 160"),
        lambda s: DeleteClaimsCommand(s, ["c1"]),
        lambda s: SetMentionValueCommand(s, "a1", "at least 150"),
        lambda s: SetSilentCommand(s, "cjk", "c1", True),
        lambda s: SetDerivedFromCommand(s, "emoji", "en", True, "AI rewrite"),
        lambda s: LinkNewSpanCommand(
            s, Span("n2", "cjk", 0, 4, "Claim", "alice"), "c1", "专家警告"
        ),
    ],
    ids=[
        "rename",
        "link",
        "unlink",
        "split_off",
        "delete",
        "value",
        "silent",
        "derived_from",
        "link_new_span",
    ],
)
def test_claim_command_round_trips(
    linked: ProjectSession, make: Callable[[ProjectSession], StoreCommand]
) -> None:
    round_trip(linked, make(linked))


def test_merge_moves_mentions_and_round_trips(linked: ProjectSession) -> None:
    linked.store.claims.create_from_span("e1", "Experts protest", claim_id="c2")
    round_trip(linked, MergeClaimsCommand(linked, "c1", "c2"))
    assert linked.store.annotations.span("e1").claim == "c1"
    assert [c.id for c in linked.store.claims.claims()] == ["c1"]


def test_relations_add_and_remove_round_trip(linked: ProjectSession) -> None:
    linked.store.claims.create_from_span("e1", "Experts protest", claim_id="c2")
    add = AddClaimRelationCommand(
        linked, ClaimRelationKind.SAME_EVENT_DIFFERENT_DETAIL, "c1", "c2", "same letter"
    )
    round_trip(linked, add)
    (relation,) = linked.store.claims.relations()
    assert relation.note == "same letter"
    round_trip(linked, RemoveClaimRelationCommand(linked, relation))
    assert linked.store.claims.relations() == []


def test_mark_contradiction_splits_and_relates_in_one_step(linked: ProjectSession) -> None:
    linked.store.claims.link("e1", "c1", "over 40")
    command = MarkContradictionCommand(linked, "e1", "Number of experts — over 40", "160 vs 40")
    round_trip(linked, command)
    (relation,) = linked.store.claims.relations()
    assert relation.kind is ClaimRelationKind.CONTRADICTS
    assert {relation.claim_a, relation.claim_b} == {"c1", command.claim_id}
    assert linked.store.annotations.span("e1").claim == command.claim_id
    assert linked.store.annotations.span("e1").claim_value == "over 40"
    assert linked.undo_stack.count() == 1


def test_said_by_add_and_remove_round_trip(linked: ProjectSession) -> None:
    text = SAMPLE_TEXTS["en"]
    start = text.index("the letter said")
    source = Span("s1", "en", start, start + 10, "Source", "alice")
    linked.store.annotations.add_span(source)
    round_trip(linked, AddSaidByCommand(linked, "a1", "s1"))
    (relation,) = linked.store.claims.span_relations()
    round_trip(linked, RemoveSaidByCommand(linked, relation))


def test_a_failing_claim_command_is_dropped_not_stacked(linked: ProjectSession) -> None:
    command = LinkSpanCommand(linked, "b1", "c1")  # bob's span, alice's claim
    linked.undo_stack.push(command)
    assert command.failure is not None
    assert linked.undo_stack.count() == 0


def test_claim_commands_announce_the_change(linked: ProjectSession, qtbot) -> None:
    with qtbot.waitSignal(linked.claims_changed) as blocker:
        linked.undo_stack.push(LinkSpanCommand(linked, "e1", "c1"))
    change = blocker.args[0]
    assert "c1" in change.claim_ids and "emoji" in change.document_ids
    assert linked.claim_number("c1") == 1
