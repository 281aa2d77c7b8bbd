"""Filters the annotation table by label, stance, annotator, document and free text; sorts it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from annotator.gui.annotating.annotation_table_model import SORT_ROLE, AnnotationTableModel, Column

# The stance filter value that keeps only spans without a stance (None keeps all).
NO_STANCE = ""


class AnnotationFilterProxy(QSortFilterProxyModel):
    """Each filter is None for "all"; the text filter matches text, note, label, target, title, outlet."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._label: str | None = None
        self._stance: str | None = None
        self._annotator: str | None = None
        self._document: str | None = None
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """As QSortFilterProxyModel, but document order ascending is the table model's own
        order (its spans are kept in that order): the rows are shown as they are, with no
        sort, for a sort through Python comparisons took 40 s with 100,000 annotations."""
        if column == Column.DOCUMENT and order == Qt.SortOrder.AscendingOrder:
            super().sort(-1, order)
            return
        super().sort(column, order)

    def set_label_filter(self, label: str | None) -> None:
        self._change(lambda: setattr(self, "_label", label))

    def set_stance_filter(self, stance: str | None) -> None:
        """A stance name, NO_STANCE for spans without one, or None for all."""
        self._change(lambda: setattr(self, "_stance", stance))

    def set_annotator_filter(self, annotator: str | None) -> None:
        self._change(lambda: setattr(self, "_annotator", annotator))

    def set_document_filter(self, document_id: str | None) -> None:
        self._change(lambda: setattr(self, "_document", document_id))

    def set_text_filter(self, text: str) -> None:
        """Rows containing every whitespace-separated word, case-insensitively."""
        self._change(lambda: setattr(self, "_words", [w.casefold() for w in text.split()]))

    def is_filtered(self) -> bool:
        return bool(
            self._words
            or any(
                v is not None for v in (self._label, self._stance, self._annotator, self._document)
            )
        )

    def _change(self, apply: Callable[[], object]) -> None:
        self.beginFilterChange()
        apply()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        if not isinstance(model, AnnotationTableModel) or source_parent.isValid():
            return True
        span = model.span_at(source_row)
        if self._label is not None and span.label != self._label:
            return False
        if self._stance is not None and (span.stance or NO_STANCE) != self._stance:
            return False
        if self._annotator is not None and span.annotator != self._annotator:
            return False
        if self._document is not None and span.document_id != self._document:
            return False
        if self._words:
            haystack = " ".join(
                (
                    model.text_of(span),
                    span.note,
                    span.label,
                    span.target or "",
                    span.stance or "",
                    model.title_of(span.document_id),
                    model.outlet_of(span.document_id),  # "Guardian" finds that outlet's rows
                )
            ).casefold()
            return all(word in haystack for word in self._words)
        return True
