"""Find text in this document or all of them; results grouped by document, each hit in context.

Results come a page at a time (SearchRepo.hit_pages): the first page is shown at once and
the next is read when the list is scrolled to its end or the keyboard walks past the last
hit, so a word found in every article of a 10,000-article archive costs one page.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.gui.reading.search_hit_delegate import (
    CONTEXT_ROLE,
    COUNT_ROLE,
    DOCUMENT_ROLE,
    HIT_ROLE,
    HitDelegate,
    context_parts,
)
from annotator.gui.session import ProjectSession
from annotator.gui.shell.plain_text import literal, plain_label
from annotator.store.search_repo import FIRST_PAGE_HITS, MAX_TOTAL_HITS, SearchHit

__all__ = ["HIT_ROLE", "SearchPanel", "context_parts"]  # tests and callers import these here

DEBOUNCE_MS = 150
HINT = (
    'Words anywhere, "an exact phrase", Nvidia OR Zoom, expert*. Enter: next hit;'
    " ↓: the results; Esc: back to the text, where 1–9 label the hit."
)


class SearchPanel(QWidget):
    """Search box, scope switch and results; activating a hit asks the document view to show it."""

    hit_activated = Signal(str, int, int)  # document id, start, end (code points)
    hits_changed = Signal(str, list)  # document id, [(start, end), ...] of every hit in it
    # Esc, or a hit chosen in the results: the analyst goes on in the text (1–9 label it).
    text_focus_requested = Signal()

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._document_id: str | None = None
        self._highlighted: set[str] = set()  # documents told about hits, to clear later
        self._texts: dict[str, str] = {}
        self._pages: Iterator[list[SearchHit]] | None = None  # the rest of the results
        self._shown: list[SearchHit] = []
        self._shown_documents: set[str] = set()

        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText("Search (Ctrl+F)")
        self.search_field.setClearButtonEnabled(True)
        self.this_document = QRadioButton("This document")
        self.all_documents = QRadioButton("All documents")
        self.all_documents.setChecked(True)
        self._scope = QButtonGroup(self)
        self._scope.addButton(self.this_document)
        self._scope.addButton(self.all_documents)
        self.this_document.setEnabled(False)
        self.ignore_accents = QCheckBox("Ignore accents")
        self.ignore_accents.setToolTip("Zurich finds Zürich too (case, quotes and dashes always)")
        self.results = QTreeWidget()
        self.results.setHeaderHidden(True)
        self.results.setUniformRowHeights(True)
        self.results.setRootIsDecorated(True)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.status_label = plain_label(HINT)  # it repeats the query
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet("color: palette(placeholder-text);")
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)

        self._build_layout()
        self._connect_signals()

    # -- public ------------------------------------------------------------------------
    def focus_search(self) -> None:
        """Put the cursor in the search field with its text selected.

        The main window's Find action (Ctrl+F) calls this; the panel binds no shortcut of
        its own, since two Ctrl+F shortcuts in one window cancel each other out.
        """
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def set_current_document(self, document_id: str | None) -> None:
        """The document "This document" searches; None disables that scope."""
        self._document_id = document_id
        self.this_document.setEnabled(document_id is not None)
        if document_id is None and self.this_document.isChecked():
            self.all_documents.setChecked(True)
        if self.this_document.isChecked():
            self.search_now()

    def set_scope_all(self, all_documents: bool) -> None:
        (self.all_documents if all_documents else self.this_document).setChecked(True)

    def search_now(self) -> list[SearchHit]:
        """Run the search immediately (typing runs it after a short pause); returns the
        hits shown, the first page (`fetch_more` adds the next)."""
        self._debounce.stop()
        self.results.clear()
        self._texts.clear()
        self._shown = []
        self._shown_documents = set()
        self._pages = self._search(self.search_field.text())
        shown = self._show_next_page()
        for document_id in sorted(self._highlighted - self._shown_documents):
            self.hits_changed.emit(document_id, [])
        self._highlighted = set(self._shown_documents)
        if self._pages is not None:
            QTimer.singleShot(0, self._fill_view)  # after this page is painted
        return shown

    def fetch_more(self) -> bool:
        """Show the next page of hits; False when every hit is shown already."""
        if self._pages is None:
            return False
        return bool(self._show_next_page())

    def has_more(self) -> bool:
        return self._pages is not None

    def next_hit(self, step: int = 1) -> None:
        """Select and activate the next (or, with step=-1, previous) hit, wrapping around
        (past the last hit shown, the next page is read first)."""
        items = self._hit_items()
        if not items:
            return
        current = self.results.currentItem()
        position = items.index(current) if current in items else (-1 if step > 0 else 0)
        if step > 0 and position + step >= len(items) and self.fetch_more():
            items = self._hit_items()
        item = items[(position + step) % len(items)]
        self.results.setCurrentItem(item)
        self._activate(item)

    # -- building ----------------------------------------------------------------------
    def _build_layout(self) -> None:
        scope = QHBoxLayout()
        scope.setSpacing(12)
        scope.addWidget(self.this_document)
        scope.addWidget(self.all_documents)
        scope.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search_field)
        layout.addLayout(scope)
        layout.addWidget(self.ignore_accents)  # its own line: one row was 360 px, the dock 300
        layout.addWidget(self.status_label)
        layout.addWidget(self.results, 1)

    def _connect_signals(self) -> None:
        self.search_field.textChanged.connect(self._on_text_changed)
        self.search_field.returnPressed.connect(self._on_return_pressed)
        self._debounce.timeout.connect(self.search_now)
        self._scope.buttonToggled.connect(self._on_scope_toggled)
        self.ignore_accents.toggled.connect(lambda _on: self.search_now())
        self.results.itemActivated.connect(self._on_item_chosen)
        self.results.itemClicked.connect(self._on_item_chosen)
        self.results.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.search_field.installEventFilter(self)
        self.results.installEventFilter(self)
        self._session.external_change_detected.connect(self._on_data_changed)
        self._session.documents_changed.connect(self._on_documents_changed)

    # -- searching ---------------------------------------------------------------------
    def _search(self, query: str) -> Iterator[list[SearchHit]] | None:
        # A NUL can't be typed on purpose and SQLite would cut the text at it.
        query = query.replace("\x00", "")
        if not query.strip():
            return None
        scope = self._document_id if self.this_document.isChecked() else None
        return self._session.store.search.hit_pages(
            query, scope, fold_accents=self.ignore_accents.isChecked()
        )

    def _show_next_page(self) -> list[SearchHit]:
        hits = self._next_page()
        by_document: dict[str, list[SearchHit]] = {}
        for hit in hits:
            by_document.setdefault(hit.document_id, []).append(hit)
        for document_id, document_hits in by_document.items():
            top = QTreeWidgetItem([document_hits[0].title or document_id])
            top.setData(0, COUNT_ROLE, len(document_hits))
            top.setData(0, DOCUMENT_ROLE, document_id)
            top.setToolTip(0, literal(document_hits[0].title or document_id))
            text = self._text(document_id)
            for hit in document_hits:
                child = QTreeWidgetItem(top, [hit.context])
                child.setData(0, HIT_ROLE, (hit.document_id, hit.start, hit.end))
                child.setData(0, CONTEXT_ROLE, context_parts(text, hit.start, hit.end))
                child.setToolTip(0, literal(hit.context))
            self.results.addTopLevelItem(top)
            top.setExpanded(True)
        self._shown.extend(hits)
        self._shown_documents.update(by_document)
        self._highlighted.update(by_document)
        self._update_status()
        # A page holds whole documents (hit_pages), so each document is told once.
        for document_id, document_hits in by_document.items():
            self.hits_changed.emit(document_id, [(h.start, h.end) for h in document_hits])
        return hits

    def _next_page(self) -> list[SearchHit]:
        if self._pages is None:
            return []
        try:
            page = next(self._pages)
            if len(page) < FIRST_PAGE_HITS:  # only the last page is short
                self._pages = None
            return page
        except StopIteration:
            self._pages = None
        except AnnotatorError:  # the document went away meanwhile
            self._pages = None
        return []

    def _fill_view(self) -> None:
        # A tall panel shows more than one page: read pages until the list can scroll.
        bar = self.results.verticalScrollBar()
        while self._pages is not None and bar.maximum() == 0 and self.isVisible():
            if not self.fetch_more():
                break
            self.results.doItemsLayout()

    def _on_scrolled(self, value: int) -> None:
        bar = self.results.verticalScrollBar()
        if self._pages is not None and value >= bar.maximum() - max(1, bar.pageStep() // 4):
            self.fetch_more()

    def _text(self, document_id: str) -> str:
        if document_id not in self._texts:
            try:
                self._texts[document_id] = self._session.document(document_id).text
            except AnnotatorError:
                self._texts[document_id] = ""
        return self._texts[document_id]

    def _update_status(self) -> None:
        query = self.search_field.text().strip()
        hits, documents = len(self._shown), len(self._shown_documents)
        if not query:
            self.status_label.setText(HINT)
        elif not hits:
            where = "this document" if self.this_document.isChecked() else "any document"
            self.status_label.setText(f"No matches for “{query}” in {where}.")
        else:
            hit_word = "hit" if hits == 1 else "hits"
            doc_word = "document" if documents == 1 else "documents"
            more = "; more as you scroll" if self._pages is not None else ""
            capped = hits >= MAX_TOTAL_HITS and self._pages is None
            self.status_label.setText(
                f"{hits} {hit_word} in {documents} {doc_word}{more}"
                + (" (the most shown: refine the search for the rest)" if capped else "")
            )

    def _hit_items(self) -> list[QTreeWidgetItem]:
        items: list[QTreeWidgetItem] = []
        for i in range(self.results.topLevelItemCount()):
            top = self.results.topLevelItem(i)
            if top is not None:
                items.extend(c for j in range(top.childCount()) if (c := top.child(j)) is not None)
        return items

    def _activate(self, item: QTreeWidgetItem) -> None:
        hit = item.data(0, HIT_ROLE)
        first = item.child(0) if item.childCount() else None
        if hit is None and first is not None:
            hit = first.data(0, HIT_ROLE)
        if hit is not None:
            document_id, start, end = hit
            self.hit_activated.emit(document_id, start, end)

    # -- slots -------------------------------------------------------------------------
    def _on_text_changed(self, text: str) -> None:
        if text.strip():
            self._debounce.start()
        else:
            self.search_now()  # clearing is instant

    def _on_return_pressed(self) -> None:
        if self._debounce.isActive():
            self.search_now()
        modifiers = QApplication.keyboardModifiers()
        self.next_hit(-1 if modifiers & Qt.KeyboardModifier.ShiftModifier else 1)

    def _on_scope_toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self.search_now()

    def _on_item_chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self._activate(item)
        self.text_focus_requested.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Esc leaves the panel for the text (else 1 would type into the box, not label);
        # Down in the box goes to the results, so a hit can be chosen without the mouse.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.text_focus_requested.emit()
                return True
            if watched is self.search_field and key == Qt.Key.Key_Down and self._hit_items():
                if self.results.currentItem() is None:
                    self.results.setCurrentItem(self._hit_items()[0])
                self.results.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)

    def _on_data_changed(self) -> None:
        if self.search_field.text().strip():
            self.search_now()

    def hideEvent(self, event: QHideEvent) -> None:
        # A closed panel (or project) must not search later from a pending keystroke.
        self._debounce.stop()
        super().hideEvent(event)

    def _on_documents_changed(self) -> None:
        # Metadata and done flags change too; only a changed document list makes results stale.
        ids = set(self._session.store.documents.ids())
        if any(i not in ids for i in self._highlighted):
            self._on_data_changed()
