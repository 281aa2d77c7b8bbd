"""The claim matrix as a Qt table: rows are claims, columns articles (titled by outlet).

A cell is *made* (the article has a mention: its value and stance shown), *silent*
(the analyst read it and marked it as not making the claim), *not made* (the article
is marked done and has no mention: an omission) or *unknown* (not done, no mention).
A ⚡ marks a made cell in conflict: its number differs from another article's, or its
claim contradicts a claim made elsewhere. Derived articles (rewrites, commentaries) sit
right after their source, marked ↳, and "Made by" counts independent articles, so one
story is not read as several confirmations. The numbers come from services.claim_matrix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from annotator.core.plural import counted
from annotator.gui.claims.article_names import short_id, short_outlet
from annotator.gui.reading.claim_marks import claim_colour
from annotator.gui.shell import ui_colors
from annotator.gui.shell.plain_text import literal
from annotator.services.claim_matrix import Cell, CellState, ClaimMatrix, Column, Row

CLAIM_ID_ROLE = Qt.ItemDataRole.UserRole
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SPAN_ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATE_ROLE = Qt.ItemDataRole.UserRole + 3
SORT_ROLE = Qt.ItemDataRole.UserRole + 4
CONTRADICTED_ROLE = Qt.ItemDataRole.UserRole + 5
STANCES_ROLE = Qt.ItemDataRole.UserRole + 6

_Index = QModelIndex | QPersistentModelIndex


def cell_colours(state: CellState) -> tuple[QColor, QColor]:
    """(fill, text) of a cell in `state`, in the scheme in use (ui_colors)."""
    fill, text = ui_colors.current().cells[state.value]
    return QColor(fill), QColor(text)


def contradiction_colour() -> QColor:
    return QColor(ui_colors.current().error)


MADE_BY_COLUMN = 1  # "3 (2 independent)": how many articles make the claim
FIRST_ARTICLE_COLUMN = 2


@dataclass(frozen=True, slots=True)
class Shown:
    """A cell as the table shows it: the service's cell plus the contradiction marks."""

    cell: Cell
    contradicted: bool = False  # made here, and in conflict (numbers or a contradicts relation)
    versus: tuple[int, ...] = ()  # not made here, but this article makes these contradicting claims


class ClaimMatrixModel(QAbstractTableModel):
    """Column 0 is the claim, column 1 how many articles make it; then one per article."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._matrix = ClaimMatrix("", [], [])
        self._numbers: dict[str, int] = {}
        self._shown: dict[tuple[str, str], Shown] = {}

    def set_matrix(self, matrix: ClaimMatrix) -> None:
        """Show `matrix`; claims are numbered in row order, as the panes' badges are."""
        self.beginResetModel()
        self._matrix = matrix
        self._numbers = {row.claim.id: n for n, row in enumerate(matrix.rows, start=1)}
        self._shown = {}
        self.endResetModel()

    @property
    def matrix(self) -> ClaimMatrix:
        return self._matrix

    def column_of(self, document_id: str) -> int:
        for index, column in enumerate(self._matrix.columns, start=FIRST_ARTICLE_COLUMN):
            if column.document_id == document_id:
                return index
        return -1

    def row_of(self, claim_id: str) -> int:
        for row, item in enumerate(self._matrix.rows):
            if item.claim.id == claim_id:
                return row
        return -1

    def document_of(self, column: int) -> str:
        columns = self._matrix.columns
        index = column - FIRST_ARTICLE_COLUMN
        return columns[index].document_id if 0 <= index < len(columns) else ""

    def shown(self, claim_id: str, document_id: str) -> Shown:
        """The cell with its contradiction marks (computed once per cell shown)."""
        key = (claim_id, document_id)
        found = self._shown.get(key)
        if found is None:
            found = self._shown[key] = self._mark(claim_id, document_id)
        return found

    def outlet_summary(self) -> list[str]:
        """ "004 (UK news report) makes 7 of 12 claims", per article in column order."""
        total = len(self._matrix.rows)
        return [
            f"{short_id(c.document_id)} ({short_outlet(c.heading)}) makes"
            f" {self._matrix.made_count(c.document_id)} of {total} claim{'s' if total != 1 else ''}"
            for c in self._matrix.columns
        ]

    def _mark(self, claim_id: str, document_id: str) -> Shown:
        matrix = self._matrix
        cell = matrix.cell(claim_id, document_id)
        row = matrix.claim_by_id(claim_id)
        others = [other for other, _note in row.contradicts if other in self._numbers]
        if cell.state is CellState.MADE:
            # In conflict: numbers differ along the row, or the claim contradicts one made
            # elsewhere (where the row has numbers, only the cells that carry one).
            made_elsewhere = any(matrix.claim_by_id(o).made_in - {document_id} for o in others)
            has_numbers = any(matrix.cell(claim_id, d).values for d in row.made_in)
            contradicted = cell.value_disagreement or (
                made_elsewhere and (not has_numbers or bool(cell.values))
            )
            return Shown(cell, contradicted)
        versus = tuple(
            sorted(
                self._numbers[o]
                for o in others
                if document_id in matrix.claim_by_id(o).made_in
                and self._in_conflict(o, document_id)
            )
        )
        return Shown(cell, bool(versus), versus)

    def _in_conflict(self, claim_id: str, document_id: str) -> bool:
        """Whether this article's mention of `claim_id` takes part in its contradiction: it
        carries a number, or the claim's mentions carry none anywhere."""
        row = self._matrix.claim_by_id(claim_id)
        if self._matrix.cell(claim_id, document_id).values:
            return True
        return not any(self._matrix.cell(claim_id, d).values for d in row.made_in)

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._matrix.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._matrix.columns) + FIRST_ARTICLE_COLUMN

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._matrix.rows):
                return str(section + 1)
            return None
        if section == 0:
            return "Claim" if role == Qt.ItemDataRole.DisplayRole else None
        if section == MADE_BY_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                return "Made by"
            if role == Qt.ItemDataRole.ToolTipRole:
                return (
                    "Articles that make the claim (independent ones: derived articles count once)"
                )
            return None
        document_id = self.document_of(section)
        if not document_id:
            return None
        column = self._matrix.columns[section - FIRST_ARTICLE_COLUMN]
        total = len(self._matrix.rows)
        made = self._matrix.made_count(document_id)
        sources = ", ".join(short_id(d) for d in column.derived_from)
        if role == Qt.ItemDataRole.DisplayRole:
            derived = f"\n↳ from {sources}" if sources else ""
            return (
                f"{short_id(document_id)}\n{short_outlet(column.heading)}\n"
                f"{made} of {total} claims{derived}"
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            derived = f"\nDerived from {sources}: not an independent source" if sources else ""
            return literal(
                f"{column.title}\n{column.heading}\nMakes {made} of {total} claims{derived}"
            )
        if role == Qt.ItemDataRole.FontRole and sources:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._matrix.rows):
            return None
        if not 0 <= index.column() < self.columnCount():
            return None
        row = self._matrix.rows[index.row()]
        if role == CLAIM_ID_ROLE:
            return row.claim.id
        if index.column() == 0:
            return self._claim_data(row, role)
        if index.column() == MADE_BY_COLUMN:
            return self._made_by_data(row, role)
        column = self._matrix.columns[index.column() - FIRST_ARTICLE_COLUMN]
        return self._cell_data(self.shown(row.claim.id, column.document_id), column, role)

    def _claim_data(self, row: Row, role: int) -> Any:
        number = self._numbers[row.claim.id]
        others = sorted(self._numbers[o] for o, _note in row.contradicts if o in self._numbers)
        if role == Qt.ItemDataRole.DisplayRole:
            marker = f"  ⚡ {', '.join(str(n) for n in others)}" if others else ""
            return f"{row.claim.wording}{marker}"
        if role == Qt.ItemDataRole.ToolTipRole:
            text = f"Claim {number}: {row.claim.wording}"
            for other, note in row.contradicts:
                if other in self._numbers:
                    text += f"\nContradicts claim {self._numbers[other]}" + (
                        f" ({note})" if note else ""
                    )
            for other, note in row.same_event:
                if other in self._numbers:
                    text += f"\nSame event, different detail: claim {self._numbers[other]}" + (
                        f" ({note})" if note else ""
                    )
            if row.value_disagreement:
                text += "\nThe articles give different numbers"
            return literal(text)
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(claim_colour(number))
        if role == SORT_ROLE:
            return number
        if role == CONTRADICTED_ROLE:
            return bool(others) or row.value_disagreement
        return None

    def _made_by_data(self, row: Row, role: int) -> Any:
        made = len(row.made_in)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{made} ({row.independent} indep.)" if row.independent != made else str(made)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            colors = ui_colors.current()
            return QColor(colors.text if made else colors.faint)
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal(
                f"{counted(made, 'article')} {'makes' if made == 1 else 'make'} this claim; {row.independent} independent"
                " (derived articles count with their source)"
                if made
                else "No article makes this claim yet (a planned claim)"
            )
        if role == SORT_ROLE:
            return (made, row.independent)
        return None

    def _cell_data(self, shown: Shown, column: Column, role: int) -> Any:
        cell = shown.cell
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell_text(shown)
        if role == Qt.ItemDataRole.BackgroundRole:
            return cell_colours(cell.state)[0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return contradiction_colour() if shown.contradicted else cell_colours(cell.state)[1]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and cell.state is CellState.SILENT:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal(_cell_tooltip(shown, column))
        if role == DOCUMENT_ID_ROLE:
            return column.document_id
        if role == SPAN_ID_ROLE:
            return cell.mentions[0].span_id if cell.mentions else None
        if role == STATE_ROLE:
            return cell.state.value
        if role == STANCES_ROLE:
            return list(cell.stances)
        if role == CONTRADICTED_ROLE:
            return shown.contradicted
        if role == SORT_ROLE:
            return (cell.state is CellState.MADE, len(cell.mentions))
        return None


def _cell_text(shown: Shown) -> str:
    cell = shown.cell
    if cell.state is CellState.MADE:
        parts = [", ".join(cell.values) if cell.values else "✓"]
        if cell.stances:
            parts.append("/".join(s[:1].upper() for s in cell.stances))
        text = " · ".join(parts)
        return f"⚡ {text}" if shown.contradicted else text
    if shown.versus:
        return f"⚡ vs {', '.join(str(n) for n in shown.versus)}"
    return {CellState.SILENT: "silent", CellState.NOT_MADE: "—", CellState.UNKNOWN: "?"}[cell.state]


def _cell_tooltip(shown: Shown, column: Column) -> str:
    cell = shown.cell
    head = f"{short_id(column.document_id)} · {column.heading}"
    if cell.state is CellState.MADE:
        lines = [f"{head}: makes the claim ({counted(len(cell.mentions), 'mention')})"]
        for mention in cell.mentions[:3]:
            lines.append(f"“{' '.join(mention.text.split())}”")
        if cell.values:
            lines.append("Value: " + ", ".join(cell.values))
        if cell.stances:
            lines.append("Stance: " + ", ".join(cell.stances))
        if cell.value_disagreement:
            lines.append("Another article gives a different number")
        elif shown.contradicted:
            lines.append("Contradicts a claim another article makes")
        lines.append("Double-click to open the mention")
        return "\n".join(lines)
    if shown.versus:
        others = ", ".join(str(n) for n in shown.versus)
        return f"{head}: does not make this claim but makes claim {others}, which contradicts it"
    return {
        CellState.SILENT: f"{head}: read, and explicitly silent on this claim",
        CellState.NOT_MADE: f"{head}: done, and does not make this claim (an omission)",
        CellState.UNKNOWN: f"{head}: no mention yet, not marked done or silent",
    }[cell.state]
