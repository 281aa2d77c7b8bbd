"""The agreement window's tables (sorted by their models, one look) and the grey notes under them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from annotator.gui.review.agreement_table_model import AgreementTableModel


class AgreementTableView(QTableView):
    """A read-only, sortable view of one `AgreementTableModel`; rows are picked whole."""

    def __init__(self, model: AgreementTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.source_model = model
        self.setModel(model)  # the model sorts itself (header clicks call its sort)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(28)
        self.setShowGrid(False)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def row_key(self, index: QModelIndex | QPersistentModelIndex) -> Any:
        """What the row at `index` leads to (document id, pair, label)."""
        return self.source_model.row_key(index.row())

    def keys_in_view_order(self) -> list[Any]:
        return self.source_model.keys()


def note_label(text: str = "") -> QLabel:
    """A wrapped grey explanation under or over a table."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("tone", "muted")
    return label
