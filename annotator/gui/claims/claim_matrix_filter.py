"""The claim matrix's filters: rows by claim words, stance and contradiction; columns by article."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from annotator.gui.claims.claim_matrix_model import (
    CONTRADICTED_ROLE,
    FIRST_ARTICLE_COLUMN,
    SORT_ROLE,
    STANCES_ROLE,
    ClaimMatrixModel,
)

ALL = ""  # a filter that keeps everything

_Index = QModelIndex | QPersistentModelIndex


class MatrixFilterProxy(QSortFilterProxyModel):
    """Rows by claim words, stance (in any shown article) and contradiction; columns by outlet."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._words: list[str] = []
        self._document: str = ALL
        self._stance: str = ALL
        self._contradictions_only = False
        self.setSortRole(SORT_ROLE)

    def set_filters(
        self, words: str, document: str, stance: str, contradictions_only: bool
    ) -> None:
        self.beginFilterChange()
        self._words = [w.lower() for w in words.split() if w]
        self._document = document
        self._stance = stance
        self._contradictions_only = contradictions_only
        self.endFilterChange()

    def filterAcceptsColumn(self, source_column: int, source_parent: _Index) -> bool:
        if source_column < FIRST_ARTICLE_COLUMN or not self._document:
            return True
        return self._column_document(source_column) == self._document

    def _column_document(self, source_column: int) -> str:
        model = self.sourceModel()
        assert isinstance(model, ClaimMatrixModel)
        return model.document_of(source_column)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        claim_index = model.index(source_row, 0, source_parent)
        wording = str(claim_index.data(Qt.ItemDataRole.DisplayRole) or "").lower()
        if any(not re.search(re.escape(w), wording) for w in self._words):
            return False
        columns = [
            c
            for c in range(FIRST_ARTICLE_COLUMN, model.columnCount())
            if not self._document or self._column_document(c) == self._document
        ]
        if self._contradictions_only and not claim_index.data(CONTRADICTED_ROLE):
            return False
        if self._stance:
            stances = set()
            for column in columns:
                stances.update(model.index(source_row, column, source_parent).data(STANCES_ROLE))
            if self._stance not in stances:
                return False
        return True
