"""The project's documents as a list model: title, source and my progress on each.

Lazy, for an archive of 10,000 articles and a million spans: the list is read without
lengths or span counts (one light query), and the counts are read a page of rows at a
time when the view first asks for a row (views ask only for the rows they show).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen

from annotator.core.model import DocumentSummary
from annotator.gui.session import ProjectSession
from annotator.gui.shell.drawn_icon import drawn_icon
from annotator.gui.shell.plain_text import isolated, literal

DocumentIdRole = Qt.ItemDataRole.UserRole
TitleRole = Qt.ItemDataRole.UserRole + 1  # the title alone, as a pane's closed chooser shows it
COUNT_PAGE = 100  # rows whose span counts are read together: a screenful and more
ModelIndex = QModelIndex | QPersistentModelIndex


def _progress_icon(done: bool) -> QIcon:
    """A green tick disc when done, an empty ring otherwise (no resource files needed)."""

    def paint(painter: QPainter) -> None:
        if done:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#2e7d32"))
            painter.drawEllipse(1, 1, 14, 14)
            tick = QPainterPath(QPointF(4.5, 8.2))
            tick.lineTo(7, 10.8)
            tick.lineTo(11.5, 5.5)
            painter.setPen(QPen(QColor("white"), 1.8))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(tick)
        else:
            painter.setPen(QPen(QColor("#9aa0a6"), 1.4))
            painter.drawEllipse(2, 2, 12, 12)

    return drawn_icon(16, 16, paint)


class DocumentListModel(QAbstractListModel):
    """One row per document, in project order; UserRole is the document id."""

    def __init__(self, session: ProjectSession, parent: QObject | None = None):
        super().__init__(parent)
        self._session = session
        self._rows: list[DocumentSummary] = []
        self._row_of: dict[str, int] = {}
        self._counted: set[int] = set()  # rows whose length and span counts are read
        self._set_rows(session.store.documents.listing(session.annotator))
        self._icons = {done: _progress_icon(done) for done in (False, True)}
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._session.documents_changed.connect(self.refresh)
        # A span added, removed or changed moves one document's counts only (#15).
        self._session.spans_changed.connect(self._on_spans_changed)
        self._session.external_change_detected.connect(self.refresh)
        self._session.scheme_changed.connect(self.refresh)

    def _set_rows(self, rows: list[DocumentSummary]) -> None:
        self._rows = rows
        self._row_of = {summary.id: row for row, summary in enumerate(rows)}
        self._counted = set()

    def _count(self, row: int) -> DocumentSummary:
        """The summary of `row` with its counts, reading those of its page if needed."""
        if row not in self._counted:
            first = row - row % COUNT_PAGE
            self._read_counts(
                [r for r in range(first, min(first + COUNT_PAGE, len(self._rows)))
                 if r not in self._counted]
            )  # fmt: skip
        return self._rows[row]

    def _read_counts(self, rows: list[int]) -> None:
        counts = self._session.store.documents.counts(
            [self._rows[r].id for r in rows], self._session.annotator
        )
        for r in rows:
            length, spans, mine = counts.get(self._rows[r].id, (0, 0, 0))
            self._rows[r] = replace(
                self._rows[r], length=length, span_count=spans, my_span_count=mine
            )
            self._counted.add(r)

    def _on_spans_changed(self, document_id: str, *_ids: object) -> None:
        """Re-count the spans of `document_id` if its row was counted (shown); a row
        not counted yet reads its counts when first shown, as before."""
        row = self._row_of.get(document_id, -1)
        if row < 0 or row not in self._counted:
            return
        spans, mine = self._session.store.documents.span_counts(
            document_id, self._session.annotator
        )
        summary = self._rows[row]
        if (spans, mine) == (summary.span_count, summary.my_span_count):
            return
        self._rows[row] = replace(summary, span_count=spans, my_span_count=mine)
        self.dataChanged.emit(self.index(row), self.index(row))

    # -- reading ---------------------------------------------------------------------
    def summary(self, row: int) -> DocumentSummary:
        return self._count(row)

    def row_of(self, document_id: str) -> int:
        """Row of `document_id`, or -1."""
        return self._row_of.get(document_id, -1)

    def document_ids(self) -> list[str]:
        return [s.id for s in self._rows]

    def refresh(self) -> None:
        """Re-read the list; a same-order list only emits dataChanged (keeps selection).
        Only the rows counted so far (those shown) have their counts read again."""
        rows = self._session.store.documents.listing(self._session.annotator)
        if [s.id for s in rows] == self.document_ids():
            old, counted = self._rows, sorted(self._counted)
            self._set_rows(rows)
            self._read_counts(counted)
            changed = [i for i, (a, b) in enumerate(zip(old, self._rows, strict=True)) if a != b]
            if changed:
                self.dataChanged.emit(self.index(min(changed)), self.index(max(changed)))
            return
        self.beginResetModel()
        self._set_rows(rows)
        self.endResetModel()

    # -- Qt model interface ----------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == DocumentIdRole:
            return self._rows[index.row()].id
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons[self._rows[index.row()].done]
        if role == TitleRole:
            return self._rows[index.row()].title or self._rows[index.row()].id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        summary = self._count(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(summary)
        return self._tooltip(summary)

    @staticmethod
    def title_of(summary: DocumentSummary) -> str:
        title = summary.title or summary.id
        return f"{title} — {summary.source}" if summary.source else title

    def _display(self, summary: DocumentSummary) -> str:
        count = summary.span_count
        if not count:
            return self.title_of(summary)
        noun = "annotation" if count == 1 else "annotations"
        return f"{self.title_of(summary)}  · {count} {noun} ({summary.my_span_count} mine)"

    @staticmethod
    def _tooltip(summary: DocumentSummary) -> str:
        lines = [
            isolated(summary.title or summary.id),
            f"Source: {isolated(summary.source) if summary.source else '—'}",
            f"Length: {summary.length:,} characters",
            f"Annotations: {summary.span_count} ({summary.my_span_count} mine)",
            "Done (me)" if summary.done else "Not done yet (me)",
        ]
        if summary.published:
            lines.insert(2, f"Published: {isolated(summary.published)}")
        # The title comes from the imported file: never let Qt read it as markup.
        return literal("\n".join(lines))
