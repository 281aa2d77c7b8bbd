"""The project's claims as a list (numbered badge, wording, how many articles make it).

Fed whole by the claims dock and the claim picker (`set_claims`); a claim list is short
(hundreds at most), so a reset per change is cheap and keeps the model simple.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.core.claims.model import Claim
from annotator.core.plural import counted
from annotator.gui.reading.claim_marks import claim_colour
from annotator.gui.shell.plain_text import literal

CLAIM_ID_ROLE = Qt.ItemDataRole.UserRole
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One claim as listed: its number (badge), mentions and the articles that make it."""

    claim: Claim
    number: int
    mentions: int = 0
    articles: int = 0


class ClaimListModel(QAbstractListModel):
    """Rows are claims in their numbered order."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[ClaimRow] = []

    def set_claims(self, rows: list[ClaimRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ClaimRow:
        return self._rows[row]

    def row_of(self, claim_id: str) -> int:
        for row, item in enumerate(self._rows):
            if item.claim.id == claim_id:
                return row
        return -1

    # -- Qt model API ------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.number}  {item.claim.wording}"
        if role == Qt.ItemDataRole.ToolTipRole:
            made = "no article" if not item.articles else f"{counted(item.articles, 'article')}"
            return literal(
                f"{item.claim.wording}\n{counted(item.mentions, 'mention')} in {made}"
                f" · by {item.claim.annotator}"
            )
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(claim_colour(item.number))
        if role == CLAIM_ID_ROLE:
            return item.claim.id
        if role == NUMBER_ROLE:
            return item.number
        if role == SEARCH_ROLE:
            return f"{item.number} {item.claim.wording}"
        return None
