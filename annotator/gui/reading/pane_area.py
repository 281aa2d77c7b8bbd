"""Side-by-side document panes (1-4 resizable columns), optionally scrolling together."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QScrollBar, QSplitter, QWidget

from annotator.gui.reading.document_list_model import DocumentListModel
from annotator.gui.reading.document_pane import DocumentPane
from annotator.gui.session import ProjectSession

MAX_PANES = 4


class PaneArea(QSplitter):
    """A horizontal splitter of DocumentPanes; one of them is active at a time."""

    active_pane_changed = Signal(DocumentPane)
    pane_added = Signal(DocumentPane)  # also for columns the area opens itself (a search hit)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._session = session
        self._model = DocumentListModel(session, self)  # shared: one query per change
        self._panes: list[DocumentPane] = []
        self._active: DocumentPane | None = None
        self._search_hits: dict[str, list[tuple[int, int]]] = {}  # by document, for new columns
        self._synchronized = False
        self._syncing = False  # set while we move other panes, so they don't echo back
        self.setChildrenCollapsible(False)
        self.setHandleWidth(5)
        self.setStyleSheet("QSplitter::handle { background: palette(mid); }")

    # -- panes -----------------------------------------------------------------------
    def panes(self) -> list[DocumentPane]:
        return list(self._panes)

    def active_pane(self) -> DocumentPane | None:
        return self._active

    def can_add_pane(self) -> bool:
        return len(self._panes) < MAX_PANES

    def add_pane(self, document_id: str | None = None) -> DocumentPane | None:
        """A new column showing `document_id` (or the next document); None when full."""
        if not self.can_add_pane():
            return None
        pane = DocumentPane(self._session, self._model, self)
        pane.setMinimumWidth(220)
        self._panes.append(pane)
        self.addWidget(pane)
        self._connect_pane(pane)
        chosen = document_id or self._next_document_id()
        if chosen:
            pane.show_document(chosen)
        self.setSizes([1] * len(self._panes))  # equal columns
        self._update_closable()
        self._update_tab_order()
        self.set_active_pane(pane)
        self.pane_added.emit(pane)
        return pane

    def remove_pane(self, pane: DocumentPane) -> bool:
        """Close `pane`; the last pane stays (returns False then)."""
        if pane not in self._panes or len(self._panes) <= 1:
            return False
        index = self._panes.index(pane)
        self._panes.remove(pane)
        pane.hide()
        pane.setParent(None)
        pane.deleteLater()
        self._update_closable()
        self._update_tab_order()
        if self._active is pane:
            self._active = None
            self.set_active_pane(self._panes[min(index, len(self._panes) - 1)])
        return True

    def set_active_pane(self, pane: DocumentPane) -> None:
        if pane is self._active or pane not in self._panes:
            return
        self._active = pane
        for each in self._panes:
            each.set_active(each is pane)
        self.active_pane_changed.emit(pane)

    def pane_showing(self, document_id: str) -> DocumentPane:
        """The pane showing `document_id`, made active; else the active pane switched to it."""
        for pane in self._panes:
            if pane.document_id == document_id:
                self.set_active_pane(pane)
                return pane
        pane = self._active or self._panes[0]
        pane.show_document(document_id)
        return pane

    def show_search_hits(self, document_id: str, hits: list) -> None:
        """Highlight `hits` wherever `document_id` is shown, now and when a column opens it."""
        if hits:
            self._search_hits[document_id] = [(int(s), int(e)) for s, e in hits]
        else:
            self._search_hits.pop(document_id, None)
        # One emission per document: only the panes showing that document change.
        for pane in self._panes:
            if pane.document_id == document_id:
                pane.view.set_search_hits(hits, -1)

    def reveal_hit(self, document_id: str, start: int, end: int) -> DocumentPane:
        """Show the hit [start, end) selected, so a label key labels it: in the column showing
        its document, else in a new column while there is room, else in the active one."""
        pane = next((p for p in self._panes if p.document_id == document_id), None)
        if pane is None and self.can_add_pane():
            pane = self.add_pane(document_id)
        if pane is None:
            pane = self._active or self._panes[0]
            pane.show_document(document_id)
        self.set_active_pane(pane)
        hits = self._search_hits.get(document_id, [])
        current = hits.index((start, end)) if (start, end) in hits else -1
        pane.view.set_search_hits(hits, current)
        pane.view.select_range(start, end)
        pane.view.scroll_to(start, end)
        return pane

    def _apply_search_hits(self, pane: DocumentPane) -> None:
        pane.view.set_search_hits(self._search_hits.get(pane.document_id, []), -1)

    def _connect_pane(self, pane: DocumentPane) -> None:
        pane.activated.connect(lambda p=pane: self.set_active_pane(p))
        pane.close_requested.connect(lambda p=pane: self.remove_pane(p))
        pane.document_changed.connect(lambda _id, p=pane: self._apply_search_hits(p))
        bar = pane.view.verticalScrollBar()
        bar.valueChanged.connect(lambda _v, b=bar: self._on_scrolled(b))

    def _next_document_id(self) -> str:
        """The first document not already open, else the first one."""
        ids = self._model.document_ids()
        shown = {p.document_id for p in self._panes}
        for document_id in ids:
            if document_id not in shown:
                return document_id
        return ids[0] if ids else ""

    def _update_tab_order(self) -> None:
        # Tab goes from one article's text to the next before any header control or dock:
        # the texts are where the keyboard works (the headers have their own keys).
        for before, after in zip(self._panes, self._panes[1:], strict=False):
            QWidget.setTabOrder(before.view, after.view)

    def _update_closable(self) -> None:
        for pane in self._panes:
            pane.close_button.setEnabled(len(self._panes) > 1)

    # -- synchronized scrolling ------------------------------------------------------
    def synchronized_scroll(self) -> bool:
        return self._synchronized

    def set_synchronized_scroll(self, on: bool) -> None:
        self._synchronized = on

    def _on_scrolled(self, source: QScrollBar) -> None:
        if not self._synchronized or self._syncing:
            return
        # Proportional, since articles of different lengths rarely line up line by line.
        fraction = source.value() / source.maximum() if source.maximum() else 0.0
        self._syncing = True
        try:
            for pane in self._panes:
                bar = pane.view.verticalScrollBar()
                if bar is not source:
                    bar.setValue(round(fraction * bar.maximum()))
        finally:
            self._syncing = False
