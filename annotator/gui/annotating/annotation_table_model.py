"""Every visible annotation across all documents as one table row (the annotation list's model).

Span additions, removals and edits arrive as `spans_changed` and are applied row by row so
selection and scroll position survive typing a note; anything that can change which spans are
visible or what their names mean (scheme, visibility, documents, another process) resets.
"""

from __future__ import annotations

from bisect import bisect_left
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QIcon

from annotator.core.errors import NotFoundError
from annotator.core.model import Span
from annotator.gui.annotating.label_palette import swatch_icon
from annotator.gui.session import ProjectSession
from annotator.gui.shell.plain_text import literal

SPAN_ID_ROLE = Qt.ItemDataRole.UserRole
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

NO_VALUE = "—"
TEXT_PREVIEW_LIMIT = 160
TOOLTIP_LIMIT = 1200

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    DOCUMENT = 0
    OUTLET = 1
    LABEL = 2
    TEXT = 3
    CLAIM = 4
    STANCE = 5
    TARGET = 6
    ANNOTATOR = 7
    NOTE = 8


HEADERS = {
    Column.DOCUMENT: "Document",
    Column.OUTLET: "Outlet",
    Column.LABEL: "Label",
    Column.TEXT: "Text",
    Column.CLAIM: "Claim",
    Column.STANCE: "Stance",
    Column.TARGET: "Target",
    Column.ANNOTATOR: "Annotator",
    Column.NOTE: "Note",
}


def one_line(text: str, limit: int = TEXT_PREVIEW_LIMIT) -> str:
    """`text` with every run of whitespace (line breaks too) as one space, cut with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return one_line(line)
    return ""


class AnnotationTableModel(QAbstractTableModel):
    """Rows are `session.visible_spans()` in document order; see `Column` for the columns."""

    def __init__(self, session: ProjectSession, parent: QObject | None = None):
        super().__init__(parent)
        self._session = session
        self._spans: list[Span] = []  # sorted by `_key`: rows are found by bisection
        self._by_id: dict[str, Span] = {}  # the span each row shows, by id (for its key)
        self._titles: dict[str, str] = {}
        self._outlets: dict[str, str] = {}  # document id -> source (the outlet)
        self._claims: dict[str, tuple[int, str]] = {}  # claim id -> (number, wording)
        self._order: dict[str, int] = {}  # document id -> position in the document list
        self._texts: dict[str, str] = {}  # loaded lazily: documents can be long
        self._swatches: dict[str, QIcon] = {}
        self._load()
        self._connect_signals()

    def _connect_signals(self) -> None:
        session = self._session
        session.spans_changed.connect(self._on_spans_changed)
        session.documents_changed.connect(self._on_documents_changed)
        session.scheme_changed.connect(self.reload)
        session.visibility_changed.connect(self.reload)
        session.external_change_detected.connect(self._on_external_change)
        session.claims_changed.connect(self._on_claims_changed)

    # -- reading -----------------------------------------------------------------------
    def span_at(self, row: int) -> Span:
        return self._spans[row]

    def row_of(self, span_id: str) -> int:
        """The row showing `span_id`, or -1. O(log n): every add, undo and redo asks, and a
        scan of 100,000 rows per keystroke was the largest part of labelling a passage."""
        span = self._by_id.get(span_id)
        if span is None:
            return -1
        spans = self._spans
        row = bisect_left(spans, self._key(span), key=self._key)
        if row < len(spans) and spans[row].id == span_id:
            return row
        # Only if the stored order ever disagreed with `_key` (documents sharing a position).
        return next((r for r, s in enumerate(spans) if s.id == span_id), -1)

    def title_of(self, document_id: str) -> str:
        return self._titles.get(document_id) or document_id

    def outlet_of(self, document_id: str) -> str:
        """The document's source (its outlet), "" when it has none."""
        return self._outlets.get(document_id, "")

    def text_of(self, span: Span) -> str:
        """The annotated passage (code-point offsets into the cached document text)."""
        text = self._texts.get(span.document_id)
        if text is None:
            try:
                text = self._session.document(span.document_id).text
            except NotFoundError:
                text = ""
            self._texts[span.document_id] = text
        return text[span.start : span.end]

    def claim_of(self, span: Span) -> str:
        """ "2 · Experts signed the letter (more than 160)", or "" for an unlinked span."""
        if span.claim is None or span.claim not in self._claims:
            return ""
        number, wording = self._claims[span.claim]
        value = f" ({span.claim_value})" if span.claim_value else ""
        return f"{number} · {one_line(wording, 80)}{value}"

    def documents(self) -> list[tuple[str, str]]:
        """(id, title) of every document, in list order, for filter menus."""
        return sorted(((i, self.title_of(i)) for i in self._order), key=lambda d: self._order[d[0]])

    # -- Qt model API ------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._spans)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(Column):
            return HEADERS[Column(section)]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._spans):
            return None
        span = self._spans[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(span, column)
        if role == SPAN_ID_ROLE:
            return span.id
        if role == DOCUMENT_ID_ROLE:
            return span.document_id
        if role == SORT_ROLE:
            return self._sort_key(span, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._tooltip(span, column)  # passages, notes, titles, claims: from files
            return None if tip is None else literal(tip)
        if role == Qt.ItemDataRole.DecorationRole and column == Column.LABEL:
            return self._swatch(self._session.scheme.color_of(span.label))
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.STANCE and span.stance:
            return self._stance_color(span.stance)
        return None

    def _display(self, span: Span, column: Column) -> str:
        if column == Column.DOCUMENT:
            return self.title_of(span.document_id)
        if column == Column.OUTLET:
            return self._outlets.get(span.document_id, "")
        if column == Column.LABEL:
            return span.label
        if column == Column.TEXT:
            return one_line(self.text_of(span))
        if column == Column.CLAIM:
            return self.claim_of(span)
        if column == Column.STANCE:
            return span.stance or NO_VALUE
        if column == Column.TARGET:
            return span.target or NO_VALUE
        if column == Column.ANNOTATOR:
            return span.annotator
        return first_line(span.note)

    def _sort_key(self, span: Span, column: Column) -> Any:
        if column == Column.DOCUMENT:
            # Document order, then reading order inside it.
            return (self._order.get(span.document_id, 0) << 32) + span.start
        if column in (Column.STANCE, Column.TARGET) and not getattr(span, column.name.lower()):
            return "\uffff"  # "none" sorts last
        return self._display(span, column).casefold()

    def _tooltip(self, span: Span, column: Column) -> str | None:
        if column == Column.TEXT:
            return one_line(self.text_of(span), TOOLTIP_LIMIT)
        if column == Column.NOTE and span.note:
            note = span.note
            return note if len(note) <= TOOLTIP_LIMIT else note[: TOOLTIP_LIMIT - 1] + "…"
        if column == Column.DOCUMENT:
            return self.title_of(span.document_id)
        if column == Column.CLAIM and span.claim in self._claims:
            return self.claim_of(span)  # data() makes every tooltip literal
        return None

    def _swatch(self, color: str) -> QIcon:
        if color not in self._swatches:
            self._swatches[color] = swatch_icon(color)
        return self._swatches[color]

    def _stance_color(self, stance: str) -> QColor | None:
        for item in self._session.scheme.stances:
            if item.name == stance:
                return QColor(item.color)
        return None

    # -- refreshing --------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read everything (scheme, visibility or documents changed)."""
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def _load(self) -> None:
        summaries = self._session.store.documents.listing()  # titles only: no counts
        self._titles = {s.id: s.title for s in summaries}
        self._outlets = {s.id: s.source for s in summaries}
        self._order = {s.id: position for position, s in enumerate(summaries)}
        self._texts.clear()
        self._read_claims()
        self._spans = self._session.visible_spans()
        self._by_id = {s.id: s for s in self._spans}

    def _key(self, span: Span) -> tuple[int, int, int, str]:
        return (self._order.get(span.document_id, len(self._order)), span.start, span.end, span.id)

    def _on_spans_changed(
        self, document_id: str, added: list[str], removed: list[str], changed: list[str]
    ) -> None:
        if document_id not in self._order:
            self.reload()
            return
        for span_id in removed:
            self._remove(span_id)
        for span_id in changed:
            self._update(span_id)
        for span_id in added:
            self._insert(span_id)

    def _read(self, span_id: str) -> Span | None:
        """The stored span if this session shows it."""
        try:
            span = self._session.store.annotations.span(span_id)
        except NotFoundError:
            return None
        annotators = self._session.visible_annotators()
        return span if annotators is None or span.annotator in annotators else None

    def _remove(self, span_id: str) -> None:
        row = self.row_of(span_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._spans[row]
            del self._by_id[span_id]
            self.endRemoveRows()

    def _insert(self, span_id: str) -> None:
        span = self._read(span_id)
        if span is None or self.row_of(span_id) >= 0:
            return
        row = bisect_left(self._spans, self._key(span), key=self._key)  # O(log n) keys
        self.beginInsertRows(QModelIndex(), row, row)
        self._spans.insert(row, span)
        self._by_id[span_id] = span
        self.endInsertRows()

    def _update(self, span_id: str) -> None:
        row = self.row_of(span_id)
        span = self._read(span_id)
        if row < 0 or span is None:
            # Not shown before, or no longer there: treat as an add or a removal.
            self._remove(span_id)
            if span is not None:
                self._insert(span_id)
            return
        if (span.start, span.end) != (self._spans[row].start, self._spans[row].end):
            # Resized: its place in reading order may have moved.
            self._remove(span_id)
            self._insert(span_id)
            return
        self._spans[row] = span
        self._by_id[span_id] = span
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def _on_documents_changed(self) -> None:
        # Emitted after every span add/delete too, so only reset when the list itself changed.
        summaries = self._session.store.documents.listing()  # titles only: no counts
        order = {s.id: position for position, s in enumerate(summaries)}
        if order != self._order:
            self.reload()
            return
        titles = {s.id: s.title for s in summaries}
        outlets = {s.id: s.source for s in summaries}
        if (titles, outlets) != (self._titles, self._outlets):
            self._titles, self._outlets = titles, outlets
            if self._spans:
                self.dataChanged.emit(
                    self.index(0, Column.DOCUMENT),
                    self.index(len(self._spans) - 1, Column.OUTLET),
                )

    def _read_claims(self) -> None:
        self._claims = {
            c.id: (self._session.claim_number(c.id), c.wording)
            for c in self._session.visible_claims()
        }

    def _on_claims_changed(self, _change: object) -> None:
        # A rename or a renumbering shows in every row linked to that claim; links arrive as
        # span changes. Only rows whose claim reads differently are announced: a link to an
        # existing claim (the common case) re-filters nothing.
        before = self._claims
        self._read_claims()
        after = self._claims
        changed = {c for c in before.keys() | after.keys() if before.get(c) != after.get(c)}
        if not changed:
            return
        for row, span in enumerate(self._spans):
            if span.claim in changed:
                index = self.index(row, Column.CLAIM)
                self.dataChanged.emit(index, index)

    def _on_external_change(self) -> None:
        self.reload()
