"""Gold-layer commands: each one redo → undo → redo against the store, and views told."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from annotator.core.default_scheme import DEFAULT_TARGET
from annotator.core.model import GOLD_ANNOTATOR, DocumentStance, SchemeItem, SchemeKind, Span
from annotator.gui.review.adjudication_commands import (
    AcceptAllAgreedCommand,
    AcceptDocumentStanceCommand,
    AcceptSpanCommand,
    EditGoldSpanCommand,
    RejectDocumentStanceCommand,
    RejectItemCommand,
    ReplaceGoldCommand,
    SetAdjudicatedCommand,
)
from annotator.gui.session import ProjectSession
from annotator.services.adjudication import document_comparison
from annotator.store.project_store import ProjectStore
from tests.conftest import SAMPLE_TEXTS

TEXT = SAMPLE_TEXTS["en"]  # More than 160 experts warned Washington.\nThe ban is “dangerous”, ...
OTHER_TARGET = "Open research"


def _at(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def build_review_project(store: ProjectStore) -> ProjectStore:
    """alice and bob on "en": a disagreed Source, a partial Source, an agreed Claim,
    a disagreed document stance and an agreed one (toward a second target)."""
    store.scheme.add(SchemeItem(SchemeKind.TARGET, OTHER_TARGET))
    for span_id, phrase, label, stance in [
        ("a-src", "More than 160 experts", "Source", None),
        ("b-src", "160 experts", "Source", None),
        ("a-wash", "Washington", "Source", None),
        ("a-claim", "The ban is “dangerous”", "Claim", "against"),
        ("b-claim", "The ban is “dangerous”", "Claim", "against"),
    ]:
        who = "alice" if span_id.startswith("a-") else "bob"
        target = DEFAULT_TARGET if stance else None
        store.annotations.add_span(Span(span_id, "en", *_at(phrase), label, who, stance, target))
    store.annotations.set_document_stance("en", "alice", DEFAULT_TARGET, "against")
    store.annotations.set_document_stance("en", "bob", DEFAULT_TARGET, "favor")
    store.annotations.set_document_stance("en", "alice", OTHER_TARGET, "favor")
    store.annotations.set_document_stance("en", "bob", OTHER_TARGET, "favor")
    return store


@pytest.fixture
def review_session(qapp, store: ProjectStore) -> Iterator[ProjectSession]:
    session = ProjectSession(build_review_project(store), "alice")
    yield session
    session._poll.stop()


def _gold(session: ProjectSession) -> list[Span]:
    return session.store.annotations.spans("en", [GOLD_ANNOTATOR])


def _gold_stances(session: ProjectSession) -> list[DocumentStance]:
    return session.store.annotations.document_stances("en", [GOLD_ANNOTATOR])


def test_accept_span_redo_undo_redo_keeps_the_gold_id(review_session, qtbot) -> None:
    stack = review_session.undo_stack
    source = review_session.store.annotations.span("a-src")
    command = AcceptSpanCommand(review_session, source)
    with qtbot.waitSignal(review_session.spans_changed) as blocker:
        stack.push(command)
    assert command.failure is None and command.gold is not None
    assert blocker.args == ["en", [command.gold.id], [], []]
    (gold,) = _gold(review_session)
    assert (gold.start, gold.end, gold.origin) == (0, 21, "accepted from alice")
    stack.undo()
    assert _gold(review_session) == []
    stack.redo()
    assert _gold(review_session) == [gold]


def test_accepting_twice_fails_and_is_not_stacked(review_session) -> None:
    stack = review_session.undo_stack
    source = review_session.store.annotations.span("a-claim")
    stack.push(AcceptSpanCommand(review_session, source))
    again = AcceptSpanCommand(review_session, source)
    stack.push(again)
    assert again.failure is not None and "already" in str(again.failure)
    assert stack.count() == 1
    assert _gold(review_session)[0].origin == "agreed: alice, bob"


def test_reject_item_redo_undo_redo(review_session) -> None:
    stack = review_session.undo_stack
    stack.push(AcceptSpanCommand(review_session, review_session.store.annotations.span("b-src")))
    before = _gold(review_session)
    item = document_comparison(review_session.store, "en").spans[0]
    command = RejectItemCommand(review_session, item)
    stack.push(command)
    assert _gold(review_session) == []
    stack.undo()
    assert _gold(review_session) == before
    stack.redo()
    assert _gold(review_session) == []
    nothing = RejectItemCommand(review_session, item)
    stack.push(nothing)
    assert nothing.failure is not None and stack.count() == 2


def test_replace_gold_with_another_version_redo_undo_redo(review_session) -> None:
    stack = review_session.undo_stack
    stack.push(AcceptSpanCommand(review_session, review_session.store.annotations.span("a-src")))
    alice_gold = _gold(review_session)
    item = document_comparison(review_session.store, "en").spans[0]
    stack.push(ReplaceGoldCommand(review_session, item, "bob"))
    (bob_gold,) = _gold(review_session)
    assert (bob_gold.start, bob_gold.origin) == (10, "accepted from bob")
    stack.undo()
    assert _gold(review_session) == alice_gold
    stack.redo()
    assert _gold(review_session) == [bob_gold]


def test_edit_gold_span_redo_undo_redo(review_session) -> None:
    stack = review_session.undo_stack
    stack.push(AcceptSpanCommand(review_session, review_session.store.annotations.span("a-src")))
    (gold,) = _gold(review_session)
    stack.push(EditGoldSpanCommand(review_session, gold, label="Evidence", note="why"))
    (edited,) = _gold(review_session)
    assert (edited.label, edited.note, edited.origin) == ("Evidence", "why", "edited from alice")
    stack.undo()
    assert _gold(review_session) == [gold]
    stack.redo()
    assert _gold(review_session) == [edited]


def test_document_stance_accept_and_reject_redo_undo_redo(review_session, qtbot) -> None:
    stack = review_session.undo_stack
    with qtbot.waitSignal(review_session.document_stances_changed):
        stack.push(
            AcceptDocumentStanceCommand(
                review_session, "en", DEFAULT_TARGET, "favor", "accepted from bob"
            )
        )
    accepted = [DocumentStance("en", GOLD_ANNOTATOR, DEFAULT_TARGET, "favor", "accepted from bob")]
    assert _gold_stances(review_session) == accepted
    stack.undo()
    assert _gold_stances(review_session) == []
    stack.redo()
    assert _gold_stances(review_session) == accepted
    stack.push(RejectDocumentStanceCommand(review_session, "en", DEFAULT_TARGET))
    assert _gold_stances(review_session) == []
    stack.undo()
    assert _gold_stances(review_session) == accepted
    stack.redo()
    assert _gold_stances(review_session) == []


def test_accept_all_agreed_redo_undo_redo(review_session) -> None:
    stack = review_session.undo_stack
    command = AcceptAllAgreedCommand(review_session, "en")
    stack.push(command)
    (claim,) = _gold(review_session)
    assert (claim.label, claim.origin) == ("Claim", "agreed: alice, bob")
    assert [(s.target, s.stance) for s in _gold_stances(review_session)] == [
        (OTHER_TARGET, "favor")
    ]
    stack.undo()
    assert _gold(review_session) == [] and _gold_stances(review_session) == []
    stack.redo()
    assert _gold(review_session) == [claim]
    again = AcceptAllAgreedCommand(review_session, "en")
    stack.push(again)
    assert again.failure is not None and stack.count() == 1


def test_set_adjudicated_redo_undo_redo(review_session, qtbot) -> None:
    stack = review_session.undo_stack
    done = review_session.store.documents.done_ids
    with qtbot.waitSignal(review_session.documents_changed):
        stack.push(SetAdjudicatedCommand(review_session, "en", True))
    assert done([GOLD_ANNOTATOR]) == {"en"}
    stack.undo()
    assert done([GOLD_ANNOTATOR]) == set()
    stack.redo()
    assert done([GOLD_ANNOTATOR]) == {"en"}


def test_commands_do_not_look_like_another_windows_change(review_session, qtbot) -> None:
    review_session.undo_stack.push(SetAdjudicatedCommand(review_session, "en", True))
    with qtbot.assertNotEmitted(review_session.external_change_detected):
        review_session._on_poll()
