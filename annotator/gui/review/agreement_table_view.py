"""The agreement window's tables (sorted through a proxy, one look) and the grey notes under them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from annotator.gui.review.agreement_table_model import AgreementTableModel, SortRole


class PinnedSummaryProxy(QSortFilterProxyModel):
    """Sorts rows by SortRole but keeps the summary row (key None, "All labels") on top,
    in either order: sorted among the labels it read as one of them (issue #13)."""

    def lessThan(
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        model = self.sourceModel()
        if isinstance(model, AgreementTableModel):
            left_pinned = model.row_key(left.row()) is None
            right_pinned = model.row_key(right.row()) is None
            if left_pinned != right_pinned:
                ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
                return left_pinned if ascending else right_pinned
        return super().lessThan(left, right)


class AgreementTableView(QTableView):
    """A read-only, sortable view of one `AgreementTableModel`; rows are picked whole."""

    def __init__(self, model: AgreementTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.source_model = model
        self.proxy = PinnedSummaryProxy(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SortRole)
        self.setModel(self.proxy)
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

    def source_row(self, index: QModelIndex | QPersistentModelIndex) -> int:
        """The model row behind a row of this (sorted) view."""
        return self.proxy.mapToSource(index).row()

    def row_key(self, index: QModelIndex | QPersistentModelIndex) -> Any:
        """What the row at `index` leads to (document id, pair, label)."""
        return self.source_model.row_key(self.source_row(index))

    def keys_in_view_order(self) -> list[Any]:
        return [self.row_key(self.proxy.index(row, 0)) for row in range(self.proxy.rowCount())]


def note_label(text: str = "") -> QLabel:
    """A wrapped grey explanation under or over a table."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("tone", "muted")
    return label
