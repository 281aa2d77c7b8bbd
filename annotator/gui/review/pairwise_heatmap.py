"""Annotator × annotator agreement as a coloured matrix, with a metric selector and a legend."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QLinearGradient, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.plural import counted
from annotator.gui.review.agreement_colors import (
    agreement_color,
    stops,
    text_color_on,
    undefined_color,
)
from annotator.gui.shell import ui_colors
from annotator.gui.shell.plain_text import literal

_MATRIX_STYLE = """
QTableView { background: transparent; border: none; }
QHeaderView { background: transparent; }
QTableCornerButton::section { background: transparent; border: none; }
QHeaderView::section { background: transparent; border: none; font-weight: 600;
                       padding: 4px 8px; }
"""
ValueRole = Qt.ItemDataRole.UserRole  # the float, or None when undefined / diagonal
ModelIndex = QModelIndex | QPersistentModelIndex
NONE = "—"

# metric key -> (menu text, short name for tooltips)
METRICS: dict[str, tuple[str, str]] = {
    "cohen_kappa": ("Document stance: Cohen's κ", "Cohen's κ"),
    "f1_overlap": ("Spans: F1 (overlap)", "span F1 (overlap)"),
    "f1_exact": ("Spans: F1 (exact)", "span F1 (exact)"),
}


class PairwiseHeatmapModel(QAbstractTableModel):
    """Rows and columns are annotators; each cell is the chosen metric for that pair."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._names: list[str] = []
        # (a, b) sorted -> metric -> value, plus "units"/"documents" counts and reasons
        self._pairs: dict[tuple[str, str], dict[str, Any]] = {}
        self._metric = "cohen_kappa"

    def set_report(self, report: dict[str, Any]) -> None:
        """Take the pairwise numbers of a `project_agreement` report."""
        self.beginResetModel()
        self._names = list(report["annotators"])
        self._pairs = {}
        for p in report["document_stance"]["pairwise"]:
            entry = self._pairs.setdefault(_key(p["a"], p["b"]), {})
            entry["cohen_kappa"] = p["cohen_kappa"]
            entry["units"] = p["units"]
        for p in report["spans"]["pairwise"]:
            entry = self._pairs.setdefault(_key(p["a"], p["b"]), {})
            entry["f1_overlap"] = p["f1_overlap"]
            entry["f1_exact"] = p["f1_exact"]
            entry["documents"] = p["documents"]
            entry["spans"] = (p.get("count_a", 0), p.get("count_b", 0))
        self.endResetModel()

    @property
    def metric(self) -> str:
        return self._metric

    def set_metric(self, metric: str) -> None:
        if metric not in METRICS:
            raise ValueError(f"unknown metric {metric!r}")
        self._metric = metric
        if self._names:
            last = self.index(len(self._names) - 1, len(self._names) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def annotators(self) -> list[str]:
        return list(self._names)

    def pair_at(self, index: ModelIndex) -> tuple[str, str] | None:
        """The (row, column) annotators, or None on the diagonal."""
        if not index.isValid() or index.row() == index.column():
            return None
        return self._names[index.row()], self._names[index.column()]

    def value(self, a: str, b: str) -> float | None:
        return self._pairs.get(_key(a, b), {}).get(self._metric)

    # -- Qt API --------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._names)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._names)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (
            0 <= index.row() < len(self._names) and 0 <= index.column() < len(self._names)
        ):
            return None
        a, b = self._names[index.row()], self._names[index.column()]
        diagonal = a == b
        value = None if diagonal else self.value(a, b)
        if role == Qt.ItemDataRole.DisplayRole:
            if diagonal:
                return ""
            return NONE if value is None else f"{value:.3f}"
        if role == ValueRole:
            return value
        if role == Qt.ItemDataRole.BackgroundRole:
            if diagonal:
                return QColor(ui_colors.current().empty_cell)
            return undefined_color() if value is None else agreement_color(value)
        if role == Qt.ItemDataRole.ForegroundRole:
            if value is None:
                return QColor(ui_colors.current().faint)
            return text_color_on(agreement_color(value))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and not diagonal:
            return literal(self._tooltip(a, b, value))
        return None

    def _tooltip(self, a: str, b: str, value: float | None) -> str:
        entry = self._pairs.get(_key(a, b), {})
        name = METRICS[self._metric][1]
        if self._metric == "cohen_kappa":
            units = entry.get("units", 0)
            basis = f"over {counted(units, 'shared stance unit')}"
            reason = "no shared units" if not units else "no variation (see percent agreement)"
        else:
            count_a, count_b = entry.get("spans", (0, 0))
            basis = f"on {counted(entry.get('documents', 0), 'shared document')}, {count_a} + {count_b} spans"
            reason = "neither annotated a span in a shared document"
        shown = f"{value:.3f}" if value is not None else f"undefined: {reason}"
        return f"{a} ↔ {b}\n{name}: {shown}\n{basis}\nClick to see the documents they disagree on."

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._names):
            return self._names[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.row() == index.column():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


class _TileDelegate(QStyledItemDelegate):
    """Paints each cell as a rounded tile in its colour with the value centred."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(2, 2, -2, -2)
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background if isinstance(background, QColor) else undefined_color())
        painter.drawRoundedRect(rect, 5, 5)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(QPen(QColor(ui_colors.current().frame), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 4, 4)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        font = QFont(option.font)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        font.setBold(text != NONE)
        painter.setFont(font)
        fallback = QColor(ui_colors.current().text)
        painter.setPen(foreground if isinstance(foreground, QColor) else fallback)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        return QSize(option.rect.width(), option.rect.height())


class HeatmapLegend(QWidget):
    """A gradient bar from 0 (red) to 1 (green), with an "undefined" swatch."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumHeight(40)
        self.setMinimumWidth(320)
        self.setToolTip(
            "Colour follows the value: red 0 or below (no better than chance for κ), "
            "amber 0.5, green 1 (perfect). Grey: undefined."
        )

    def sizeHint(self) -> QSize:
        return QSize(380, 40)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        painter.setFont(small)
        bar = QRectF(4, 4, self.width() - 120, 12)
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        colors = ui_colors.current()
        for stop, colour in stops():
            gradient.setColorAt(stop, QColor(colour))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(gradient)
        painter.drawRoundedRect(bar, 3, 3)
        painter.setPen(QColor(colors.muted))
        for value, label in ((0.0, "≤ 0"), (0.5, "0.5"), (1.0, "1")):
            x = bar.left() + bar.width() * value
            align = (
                Qt.AlignmentFlag.AlignLeft
                if value == 0
                else Qt.AlignmentFlag.AlignRight
                if value == 1
                else Qt.AlignmentFlag.AlignHCenter
            )
            box = QRectF(x - (0 if value == 0 else 40 if value == 1 else 20), 18, 40, 18)
            painter.drawText(box, int(align | Qt.AlignmentFlag.AlignTop), label)
        swatch = QRectF(bar.right() + 16, 4, 12, 12)
        painter.setPen(QPen(QColor(colors.card_border), 1))
        painter.setBrush(undefined_color())
        painter.drawRoundedRect(swatch, 3, 3)
        painter.setPen(QColor(colors.muted))
        painter.drawText(
            QRectF(swatch.right() + 6, 0, 90, 20),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            "undefined",
        )
        painter.end()


class PairwiseHeatmap(QWidget):
    """The matrix view; clicking a pair emits `pair_activated(a, b)`."""

    pair_activated = Signal(str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = PairwiseHeatmapModel(self)
        self.metric_box = QComboBox()
        for key, (text, _short) in METRICS.items():
            self.metric_box.addItem(text, key)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(_TileDelegate(self.view))
        self.view.setShowGrid(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setFrameShape(QTableView.Shape.NoFrame)
        self.view.setMouseTracking(True)
        for header in (self.view.horizontalHeader(), self.view.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            header.setHighlightSections(False)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setStyleSheet(_MATRIX_STYLE)
        self.legend = HeatmapLegend()
        hint = QLabel("Click a cell to list the documents that pair disagrees on most.")
        hint.setProperty("tone", "muted")

        top = QHBoxLayout()
        top.addWidget(QLabel("Metric:"))
        top.addWidget(self.metric_box)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.legend, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(hint)
        layout.addStretch(1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.model.modelReset.connect(self._on_model_reset)
        self.metric_box.currentIndexChanged.connect(self._on_metric_chosen)
        self.view.clicked.connect(self._on_cell_clicked)
        self.view.activated.connect(self._on_cell_clicked)

    def set_metric(self, metric: str) -> None:
        self.metric_box.setCurrentIndex(self.metric_box.findData(metric))

    def _on_model_reset(self) -> None:
        # the matrix is as big as its cells (larger tiles for few annotators): no scrolling
        count = max(self.model.rowCount(), 1)
        tile_width = max(84, min(150, 600 // count))
        tile_height = max(48, min(76, tile_width * 6 // 10))
        vertical = self.view.verticalHeader()
        horizontal = self.view.horizontalHeader()
        horizontal.setDefaultSectionSize(tile_width)
        vertical.setDefaultSectionSize(tile_height)
        vertical.setFixedWidth(max(90, vertical.sizeHint().width() + 12))
        horizontal.setFixedHeight(34)
        self.view.setFixedSize(
            vertical.width() + count * tile_width + 4, horizontal.height() + count * tile_height + 4
        )

    def _on_metric_chosen(self, _row: int) -> None:
        self.model.set_metric(self.metric_box.currentData())

    def _on_cell_clicked(self, index: QModelIndex) -> None:
        pair = self.model.pair_at(index)
        if pair is not None:
            self.pair_activated.emit(*pair)
