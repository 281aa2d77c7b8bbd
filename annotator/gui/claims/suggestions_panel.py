"""The Suggestions dock: for the current claim (or selected span), the most similar sentences
of every other open article, ranked; one click (or Enter) links one.

Ranking is a service (`SentenceSuggester.rank(query, document_ids, limit)`, passed in);
this panel only asks for it when the claim or selection changes, lists the results per article, previews
the chosen sentence in its pane, and links it through the claim controller: an existing
annotation of mine inside the sentence is linked as it is, otherwise the sentence
becomes a new Claim span linked to the claim (one undo step either way).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.gui.claims.claim_controller import ClaimController
from annotator.gui.session import ProjectSession
from annotator.gui.shell.plain_text import literal

SUGGESTIONS_PER_ARTICLE = 5  # the matching sentence is rarely first: the analyst picks
PREVIEW_LIMIT = 160
REFRESH_DELAY_MS = 120
_TARGET_ROLE = Qt.ItemDataRole.UserRole  # (document id, start, end) of a suggestion


class Suggestion(Protocol):
    """A candidate sentence, as the ranking service returns it (code-point offsets)."""

    @property
    def document_id(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def score(self) -> float: ...


# query, document ids, limit per document -> each document's suggestions, best first
Ranker = Callable[[str, Sequence[str], int], Mapping[str, Sequence[Suggestion]]]


@dataclass(frozen=True, slots=True)
class Article:
    """An open pane's article, as the panel lists it."""

    document_id: str
    name: str  # "001 · AI rewrite of TechCrunch"


class SuggestionsPanel(QWidget):
    """Ranked sentences per open article for the current claim or span."""

    preview_requested = Signal(str, int, int)  # document id, start, end: show it in its pane
    linked = Signal(str, str)  # claim id, span id: a suggestion was linked

    def __init__(
        self,
        session: ProjectSession,
        controller: ClaimController,
        rank: Ranker,
        articles: Callable[[], list[Article]],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._session = session
        self._controller = controller
        self._rank = rank
        self._articles = articles
        self._source_document = ""  # the article the query came from: not suggested to itself
        self._span_query: str | None = None  # an unlinked span selected with no current claim
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # Coalesce a burst of selection changes into one ranking, and let a link paint its
        # marker first: the list follows a moment later, not in the same frame.
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        self.heading = QLabel("Select a claim or an annotation to see similar sentences.", self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Sentence", "Match", ""])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)

    def _connect_signals(self) -> None:
        self._timer.timeout.connect(self.refresh)
        self.tree.currentItemChanged.connect(self._on_current_item_changed)
        self.tree.itemActivated.connect(lambda item, _c: self.link_item(item))
        self._controller.current_claim_changed.connect(lambda _id: self.schedule())
        self._session.claims_changed.connect(lambda _change: self.schedule())

    # -- public ------------------------------------------------------------------------
    def schedule(self) -> None:
        if not self._stopped:
            self._timer.start()

    def stop(self) -> None:
        """No more refreshes (the project is closing)."""
        self._stopped = True
        self._timer.stop()

    def set_span_query(self, span_id: str | None) -> None:
        """Follow the annotation selection: an unlinked span is the query when no claim is."""
        self._span_query = span_id
        self.schedule()

    def items(self) -> list[QTreeWidgetItem]:
        """Every suggestion row, in display order (articles' headers excluded)."""
        found: list[QTreeWidgetItem] = []
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            if group is None:
                continue
            found.extend(
                child for c in range(group.childCount()) if (child := group.child(c)) is not None
            )
        return found

    def refresh(self) -> None:
        """Ask the ranking service again for the current claim (or selected span)."""
        self._timer.stop()
        query, source, linked = self._query()
        self.tree.clear()
        if not query:
            self.heading.setText("Select a claim or an annotation to see similar sentences.")
            return
        claim_id = self._controller.current_claim_id
        number = self._session.claim_number(claim_id) if claim_id else 0
        self.heading.setText(
            f"Sentences like claim {number} in the other open articles — click Link or press Enter."
            if number
            else "Sentences like the selected annotation — Link makes it a claim with them."
        )
        self._source_document = source
        articles = [a for a in self._articles() if a.document_id != source]
        try:
            ranked_by_article = self._rank(
                query, [a.document_id for a in articles], SUGGESTIONS_PER_ARTICLE + 2
            )
        except AnnotatorError as exc:
            self.heading.setText(str(exc))
            return
        for article in articles:
            ranked = ranked_by_article.get(article.document_id, ())
            fresh = [
                s
                for s in ranked
                if not any(
                    s.start < end and start < s.end
                    for start, end in linked.get(article.document_id, [])
                )
            ][:SUGGESTIONS_PER_ARTICLE]
            group = QTreeWidgetItem([article.name])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)
            if not fresh:
                empty = QTreeWidgetItem(["No similar sentence left to link."])
                empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
                group.addChild(empty)
            for suggestion in fresh:
                self._add_row(group, suggestion)
            group.setExpanded(True)

    # -- rows ----------------------------------------------------------------------------
    def _add_row(self, group: QTreeWidgetItem, suggestion: Suggestion) -> None:
        text = " ".join(suggestion.text.split())
        shown = text if len(text) <= PREVIEW_LIMIT else text[: PREVIEW_LIMIT - 1] + "…"
        item = QTreeWidgetItem([shown, f"{suggestion.score:.0%}" if suggestion.score <= 1 else ""])
        item.setData(0, _TARGET_ROLE, (suggestion.document_id, suggestion.start, suggestion.end))
        item.setToolTip(0, literal(text))
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        group.addChild(item)
        button = QPushButton("Link", self.tree)
        button.setToolTip("Link this sentence to the claim (Enter)")
        button.setEnabled(not self._session.read_only)
        button.clicked.connect(lambda _c=False, i=item: self.link_item(i))
        self.tree.setItemWidget(item, 2, button)

    def link_item(self, item: QTreeWidgetItem) -> bool:
        """Link one suggestion: an annotation of mine inside the sentence, or the sentence."""
        target = item.data(0, _TARGET_ROLE)
        if not target:
            return False
        document_id, start, end = target
        existing = self._my_span_within(document_id, start, end)
        claim_id = self._controller.current_claim_id
        if claim_id is None:
            # An unlinked span is the query: it becomes the claim, then the sentence joins.
            span_query = self._span_query
            if not span_query or self._controller.create_claim(span_query) is None:
                return False
            claim_id = self._controller.current_claim_id
            assert claim_id is not None
        preview = self._session.store.documents.passage(document_id, start, end)[0]
        ok = (
            self._controller.link_to(claim_id, existing)
            if existing
            else self._controller.link_to(claim_id, "", (document_id, start, end, preview))
        )
        if ok:
            span = existing or self._span_at(document_id, start, end)
            self.linked.emit(claim_id, span)
        return ok

    def _my_span_within(self, document_id: str, start: int, end: int) -> str:
        """My annotation inside [start, end) (a Claim one first), or ""."""
        spans = [
            s
            for s in self._session.store.annotations.spans(document_id, [self._session.annotator])
            if start <= s.start and s.end <= end
        ]
        spans.sort(key=lambda s: (s.label != "Claim", s.start))
        return spans[0].id if spans else ""

    def _span_at(self, document_id: str, start: int, end: int) -> str:
        for span in self._session.store.annotations.spans(document_id, [self._session.annotator]):
            if (span.start, span.end) == (start, end):
                return span.id
        return ""

    def _query(self) -> tuple[str, str, dict[str, list[tuple[int, int]]]]:
        """(query text, the article it came from, linked ranges per article to leave out)."""
        claim_id = self._controller.current_claim_id
        store = self._session.store
        if claim_id is not None:
            try:
                wording = store.claims.claim(claim_id).wording
                mentions = store.claims.mentions(claim_id)
            except AnnotatorError:
                return "", "", {}
            texts = [wording]
            linked: dict[str, list[tuple[int, int]]] = {}
            for span in mentions:
                texts.append(store.documents.passage(span.document_id, span.start, span.end)[0])
                linked.setdefault(span.document_id, []).append((span.start, span.end))
            source = mentions[0].document_id if len(mentions) == 1 else ""
            return " ".join(texts), source, linked
        span_id = self._span_query
        if span_id:
            try:
                span = store.annotations.span(span_id)
            except AnnotatorError:
                return "", "", {}
            text = store.documents.passage(span.document_id, span.start, span.end)[0]
            return text, span.document_id, {span.document_id: [(span.start, span.end)]}
        return "", "", {}

    # -- slots -------------------------------------------------------------------------------
    def _on_current_item_changed(self, item: QTreeWidgetItem | None, _old: object) -> None:
        target = item.data(0, _TARGET_ROLE) if item is not None else None
        if target:
            self.preview_requested.emit(*target)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.tree
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            item = self.tree.currentItem()
            if item is not None:
                self.link_item(item)
                return True
        return super().eventFilter(watched, event)
