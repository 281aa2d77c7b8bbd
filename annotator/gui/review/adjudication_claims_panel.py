"""The review window's Claims tab: each annotator's claims in this document, where their
groupings of mentions differ, and a button to accept a claim into gold (with its origin)."""

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
from annotator.gui.review.adjudication_colors import STATUS_COLORS
from annotator.gui.review.adjudication_commands import AcceptClaimCommand
from annotator.gui.session import ProjectSession
from annotator.gui.shell.plain_text import literal
from annotator.services.claim_adjudication import ClaimGrouping, claim_groupings

STATUS_SHOWN = {"agreed": "same grouping", "disagreed": "grouped differently", "single": "only one"}
_STATUS_COLOUR = {"agreed": "agreed", "disagreed": "disagreed", "single": "partial"}


class AdjudicationClaimsPanel(QWidget):
    """Claims with a mention in the current document, compared across annotators."""

    accepted = Signal(str)  # the gold claim's id

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._document_id: str | None = None
        self.rows: list[ClaimGrouping] = []
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
        header.setStretchLastSection(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        session.claims_changed.connect(lambda _change: self.refresh())

    def set_document(self, document_id: str | None) -> None:
        self._document_id = document_id
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        if self._document_id is None:
            self.rows = []
            self.summary.setText("")
            return
        self.rows = claim_groupings(self._session.store, self._document_id)
        differing = sum(1 for r in self.rows if r.status == "disagreed")
        self.summary.setText(
            f"{len(self.rows)} claim(s) with a mention here; {differing} grouped differently"
            " by another annotator. Accepting a claim copies it, and its mentions, into gold."
            if self.rows
            else "No annotator linked a mention in this document to a claim."
        )
        for row in self.rows:
            self._add(row)

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
        item.setForeground(3, QColor(STATUS_COLORS[_STATUS_COLOUR[row.status]]))
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
