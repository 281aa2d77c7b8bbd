"""The claim matrix as a Qt table: rows are claims, columns articles (titled by outlet).

A cell is *made* (the article has a mention: its value and stance shown), *silent*
(the analyst read it and marked it as not making the claim), *not made* (the article
is marked done and has no mention: an omission) or *unknown* (not done, no mention).
A ⚡ marks a made cell whose claim contradicts another claim made elsewhere. Derived
articles (rewrites, commentaries) sit right after their source, marked ↳, so one story
is not read as several independent confirmations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from annotator.core.claims.model import ClaimRelationKind
from annotator.core.model import Span
from annotator.gui.reading.claim_marks import claim_colour
from annotator.gui.reading.plain_tooltip import plain_tooltip
from annotator.gui.session import ProjectSession

CLAIM_ID_ROLE = Qt.ItemDataRole.UserRole
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SPAN_ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATE_ROLE = Qt.ItemDataRole.UserRole + 3
SORT_ROLE = Qt.ItemDataRole.UserRole + 4
CONTRADICTED_ROLE = Qt.ItemDataRole.UserRole + 5
STANCES_ROLE = Qt.ItemDataRole.UserRole + 6

_Index = QModelIndex | QPersistentModelIndex


class CellState(StrEnum):
    MADE = "made"
    SILENT = "silent"
    NOT_MADE = "not made"
    UNKNOWN = "unknown"


_BACKGROUND = {
    CellState.MADE: QColor("#e6f4ea"),
    CellState.SILENT: QColor("#f1f3f4"),
    CellState.NOT_MADE: QColor("#fce8e6"),
    CellState.UNKNOWN: QColor("#ffffff"),
}
_FOREGROUND = {
    CellState.MADE: QColor("#137333"),
    CellState.SILENT: QColor("#5f6368"),
    CellState.NOT_MADE: QColor("#a50e0e"),
    CellState.UNKNOWN: QColor("#9aa0a6"),
}
CONTRADICTION_COLOUR = QColor("#b3261e")


@dataclass(frozen=True, slots=True)
class MatrixColumn:
    document_id: str
    outlet: str
    title: str
    short_id: str  # "004": the id's prefix, how analysts name the seed articles
    derived_from: tuple[str, ...] = ()  # short ids of the articles this one derives from
    made: int = 0  # how many of the rows' claims this article makes


@dataclass(frozen=True, slots=True)
class MatrixCell:
    state: CellState
    spans: tuple[Span, ...] = ()
    values: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    contradicted: bool = False
    versus: tuple[int, ...] = ()  # not made here, but this article makes these contradicting claims


@dataclass(slots=True)
class MatrixData:
    """Everything the table shows, read once per refresh."""

    claims: list[tuple[str, int, str]] = field(default_factory=list)  # id, number, wording
    columns: list[MatrixColumn] = field(default_factory=list)
    cells: dict[tuple[str, str], MatrixCell] = field(default_factory=dict)  # (claim, doc)
    contradicts: dict[str, list[int]] = field(default_factory=dict)  # claim -> other numbers


def read_matrix(session: ProjectSession, annotator: str, group_derived: bool = True) -> MatrixData:
    """The matrix of `annotator`'s claims over every article of the project."""
    store = session.store
    claims = store.claims.claims([annotator])
    numbers = {c.id: n for n, c in enumerate(claims, start=1)}
    summaries = store.documents.summaries(annotator)
    short = {s.id: s.id.split("_", 1)[0] for s in summaries}
    derived: dict[str, list[str]] = {}
    for derivation in store.claims.derivations([annotator]):
        derived.setdefault(derivation.document_id, []).append(derivation.source_document_id)
    linked = [s for s in store.annotations.spans(None, [annotator]) if s.claim in numbers]
    by_cell: dict[tuple[str, str], list[Span]] = {}
    for span in linked:
        assert span.claim is not None
        by_cell.setdefault((span.claim, span.document_id), []).append(span)
    silent = {(m.claim_id, m.document_id) for m in store.claims.silences([annotator])}
    contradicts: dict[str, list[str]] = {}
    for relation in store.claims.relations([annotator]):
        if relation.kind is ClaimRelationKind.CONTRADICTS:
            contradicts.setdefault(relation.claim_a, []).append(relation.claim_b)
            contradicts.setdefault(relation.claim_b, []).append(relation.claim_a)
    made_in = {}
    for claim_id, document_id in by_cell:
        made_in.setdefault(claim_id, set()).add(document_id)
    with_values = {s.claim for s in linked if s.claim_value}

    data = MatrixData()
    data.claims = [(c.id, numbers[c.id], c.wording) for c in claims]
    data.contradicts = {
        claim: sorted(numbers[o] for o in others if o in numbers)
        for claim, others in contradicts.items()
        if claim in numbers
    }
    order = [s.id for s in summaries]
    if group_derived:
        order = _grouped(order, derived)
    by_id = {s.id: s for s in summaries}
    for document_id in order:
        summary = by_id[document_id]
        made = 0
        for claim in claims:
            key = (claim.id, document_id)
            spans = tuple(by_cell.get(key, ()))
            if spans:
                made += 1
                cell = MatrixCell(
                    CellState.MADE,
                    spans,
                    tuple(dict.fromkeys(s.claim_value for s in spans if s.claim_value)),
                    tuple(dict.fromkeys(s.stance for s in spans if s.stance)),
                    _contradicted(claim.id, document_id, spans, contradicts, made_in, with_values),
                )
            else:
                versus = tuple(
                    sorted(
                        numbers[other]
                        for other in contradicts.get(claim.id, ())
                        if other in numbers
                        and document_id in made_in.get(other, set())
                        and (
                            other not in with_values
                            or any(sp.claim_value for sp in by_cell[(other, document_id)])
                        )
                    )
                )
                if key in silent:
                    state = CellState.SILENT
                elif summary.done:
                    state = CellState.NOT_MADE
                else:
                    state = CellState.UNKNOWN
                cell = MatrixCell(state, contradicted=bool(versus), versus=versus)
            data.cells[key] = cell
        data.columns.append(
            MatrixColumn(
                document_id,
                summary.source or summary.title or document_id,
                summary.title,
                short[document_id],
                tuple(short.get(d, d) for d in derived.get(document_id, ())),
                made,
            )
        )
    return data


def _contradicted(
    claim_id: str,
    document_id: str,
    spans: tuple[Span, ...],
    contradicts: dict[str, list[str]],
    made_in: dict[str, set[str]],
    with_values: set[str | None],
) -> bool:
    """A made cell is marked when its claim contradicts a claim another article makes; where
    the claim's mentions carry numbers, only the cells with a number (the ones in conflict)."""
    others = contradicts.get(claim_id, ())
    if not any(made_in.get(o, set()) - {document_id} for o in others):
        return False
    return claim_id not in with_values or any(s.claim_value for s in spans)


def _grouped(order: list[str], derived: dict[str, list[str]]) -> list[str]:
    """Each derived article right after the first of its sources (stable otherwise)."""
    placed: list[str] = []
    followers: dict[str, list[str]] = {}
    for document_id in order:
        sources = [s for s in derived.get(document_id, []) if s in order and s != document_id]
        if sources:
            followers.setdefault(sources[0], []).append(document_id)
    seen: set[str] = set()

    def place(document_id: str) -> None:
        if document_id in seen:
            return
        seen.add(document_id)
        placed.append(document_id)
        for follower in followers.get(document_id, []):
            place(follower)

    for document_id in order:
        sources = [s for s in derived.get(document_id, []) if s in order and s != document_id]
        if not sources:
            place(document_id)
    for document_id in order:  # cycles of derivation: keep everything
        place(document_id)
    return placed


class ClaimMatrixModel(QAbstractTableModel):
    """Column 0 is the claim; then one column per article."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._data = MatrixData()

    def set_data(self, data: MatrixData) -> None:
        self.beginResetModel()
        self._data = data
        self.endResetModel()

    @property
    def matrix(self) -> MatrixData:
        return self._data

    def column_of(self, document_id: str) -> int:
        for index, column in enumerate(self._data.columns, start=1):
            if column.document_id == document_id:
                return index
        return -1

    def row_of(self, claim_id: str) -> int:
        for row, (claim_id_here, _n, _w) in enumerate(self._data.claims):
            if claim_id_here == claim_id:
                return row
        return -1

    def outlet_summary(self) -> list[str]:
        """"004 makes 7 of 12 claims", per article in column order."""
        total = len(self._data.claims)
        return [
            f"{c.short_id} ({short_outlet(c.outlet)}) makes {c.made} of {total}"
            f" claim{'s' if total != 1 else ''}"
            for c in self._data.columns
        ]

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._data.claims)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._data.columns) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._data.claims):
                return str(self._data.claims[section][1])
            return None
        if section == 0:
            return "Claim" if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 < section <= len(self._data.columns):
            return None
        column = self._data.columns[section - 1]
        total = len(self._data.claims)
        if role == Qt.ItemDataRole.DisplayRole:
            derived = f"\n↳ from {', '.join(column.derived_from)}" if column.derived_from else ""
            return (
                f"{column.short_id}\n{short_outlet(column.outlet)}\n"
                f"{column.made} of {total} claims{derived}"
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            derived = (
                f"\nDerived from {', '.join(column.derived_from)}: not an independent source"
                if column.derived_from
                else ""
            )
            return plain_tooltip(
                f"{column.title}\n{column.outlet}\nMakes {column.made} of {total} claims{derived}"
            )
        if role == Qt.ItemDataRole.FontRole and column.derived_from:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._data.claims):
            return None
        if not 0 <= index.column() <= len(self._data.columns):
            return None
        claim_id, number, wording = self._data.claims[index.row()]
        if role == CLAIM_ID_ROLE:
            return claim_id
        if index.column() == 0:
            return self._claim_data(claim_id, number, wording, role)
        column = self._data.columns[index.column() - 1]
        cell = self._data.cells.get((claim_id, column.document_id), MatrixCell(CellState.UNKNOWN))
        return self._cell_data(cell, column, role)

    def _claim_data(self, claim_id: str, number: int, wording: str, role: int) -> Any:
        others = self._data.contradicts.get(claim_id, [])
        if role == Qt.ItemDataRole.DisplayRole:
            marker = f"  ⚡ {', '.join(str(n) for n in others)}" if others else ""
            return f"{wording}{marker}"
        if role == Qt.ItemDataRole.ToolTipRole:
            text = f"Claim {number}: {wording}"
            if others:
                text += f"\nContradicts claim {', '.join(str(n) for n in others)}"
            return plain_tooltip(text)
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(claim_colour(number))
        if role == SORT_ROLE:
            return number
        if role == CONTRADICTED_ROLE:
            return bool(others)
        return None

    def _cell_data(self, cell: MatrixCell, column: MatrixColumn, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell_text(cell)
        if role == Qt.ItemDataRole.BackgroundRole:
            return _BACKGROUND[cell.state]
        if role == Qt.ItemDataRole.ForegroundRole:
            return CONTRADICTION_COLOUR if cell.contradicted else _FOREGROUND[cell.state]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and cell.state is CellState.SILENT:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(_cell_tooltip(cell, column))
        if role == DOCUMENT_ID_ROLE:
            return column.document_id
        if role == SPAN_ID_ROLE:
            return cell.spans[0].id if cell.spans else None
        if role == STATE_ROLE:
            return cell.state.value
        if role == STANCES_ROLE:
            return list(cell.stances)
        if role == CONTRADICTED_ROLE:
            return cell.contradicted
        if role == SORT_ROLE:
            return (cell.state is CellState.MADE, len(cell.spans))
        return None


def short_outlet(outlet: str, limit: int = 24) -> str:
    """An outlet name for a column header: before any parenthesis, cut with an ellipsis."""
    name = outlet.split(" (", 1)[0].strip() or outlet
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _cell_text(cell: MatrixCell) -> str:
    if cell.state is CellState.MADE:
        parts = [", ".join(cell.values) if cell.values else "✓"]
        if cell.stances:
            parts.append("/".join(s[:1].upper() for s in cell.stances))
        text = " · ".join(parts)
        return f"⚡ {text}" if cell.contradicted else text
    if cell.versus:
        return f"⚡ vs {', '.join(str(n) for n in cell.versus)}"
    return {CellState.SILENT: "silent", CellState.NOT_MADE: "—", CellState.UNKNOWN: "?"}[
        cell.state
    ]


def _cell_tooltip(cell: MatrixCell, column: MatrixColumn) -> str:
    head = f"{column.short_id} · {column.outlet}"
    if cell.state is CellState.MADE:
        lines = [f"{head}: makes the claim ({len(cell.spans)} mention(s))"]
        if cell.values:
            lines.append("Value: " + ", ".join(cell.values))
        if cell.stances:
            lines.append("Stance: " + ", ".join(cell.stances))
        if cell.contradicted:
            lines.append("Contradicts a claim another article makes")
        lines.append("Double-click to open the mention")
        return "\n".join(lines)
    if cell.versus:
        others = ", ".join(str(n) for n in cell.versus)
        return f"{head}: does not make this claim but makes claim {others}, which contradicts it"
    return {
        CellState.SILENT: f"{head}: read, and explicitly silent on this claim",
        CellState.NOT_MADE: f"{head}: done, and does not make this claim (an omission)",
        CellState.UNKNOWN: f"{head}: no mention yet, not marked done or silent",
    }[cell.state]
