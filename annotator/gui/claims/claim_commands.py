# Over 400 lines: one small undo command per claim operation (seventeen of them, a few lines
# each, all alike); one file keeps the list of what can be undone in one place.
"""Every claim change as one QUndoCommand: create, rename, link, unlink, split, merge, delete,
values, relations, said-by, silent marks, derivations.

The store's claim operations return a `ClaimEdit` (what they touched and how it was);
undo hands it back to `ClaimRepo.revert`. Ids of rows a command creates are fixed when
the command is made, so redo recreates the same claim and relation ids and later
commands on the stack still find them.
"""

from __future__ import annotations

from annotator.core.claims.model import ClaimRelation, ClaimRelationKind, Derivation, SpanRelation
from annotator.core.errors import AnnotatorError
from annotator.core.model import Span, new_id
from annotator.gui.commands import StoreCommand
from annotator.gui.session import ClaimsChange, ProjectSession
from annotator.store.claim_repo import ClaimEdit


def relation_title(kind: ClaimRelationKind) -> str:
    """How a relation reads ("same event, different detail"): the kind's `display`, never
    `kind.title`, which a StrEnum inherits from str ("Same_Event_Different_Detail")."""
    return kind.display


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _change(edit: ClaimEdit) -> ClaimsChange:
    return ClaimsChange(edit.claim_ids, edit.span_ids, edit.document_ids)


class ClaimEditCommand(StoreCommand):
    """Base for operations that return a ClaimEdit: `_run` does it, undo reverts it."""

    def __init__(self, session: ProjectSession, text: str):
        super().__init__(session, text)
        self._edit: ClaimEdit | None = None

    def _run(self) -> ClaimEdit:
        raise NotImplementedError

    def do(self) -> None:
        self._edit = self._run()
        self._session.claims_did_change(_change(self._edit))

    def revert(self) -> None:
        assert self._edit is not None
        self._session.store.claims.revert(self._edit)
        self._session.claims_did_change(_change(self._edit))


class CreateClaimCommand(ClaimEditCommand):
    """A new claim from one span (wording prefilled from its text unless given)."""

    def __init__(self, session: ProjectSession, span_id: str, wording: str | None = None):
        super().__init__(session, f"New claim “{_short(wording)}”" if wording else "New claim")
        self.span_id = span_id
        self.claim_id = new_id()
        self._wording = wording

    def _run(self) -> ClaimEdit:
        return self._session.store.claims.create_from_span(
            self.span_id, self._wording, claim_id=self.claim_id
        )


class CreateClaimFromTextCommand(StoreCommand):
    """Selected text becomes a span and a new claim linked to it, in one step."""

    def __init__(self, session: ProjectSession, span: Span, preview: str):
        super().__init__(session, f"New claim “{_short(preview)}”")
        self.span = span
        self.claim_id = new_id()
        self._edit: ClaimEdit | None = None

    def do(self) -> None:
        self._session.apply_add_spans([self.span])
        self._edit = self._session.store.claims.create_from_span(
            self.span.id, claim_id=self.claim_id
        )
        self._session.claims_did_change(_change(self._edit))

    def revert(self) -> None:
        assert self._edit is not None
        self._session.store.claims.revert(self._edit)
        self._session.apply_delete_spans([self.span])
        self._session.claims_did_change(
            ClaimsChange(self._edit.claim_ids, frozenset(), self._edit.document_ids)
        )


class RenameClaimCommand(ClaimEditCommand):
    def __init__(self, session: ProjectSession, claim_id: str, wording: str):
        super().__init__(session, f"Rename claim to “{_short(wording)}”")
        self.claim_id = claim_id
        self._wording = wording

    def _run(self) -> ClaimEdit:
        return self._session.store.claims.rename(self.claim_id, self._wording)


class LinkSpanCommand(ClaimEditCommand):
    """Link an existing span to a claim (moving it off any claim it was on)."""

    def __init__(
        self, session: ProjectSession, span_id: str, claim_id: str, value: str | None = None
    ):
        super().__init__(session, "Link to claim")
        self.span_id = span_id
        self.claim_id = claim_id
        self._value = value

    def _run(self) -> ClaimEdit:
        edit = self._session.store.claims.link(self.span_id, self.claim_id, self._value)
        self.setText(edit.text)
        return edit


class LinkNewSpanCommand(StoreCommand):
    """A new span (a suggested sentence, a selection) linked to a claim, in one step."""

    def __init__(self, session: ProjectSession, span: Span, claim_id: str, preview: str):
        super().__init__(session, f"Link “{_short(preview)}” to claim")
        self.span = span
        self.claim_id = claim_id
        self._edit: ClaimEdit | None = None

    def do(self) -> None:
        self._session.apply_add_spans([self.span])
        self._edit = self._session.store.claims.link(self.span.id, self.claim_id)
        self._session.claims_did_change(_change(self._edit))

    def revert(self) -> None:
        assert self._edit is not None
        self._session.store.claims.revert(self._edit)
        self._session.apply_delete_spans([self.span])
        self._session.claims_did_change(
            ClaimsChange(self._edit.claim_ids, frozenset(), self._edit.document_ids)
        )


class UnlinkSpansCommand(ClaimEditCommand):
    def __init__(self, session: ProjectSession, span_ids: list[str]):
        super().__init__(
            session, "Unlink from claim" if len(span_ids) == 1 else "Unlink from claims"
        )
        self._span_ids = list(span_ids)

    def _run(self) -> ClaimEdit:
        return self._session.store.claims.unlink(self._span_ids)


class SplitOffCommand(ClaimEditCommand):
    """One mention moves off its claim onto a new claim of its own."""

    def __init__(self, session: ProjectSession, span_id: str, wording: str | None = None):
        super().__init__(session, "Split off into a new claim")
        self.span_id = span_id
        self.claim_id = new_id()
        self._wording = wording

    def _run(self) -> ClaimEdit:
        return self._session.store.claims.split_off(
            self.span_id, self._wording, claim_id=self.claim_id
        )


class MergeClaimsCommand(ClaimEditCommand):
    """`absorb`'s mentions, relations and silent marks move onto `keep`; `absorb` goes."""

    def __init__(self, session: ProjectSession, keep_id: str, absorb_id: str):
        super().__init__(session, "Merge claims")
        self._keep = keep_id
        self._absorb = absorb_id

    def _run(self) -> ClaimEdit:
        edit = self._session.store.claims.merge(self._keep, self._absorb)
        self.setText(edit.text)
        return edit


class DeleteClaimsCommand(ClaimEditCommand):
    """Delete claims with their links, relations and silent marks; the spans stay."""

    def __init__(self, session: ProjectSession, claim_ids: list[str]):
        super().__init__(session, "Delete claim" if len(claim_ids) == 1 else "Delete claims")
        self._claim_ids = list(claim_ids)

    def _run(self) -> ClaimEdit:
        edit = self._session.store.claims.delete(self._claim_ids)
        self.setText(edit.text)
        return edit


class SetMentionValueCommand(ClaimEditCommand):
    """The value a mention carries ("more than 160"; "" for none)."""

    def __init__(self, session: ProjectSession, span_id: str, value: str):
        super().__init__(session, f"Mention value: {value or 'none'}")
        self._span_id = span_id
        self._value = value

    def _run(self) -> ClaimEdit:
        return self._session.store.claims.set_value(self._span_id, self._value)


class AddClaimRelationCommand(StoreCommand):
    """Two claims contradict each other, or report the same event with different detail."""

    def __init__(
        self,
        session: ProjectSession,
        kind: ClaimRelationKind,
        claim_x: str,
        claim_y: str,
        note: str = "",
    ):
        super().__init__(session, f"Mark claims “{relation_title(kind)}”")
        self.relation_id = new_id()
        self._kind = kind
        self._claims = (claim_x, claim_y)
        self._note = note

    def do(self) -> None:
        self._session.store.claims.add_relation(
            self._kind, *self._claims, self._note, relation_id=self.relation_id
        )
        self._session.claims_did_change(ClaimsChange(frozenset(self._claims)))

    def revert(self) -> None:
        self._session.store.claims.remove_relation(self.relation_id)
        self._session.claims_did_change(ClaimsChange(frozenset(self._claims)))


class RemoveClaimRelationCommand(StoreCommand):
    def __init__(self, session: ProjectSession, relation: ClaimRelation):
        super().__init__(session, f"Remove “{relation_title(relation.kind)}”")
        self._relation = relation

    def do(self) -> None:
        self._relation = self._session.store.claims.remove_relation(self._relation.id)
        self._session.claims_did_change(self._relation_change())

    def revert(self) -> None:
        self._session.store.claims.restore_relation(self._relation)
        self._session.claims_did_change(self._relation_change())

    def _relation_change(self) -> ClaimsChange:
        return ClaimsChange(frozenset({self._relation.claim_a, self._relation.claim_b}))


class MarkContradictionCommand(StoreCommand):
    """Two mentions of one claim give different numbers: the analyst says they contradict.

    The mention moves onto a claim of its own (worded with its value) and the two claims
    are marked *contradicts*, the note naming both values: one undo step.
    """

    def __init__(
        self,
        session: ProjectSession,
        span_id: str,
        wording: str,
        note: str = "",
    ):
        super().__init__(session, f"Mark contradiction: {_short(note or wording, 40)}")
        self.span_id = span_id
        self.claim_id = new_id()
        self.relation_id = new_id()
        self._wording = wording
        self._note = note
        self._edit: ClaimEdit | None = None
        self._old_claim = ""

    def do(self) -> None:
        claims = self._session.store.claims
        span = self._session.store.annotations.span(self.span_id)
        self._old_claim = span.claim or ""
        self._edit = claims.split_off(self.span_id, self._wording, claim_id=self.claim_id)
        try:
            claims.add_relation(
                ClaimRelationKind.CONTRADICTS,
                self._old_claim,
                self.claim_id,
                self._note,
                relation_id=self.relation_id,
            )
        except AnnotatorError:
            claims.revert(self._edit)  # all or nothing: no half-marked contradiction
            raise
        self._session.claims_did_change(_change(self._edit))

    def revert(self) -> None:
        assert self._edit is not None
        self._session.store.claims.remove_relation(self.relation_id)
        self._session.store.claims.revert(self._edit)
        self._session.claims_did_change(_change(self._edit))


class SetSilentCommand(StoreCommand):
    """The analyst read the article and it does not make the claim ("checked, absent")."""

    def __init__(self, session: ProjectSession, document_id: str, claim_id: str, silent: bool):
        super().__init__(
            session, "Mark article silent on claim" if silent else "Unmark silent on claim"
        )
        self._document_id = document_id
        self._claim_id = claim_id
        self._silent = silent
        self._was = False

    def do(self) -> None:
        self._was = self._session.store.claims.set_silent(
            self._document_id, self._claim_id, self._silent
        )
        self._notify()

    def revert(self) -> None:
        self._session.store.claims.set_silent(self._document_id, self._claim_id, self._was)
        self._notify()

    def _notify(self) -> None:
        self._session.claims_did_change(
            ClaimsChange(frozenset({self._claim_id}), frozenset(), frozenset({self._document_id}))
        )


class AddSaidByCommand(StoreCommand):
    """A Source span backs a Claim span in the same article."""

    def __init__(self, session: ProjectSession, span_id: str, source_span_id: str):
        super().__init__(session, "Link source (said by)")
        self.relation_id = new_id()
        self._span_id = span_id
        self._source = source_span_id
        self._relation: SpanRelation | None = None

    def do(self) -> None:
        self._relation = self._session.store.claims.add_said_by(
            self._span_id, self._source, relation_id=self.relation_id
        )
        self._notify()

    def revert(self) -> None:
        self._session.store.claims.remove_span_relation(self.relation_id)
        self._notify()

    def _notify(self) -> None:
        self._session.claims_did_change(
            ClaimsChange(span_ids=frozenset({self._span_id, self._source}))
        )


class RemoveSaidByCommand(StoreCommand):
    def __init__(self, session: ProjectSession, relation: SpanRelation):
        super().__init__(session, "Remove source link")
        self._relation = relation

    def do(self) -> None:
        self._relation = self._session.store.claims.remove_span_relation(self._relation.id)
        self._notify()

    def revert(self) -> None:
        self._session.store.claims.restore_span_relation(self._relation)
        self._notify()

    def _notify(self) -> None:
        spans = frozenset({self._relation.span, self._relation.source_span})
        self._session.claims_did_change(ClaimsChange(span_ids=spans))


class SetDerivedFromCommand(StoreCommand):
    """This article is derived from that one (a rewrite, a commentary), or no longer is."""

    def __init__(
        self,
        session: ProjectSession,
        document_id: str,
        source_document_id: str,
        derived: bool,
        note: str = "",
    ):
        super().__init__(
            session, "Mark article derived from another" if derived else "Unmark derived article"
        )
        self._pair = (document_id, source_document_id)
        self._derived = derived
        self._note = note
        self._previous: Derivation | None = None

    def do(self) -> None:
        self._previous = self._session.store.claims.set_derived_from(
            *self._pair, self._session.annotator, self._derived, self._note
        )
        self._notify()

    def revert(self) -> None:
        self._session.store.claims.restore_derivation(
            *self._pair, self._session.annotator, self._previous
        )
        self._notify()

    def _notify(self) -> None:
        self._session.claims_did_change(ClaimsChange(document_ids=frozenset(self._pair)))
