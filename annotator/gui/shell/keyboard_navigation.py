"""Moving around the main window without the mouse: columns, annotations, the document chooser.

The main window's actions (window_actions.py: Ctrl+Tab / Ctrl+PgDn / F6, Alt+↓, Ctrl+P,
Shift+F…) hand off here in one line each, so the window keeps only the wiring. Focus
always lands somewhere the next key means something: the text of a column (where 1–9
label the selection and Shift+arrows select from the visible caret) or its chooser.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from annotator.gui.annotating.annotation_controller import AnnotationController
from annotator.gui.reading.document_pane import DocumentPane
from annotator.gui.reading.pane_area import PaneArea


class KeyboardNavigation:
    """Keyboard moves over whatever project the window shows (none: every move is a no-op)."""

    def __init__(
        self,
        panes: Callable[[], PaneArea | None],
        controller: Callable[[], AnnotationController | None],
    ):
        self._panes = panes
        self._controller = controller

    def _active(self) -> DocumentPane | None:
        panes = self._panes()
        return panes.active_pane() if panes is not None else None

    def focus_text(self) -> None:
        """Put the keyboard in the active column's text (Esc from the search box)."""
        pane = self._active()
        if pane is not None:
            pane.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def step_pane(self, step: int) -> None:
        """Make the next (step 1) or previous (-1) column active, wrapping, with its text focused."""
        panes = self._panes()
        pane = self._active()
        if panes is None or pane is None:
            return
        columns = panes.panes()
        target = columns[(columns.index(pane) + step) % len(columns)]
        panes.set_active_pane(target)
        target.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_chooser(self) -> None:
        """Focus the active column's document chooser: ↑/↓ pick, Alt+↓ lists them all."""
        pane = self._active()
        if pane is not None:
            pane.combo.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def step_annotation(self, step: int) -> None:
        """Select the next (1) or previous (-1) annotation of the active column, in reading
        order from the selected one (else from the caret), wrapping; the caret goes to its
        start with no text selected, so a label key relabels it and a stance key sets it."""
        pane = self._active()
        controller = self._controller()
        if pane is None or controller is None:
            return
        spans = sorted(pane.view.spans(), key=lambda s: (s.start, s.end, s.id))
        if not spans:
            return
        ids = [s.id for s in spans]
        if controller.selected_span_id in ids:
            index = (ids.index(controller.selected_span_id) + step) % len(spans)
        else:
            caret = pane.view.caret_offset()
            after = [i for i, s in enumerate(spans) if s.start >= caret]
            before = [i for i, s in enumerate(spans) if s.start < caret]
            if step > 0:
                index = after[0] if after else 0
            else:
                index = before[-1] if before else len(spans) - 1
        span = spans[index]
        pane.view.place_caret(span.start)
        pane.view.scroll_to(span.start, span.end)
        controller.select_span(span.id)
        pane.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def set_document_stance(self, stance: str) -> None:
        """My stance of the active column's document toward its target ("" clears it)."""
        pane = self._active()
        if pane is not None:
            pane.set_my_stance(stance or None)
