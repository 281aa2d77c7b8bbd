"""Undoable gold-layer operations: each adjudication service call wrapped as a StoreCommand.

The services return what undo needs (see annotator/services/adjudication.py); redo after
an undo puts back exactly what the first run stored (same span ids), so later commands
on the stack that refer to those ids stay valid.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.model import DocumentStance, Span
from annotator.gui.commands import StoreCommand
from annotator.gui.session import ClaimsChange, ProjectSession
from annotator.services.adjudication import (
    AcceptedAgreed,
    GoldError,
    SpanItem,
    accept_all_agreed,
    accept_document_stance,
    accept_span,
    edit_gold_span,
    redo_accept_all,
    reject_item,
    restore_gold_stance,
    set_adjudicated,
    undo_accept_all,
)
from annotator.services.claim_adjudication import (
    AcceptedClaim,
    AcceptedRelation,
    accept_claim,
    accept_relation,
    undo_accept_claim,
    undo_accept_relation,
)
from annotator.store.project_store import ProjectStore


class GoldCommand(StoreCommand):
    """Base: writes through the adjudication services, then tells the views what changed."""

    def __init__(self, session: ProjectSession, document_id: str, text: str):
        super().__init__(session, text)
        self.document_id = document_id

    @property
    def _store(self) -> ProjectStore:
        return self._session.store

    def _announce_spans(
        self,
        added: Sequence[str] = (),
        removed: Sequence[str] = (),
        changed: Sequence[str] = (),
    ) -> None:
        self._session.spans_changed.emit(
            self.document_id, list(added), list(removed), list(changed)
        )
        self._session.documents_changed.emit()

    def _announce_stances(self) -> None:
        self._session.document_stances_changed.emit(self.document_id)

    def _announce_documents(self) -> None:
        self._session.documents_changed.emit()


class AcceptSpanCommand(GoldCommand):
    """Copy one annotator's span into gold (origin "accepted from …" or "agreed: …")."""

    def __init__(self, session: ProjectSession, span: Span):
        super().__init__(session, span.document_id, f"Accept {span.annotator}'s {span.label}")
        self._span_id = span.id
        self.gold: Span | None = None

    def do(self) -> None:
        if self.gold is None:
            self.gold = accept_span(self._store, self._span_id)
        else:
            self._store.annotations.restore_spans([self.gold])
        self._announce_spans(added=[self.gold.id])

    def revert(self) -> None:
        assert self.gold is not None
        self._store.annotations.delete_span(self.gold.id)
        self._announce_spans(removed=[self.gold.id])


class RejectItemCommand(GoldCommand):
    """Remove whatever gold has for an item (nothing there: the command is dropped)."""

    def __init__(self, session: ProjectSession, item: SpanItem):
        document_id = item.spans[0].document_id if item.spans else ""
        super().__init__(session, document_id, f"Reject {'/'.join(item.labels)} from gold")
        self._item = item
        self.removed: list[Span] | None = None

    def do(self) -> None:
        if self.removed is None:
            self.removed = reject_item(self._store, self._item)
            if not self.removed:
                self.removed = None
                raise GoldError("Gold has nothing here to reject.")
        else:
            self._store.annotations.delete_spans(s.id for s in self.removed)
        self._announce_spans(removed=[s.id for s in self.removed])

    def revert(self) -> None:
        assert self.removed is not None
        self._store.annotations.restore_spans(self.removed)
        self._announce_spans(added=[s.id for s in self.removed])


class ReplaceGoldCommand(GoldCommand):
    """ "Use this annotator's version": reject gold's spans for the item, accept theirs."""

    def __init__(self, session: ProjectSession, item: SpanItem, annotator: str):
        spans = [s for s in item.spans if s.annotator == annotator]
        if not spans:
            raise GoldError(f"{annotator} has nothing in this item.")
        super().__init__(session, spans[0].document_id, f"Use {annotator}'s version")
        self._item = item
        self._sources = spans
        self.removed: list[Span] | None = None
        self.added: list[Span] | None = None

    def do(self) -> None:
        annotations = self._store.annotations
        if self.removed is None or self.added is None:
            removed = reject_item(self._store, self._item)
            added: list[Span] = []
            try:
                for source in self._sources:
                    added.append(accept_span(self._store, source.id))
            except Exception:
                # Leave the store as it was: no half-replaced item.
                annotations.delete_spans(s.id for s in added)
                annotations.restore_spans(removed)
                raise
            self.removed, self.added = removed, added
        else:
            annotations.delete_spans(s.id for s in self.removed)
            annotations.restore_spans(self.added)
        self._announce_spans(added=[s.id for s in self.added], removed=[s.id for s in self.removed])

    def revert(self) -> None:
        assert self.removed is not None and self.added is not None
        annotations = self._store.annotations
        annotations.delete_spans(s.id for s in self.added)
        annotations.restore_spans(self.removed)
        self._announce_spans(added=[s.id for s in self.removed], removed=[s.id for s in self.added])


class EditGoldSpanCommand(GoldCommand):
    """Change a gold span's label, stance, target, note or extent (origin: "edited from …")."""

    def __init__(self, session: ProjectSession, span: Span, **changes: object):
        super().__init__(session, span.document_id, f"Edit gold {span.label}")
        self._span_id = span.id
        self._changes = changes
        self._before: dict[str, object] = {}

    def do(self) -> None:
        before = edit_gold_span(self._store, self._span_id, **self._changes)
        self._before = {name: getattr(before, name) for name in [*self._changes, "origin"]}
        self._announce_spans(changed=[self._span_id])

    def revert(self) -> None:
        self._store.annotations.update_span(self._span_id, **self._before)
        self._announce_spans(changed=[self._span_id])


class AcceptDocumentStanceCommand(GoldCommand):
    """Set gold's stance of the document toward a target (None clears it)."""

    def __init__(
        self,
        session: ProjectSession,
        document_id: str,
        target: str,
        stance: str | None,
        origin: str = "",
        text: str = "",
    ):
        super().__init__(session, document_id, text or f"Gold document stance: {stance or 'none'}")
        self._target = target
        self._stance = stance
        self._origin = origin
        self._previous: DocumentStance | None = None

    def do(self) -> None:
        self._previous = accept_document_stance(
            self._store, self.document_id, self._target, self._stance, self._origin
        )
        self._announce_stances()

    def revert(self) -> None:
        restore_gold_stance(self._store, self.document_id, self._target, self._previous)
        self._announce_stances()


class RejectDocumentStanceCommand(AcceptDocumentStanceCommand):
    """Clear gold's stance of the document toward a target."""

    def __init__(self, session: ProjectSession, document_id: str, target: str):
        super().__init__(session, document_id, target, None, "", "Reject gold document stance")


class AcceptAllAgreedCommand(GoldCommand):
    """Copy every agreed span and document stance into gold; nothing new: dropped."""

    def __init__(self, session: ProjectSession, document_id: str):
        super().__init__(session, document_id, "Accept all agreed")
        self.accepted: AcceptedAgreed | None = None

    def do(self) -> None:
        if self.accepted is None:
            accepted = accept_all_agreed(self._store, self.document_id)
            if not accepted.spans and not accepted.stances:
                raise GoldError("Nothing new to accept: every agreed item is already in gold.")
            self.accepted = accepted
        else:
            redo_accept_all(self._store, self.accepted)
        self._announce_spans(added=[s.id for s in self.accepted.spans])
        self._announce_stances()

    def revert(self) -> None:
        assert self.accepted is not None
        undo_accept_all(self._store, self.accepted)
        self._announce_spans(removed=[s.id for s in self.accepted.spans])
        self._announce_stances()


class SetAdjudicatedCommand(GoldCommand):
    """Mark the document adjudicated or not (gold's done flag)."""

    def __init__(self, session: ProjectSession, document_id: str, done: bool):
        super().__init__(
            session, document_id, "Mark adjudicated" if done else "Mark not adjudicated"
        )
        self._done = done
        self._previous = False

    def do(self) -> None:
        self._previous = set_adjudicated(self._store, self.document_id, self._done)
        self._announce_documents()

    def revert(self) -> None:
        set_adjudicated(self._store, self.document_id, self._previous)
        self._announce_documents()


class AcceptClaimCommand(StoreCommand):
    """Copy one annotator's claim into gold, with gold annotations for its mentions."""

    def __init__(self, session: ProjectSession, claim_id: str, wording: str, annotator: str):
        super().__init__(session, f"Accept {annotator}'s claim “{_short(wording)}” into gold")
        self._claim_id = claim_id
        self.accepted: AcceptedClaim | None = None

    def do(self) -> None:
        self.accepted = accept_claim(self._session.store, self._claim_id, again=self.accepted)
        self._announce()

    def revert(self) -> None:
        assert self.accepted is not None
        undo_accept_claim(self._session.store, self.accepted)
        self._announce()

    def _announce(self) -> None:
        assert self.accepted is not None
        spans = self.accepted.added_spans
        for document_id in {s.document_id for s in spans}:
            ids = [s.id for s in spans if s.document_id == document_id]
            self._session.spans_changed.emit(document_id, ids, [], [])
        documents = frozenset().union(*(e.document_ids for e in self.accepted.edits))
        self._session.claims_did_change(
            ClaimsChange(
                frozenset({self.accepted.gold_claim_id}),
                frozenset().union(*(e.span_ids for e in self.accepted.edits)),
                documents,
            )
        )
        self._session.documents_changed.emit()


class AcceptRelationCommand(StoreCommand):
    """Give gold one annotator's relation between two claims (and the claims, if needed)."""

    def __init__(self, session: ProjectSession, relation_id: str, title: str, annotator: str):
        super().__init__(session, f"Accept {annotator}'s “{_short(title, 50)}” into gold")
        self._relation_id = relation_id
        self.accepted: AcceptedRelation | None = None

    def do(self) -> None:
        self.accepted = accept_relation(self._session.store, self._relation_id, again=self.accepted)
        self._announce()

    def revert(self) -> None:
        assert self.accepted is not None
        undo_accept_relation(self._session.store, self.accepted)
        self._announce()

    def _announce(self) -> None:
        assert self.accepted is not None
        relation = self.accepted.relation
        claims = [accepted for _, accepted in self.accepted.claims]
        for document_id in {s.document_id for a in claims for s in a.added_spans}:
            ids = [s.id for a in claims for s in a.added_spans if s.document_id == document_id]
            self._session.spans_changed.emit(document_id, ids, [], [])
        edits = [e for a in claims for e in a.edits]
        self._session.claims_did_change(
            ClaimsChange(
                frozenset({relation.claim_a, relation.claim_b}),
                frozenset().union(*(e.span_ids for e in edits)),
                frozenset().union(*(e.document_ids for e in edits)),
            )
        )
        self._session.documents_changed.emit()


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
