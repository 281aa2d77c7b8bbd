"""The project's documents as a list model: title, source and my progress on each.

Lazy, for an archive of 10,000 articles and a million spans: the model reads only the
ids of the documents its filter keeps (title words, outlet, done; in SQL, see
annotator/store/document_filter.py), and the summaries with their counts a page of rows
at a time when a view first asks for a row (views ask only for the rows they show).
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
from annotator.store.document_filter import DocumentFilter

DocumentIdRole = Qt.ItemDataRole.UserRole
TitleRole = Qt.ItemDataRole.UserRole + 1  # the title alone, as a pane's closed chooser shows it
DetailRole = Qt.ItemDataRole.UserRole + 2  # outlet · date · counts: the Documents panel's 2nd line
COUNT_PAGE = 32  # rows whose summaries and span counts are read together: about a screenful
ModelIndex = QModelIndex | QPersistentModelIndex
_ANSWERED = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        TitleRole,
        DetailRole,
    }
)


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
    """One row per document the filter keeps, in project order; UserRole is the document id.

    Windowed: the model holds the ids of its rows (one pass over an index) and reads the
    summaries of a page of COUNT_PAGE rows the first time a view asks for one of them.

    With `rows_at_a_time`, the rows are also handed to the view that many at a time, more as
    it scrolls to the end (canFetchMore / fetchMore): a QListView lays out every row it is
    given, asking the model about each (10,000 calls into Python, 15 ms, on each keystroke
    of a filter). `match_count` is then the number of documents the filter keeps."""

    def __init__(
        self,
        session: ProjectSession,
        parent: QObject | None = None,
        *,
        rows_at_a_time: int | None = None,
    ):
        super().__init__(parent)
        self._session = session
        self._step = rows_at_a_time
        self._fetched = 0  # rows handed to views so far
        self._filter = DocumentFilter(session.annotator)
        self._ids: list[str] = []
        self._row_of: dict[str, int] | None = None  # made when first asked for
        self._pages: dict[int, list[DocumentSummary]] = {}  # page number -> its rows
        self._set_ids(self._read_ids())
        self._icons = {done: _progress_icon(done) for done in (False, True)}
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._session.documents_changed.connect(self.refresh)
        # A span added, removed or changed moves one document's counts only (#15).
        self._session.spans_changed.connect(self._on_spans_changed)
        self._session.external_change_detected.connect(self.refresh)
        self._session.scheme_changed.connect(self.refresh)

    def _read_ids(self) -> list[str]:
        return self._session.store.document_list.ids(self._filter)

    def _set_ids(self, ids: list[str]) -> None:
        self._ids = ids
        self._row_of = None
        self._pages = {}
        self._fetched = len(ids) if self._step is None else min(len(ids), self._step)

    def _page(self, page: int) -> list[DocumentSummary]:
        """The summaries of rows page * COUNT_PAGE onwards, read on first use."""
        rows = self._pages.get(page)
        if rows is None:
            ids = self._ids[page * COUNT_PAGE : (page + 1) * COUNT_PAGE]
            found = self._session.store.document_list.summaries(ids, self._session.annotator)
            # A document deleted since the ids were read shows as its id until the refresh.
            rows = [found.get(i) or DocumentSummary(i, "", "", 0, 0) for i in ids]
            self._pages[page] = rows
        return rows

    # -- filtering -------------------------------------------------------------------
    def document_filter(self) -> DocumentFilter:
        return self._filter

    def set_filter(self, document_filter: DocumentFilter) -> None:
        """Show only the documents `document_filter` keeps (for the session's annotator)."""
        document_filter = replace(document_filter, annotator=self._session.annotator)
        if document_filter == self._filter:
            return
        self.beginResetModel()
        self._filter = document_filter
        self._set_ids(self._read_ids())
        self.endResetModel()

    def _on_spans_changed(self, document_id: str, *_ids: object) -> None:
        """Re-count the spans of `document_id` if its row was read (shown); a row not
        read yet reads its counts when first shown."""
        row = self.row_of(document_id)
        page = self._pages.get(row // COUNT_PAGE) if 0 <= row < self._fetched else None
        if page is None:
            return
        summary = page[row % COUNT_PAGE]
        spans, mine = self._session.store.documents.span_counts(
            document_id, self._session.annotator
        )
        if (spans, mine) == (summary.span_count, summary.my_span_count):
            return
        page[row % COUNT_PAGE] = replace(summary, span_count=spans, my_span_count=mine)
        self.dataChanged.emit(self.index(row), self.index(row))

    # -- reading ---------------------------------------------------------------------
    def summary(self, row: int) -> DocumentSummary:
        return self._page(row // COUNT_PAGE)[row % COUNT_PAGE]

    def row_of(self, document_id: str) -> int:
        """Row of `document_id`, or -1."""
        if self._row_of is None:
            self._row_of = {document_id: row for row, document_id in enumerate(self._ids)}
        return self._row_of.get(document_id, -1)

    def document_ids(self) -> list[str]:
        """Every document the filter keeps, rows not yet handed to a view included."""
        return list(self._ids)

    def match_count(self) -> int:
        return len(self._ids)

    def refresh(self) -> None:
        """Re-read the list; a same-order list only emits dataChanged (keeps selection).
        Only the pages read so far (those shown) are read again."""
        ids = self._read_ids()
        if ids != self._ids:
            self.beginResetModel()
            self._set_ids(ids)
            self.endResetModel()
            return
        old = self._pages
        self._pages = {}
        changed = [
            page * COUNT_PAGE + offset
            for page, rows in sorted(old.items())
            for offset, (before, after) in enumerate(zip(rows, self._page(page), strict=True))
            if before != after
        ]
        if changed:
            self.dataChanged.emit(self.index(min(changed)), self.index(max(changed)))

    # -- Qt model interface ----------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._fetched

    def canFetchMore(self, parent: ModelIndex) -> bool:
        return not parent.isValid() and self._fetched < len(self._ids)

    def fetchMore(self, parent: ModelIndex) -> None:
        if not self.canFetchMore(parent):
            return
        more = min(len(self._ids), self._fetched + (self._step or len(self._ids)))
        self.beginInsertRows(QModelIndex(), self._fetched, more - 1)
        self._fetched = more
        self.endInsertRows()

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row < self._fetched:
            return None
        if role == DocumentIdRole:
            return self._ids[row]  # needs no read: a pane finds its document by id
        if role not in _ANSWERED:
            return None
        summary = self.summary(row)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons[summary.done]
        if role == TitleRole:
            return summary.title or summary.id
        if role == DetailRole:
            return self._detail(summary)
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
    def _detail(summary: DocumentSummary) -> str:
        parts = [summary.source or "No outlet", summary.published]
        if summary.span_count:
            noun = "annotation" if summary.span_count == 1 else "annotations"
            parts.append(f"{summary.span_count:,} {noun} ({summary.my_span_count:,} mine)")
        return " · ".join(part for part in parts if part)

    def _tooltip(self, summary: DocumentSummary) -> str:
        length = self._session.store.documents.length(summary.id)  # a page does not read it
        lines = [
            isolated(summary.title or summary.id),
            f"Source: {isolated(summary.source) if summary.source else '—'}",
            f"Length: {length:,} characters",
            f"Annotations: {summary.span_count} ({summary.my_span_count} mine)",
            "Done (me)" if summary.done else "Not done yet (me)",
        ]
        if summary.published:
            lines.insert(2, f"Published: {isolated(summary.published)}")
        # The title comes from the imported file: never let Qt read it as markup.
        return literal("\n".join(lines))
