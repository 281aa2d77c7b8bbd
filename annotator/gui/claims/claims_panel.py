"""The Claims dock: every claim (searchable), the current claim's wording, mentions and
relations, the contradiction offer, and the buttons for what can be done with a claim.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QMimeData, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.claims.model import ClaimRelationKind
from annotator.core.errors import NotFoundError
from annotator.core.plural import counted
from annotator.gui.claims.article_names import ArticleNames
from annotator.gui.claims.claim_commands import relation_title
from annotator.gui.claims.claim_controller import ClaimController, ContradictionOffer
from annotator.gui.claims.claim_list_model import CLAIM_ID_ROLE, SEARCH_ROLE, ClaimListModel
from annotator.gui.claims.mention_passages import MentionPassages
from annotator.gui.reading.claim_linked_view import claim_mime
from annotator.gui.session import ClaimsChange, ProjectSession
from annotator.gui.shell import ui_colors
from annotator.gui.shell.plain_text import literal

VALUE_COLUMN = 2
SPAN_ROLE = Qt.ItemDataRole.UserRole
DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 1

_STYLE = """
QFrame#offerBar {{ background: {c.notice_box}; border: 1px solid {c.notice_box_border};
                  border-radius: 4px; }}
QFrame#offerBar QLabel {{ color: {c.notice_text}; }}
QLabel#claimHeading {{ font-weight: bold; font-size: 13px; }}
QLabel#claimMeta {{ color: {c.muted}; }}
"""


class _DraggableClaimModel(ClaimListModel):
    """Rows can be dragged onto a span in any pane to link it."""

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:  # type: ignore[override]
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return ["application/x-annotator-claim"]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        valid = [i for i in indexes if i.isValid()]
        return claim_mime(str(valid[0].data(CLAIM_ID_ROLE))) if valid else QMimeData()

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.LinkAction


class ClaimsPanel(QWidget):
    """Lists claims; shows and edits the current one through the ClaimController."""

    mention_activated = Signal(str, str)  # document id, span id

    def __init__(
        self, session: ProjectSession, controller: ClaimController, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._session = session
        self._controller = controller
        self._names = ArticleNames(session.document)
        self._passages = MentionPassages(session)  # emptied when documents change
        self._build()
        self._connect_signals()
        self.refresh()

    # -- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        ui_colors.follow(self, lambda c: self.setStyleSheet(_STYLE.format(c=c)))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Filter claims…")
        self.search.setClearButtonEnabled(True)
        self.model = _DraggableClaimModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = QListView(self)
        self.list.setModel(self.proxy)
        # Long wordings wrap: cut at the dock's edge, two claims that differ only at their
        # end ("… signed the letter — more than 40") read the same (#13).
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setDragEnabled(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.list.setToolTip("Click to find a claim in every pane; drag onto a span to link it.")

        self.offer_bar = QFrame(self)
        self.offer_bar.setObjectName("offerBar")
        self.offer_label = QLabel(self.offer_bar)
        self.offer_label.setTextFormat(Qt.TextFormat.PlainText)
        self.offer_label.setWordWrap(True)
        self.accept_contradiction = QPushButton("Mark as Contradiction", self.offer_bar)
        self.accept_detail = QPushButton("Same Event, Different Detail", self.offer_bar)
        self.dismiss_offer = QPushButton("Not Now", self.offer_bar)
        # A grid, not one row: the dock is about 300 px wide and the row needed 440 (#13).
        offer_buttons = QGridLayout()
        offer_buttons.addWidget(self.accept_contradiction, 0, 0)
        offer_buttons.addWidget(self.dismiss_offer, 0, 1)
        offer_buttons.addWidget(self.accept_detail, 1, 0, 1, 2)
        offer_layout = QVBoxLayout(self.offer_bar)
        offer_layout.setContentsMargins(8, 6, 8, 6)
        offer_layout.addWidget(self.offer_label)
        offer_layout.addLayout(offer_buttons)
        self.offer_bar.setVisible(False)

        self.heading = QLabel("No claim selected", self)
        self.heading.setObjectName("claimHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.wording = QLineEdit(self)
        self.wording.setPlaceholderText("The claim's wording")
        self.wording.setToolTip("Rename the claim: type and press Enter (undoable)")
        self.meta = QLabel(self)
        self.meta.setObjectName("claimMeta")
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setWordWrap(True)
        self.mentions = QTreeWidget(self)
        self.mentions.setHeaderLabels(["Outlet", "Mention", "Value"])
        self.mentions.setRootIsDecorated(False)
        self.mentions.setUniformRowHeights(True)
        self.mentions.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.mentions.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.mentions.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.mentions.setToolTip("Double-click a mention to open it, its value to change it")
        self.mentions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.relations = QLabel(self)
        self.relations.setTextFormat(Qt.TextFormat.PlainText)
        self.relations.setWordWrap(True)

        self.link_button = QPushButton("Link Selection", self)
        self.link_button.setToolTip("Link the selected text or annotation to this claim (Ctrl+L)")
        self.silent_button = QPushButton("Silent Here", self)
        self.silent_button.setToolTip(
            "The active article, read, does not make this claim (checked, absent)"
        )
        self.contradicts_button = QPushButton("Contradicts…", self)
        self.detail_button = QPushButton("Same Event…", self)
        self.merge_button = QPushButton("Merge…", self)
        self.split_button = QPushButton("Split Off", self)
        self.split_button.setToolTip("Move the selected mention onto a claim of its own")
        self.delete_button = QPushButton("Delete", self)
        # Two a row: three were wider than the 300 px dock with the app's style sheet (#13).
        buttons = QGridLayout()
        for index, button in enumerate(
            (
                self.link_button,
                self.silent_button,
                self.split_button,
                self.merge_button,
                self.contradicts_button,
                self.detail_button,
                self.delete_button,
            )
        ):
            buttons.addWidget(button, index // 2, index % 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.offer_bar)
        layout.addWidget(self.heading)
        layout.addWidget(self.wording)
        layout.addWidget(self.meta)
        layout.addWidget(self.mentions, 3)
        layout.addWidget(self.relations)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        # the panel's own controls
        self.search.textChanged.connect(self._on_filter)
        self.list.clicked.connect(self._on_claim_clicked)
        self.list.activated.connect(self._on_claim_clicked)
        self.wording.editingFinished.connect(self._on_wording_edited)
        self.mentions.itemActivated.connect(self._on_mention_activated)
        self.mentions.itemChanged.connect(self._on_mention_edited)
        self.link_button.clicked.connect(lambda: self._controller.link_selected())
        self.silent_button.clicked.connect(self._on_silent_clicked)
        self.split_button.clicked.connect(self._on_split_clicked)
        self.contradicts_button.clicked.connect(lambda: self._relate(ClaimRelationKind.CONTRADICTS))
        self.detail_button.clicked.connect(
            lambda: self._relate(ClaimRelationKind.SAME_EVENT_DIFFERENT_DETAIL)
        )
        self.merge_button.clicked.connect(self._on_merge_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.accept_contradiction.clicked.connect(lambda: self._controller.accept_offer())
        self.accept_detail.clicked.connect(
            lambda: self._controller.accept_offer(ClaimRelationKind.SAME_EVENT_DIFFERENT_DETAIL)
        )
        self.dismiss_offer.clicked.connect(self._controller.dismiss_offer)
        # controller and session
        self._controller.current_claim_changed.connect(lambda _id: self.refresh())
        self._controller.contradiction_offered.connect(self.show_offer)
        self._session.claims_changed.connect(self._on_claims_changed)
        self._session.visibility_changed.connect(self.refresh)
        self._session.external_change_detected.connect(self._on_external_change)
        self._session.documents_changed.connect(self._on_documents_changed)

    # -- public ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the claim list and the current claim's details."""
        current = self._controller.current_claim_id
        self.model.set_claims(self._controller.claim_rows())
        self._select_in_list(current)
        self._show_current(current)

    def focus_wording(self) -> None:
        self.wording.setFocus()
        self.wording.selectAll()

    def show_offer(self, offer: ContradictionOffer | None) -> None:
        if offer is None:
            self.offer_bar.setVisible(False)
            return
        number = self._session.claim_number(offer.claim_id)
        self.offer_label.setText(
            f"Claim {number}: {offer.other_outlet} says “{offer.other_value}”,"
            f" {offer.outlet} says “{offer.value}”. A contradiction?"
        )
        self.offer_bar.setVisible(True)

    # -- showing -------------------------------------------------------------------------
    def _select_in_list(self, claim_id: str | None) -> None:
        row = self.model.row_of(claim_id) if claim_id else -1
        if row < 0:
            self.list.clearSelection()
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.list.setCurrentIndex(index)

    def _show_current(self, claim_id: str | None) -> None:
        claims = {c.id: c for c in self._session.visible_claims()}
        claim = claims.get(claim_id or "")
        editable = claim is not None and claim.annotator == self._session.annotator
        writable = editable and not self._session.read_only
        for widget in (
            self.wording,
            self.silent_button,
            self.contradicts_button,
            self.detail_button,
            self.merge_button,
            self.delete_button,
            self.split_button,
            self.link_button,
        ):
            widget.setEnabled(writable)
        blocked = self.mentions.blockSignals(True)  # filling is not the user editing values
        self.mentions.clear()
        self.mentions.blockSignals(blocked)
        if claim is None:
            self.heading.setText("No claim selected")
            self.wording.setText("")
            self.meta.setText("Select text and press Ctrl+K to make a claim.")
            self.relations.setText("")
            return
        number = self._session.claim_number(claim.id)
        self.heading.setText(f"Claim {number}")
        if not self.wording.hasFocus():
            self.wording.setText(claim.wording)
        mentions = self._session.store.claims.mentions(claim.id)
        outlets = {m.document_id for m in mentions}
        silent = [
            m.document_id
            for m in self._session.store.claims.silences([claim.annotator])
            if m.claim_id == claim.id
        ]
        meta = f"by {claim.annotator} · {counted(len(mentions), 'mention')} in {counted(len(outlets), 'article')}"
        if silent:
            meta += f" · silent in {', '.join(self._outlet(d) for d in silent)}"
        self.meta.setText(meta)
        for span in mentions:
            text = self._text_of(span.document_id, span.start, span.end)
            item = QTreeWidgetItem([self._outlet(span.document_id), text, span.claim_value])
            item.setData(0, SPAN_ROLE, span.id)
            item.setData(0, DOCUMENT_ROLE, span.document_id)
            item.setToolTip(1, literal(text))
            item.setToolTip(2, "Double-click to change the value this mention carries")
            if writable:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.mentions.addTopLevelItem(item)
        lines = []
        for relation in self._session.store.claims.relations(claim_id=claim.id):
            other = relation.claim_b if relation.claim_a == claim.id else relation.claim_a
            other_claim = claims.get(other)
            if other_claim is None:
                continue
            note = f" ({relation.note})" if relation.note else ""
            lines.append(
                f"{relation_title(relation.kind)} claim {self._session.claim_number(other)}: "
                f"{other_claim.wording}{note}"
            )
        self.relations.setText("\n".join(lines))

    def _outlet(self, document_id: str) -> str:
        return self._names.name(document_id)

    def _text_of(self, document_id: str, start: int, end: int) -> str:
        return self._passages.text_of(document_id, start, end)

    # -- slots -----------------------------------------------------------------------------
    def _on_filter(self, text: str) -> None:
        words = [w for w in text.split() if w]
        self.proxy.setFilterRegularExpression("".join(f"(?=.*{re.escape(w)})" for w in words))

    def _on_claim_clicked(self, index: QModelIndex) -> None:
        claim_id = index.data(CLAIM_ID_ROLE)
        if claim_id:
            self._controller.light(str(claim_id))

    def _on_wording_edited(self) -> None:
        claim_id = self._controller.current_claim_id
        if claim_id and self.wording.text().strip():
            self._controller.rename(claim_id, self.wording.text())

    def _on_mention_activated(self, item: QTreeWidgetItem, column: int) -> None:
        if column == VALUE_COLUMN and item.flags() & Qt.ItemFlag.ItemIsEditable:
            self.mentions.editItem(item, VALUE_COLUMN)
            return
        self.mention_activated.emit(str(item.data(0, DOCUMENT_ROLE)), str(item.data(0, SPAN_ROLE)))

    def _on_mention_edited(self, item: QTreeWidgetItem, column: int) -> None:
        if column != VALUE_COLUMN:
            return
        span_id = str(item.data(0, SPAN_ROLE))
        value = " ".join(item.text(VALUE_COLUMN).split())
        try:
            before = self._session.store.annotations.span(span_id).claim_value
        except NotFoundError:
            return
        if value != before:
            self._controller.set_value(span_id, value)

    def _on_silent_clicked(self) -> None:
        pane = self._controller.active_pane()
        document_id = getattr(pane, "document_id", "") if pane is not None else ""
        self._controller.mark_silent(document_id)

    def _on_split_clicked(self) -> None:
        item = self.mentions.currentItem()
        if item is None:
            self._controller.message_posted.emit("Choose the mention to split off first.")
            return
        self._controller.split_off(str(item.data(0, SPAN_ROLE)))

    def _relate(self, kind: ClaimRelationKind) -> None:
        if self._controller.current_claim_id:
            self._controller.relate(kind, self._controller.current_claim_id)

    def _on_merge_clicked(self) -> None:
        if self._controller.current_claim_id:
            self._controller.merge(self._controller.current_claim_id)

    def _on_delete_clicked(self) -> None:
        if self._controller.current_claim_id:
            self._controller.delete_claim(self._controller.current_claim_id)

    def _on_claims_changed(self, _change: ClaimsChange) -> None:
        current = self._controller.current_claim_id
        if current and current not in {c.id for c in self._session.visible_claims()}:
            self._controller.set_current_claim(None)  # refreshes through the signal
            return
        self.refresh()

    def _on_external_change(self) -> None:
        self._passages.clear()
        self.refresh()

    def _on_documents_changed(self) -> None:
        self._names.clear()
        self._passages.clear()
        if self._controller.current_claim_id:
            self._show_current(self._controller.current_claim_id)
