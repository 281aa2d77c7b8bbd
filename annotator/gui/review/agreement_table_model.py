"""A read-only table of agreement numbers: aligned decimals, "—" with a reason, sortable by value."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from annotator.gui.review.agreement_colors import agreement_color
from annotator.gui.shell import ui_colors
from annotator.gui.shell.plain_text import literal

NONE = "—"
KeyRole = Qt.ItemDataRole.UserRole  # what a row leads to (document id, pair, label)
SortRole = Qt.ItemDataRole.UserRole + 1
ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(slots=True)
class Cell:
    """One value: text, a number (None when undefined), and why it is undefined."""

    text: str
    number: float | None = None
    reason: str = ""
    numeric: bool = False
    colour: bool = False  # tint the cell by its value (agreement coefficients)


def number_cell(value: float | None, reason: str, *, colour: bool = True) -> Cell:
    """A coefficient to 3 decimals, or "—" whose tooltip says why it is undefined."""
    if value is None:
        return Cell(NONE, None, reason, numeric=True)
    return Cell(f"{value:.3f}", value, numeric=True, colour=colour)


def count_cell(value: int) -> Cell:
    return Cell(str(value), float(value), numeric=True)


def text_cell(value: str, tooltip: str = "") -> Cell:
    return Cell(value, None, tooltip)


@dataclass(slots=True)
class Row:
    key: Any
    cells: list[Cell] = field(default_factory=list)


class AgreementTableModel(QAbstractTableModel):
    """Rows of `Cell`s under `headers`; KeyRole gives each row's key, SortRole a sortable value.

    Undefined numbers sort after every defined one in ascending order, so "lowest
    agreement first" puts the documents worth reading at the top.
    """

    def __init__(self, headers: Sequence[str], parent: QObject | None = None):
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[Row] = []
        self._given: list[Row] = []  # the rows in the order set_rows had them
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None
        self._sorted_by_view: tuple[int, Qt.SortOrder] | None = None
        self.header_tooltips: dict[int, str] = {}

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._given = list(rows)
        self._sorted_by = None
        self.endResetModel()
        if self._sorted_by_view is not None:
            self.sort(*self._sorted_by_view)

    # Sorting is the model's own: one Python sort by key, where a proxy asks a Python
    # lessThan for every comparison (10,000 documents froze the window for 2 s, #15).
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Rows by `column`'s SortRole value; ties keep the order the rows were given in,
        and the summary row (key None) stays on top in either order."""
        self._sorted_by_view = (column, order)
        if self._sorted_by == (column, order):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        pinned = [r for r in self._given if r.key is None]
        rest = [r for r in self._given if r.key is not None]
        rest.sort(key=lambda r: _sort_value(r, column), reverse=descending)
        self.layoutAboutToBeChanged.emit()
        position = {id(row): index for index, row in enumerate(self._rows)}
        old = self.persistentIndexList()
        self._rows = pinned + rest
        moved = {position[id(row)]: index for index, row in enumerate(self._rows)}
        self.changePersistentIndexList(
            old, [self.index(moved[i.row()], i.column()) if i.isValid() else i for i in old]
        )
        self._sorted_by = (column, order)
        self.layoutChanged.emit()

    def row_key(self, row: int) -> Any:
        return self._rows[row].key

    def keys(self) -> list[Any]:
        return [r.key for r in self._rows]

    def cell(self, row: int, column: int) -> Cell:
        return self._rows[row].cells[column]

    # -- Qt API --------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if not (0 <= index.column() < len(row.cells)):
            return None
        cell = row.cells[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            if cell.reason:
                return literal(f"Undefined: {cell.reason}" if cell.text == NONE else cell.reason)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if cell.numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(ui_colors.current().faint)) if cell.text == NONE else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if cell.colour and cell.number is not None:
                return QBrush(agreement_color(cell.number, alpha=70))
            return None
        if role == KeyRole:
            return row.key if isinstance(row.key, str) else repr(row.key)
        if role == SortRole:
            return _cell_sort_value(cell)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < len(self._headers)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tooltips.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = bool(self._rows) and self._rows[0].cells[section].numeric
            horizontal = Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _cell_sort_value(cell: Cell) -> float | str:
    if cell.numeric:
        return float("inf") if cell.number is None else cell.number  # undefined last
    return cell.text.casefold()


def _sort_value(row: Row, column: int) -> tuple[int, float | str]:
    if not (0 <= column < len(row.cells)):
        return (0, 0.0)
    value = _cell_sort_value(row.cells[column])
    return (0, value) if isinstance(value, float) else (1, value)
