# Over 400 lines: the Qt model API, its columns and the row-by-row updates of both row
# layouts are one model; the layouts themselves are in annotation_rows.py.
"""Every visible annotation across all documents as one table row (the annotation list's model).

Filtered and sorted in SQL and read a window at a time (annotation_rows.py): opening an
archive of a million spans builds only the rows on screen (#15). Span additions, removals
and edits arrive as `spans_changed` and are applied row by row so selection and scroll
position survive typing a note; anything that can change which spans are visible or what
their names mean (scheme, visibility, documents, another process) resets.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict
from dataclasses import replace
from enum import IntEnum
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon

from annotator.core.errors import NotFoundError
from annotator.core.model import Span
from annotator.gui.annotating.annotation_rows import DocumentRows, SortedRows, plan_changes
from annotator.gui.annotating.label_palette import swatch_icon
from annotator.gui.session import ProjectSession
from annotator.gui.shell.plain_text import literal
from annotator.store.span_listing import SpanFilter

SPAN_ID_ROLE = Qt.ItemDataRole.UserRole
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

NO_VALUE = "—"
TEXT_PREVIEW_LIMIT = 160
TOOLTIP_LIMIT = 1200

_Index = QModelIndex | QPersistentModelIndex
TEXTS_CACHED = 64  # documents whose text is kept for the Text column
FEW = 50  # changes applied span by span to a document whose rows are read
MANY = 2000  # changed rows past which a reset is cheaper than row-by-row signals
# The stance filter value that keeps only spans without a stance (None keeps all).
NO_STANCE = ""


_ANSWERED_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ForegroundRole,
        SPAN_ID_ROLE,
        DOCUMENT_ID_ROLE,
        SORT_ROLE,
    }
)

_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


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


_COLUMNS = tuple(Column)  # by number, without an enum call per painted cell

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
    """Rows are the visible spans the filters keep, in document order unless sorted by
    another column (`sort`); see `Column` for the columns."""

    counts_changed = Signal()  # rows shown or the unfiltered total changed

    def __init__(self, session: ProjectSession, parent: QObject | None = None):
        super().__init__(parent)
        self._session = session
        self._listing = session.store.span_listing
        self._filter = SpanFilter()  # the list's own filters; visibility is added per query
        self._sort_column = int(Column.DOCUMENT)
        self._descending = False
        self._rows: DocumentRows | SortedRows = DocumentRows(self._listing, SpanFilter(), [], {})
        self._visible: dict[str, int] = {}  # document id -> visible spans, unfiltered
        self._titles: dict[str, str] = {}
        self._outlets: dict[str, str] = {}  # document id -> source (the outlet)
        self._claims: dict[str, tuple[int, str]] = {}  # claim id -> (number, wording)
        self._order: list[str] = []  # document ids in list order
        self._texts: OrderedDict[str, str] = OrderedDict()  # a few: documents can be long
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

    # -- filtering and sorting -----------------------------------------------------------
    def set_label_filter(self, label: str | None) -> None:
        self._set_filter(label=label)

    def set_stance_filter(self, stance: str | None) -> None:
        """A stance name, NO_STANCE for spans without one, or None for all."""
        self._set_filter(stance=stance)

    def set_annotator_filter(self, annotator: str | None) -> None:
        self._set_filter(annotator=annotator)

    def set_document_filter(self, document_id: str | None) -> None:
        self._set_filter(document_id=document_id)

    def set_text_filter(self, text: str) -> None:
        """Rows containing every whitespace-separated word, case-insensitively, in their
        text, note, label, target, stance, document title or outlet."""
        self._set_filter(words=tuple(w.casefold() for w in text.split()))

    def is_filtered(self) -> bool:
        return self._filter.narrows()

    def _set_filter(self, **changes: Any) -> None:
        wanted = replace(self._filter, **changes)
        if wanted != self._filter:
            self._filter = wanted
            self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted by SQLite; document order (either way) needs no sort at all."""
        column = int(Column.DOCUMENT) if column < 0 else column
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) != (self._sort_column, self._descending):
            self._sort_column, self._descending = column, descending
            self.reload()

    def sort_column(self) -> int:
        return self._sort_column

    def total_count(self) -> int:
        """Every visible annotation, whatever the filters keep."""
        return sum(self._visible.values())

    # -- reading -----------------------------------------------------------------------
    def span_at(self, row: int) -> Span:
        span = self._rows.span_at(row)
        if span is None:
            raise IndexError(row)
        return span

    def row_of(self, span_id: str) -> int:
        """The row showing `span_id`, or -1: one indexed look-up and the spans of its
        document (in document order), or a dict (sorted by another column)."""
        return self._rows.row_of(span_id)

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
            if len(self._texts) > TEXTS_CACHED:
                self._texts.popitem(last=False)
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
        return [(i, self.title_of(i)) for i in self._order]

    # -- Qt model API ------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else self._rows.total

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
        # Asked once per painted cell: combining the enum flags each time cost a fifth of
        # the list's repaint.
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A painted cell asks for a dozen roles (font, alignment, check state...): those
        # this model never answers return before a row is looked up (every row inserted by
        # an add, undo or redo repaints the rows below it).
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        span = self._rows.span_at(index.row())
        if span is None:
            return None
        column = _COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(span, column)
        if role == SPAN_ID_ROLE:
            return span.id
        if role == DOCUMENT_ID_ROLE:
            return span.document_id
        if role == SORT_ROLE:
            return self._display(span, column).casefold()
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._tooltip(span, column)  # passages, notes, titles, claims: from files
            return None if tip is None else literal(tip)
        if role == Qt.ItemDataRole.DecorationRole and column == Column.LABEL:
            return self._swatch(self._session.scheme.color_of(span.label))
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.STANCE and span.stance:
            return self._stance_color(span.stance)
        return None

    def paint_key(self, index: _Index) -> tuple[object, ...] | None:
        """Everything a cell's picture shows: its text, swatch and text colour (what
        `data` answers for the painted roles), for CachedCellDelegate."""
        span = self._rows.span_at(index.row())
        if span is None:
            return None
        column = _COLUMNS[index.column()]
        swatch = self._session.scheme.color_of(span.label) if column == Column.LABEL else None
        stance = span.stance if column == Column.STANCE else None
        return (self._display(span, column), swatch, stance and self._stance_name_color(stance))

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
        name = self._stance_name_color(stance)
        return None if name is None else QColor(name)

    def _stance_name_color(self, stance: str) -> str | None:
        for item in self._session.scheme.stances:
            if item.name == stance:
                return item.color
        return None

    # -- refreshing --------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read everything (scheme, visibility, documents, filters or sort changed)."""
        self.beginResetModel()
        self._load()
        self.endResetModel()
        self.counts_changed.emit()

    def _query(self) -> SpanFilter:
        visible = self._session.visible_annotators()
        return replace(self._filter, annotators=None if visible is None else tuple(visible))

    def _load(self) -> None:
        documents = self._listing.document_order()
        self._order = [d[0] for d in documents]
        self._titles = {d[0]: d[1] for d in documents}
        self._outlets = {d[0]: d[2] for d in documents}
        self._texts.clear()
        self._read_claims()
        query = self._query()
        self._visible = self._listing.counts(
            replace(query, words=(), label=None, stance=None, annotator=None, document_id=None)
        )
        self._rows = self._layout(query)

    def _layout(self, query: SpanFilter) -> DocumentRows | SortedRows:
        if self._sort_column == Column.DOCUMENT:
            counts = self._visible if not query.narrows() else self._listing.counts(query)
            return DocumentRows(
                self._listing, query, self._order, counts, descending=self._descending
            )
        key = Column(self._sort_column).name.lower()
        return SortedRows(
            self._listing, self._listing.sorted_rowids(query, key, descending=self._descending)
        )

    def _on_spans_changed(
        self, document_id: str, added: list[str], removed: list[str], changed: list[str]
    ) -> None:
        rows = self._rows
        if document_id not in self._titles:
            self.reload()
            return
        visible = SpanFilter(annotators=self._query().annotators, document_id=document_id)
        self._visible[document_id] = self._listing.counts(visible).get(document_id, 0)
        if isinstance(rows, DocumentRows):
            old = rows.cached(document_id)
            if old is None:
                self._recount_document(rows, document_id, bool(changed), visible)
            elif len(added) + len(removed) + len(changed) <= FEW:
                self._patch_document(rows, document_id, old, added, removed, changed)
            else:
                self._update_document(rows, document_id, set(changed), bool(removed))
        else:
            self._update_sorted(rows, set(changed))
        self.counts_changed.emit()

    def _recount_document(
        self, rows: DocumentRows, document_id: str, changed: bool, visible: SpanFilter
    ) -> None:
        """A change to a document whose rows were never read (not shown, or the list is
        behind another tab): only its number of rows changes; they are read when shown.
        Reading them all made every add build the document's 5,000 Spans (#15: 17 ms).
        `visible` is the filter `self._visible[document_id]` was just counted with."""
        k = rows.index[document_id]
        counted = replace(rows.query, document_id=document_id)
        if rows.query.document_id not in (None, document_id):
            new = 0
        elif counted == visible:  # the list filters nothing: counted already
            new = self._visible[document_id]
        else:
            new = self._listing.counts(counted).get(document_id, 0)
        old, base, total = rows.counts[k], rows.starts()[k], rows.total
        if new > old:  # rows added at the end of the document's block
            first = total - base - old if rows.descending else base + old
            self.beginInsertRows(QModelIndex(), first, first + new - old - 1)
            rows.counted(k, new - old)
            self.endInsertRows()
        elif new < old:  # rows taken from the end of the document's block
            first = total - base - old if rows.descending else base + new
            self.beginRemoveRows(QModelIndex(), first, first + old - new - 1)
            rows.counted(k, new - old)
            self.endRemoveRows()
        if changed and new:  # a row shown from a read since forgotten is painted afresh
            start = rows.starts()[k]
            ends = (rows.display_row(start), rows.display_row(start + new - 1))
            self.dataChanged.emit(self.index(min(ends), 0), self.index(max(ends), len(Column) - 1))

    def _update_document(
        self, rows: DocumentRows, document_id: str, changed: set[str], removed: bool
    ) -> None:
        """Apply a change to one document's rows: what it shows now against what it showed
        (known when its spans were read; otherwise its rows are replaced)."""
        k = rows.index[document_id]
        old = rows.cached(document_id)
        if old is None and not rows.counts[k]:
            old = []
        new = self._listing.document_spans(document_id, rows.query)
        if old is None:
            kept: set[str]
            removes, inserts, kept = (
                list(range(rows.counts[k] - 1, -1, -1)),
                list(range(len(new))),
                set(),
            )
            current: list[Span | None] = [None] * rows.counts[k]
        else:
            removes, inserts, kept = plan_changes([s.id for s in old], [s.id for s in new], changed)
            current = list(old)
        if len(removes) + len(inserts) > MANY:
            self.reload()
            return
        base = rows.starts()[k]
        rows.keep(document_id, current)  # type: ignore[arg-type]  # filled in below
        for i in removes:
            row = rows.display_row(base + i)
            self.beginRemoveRows(QModelIndex(), row, row)
            del current[i]
            rows.counted(k, -1)
            self.endRemoveRows()
        for j in inserts:
            row = rows.total - (base + j) if rows.descending else base + j
            self.beginInsertRows(QModelIndex(), row, row)
            current.insert(j, new[j])
            rows.counted(k, +1)
            self.endInsertRows()
        rows.keep(document_id, new)
        for j, span in enumerate(new):
            if span.id in changed and span.id in kept:
                row = rows.display_row(base + j)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def _patch_document(
        self,
        rows: DocumentRows,
        document_id: str,
        old: list[Span],
        added: list[str],
        removed: list[str],
        changed: list[str],
    ) -> None:
        """A few changes to a document whose rows are read: only the spans that changed are
        read, by id, and placed by bisection in reading order. Reading the whole document
        again made every add, undo and redo build 5,000 Spans (#15)."""
        k = rows.index[document_id]
        fresh = {s.id: s for s in self._listing.spans_with_ids([*added, *changed], rows.query)}
        current = list(old)
        ids = list(map(attrgetter("id"), current))
        edited: list[Span] = []  # shown before and after, in the same place
        leaving = set(removed)
        for span_id in changed:
            span = fresh.get(span_id)
            if span_id not in ids:
                continue  # newly shown: inserted below
            i = ids.index(span_id)
            if span is None or (span.start, span.end) != (current[i].start, current[i].end):
                leaving.add(span_id)  # hidden now, or moved in reading order
            else:
                edited.append(span)
        base = rows.starts()[k]
        rows.keep(document_id, current)
        for i in sorted((ids.index(x) for x in leaving if x in ids), reverse=True):
            row = rows.display_row(base + i)
            self.beginRemoveRows(QModelIndex(), row, row)
            del current[i]
            rows.counted(k, -1)
            self.endRemoveRows()
        shown = set(map(attrgetter("id"), current))
        for span in sorted(fresh.values(), key=_reading_order):
            if span.id in shown:
                continue
            j = bisect_left(current, _reading_order(span), key=_reading_order)
            row = rows.total - (base + j) if rows.descending else base + j
            self.beginInsertRows(QModelIndex(), row, row)
            current.insert(j, span)
            rows.counted(k, +1)
            self.endInsertRows()
        for span in edited:
            j = bisect_left(current, _reading_order(span), key=_reading_order)
            current[j] = span
            row = rows.display_row(base + j)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def _update_sorted(self, rows: SortedRows, changed: set[str]) -> None:
        """Sorted by another column: read the order again and move only what moved."""
        key = Column(self._sort_column).name.lower()
        new = self._listing.sorted_rowids(self._query(), key, descending=self._descending)
        moved = {r for r in map(self._listing.rowid_of, changed) if r is not None}
        removes, inserts, kept = plan_changes(rows.rowids, new, moved)
        if len(removes) + len(inserts) > MANY:
            self.reload()
            return
        current = rows.rowids
        for i in removes:
            self.beginRemoveRows(QModelIndex(), i, i)
            del current[i]
            rows.changed()
            self.endRemoveRows()
        for j in inserts:
            self.beginInsertRows(QModelIndex(), j, j)
            current.insert(j, new[j])
            rows.changed()
            self.endInsertRows()
        rows.changed()
        for rowid in moved & kept:
            row = rows.row_of_rowid(rowid)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def _on_documents_changed(self) -> None:
        # Emitted for metadata and done flags too, so only reset when the list itself changed.
        documents = self._listing.document_order()
        if [d[0] for d in documents] != self._order:
            self.reload()
            return
        titles = {d[0]: d[1] for d in documents}
        outlets = {d[0]: d[2] for d in documents}
        if (titles, outlets) == (self._titles, self._outlets):
            return
        if self._filter.words or self._sort_column in (Column.OUTLET,):
            self.reload()  # the text filter looks at titles and outlets; the sort may too
            return
        self._titles, self._outlets = titles, outlets
        if self._rows.total:
            self.dataChanged.emit(
                self.index(0, Column.DOCUMENT),
                self.index(self._rows.total - 1, Column.OUTLET),
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
        for span_id in self._listing.linked_span_ids(sorted(changed)):
            row = self.row_of(span_id)
            if row >= 0:
                index = self.index(row, Column.CLAIM)
                self.dataChanged.emit(index, index)

    def _on_external_change(self) -> None:
        self.reload()


def _reading_order(span: Span) -> tuple[int, int, str]:
    """The order of a document's rows (`SpanListing.document_spans`)."""
    return (span.start, span.end, span.id)
