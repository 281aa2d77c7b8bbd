# Over 400 lines: every claim gesture (keys, menus, markers, drops, the dock) ends here so the
# rules live in one place, as annotation_controller does for labels; each method is short.
"""Turns claim gestures (keys, menus, markers, drops, the claims dock) into undoable commands.

It keeps the *current claim*: the claim of the last linked span selected, the marker
clicked, the claim chosen in the dock or the one just created. Linking by pointing
is: select a span in one pane (its claim becomes current, or it becomes the anchor),
select a span or text in another pane, press the link key: that span joins the
claim (an unlinked anchor first becomes a claim of its own, in the same undo step).
After a link, two mentions of one claim with different numbers make an *offer* to
mark a contradiction; nothing is marked until the analyst confirms.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from annotator.core.claims.model import ClaimRelationKind
from annotator.core.claims.values import parse_value
from annotator.core.errors import AnnotatorError
from annotator.core.model import Span
from annotator.core.plural import counted
from annotator.gui.claims.article_names import ArticleNames
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
    RenameClaimCommand,
    SetDerivedFromCommand,
    SetMentionValueCommand,
    SetSilentCommand,
    SplitOffCommand,
    UnlinkSpansCommand,
    relation_title,
)
from annotator.gui.claims.claim_list_model import ClaimRow
from annotator.gui.commands import StoreCommand, new_span
from annotator.gui.session import ProjectSession

if TYPE_CHECKING:
    from annotator.gui.claims.claim_picker_dialog import ClaimPickerDialog

CLAIM_LABEL = "Claim"  # the label a claim made from selected text gets, when the scheme has it
SOURCE_LABEL = "Source"  # in a said-by pair, the span with this label is the source


def _picker() -> type[ClaimPickerDialog]:
    """The claim picker, imported when first asked for: its dialog and proxy model cost
    start-up their Qt types' enums (#15)."""
    from annotator.gui.claims.claim_picker_dialog import ClaimPickerDialog

    return ClaimPickerDialog


@dataclass(frozen=True, slots=True)
class ContradictionOffer:
    """Two mentions of one claim whose numbers differ; shown until confirmed or dismissed."""

    claim_id: str
    span_id: str  # the mention just linked (it moves to its own claim if confirmed)
    other_span_id: str
    value: str
    other_value: str
    outlet: str
    other_outlet: str

    @property
    def note(self) -> str:
        return f"{self.other_outlet}: {self.other_value} vs {self.outlet}: {self.value}"


def ask_delete_claim(parent: QWidget | None, wording: str, mentions: int) -> bool:
    """Ask before deleting a claim that spans use (tests monkeypatch this)."""
    answer = QMessageBox.question(
        parent,
        "Delete Claim",
        f"“{wording}” is linked from {counted(mentions, 'annotation')}. Delete the claim? "
        "The annotations stay; only their link goes.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_relation_note(parent: QWidget | None, kind: ClaimRelationKind) -> str | None:
    """An optional note for a new relation ("160 vs 40"); None when cancelled. Tests
    monkeypatch this."""
    note, ok = QInputDialog.getText(
        parent, "Relate Claims", f"Note for “{relation_title(kind)}” (optional):"
    )
    return note.strip() if ok else None


class ClaimController(QObject):
    """The current claim, the anchor of pointing, and every claim action."""

    current_claim_changed = Signal(object)  # claim id or None
    claim_lit = Signal(str)  # light this claim up in every pane and scroll to it
    contradiction_offered = Signal(object)  # ContradictionOffer, or None when withdrawn
    message_posted = Signal(str)

    def __init__(
        self,
        session: ProjectSession,
        active_pane: Callable[[], object | None],
        selected_span: Callable[[], str | None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._session = session
        self._active_pane = active_pane  # the active DocumentPane or None
        self._selected_span = selected_span  # the annotation controller's selection
        self._parent = parent
        self.current_claim_id: str | None = None
        self.anchor_span_id: str | None = None  # an unlinked span selected before this one
        self.offer: ContradictionOffer | None = None
        self._last_span: str | None = None
        self._names = ArticleNames(session.document)
        session.documents_changed.connect(self._names.clear)
        self._previous_span: str | None = None  # the selection before the current one

    # -- the current claim -------------------------------------------------------------
    def set_current_claim(self, claim_id: str | None) -> None:
        if claim_id != self.current_claim_id:
            self.current_claim_id = claim_id
            self.current_claim_changed.emit(claim_id)

    def light(self, claim_id: str) -> None:
        """A marker was clicked (or a claim chosen): it becomes current and lights up."""
        self.set_current_claim(claim_id)
        self.claim_lit.emit(claim_id)

    def on_span_selected(self, span_id: str | None) -> None:
        """Follow the annotation selection: a linked span makes its claim current; an
        unlinked one is remembered as the anchor for the next link by pointing."""
        if span_id is None:
            return
        span = self._span(span_id)
        if span is None:
            return
        previous, self._last_span = self._last_span, span_id
        self._previous_span = previous
        if span.claim is not None and span.claim in {c.id for c in self._claims()}:
            self.anchor_span_id = None
            self.set_current_claim(span.claim)
            return
        previous_span = self._span(previous) if previous else None
        if (
            previous_span is not None
            and previous_span.id != span_id
            and previous_span.claim is None
            and previous_span.annotator == self._session.annotator
        ):
            self.anchor_span_id = previous_span.id
            self.set_current_claim(None)

    def link_target_text(self) -> str:
        """How the link key's target reads in menus: “claim 3 “…””, or "" when there is none."""
        if self.current_claim_id is not None:
            number = self._session.claim_number(self.current_claim_id)
            wording = self._wording(self.current_claim_id)
            if number and wording:
                return f"Claim {number} “{_short(wording)}”"
        if self.anchor_span_id is not None:
            return "a New Claim with the Previous Selection"
        return ""

    # -- creating ------------------------------------------------------------------------
    def create_claim(self, span_id: str = "") -> str | None:
        """A new claim from the selected text (becoming a Claim span) or the selected
        (or given) span of mine; its wording is the span's text. Returns the claim id."""
        if not self._writable():
            return None
        pane = self._active_pane()
        selection, span_id = self._resolve(pane, span_id)
        if selection is not None:
            document_id, start, end, preview = selection
            span = new_span(self._session, document_id, start, end, self._claim_label())
            command: StoreCommand = CreateClaimFromTextCommand(self._session, span, preview)
            if not self._push(command):
                return None
            claim_id = command.claim_id  # type: ignore[attr-defined]
            self._clear_text_selection(pane)
            self._after_create(claim_id)
            return str(claim_id)
        span_id = span_id or self._selected_span() or ""
        existing = self._span(span_id) if span_id else None
        if existing is None:
            self.message_posted.emit(
                "Select some text or an annotation first, then make it a claim."
            )
            return None
        if existing.annotator != self._session.annotator:
            self.message_posted.emit("That annotation belongs to another annotator.")
            return None
        create = CreateClaimCommand(self._session, existing.id)
        if not self._push(create):
            return None
        self._after_create(create.claim_id)
        return create.claim_id

    def _after_create(self, claim_id: str) -> None:
        self.anchor_span_id = None
        self.set_current_claim(claim_id)
        self.claim_lit.emit(claim_id)
        self.message_posted.emit("New claim: edit its wording in the Claims panel.")

    # -- linking ---------------------------------------------------------------------------
    def link_selected(self, span_id: str = "") -> bool:
        """Link the selected text or span (or `span_id`) to the current claim; with no
        current claim but an unlinked anchor, both become one new claim."""
        if not self._writable():
            return False
        pane = self._active_pane()
        selection, target = self._resolve(pane, span_id)
        claim_id = self.current_claim_id
        if claim_id is None and self.anchor_span_id is not None:
            return self._link_with_anchor(selection, target)
        if claim_id is None:
            self.message_posted.emit(
                "Choose a claim first: click a claim marker, pick one in the Claims panel,"
                " or select an annotation in another pane."
            )
            return False
        return self.link_to(claim_id, target, selection)

    def link_to(
        self,
        claim_id: str,
        span_id: str = "",
        selection: tuple[str, int, int, str] | None = None,
    ) -> bool:
        """Link `span_id` (or the new span `selection` describes) to `claim_id`."""
        if not self._writable():
            return False
        if selection is not None:
            document_id, start, end, preview = selection
            span = new_span(self._session, document_id, start, end, self._claim_label())
            if not self._push(LinkNewSpanCommand(self._session, span, claim_id, preview)):
                return False
            linked_id = span.id
            self._clear_text_selection(self._active_pane())
        else:
            existing = self._span(span_id) if span_id else None
            if existing is None:
                self.message_posted.emit("Select the text or annotation to link first.")
                return False
            if existing.claim == claim_id:
                self.message_posted.emit("That annotation is already linked to this claim.")
                return False
            if not self._push(LinkSpanCommand(self._session, existing.id, claim_id)):
                return False
            linked_id = existing.id
        self.set_current_claim(claim_id)
        self.message_posted.emit(f"Linked to claim {self._session.claim_number(claim_id)}.")
        self._offer_contradiction(claim_id, linked_id)
        return True

    def link_span_to_claim(self, claim_id: str, span_id: str) -> bool:
        """A claim badge (or list row) dropped onto a span."""
        return self.link_to(claim_id, span_id)

    def link_spans(self, dragged_id: str, span_id: str) -> bool:
        """A span's link handle dropped onto another span: both become mentions of one claim
        (the one either already has, else a new one worded from the dragged span), in one
        undo step."""
        if not self._writable() or dragged_id == span_id:
            return False
        dragged, span = self._span(dragged_id), self._span(span_id)
        if dragged is None or span is None:
            self.message_posted.emit("Drop the handle onto an annotation to link the two.")
            return False
        if dragged.claim is not None:
            return self.link_to(dragged.claim, span_id)
        if span.claim is not None:
            return self.link_to(span.claim, dragged_id)
        previous, self.anchor_span_id = self.anchor_span_id, dragged_id
        if self._link_with_anchor(None, span_id):
            return True
        self.anchor_span_id = previous
        return False

    def pick_and_link(self, span_id: str = "") -> bool:
        """Link the span (or selected text) to a claim chosen from a searchable list."""
        if not self._writable():
            return False
        rows = self.claim_rows(mine_only=True)
        if not rows:
            self.message_posted.emit("No claims yet: make one from a span first (Ctrl+K).")
            return False
        pane = self._active_pane()
        selection, target = self._resolve(pane, span_id)
        claim_id = _picker().ask(self._parent, rows, "Link to which claim?")
        if claim_id is None:
            return False
        return self.link_to(claim_id, target, selection)

    def _link_with_anchor(self, selection: tuple[str, int, int, str] | None, target: str) -> bool:
        anchor = self.anchor_span_id
        assert anchor is not None
        if selection is None and (not target or target == anchor):
            self.message_posted.emit("Select a second annotation (in another pane) to link.")
            return False
        stack = self._session.undo_stack
        stack.beginMacro("Link two annotations as one claim")
        create = CreateClaimCommand(self._session, anchor)
        stack.push(create)
        ok = create.failure is None
        if ok:
            self.current_claim_id = create.claim_id
            ok = self.link_to(create.claim_id, target, selection)
        stack.endMacro()
        if not ok:
            stack.undo()  # the half-made macro goes: nothing stays half-linked
            if create.failure is not None:
                self.message_posted.emit(str(create.failure))
            return False
        self.anchor_span_id = None
        self.current_claim_changed.emit(create.claim_id)
        return True

    def unlink(self, span_id: str = "") -> bool:
        span_id = span_id or self._selected_span() or ""
        span = self._span(span_id) if span_id else None
        if span is None or span.claim is None:
            self.message_posted.emit("That annotation is not linked to a claim.")
            return False
        return self._push(UnlinkSpansCommand(self._session, [span.id]))

    def split_off(self, span_id: str) -> str | None:
        span = self._span(span_id)
        if span is None or span.claim is None:
            self.message_posted.emit("That annotation is not linked to a claim.")
            return None
        command = SplitOffCommand(self._session, span_id)
        if not self._push(command):
            return None
        self.set_current_claim(command.claim_id)
        return command.claim_id

    def set_value(self, span_id: str, value: str) -> bool:
        return self._push(SetMentionValueCommand(self._session, span_id, value))

    # -- claims themselves -------------------------------------------------------------------
    def rename(self, claim_id: str, wording: str) -> bool:
        if " ".join(wording.split()) == self._wording(claim_id):
            return False
        return self._push(RenameClaimCommand(self._session, claim_id, wording))

    def merge(self, keep_id: str, absorb_id: str | None = None) -> bool:
        """Merge `absorb_id` (chosen from a list when not given) into `keep_id`."""
        if absorb_id is None:
            rows = [r for r in self.claim_rows(mine_only=True) if r.claim.id != keep_id]
            if not rows:
                self.message_posted.emit("There is no other claim to merge with.")
                return False
            absorb_id = _picker().ask(
                self._parent, rows, f"Merge which claim into “{self._wording(keep_id)}”?"
            )
            if absorb_id is None:
                return False
        if self._push(MergeClaimsCommand(self._session, keep_id, absorb_id)):
            self.set_current_claim(keep_id)
            return True
        return False

    def delete_claim(self, claim_id: str) -> bool:
        """Delete a claim, asking first when annotations are linked to it."""
        mentions = len(self._session.store.claims.mentions(claim_id))
        if mentions and not ask_delete_claim(self._parent, self._wording(claim_id), mentions):
            return False
        if self._push(DeleteClaimsCommand(self._session, [claim_id])):
            if self.current_claim_id == claim_id:
                self.set_current_claim(None)
            return True
        return False

    def relate(
        self, kind: ClaimRelationKind, claim_x: str, claim_y: str | None = None, note: str = ""
    ) -> bool:
        if claim_y is None:
            rows = [r for r in self.claim_rows(mine_only=True) if r.claim.id != claim_x]
            if not rows:
                self.message_posted.emit("There is no other claim to relate to.")
                return False
            claim_y = _picker().ask(
                self._parent,
                rows,
                f"Which claim does “{self._wording(claim_x)}” {relation_title(kind)}?",
            )
            if claim_y is None:
                return False
            asked = ask_relation_note(self._parent, kind)
            if asked is None:
                return False
            note = note or asked
        return self._push(AddClaimRelationCommand(self._session, kind, claim_x, claim_y, note))

    def mark_silent(
        self, document_id: str, claim_id: str | None = None, silent: bool = True
    ) -> bool:
        """This article, read, does not make the (current) claim."""
        claim_id = claim_id or self.current_claim_id
        if claim_id is None or not document_id:
            self.message_posted.emit("Choose a claim first, then mark the article silent on it.")
            return False
        return self._push(SetSilentCommand(self._session, document_id, claim_id, silent))

    def said_by(self, span_id: str, source_span_id: str) -> bool:
        return self._push(AddSaidByCommand(self._session, span_id, source_span_id))

    def said_by_selection(self) -> bool:
        """The two annotations selected last, in one article: the Source one says the other."""
        current = self._span(self._selected_span())
        previous = self._span(self._previous_span)
        if current is None or previous is None or current.document_id != previous.document_id:
            self.message_posted.emit(
                "Select the Source annotation, then the claim it backs (same article), then"
                " press Ctrl+Shift+B."
            )
            return False
        source, said = (current, previous) if current.label == SOURCE_LABEL else (previous, current)
        return self.said_by(said.id, source.id)

    def set_derived(self, document_id: str, source_document_id: str, note: str = "") -> bool:
        return self._push(
            SetDerivedFromCommand(self._session, document_id, source_document_id, True, note)
        )

    # -- contradictions -------------------------------------------------------------------------
    def _offer_contradiction(self, claim_id: str, span_id: str) -> None:
        span = self._span(span_id)
        value = parse_value(span.claim_value) if span is not None and span.claim_value else None
        if span is None or value is None:
            return
        for other in self._session.store.claims.mentions(claim_id):
            if other.id == span_id or not other.claim_value:
                continue
            other_value = parse_value(other.claim_value)
            if other_value is not None and other_value.number != value.number:
                self.offer = ContradictionOffer(
                    claim_id,
                    span_id,
                    other.id,
                    span.claim_value,
                    other.claim_value,
                    self._outlet(span.document_id),
                    self._outlet(other.document_id),
                )
                self.contradiction_offered.emit(self.offer)
                return

    def accept_offer(self, kind: ClaimRelationKind = ClaimRelationKind.CONTRADICTS) -> bool:
        """The analyst confirms the offer: the mention gets its own claim, related to the first."""
        offer, self.offer = self.offer, None
        self.contradiction_offered.emit(None)
        if offer is None:
            return False
        wording = f"{self._wording(offer.claim_id)} — {offer.value}"
        if kind is ClaimRelationKind.CONTRADICTS:
            command: StoreCommand = MarkContradictionCommand(
                self._session, offer.span_id, wording, offer.note
            )
            return self._push(command)
        stack = self._session.undo_stack
        stack.beginMacro(f"Mark claims “{relation_title(kind)}”")
        split = SplitOffCommand(self._session, offer.span_id, wording)
        stack.push(split)
        ok = split.failure is None and self._push(
            AddClaimRelationCommand(self._session, kind, offer.claim_id, split.claim_id, offer.note)
        )
        stack.endMacro()
        if not ok:
            stack.undo()
        return ok

    def dismiss_offer(self) -> None:
        if self.offer is not None:
            self.offer = None
            self.contradiction_offered.emit(None)

    # -- lists ------------------------------------------------------------------------------------
    def claim_rows(self, mine_only: bool = False) -> list[ClaimRow]:
        """The visible claims as numbered rows with their mention and article counts."""
        claims = self._claims()
        if mine_only:
            claims = [c for c in claims if c.annotator == self._session.annotator]
        counts: dict[str, set[str]] = {}
        mentions: dict[str, int] = {}
        for document_id, link in self._session.store.claims.links(
            self._session.visible_annotators()
        ):
            counts.setdefault(link.claim_id, set()).add(document_id)
            mentions[link.claim_id] = mentions.get(link.claim_id, 0) + 1
        return [
            ClaimRow(
                c,
                self._session.claim_number(c.id),
                mentions.get(c.id, 0),
                len(counts.get(c.id, ())),
            )
            for c in claims
        ]

    # -- internals --------------------------------------------------------------------------------
    def active_pane(self) -> object | None:
        return self._active_pane()

    def _claims(self) -> list:
        return self._session.visible_claims()

    def _wording(self, claim_id: str) -> str:
        for claim in self._claims():
            if claim.id == claim_id:
                return claim.wording
        return ""

    def _outlet(self, document_id: str) -> str:
        return self._names.name(document_id)

    def _span(self, span_id: str | None) -> Span | None:
        if not span_id:
            return None
        try:
            return self._session.store.annotations.span(span_id)
        except AnnotatorError:
            return None

    def _resolve(
        self, pane: object | None, span_id: str
    ) -> tuple[tuple[str, int, int, str] | None, str]:
        """What a claim action applies to: (new-span selection, None) or (None, span id).

        Text selected exactly over one of my spans means that span (labelling leaves the
        text selected); other selected text becomes a new span; else the selected span."""
        if span_id:
            return None, span_id
        selection = self._pane_selection(pane)
        if selection is not None:
            document_id, start, end, _preview = selection
            view = pane.view  # type: ignore[union-attr]
            for span in view.spans():
                if (
                    (span.start, span.end) == (start, end)
                    and span.annotator == self._session.annotator
                    and span.document_id == document_id
                ):
                    return None, span.id
            return selection, ""
        return None, self._selected_span() or ""

    def _pane_selection(self, pane: object | None) -> tuple[str, int, int, str] | None:
        if pane is None:
            return None
        view = pane.view  # type: ignore[attr-defined]
        selection = view.annotation_range(self._session.snap_to_words())
        document_id = pane.document_id  # type: ignore[attr-defined]
        if selection is None or not document_id:
            return None
        start, end = selection
        return (document_id, start, end, view.document_model.text[start:end])

    @staticmethod
    def _clear_text_selection(pane: object | None) -> None:
        # The new highlight and its marker should show, not the selection over them.
        if pane is None:
            return
        view = pane.view  # type: ignore[attr-defined]
        cursor = view.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            view.setTextCursor(cursor)

    def _claim_label(self) -> str:
        labels = [item.name for item in self._session.scheme.labels]
        return CLAIM_LABEL if CLAIM_LABEL in labels or not labels else labels[0]

    def _writable(self) -> bool:
        if self._session.read_only:
            self.message_posted.emit("This project is read-only.")
            return False
        return True

    def _push(self, command: StoreCommand) -> bool:
        self._session.undo_stack.push(command)
        if command.failure is not None:
            self.message_posted.emit(str(command.failure))
            return False
        return True


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
