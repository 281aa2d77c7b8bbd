"""The review window's item list: one row per span item, gold-only span or document stance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from annotator.core.model import Document, Span
from annotator.gui.review.adjudication_colors import (
    STATUS_TEXT,
    STATUSES,
    status_text_color,
)
from annotator.gui.shell import ui_colors
from annotator.gui.shell.plain_text import literal
from annotator.services.adjudication import Comparison, SpanItem, StanceItem

ModelIndex = QModelIndex | QPersistentModelIndex

EXCERPT_CHARS = 48


def _status_icon(status: str, dark: bool) -> QIcon:
    """A small disc in the status colour with a glyph (no resource files needed); drawn at
    twice the size too, so it stays sharp on a high-DPI screen."""
    icon = QIcon()
    for scale in (1, 2):
        icon.addPixmap(_status_pixmap(status, dark, scale))
    return icon


def _status_pixmap(status: str, dark: bool, scale: int) -> QPixmap:
    pixmap = QPixmap(16 * scale, 16 * scale)
    pixmap.setDevicePixelRatio(scale)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    table = ui_colors.DARK if dark else ui_colors.LIGHT
    painter.setBrush(QColor(table.status[status]))
    painter.drawEllipse(1, 1, 14, 14)
    painter.setPen(QColor("#1b1f24" if dark else "white"))  # dark tints are light discs
    font = painter.font()
    font.setPixelSize(11)
    font.setBold(True)
    painter.setFont(font)
    glyph = {"agreed": "✓", "disagreed": "≠", "partial": "½", "gold": "G"}[status]
    painter.drawText(QRectF(0, 0, 16, 16), Qt.AlignmentFlag.AlignCenter, glyph)
    painter.end()
    return pixmap


def _excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _span_text(span: Span) -> str:
    parts = [span.label]
    if span.stance:
        parts.append(span.stance)
    return " · ".join(parts)


def _origin(origin: str) -> str:
    """ "accepted from alice" → "  (alice)": the list says whose version gold took."""
    for prefix in ("accepted from ", "agreed: "):
        if origin.startswith(prefix):
            return f"  ({origin[len(prefix) :]})"
    return f"  ({origin})" if origin else ""


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """One line of the item list: a span item, a document stance, or gold with no source."""

    status: str  # agreed / disagreed / partial / gold
    span_item: SpanItem | None = None
    stance_item: StanceItem | None = None
    gold_span: Span | None = None

    @property
    def key(self) -> tuple[object, ...]:
        """Identifies the row across refreshes (spans change ids when accepted, not extents)."""
        if self.stance_item is not None:
            return ("stance", self.stance_item.target)
        if self.gold_span is not None:
            return ("gold", self.gold_span.id)
        assert self.span_item is not None
        return ("span", self.span_item.start, self.span_item.end, self.span_item.labels)

    @property
    def in_gold(self) -> bool:
        if self.stance_item is not None:
            return self.stance_item.in_gold
        return self.gold_span is not None or bool(self.span_item and self.span_item.in_gold)

    @property
    def extent(self) -> tuple[int, int] | None:
        if self.span_item is not None:
            return self.span_item.start, self.span_item.end
        if self.gold_span is not None:
            return self.gold_span.start, self.gold_span.end
        return None

    def spans_of(self, annotator: str) -> list[Span]:
        if self.span_item is None:
            return []
        return [s for s in self.span_item.spans if s.annotator == annotator]

    def gold_spans(self) -> list[Span]:
        if self.gold_span is not None:
            return [self.gold_span]
        return list(self.span_item.gold) if self.span_item else []

    def as_span_item(self) -> SpanItem | None:
        """The item to reject; a gold-only span stands in for its own item."""
        if self.gold_span is not None:
            g = self.gold_span
            return SpanItem(g.start, g.end, (g,), "partial", (g,))
        return self.span_item


def comparison_rows(comparison: Comparison) -> list[ComparisonRow]:
    """Span items and gold-only spans in document order, then the document stances."""
    rows = [ComparisonRow(item.status, span_item=item) for item in comparison.spans]
    rows += [ComparisonRow("gold", gold_span=g) for g in comparison.gold_only]
    rows.sort(key=lambda r: r.extent or (0, 0))
    rows += [ComparisonRow(item.status, stance_item=item) for item in comparison.stances]
    return rows


class ComparisonItemModel(QAbstractTableModel):
    """The items of one document: status, passage, each annotator's version, gold."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[ComparisonRow] = []
        self._annotators: tuple[str, ...] = ()
        self._text = ""
        self._icons = {
            dark: {status: _status_icon(status, dark) for status in STATUSES}
            for dark in (False, True)
        }

    def set_comparison(self, comparison: Comparison, document: Document) -> None:
        self.beginResetModel()
        self._annotators = comparison.annotators
        self._rows = comparison_rows(comparison)
        self._text = document.text
        self.endResetModel()

    def row(self, index: int) -> ComparisonRow:
        return self._rows[index]

    def rows(self) -> list[ComparisonRow]:
        return list(self._rows)

    @property
    def annotators(self) -> tuple[str, ...]:
        return self._annotators

    # -- Qt model interface ----------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3 + len(self._annotators)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < self.columnCount():
            return None
        names = ["Status", "Passage", *self._annotators, "Gold"]
        return names[section]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        gold_column = 2 + len(self._annotators)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return STATUS_TEXT[row.status]
            if column == 1:
                return self.passage(row)
            if column == gold_column:
                return self._gold_text(row)
            if 2 <= column < gold_column:
                return self._version(row, self._annotators[column - 2])
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._icons[ui_colors.is_dark()][row.status]
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 0:
                return QColor(status_text_color(row.status))
            if (
                2 <= column < gold_column
                and self._version(row, self._annotators[column - 2]) == "—"
            ):
                return QColor(ui_colors.current().faint)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal(self._tooltip(row))  # names from the annotators' files
        return None

    # -- cell texts ------------------------------------------------------------------
    def passage(self, row: ComparisonRow) -> str:
        if row.stance_item is not None:
            return f"Document stance → {row.stance_item.target}"
        extent = row.extent or (0, 0)
        return f"“{_excerpt(self._text[extent[0] : extent[1]])}”"

    def _version(self, row: ComparisonRow, annotator: str) -> str:
        if row.stance_item is not None:
            return row.stance_item.stances.get(annotator, "—")
        spans = row.spans_of(annotator)
        if not spans:
            return "—"
        extent = row.extent
        parts = []
        for span in spans:
            text = _span_text(span)
            if extent is not None and (span.start, span.end) != extent:
                text += f" “{_excerpt(self._text[span.start : span.end], 28)}”"
            parts.append(text)
        return "; ".join(parts)

    def _gold_text(self, row: ComparisonRow) -> str:
        if row.stance_item is not None:
            gold = row.stance_item.gold
            return f"✓ {gold.stance}{_origin(gold.origin)}" if gold is not None else ""
        spans = row.gold_spans()
        return "✓ " + "; ".join(_span_text(s) + _origin(s.origin) for s in spans) if spans else ""

    def _tooltip(self, row: ComparisonRow) -> str:
        lines = [f"{STATUS_TEXT[row.status]}: {self.passage(row)}"]
        for annotator in self._annotators:
            lines.append(f"{annotator}: {self._version(row, annotator)}")
            for span in row.spans_of(annotator):
                if span.note:
                    lines.append(f"    note: {_excerpt(span.note, 80)}")
        if row.stance_item is not None and row.stance_item.gold is not None:
            lines.append(f"gold: {row.stance_item.gold.stance} ({row.stance_item.gold.origin})")
        for gold in row.gold_spans():
            lines.append(f"gold: {_span_text(gold)} ({gold.origin or 'no origin'})")
        return "\n".join(lines)
