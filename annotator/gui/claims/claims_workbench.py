"""Wires the claims room into the window: the controller, the Claims dock and every pane.

The main window makes one ClaimsWorkbench per open project and calls `connect_pane` for
each pane; everything claim-specific about panes (markers, lighting a claim up in
every pane, the claim entries of the context menu, drops) is connected here.

The Claims and Suggestions panels sit behind tabs at start-up: they are made (and their
modules imported) when their dock is first shown or `panel`/`suggestions` is first asked
for (issue #15, start-up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QWidget

from annotator.gui.annotating.annotation_controller import AnnotationController
from annotator.gui.claims.article_names import article_name
from annotator.gui.claims.claim_controller import ClaimController
from annotator.gui.reading.claim_linked_view import ClaimLinkedView
from annotator.gui.reading.document_pane import DocumentPane
from annotator.gui.reading.pane_area import PaneArea
from annotator.gui.session import ProjectSession
from annotator.gui.shell.dock_column import DeferredPanel

if TYPE_CHECKING:  # the panels and the matrix window are imported when first made
    from annotator.gui.claims.claim_matrix_view import ClaimMatrixView
    from annotator.gui.claims.claims_panel import ClaimsPanel
    from annotator.gui.claims.suggestions_panel import Article, Ranker, SuggestionsPanel


def ask_source_document(parent: QWidget, choices: list[tuple[str, str]]) -> str | None:
    """Which article the active one derives from: (document id, shown name); None = cancel.
    Tests monkeypatch this."""
    names = [name for _id, name in choices]
    name, ok = QInputDialog.getItem(
        parent, "Derived From", "This article is a rewrite of, or commentary on:", names, 0, False
    )
    if not ok or name not in names:
        return None
    return choices[names.index(name)][0]


class ClaimsWorkbench(QObject):
    """The claim controller and dock of one project, connected to its panes."""

    mention_requested = Signal(str, str)  # document id, span id: open it in a pane

    def __init__(
        self,
        session: ProjectSession,
        panes: PaneArea,
        annotations: AnnotationController,
        window: QWidget,
        rank: Ranker | None = None,
    ):
        super().__init__(window)
        self._session = session
        self._panes = panes
        self._annotations = annotations
        self._window = window
        self.controller = ClaimController(
            session, panes.active_pane, lambda: annotations.selected_span_id, window
        )
        self.controller.setParent(self)  # goes with the project; the window stays
        self.deferred_panel = DeferredPanel(self._make_panel)
        self._matrix: ClaimMatrixView | None = None
        self._rank = rank
        # Suggestions need the ranking service; without one the dock is simply not offered.
        self.deferred_suggestions = (
            DeferredPanel(self._make_suggestions) if rank is not None else None
        )
        self._annotations.selected_span_changed.connect(self.controller.on_span_selected)
        self.controller.claim_lit.connect(self.light_everywhere)
        self.controller.current_claim_changed.connect(self._on_current_claim_changed)

    @property
    def panel(self) -> ClaimsPanel:
        """The Claims dock's panel (made now if its dock has not been shown yet)."""
        return self.deferred_panel.get()

    @property
    def suggestions(self) -> SuggestionsPanel | None:
        """The Suggestions dock's panel (made now if need be); None without a ranker."""
        deferred = self.deferred_suggestions
        return deferred.get() if deferred is not None else None

    def _make_panel(self) -> ClaimsPanel:
        from annotator.gui.claims.claims_panel import ClaimsPanel

        panel = ClaimsPanel(self._session, self.controller, self._window)
        panel.mention_activated.connect(self.mention_requested)
        if self.controller.offer is not None:  # offered while the panel was not made yet
            panel.show_offer(self.controller.offer)
        return panel

    def _make_suggestions(self) -> SuggestionsPanel:
        from annotator.gui.claims.suggestions_panel import SuggestionsPanel

        assert self._rank is not None
        suggestions = SuggestionsPanel(
            self._session, self.controller, self._rank, self.articles, self._window
        )
        self._annotations.selected_span_changed.connect(suggestions.set_span_query)
        suggestions.preview_requested.connect(self._on_preview_requested)
        suggestions.linked.connect(lambda _claim, _span: self._clear_previews())
        self._panes.active_pane_changed.connect(lambda _pane: suggestions.schedule())
        # What was selected before the panel existed is its first query.
        suggestions.set_span_query(self._annotations.selected_span_id)
        return suggestions

    def _schedule_suggestions(self) -> None:
        deferred = self.deferred_suggestions
        if deferred is not None and deferred.built is not None:
            deferred.built.schedule()

    def connect_pane(self, pane: DocumentPane) -> None:
        view = pane.view
        assert isinstance(view, ClaimLinkedView)
        controller = self.controller
        view.claim_marker_clicked.connect(controller.light)
        view.claim_dropped_on_span.connect(controller.link_span_to_claim)
        view.span_dropped_on_span.connect(
            lambda dragged, span_id, p=pane: self._in_pane(
                p, lambda: controller.link_spans(dragged, span_id)
            )
        )
        view.create_claim_requested.connect(
            lambda span_id, p=pane: self._in_pane(p, lambda: controller.create_claim(span_id))
        )
        view.link_requested.connect(
            lambda span_id, p=pane: self._in_pane(p, lambda: controller.link_selected(span_id))
        )
        view.pick_claim_requested.connect(
            lambda span_id, p=pane: self._in_pane(p, lambda: controller.pick_and_link(span_id))
        )
        view.unlink_requested.connect(controller.unlink)
        view.set_lit_claim(controller.current_claim_id)
        view.set_link_target_text(controller.link_target_text())
        pane.document_changed.connect(lambda _id: self._schedule_suggestions())

    def show_matrix(self) -> ClaimMatrixView:
        """Open (or raise) the claim matrix; its cells open mentions through this workbench."""
        from annotator.gui.claims.claim_matrix_view import ClaimMatrixView

        view = ClaimMatrixView.open_for(self._session, self._window)
        if view is not self._matrix:
            self._matrix = view
            view.mention_requested.connect(self.mention_requested)
        return view

    @property
    def matrix_window(self) -> ClaimMatrixView | None:
        """The open matrix window, if any."""
        return self._matrix

    def close_windows(self) -> None:
        """The project closes: the matrix window goes, and nothing refreshes any more."""
        if self._matrix is not None:
            self._matrix.close()
            self._matrix = None
        deferred = self.deferred_suggestions
        if deferred is not None and deferred.built is not None:
            deferred.built.stop()

    def ask_derived_from(self, document_id: str) -> bool:
        """Ask which article `document_id` derives from, and record it (undoable)."""
        choices = [
            (summary.id, f"{summary.source or summary.title} — {summary.title}")
            for summary in self._session.store.documents.summaries()
            if summary.id != document_id
        ]
        if not choices:
            return False
        source = ask_source_document(self._window, choices)
        return source is not None and self.controller.set_derived(document_id, source)

    def articles(self) -> list[Article]:
        """The open panes' articles, in pane order, named "001 · AI rewrite of TechCrunch"."""
        from annotator.gui.claims.suggestions_panel import Article

        seen: list[Article] = []
        for pane in self._panes.panes():
            document_id = pane.document_id
            if not document_id or any(a.document_id == document_id for a in seen):
                continue
            seen.append(Article(document_id, article_name(self._session.document(document_id))))
        return seen

    def _on_preview_requested(self, document_id: str, start: int, end: int) -> None:
        for pane in self._panes.panes():
            view = pane.view
            assert isinstance(view, ClaimLinkedView)
            if pane.document_id == document_id:
                view.set_preview(start, end)
            else:
                view.set_preview(-1, -1)

    def _clear_previews(self) -> None:
        for pane in self._panes.panes():
            view = pane.view
            assert isinstance(view, ClaimLinkedView)
            view.set_preview(-1, -1)

    def light_everywhere(self, claim_id: str) -> None:
        """Light `claim_id` in every pane and bring each pane's first mention of it into view."""
        for pane in self._panes.panes():
            pane.view.set_lit_claim(claim_id)
            mark = pane.view.first_mention_of(claim_id)
            if mark is not None:
                pane.view.scroll_to(mark.start, mark.end)

    def _on_current_claim_changed(self, claim_id: str | None) -> None:
        text = self.controller.link_target_text()
        for pane in self._panes.panes():
            view = pane.view
            assert isinstance(view, ClaimLinkedView)
            view.set_lit_claim(claim_id)
            view.set_link_target_text(text)

    def _in_pane(self, pane: DocumentPane, action: object) -> None:
        # A context-menu action applies to the pane it was opened in.
        self._panes.set_active_pane(pane)
        action()  # type: ignore[operator]
