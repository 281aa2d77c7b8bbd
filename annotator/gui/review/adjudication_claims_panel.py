"""The review window's Claims tab: each annotator's claims in this document, where their
groupings of mentions differ, and a button to accept a claim into gold (with its origin);
below, their relations between claims (contradicts, same event with a different detail),
each accepted into gold the same way."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import GOLD_ANNOTATOR
from annotator.core.plural import counted
from annotator.gui.review.adjudication_colors import status_text_color
from annotator.gui.review.adjudication_commands import AcceptClaimCommand, AcceptRelationCommand
from annotator.gui.session import ProjectSession
from annotator.gui.shell import ui_colors
from annotator.gui.shell.plain_text import literal
from annotator.services.claim_adjudication import (
    ClaimGrouping,
    RelationRow,
    claim_groupings,
    relation_rows,
)

STATUS_ROLE = Qt.ItemDataRole.UserRole  # the Grouping cell keeps its status to recolour it
STATUS_SHOWN = {"agreed": "same grouping", "disagreed": "grouped differently", "single": "only one"}
_STATUS_COLOUR = {"agreed": "agreed", "disagreed": "disagreed", "single": "partial"}


class AdjudicationClaimsPanel(QWidget):
    """Claims with a mention in the current document, compared across annotators."""

    accepted = Signal(str)  # the gold claim's id
    relation_accepted = Signal(str)  # the gold relation's id

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._document_id: str | None = None
        self.rows: list[ClaimGrouping] = []
        self.relation_rows: list[RelationRow] = []
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Annotator", "Claim", "Articles", "Grouping", ""])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # The button column fits its button: a fixed default cut it to "cept into gc".
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.relations_heading = QLabel(self)
        self.relations_heading.setTextFormat(Qt.TextFormat.PlainText)
        self.relations_heading.setWordWrap(True)
        self.relations = QTreeWidget(self)
        self.relations.setHeaderLabels(["Annotator", "Relation", "Note", ""])
        self.relations.setRootIsDecorated(False)
        self.relations.setWordWrap(True)
        header = self.relations.header()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 3)
        layout.addWidget(self.relations_heading)
        layout.addWidget(self.relations, 2)
        session.claims_changed.connect(lambda _change: self.refresh())
        # Status colours are set on the items: a scheme switch sets them again (#13).
        ui_colors.follow(self, lambda _colors: self._recolour())

    def set_document(self, document_id: str | None) -> None:
        self._document_id = document_id
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        self.relations.clear()
        if self._document_id is None:
            self.rows = []
            self.relation_rows = []
            self.summary.setText("")
            self.relations_heading.setText("")
            return
        self.rows = claim_groupings(self._session.store, self._document_id)
        differing = sum(1 for r in self.rows if r.status == "disagreed")
        self.summary.setText(
            f"{counted(len(self.rows), 'claim')} with a mention here; {differing} grouped differently"
            " by another annotator. Accepting a claim copies it, and its mentions, into gold."
            if self.rows
            else "No annotator linked a mention in this document to a claim."
        )
        for row in self.rows:
            self._add(row)
        self.relation_rows = relation_rows(self._session.store, self._document_id)
        in_gold = sum(1 for r in self.relation_rows if r.in_gold)
        self.relations_heading.setText(
            f"Relations between these claims: {len(self.relation_rows)}, {in_gold} in gold."
            " Accepting one also accepts a claim gold lacks."
            if self.relation_rows
            else "No relation between claims mentioned here."
        )
        for relation in self.relation_rows:
            self._add_relation(relation)

    def accept_relation(self, row: RelationRow) -> AcceptRelationCommand:
        command = AcceptRelationCommand(
            self._session, row.relation.id, self._relation_text(row), row.relation.annotator
        )
        self._session.undo_stack.push(command)
        if command.failure is None and command.accepted is not None:
            self.relation_accepted.emit(command.accepted.relation.id)
        return command

    @staticmethod
    def _relation_text(row: RelationRow) -> str:
        return f"“{row.wording_a}” {row.relation.kind.display} “{row.wording_b}”"

    def _add_relation(self, row: RelationRow) -> None:
        text = self._relation_text(row)
        item = QTreeWidgetItem([row.relation.annotator, text, row.relation.note])
        item.setToolTip(1, literal(text))
        item.setToolTip(2, literal(row.relation.note))
        self.relations.addTopLevelItem(item)
        button = QPushButton("In gold" if row.in_gold else "Accept into gold", self.relations)
        button.setEnabled(not row.in_gold and not self._session.read_only)
        button.clicked.connect(lambda _c=False, r=row: self.accept_relation(r))
        self.relations.setItemWidget(item, 3, button)

    def accept(self, row: ClaimGrouping) -> AcceptClaimCommand:
        command = AcceptClaimCommand(
            self._session, row.claim.id, row.claim.wording, row.claim.annotator
        )
        self._session.undo_stack.push(command)
        if command.failure is None and command.accepted is not None:
            self.accepted.emit(command.accepted.gold_claim_id)
        return command

    def _add(self, row: ClaimGrouping) -> None:
        articles = sorted({m.document_id.split("_", 1)[0] for m in row.mentions})
        status = STATUS_SHOWN[row.status]
        detail = "; ".join(row.differs) if row.differs else ", ".join(row.agreed_by)
        item = QTreeWidgetItem(
            [
                row.claim.annotator,
                row.claim.wording,
                ", ".join(articles),
                f"{status}: {detail}" if detail else status,
            ]
        )
        item.setData(3, STATUS_ROLE, _STATUS_COLOUR[row.status])
        item.setForeground(3, QColor(status_text_color(_STATUS_COLOUR[row.status])))
        item.setToolTip(1, literal(row.claim.wording))
        item.setToolTip(3, literal("\n".join(row.differs) or status))
        self.tree.addTopLevelItem(item)
        button = QPushButton("In gold" if row.in_gold else "Accept into gold", self.tree)
        button.setEnabled(
            not row.in_gold
            and not self._session.read_only
            and row.claim.annotator != GOLD_ANNOTATOR
        )
        button.clicked.connect(lambda _c=False, r=row: self.accept(r))
        self.tree.setItemWidget(item, 4, button)

    def _recolour(self) -> None:
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            status = item.data(3, STATUS_ROLE) if item is not None else None
            if item is not None and status:
                item.setForeground(3, QColor(status_text_color(str(status))))
