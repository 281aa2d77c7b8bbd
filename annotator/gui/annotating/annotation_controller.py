"""Turns "apply label / stance / delete" requests into undoable commands on the active pane.

The palette, the keys 1–9, the context menu and the inspector all end up here, so
the rules live in one place: with text selected, a label creates a span; with an
annotation selected (and no text), a label relabels it and a stance sets its stance
toward the default target.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from annotator.core.errors import AnnotatorError
from annotator.gui.commands import (
    AddSpanCommand,
    DeleteSpansCommand,
    EditSpanCommand,
    StoreCommand,
    new_span,
)
from annotator.gui.session import ProjectSession


class AnnotationController(QObject):
    """Tracks the selected annotation and applies the user's labelling actions."""

    selected_span_changed = Signal(object)  # span id or None
    message_posted = Signal(str)  # short feedback for the status bar

    def __init__(
        self,
        session: ProjectSession,
        active_view: Callable[[], object | None],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._session = session
        self._active_view = active_view  # returns the active DocumentPane or None
        self.selected_span_id: str | None = None
        # An undo, a delete elsewhere or another window can remove the selected annotation;
        # it must stop counting as selected, or A/Delete would act on a ghost (issue #13).
        session.spans_changed.connect(self._on_spans_changed)
        session.external_change_detected.connect(self._on_external_change)

    def _on_spans_changed(
        self, _document_id: str, _added: list, removed: list, _changed: list
    ) -> None:
        if self.selected_span_id is not None and self.selected_span_id in removed:
            self.select_span(None)

    def _on_external_change(self) -> None:
        if self.selected_span_id is not None and not self._exists(self.selected_span_id):
            self.select_span(None)

    def _exists(self, span_id: str) -> bool:
        try:
            self._session.store.annotations.span(span_id)
        except AnnotatorError:
            return False
        return True

    def select_span(self, span_id: str | None) -> None:
        if span_id != self.selected_span_id:
            self.selected_span_id = span_id
            self.selected_span_changed.emit(span_id)

    def apply_label(self, label: str) -> None:
        """Label the selected text, or relabel the selected annotation."""
        if self._session.read_only:
            self.message_posted.emit("This project is read-only.")
            return
        pane = self._active_view()
        view = pane.view if pane is not None else None  # type: ignore[attr-defined]
        selection = view.annotation_range(self._session.snap_to_words()) if view else None
        if pane is not None and selection is not None and pane.document_id:  # type: ignore[attr-defined]
            start, end = selection
            span = new_span(self._session, pane.document_id, start, end, label)  # type: ignore[attr-defined]
            preview = view.document_model.text[start:end]  # type: ignore[union-attr]
            if self._push(AddSpanCommand(self._session, span, preview)):
                # The new highlight should show, not the selection over it (issue #13).
                view.clear_selection()  # type: ignore[union-attr]
                self.select_span(span.id)
            return
        if self.selected_span_id is not None and self._is_mine(self.selected_span_id):
            self._push(EditSpanCommand(self._session, self.selected_span_id, label=label))
            return
        self.message_posted.emit("Select some text first, then choose a label.")

    def apply_stance(self, stance: str, span_id: str | None = None) -> None:
        """Set (or clear, with "") the stance of an annotation toward its target (default target if none)."""
        span_id = span_id or self.selected_span_id
        if span_id is None:
            self.message_posted.emit("Click an annotation first, then choose its stance.")
            return
        if not self._is_mine(span_id):
            self.message_posted.emit("That annotation belongs to another annotator.")
            return
        span = self._session.store.annotations.span(span_id)
        if stance:
            target = span.target or self._session.default_target() or None
            self._push(EditSpanCommand(self._session, span_id, stance=stance, target=target))
        else:
            self._push(EditSpanCommand(self._session, span_id, stance=None, target=None))

    def delete(self, span_id: str | None = None) -> None:
        span_id = span_id or self.selected_span_id
        if span_id is None:
            return
        if not self._is_mine(span_id):
            self.message_posted.emit("That annotation belongs to another annotator.")
            return
        span = self._session.store.annotations.span(span_id)
        if self._push(DeleteSpansCommand(self._session, [span])):
            self.select_span(None)

    def _is_mine(self, span_id: str) -> bool:
        try:
            return (
                self._session.store.annotations.span(span_id).annotator == self._session.annotator
            )
        except AnnotatorError:
            return False

    def _push(self, command: StoreCommand) -> bool:
        """Push a command; an expected failure (duplicate, read-only, disk full) becomes a message."""
        self._session.undo_stack.push(command)
        if command.failure is not None:
            self.message_posted.emit(str(command.failure))
            return False
        return True
