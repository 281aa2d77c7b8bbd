"""The Claim Matrix window: who says what, who contradicts whom, and who leaves it out.

Rows are one annotator's claims (or gold's), columns the articles titled by outlet; the
toolbar filters by claim text, outlet, stance and contradiction, and switches annotator;
the footer counts per outlet. Double-clicking a made cell opens its mention in a pane.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD_ANNOTATOR
from annotator.gui.claims.article_names import short_id
from annotator.gui.claims.claim_matrix_filter import ALL, MatrixFilterProxy
from annotator.gui.claims.claim_matrix_model import (
    CLAIM_ID_ROLE,
    DOCUMENT_ID_ROLE,
    FIRST_ARTICLE_COLUMN,
    SPAN_ID_ROLE,
    ClaimMatrixModel,
)
from annotator.gui.session import ProjectSession
from annotator.gui.shell import ui_colors
from annotator.services.claim_matrix import build_matrix

REFRESH_DELAY_MS = 150  # a burst of edits (an import, undo of a macro) refreshes once
CLAIM_COLUMN_WIDTH = 330

_Index = QModelIndex | QPersistentModelIndex

_STYLE = """
QTableView {{ gridline-color: {c.rule}; font-size: 12px; }}
QHeaderView::section {{ background: {c.header}; color: {c.text}; border: 0;
                       border-right: 1px solid {c.rule}; border-bottom: 1px solid {c.header_border};
                       padding: 4px 4px; font-weight: bold; font-size: 11px; }}
QLabel#matrixTitle {{ font-size: 17px; font-weight: bold; }}
QLabel#matrixSummary {{ color: {c.text}; }}
QLabel#matrixLegend {{ color: {c.muted}; }}
"""


EXPORT_FILTER = "HTML report (*.html);;CSV for spreadsheets (*.csv)"


def ask_export_path(parent: QWidget | None, suggestion: str) -> Path | None:
    """Where to write the matrix (.html or .csv); None when cancelled. Tests monkeypatch this."""
    path, chosen = QFileDialog.getSaveFileName(
        parent, "Export claim matrix", suggestion, EXPORT_FILTER
    )
    if not path:
        return None
    result = Path(path)
    if result.suffix.lower() not in (".csv", ".html", ".htm"):
        result = result.with_suffix(".csv" if chosen.startswith("CSV") else ".html")
    return result


class ClaimMatrixView(QWidget):
    """Non-modal window over one session; `mention_requested(document, span)` asks the main
    window to open that mention in a pane."""

    mention_requested = Signal(str, str)
    _open: ClassVar[dict[int, ClaimMatrixView]] = {}

    @classmethod
    def open_for(cls, session: ProjectSession, parent: QWidget | None = None) -> ClaimMatrixView:
        """Show (creating if needed) the one matrix window of `session`, raised."""
        view = cls._open.get(id(session))
        if view is None or view._session is not session:
            view = cls(session, parent)
            key = id(session)
            cls._open[key] = view
            view.destroyed.connect(lambda *_: cls._open.pop(key, None))
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("Claim Matrix — Annotator")
        self.resize(1200, 640)
        self._session = session
        self._dirty = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._build()
        self._connect_signals()
        self.refresh()

    # -- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        ui_colors.follow(self, lambda c: self.setStyleSheet(_STYLE.format(c=c)))
        self.title = QLabel("Claims across articles", self)
        self.title.setObjectName("matrixTitle")
        self.export_button = QPushButton("Export…", self)
        self.export_button.setToolTip(
            "Save the matrix as a self-contained HTML report or as CSV (the whole matrix,"
            " unfiltered)"
        )
        self.annotator_combo = QComboBox(self)
        self.annotator_combo.setToolTip("Whose claims: an annotator's, or the gold layer")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Filter claims…")
        self.search.setClearButtonEnabled(True)
        self.outlet_combo = QComboBox(self)
        self.outlet_combo.setToolTip("Show one article only")
        self.stance_combo = QComboBox(self)
        self.stance_combo.setToolTip("Claims with a mention of this stance")
        self.contradictions_box = QCheckBox("Contradictions only", self)
        self.contradictions_box.setToolTip(
            "Claims marked as contradicting another, or whose articles give different numbers"
        )

        self.model = ClaimMatrixModel(self)
        self.proxy = MatrixFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setDefaultSectionSize(34)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(96)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

        self.summary = QLabel(self)
        self.summary.setObjectName("matrixSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.legend = QLabel(
            "value / ✓ made  ·  silent: read, does not make it  ·  — done, not made (omission)"
            "  ·  ? not yet known  ·  ⚡ contradiction or different numbers  ·  F/A/N/U stance"
            "  ·  ↳ derived article (counted once in Made by)",
            self,
        )
        self.legend.setObjectName("matrixLegend")
        self.legend.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(QLabel("Annotator", self))
        top.addWidget(self.annotator_combo)
        top.addSpacing(12)
        top.addWidget(self.export_button)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.outlet_combo, 1)
        filters.addWidget(self.stance_combo)
        filters.addWidget(self.contradictions_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.legend)

    def _connect_signals(self) -> None:
        # the window's own controls
        self.annotator_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search.textChanged.connect(self._apply_filters)
        self.outlet_combo.currentIndexChanged.connect(self._apply_filters)
        self.stance_combo.currentIndexChanged.connect(self._apply_filters)
        self.contradictions_box.toggled.connect(self._apply_filters)
        self.export_button.clicked.connect(lambda: self.export())
        self.table.activated.connect(self._on_cell_activated)
        self.table.doubleClicked.connect(self._on_cell_activated)
        self._timer.timeout.connect(self._on_timer)
        # project changes
        self._session.claims_changed.connect(self._on_project_changed)
        self._session.spans_changed.connect(self._on_project_changed)
        self._session.documents_changed.connect(self._on_project_changed)
        self._session.scheme_changed.connect(self._on_project_changed)
        self._session.external_change_detected.connect(self._on_project_changed)

    # -- public ------------------------------------------------------------------------
    @property
    def annotator(self) -> str:
        return str(self.annotator_combo.currentData() or self._session.annotator)

    def set_annotator(self, annotator: str) -> None:
        index = self.annotator_combo.findData(annotator)
        if index >= 0:
            self.annotator_combo.setCurrentIndex(index)

    def refresh(self) -> None:
        """Re-read the matrix for the chosen annotator (now, not on the timer)."""
        self._dirty = False
        self._refresh_annotators()
        data = build_matrix(self._session.store, self.annotator)
        self.model.set_matrix(data)
        self._refresh_filters()
        self._apply_filters()
        self._resize_columns()
        self.summary.setText(
            "   ·   ".join(self.model.outlet_summary()) if data.columns else "No articles."
        )
        self.title.setText(
            f"Claims across articles — {_count(len(data.rows), 'claim')},"
            f" {_count(len(data.columns), 'article')}"
        )

    def export(self, path: Path | None = None) -> Path | None:
        """Write the matrix the window shows (its annotator) as HTML or CSV by suffix."""
        path = path or ask_export_path(self, f"claims-{self.annotator}.html")
        if path is None:
            return None
        from annotator.services.claim_matrix_report import write_csv, write_html

        matrix = self.model.matrix
        try:
            if path.suffix.lower() == ".csv":
                write_csv(matrix, path)
            else:
                write_html(matrix, path)
        except (AnnotatorError, OSError) as exc:
            QMessageBox.warning(self, "Export claim matrix", f"Could not write {path}: {exc}")
            return None
        return path

    def cell_index(self, claim_id: str, document_id: str) -> QModelIndex:
        """The view's index of a cell (invalid when filtered out)."""
        row, column = self.model.row_of(claim_id), self.model.column_of(document_id)
        if row < 0 or column < 0:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index(row, column))

    def open_cell(self, index: QModelIndex) -> bool:
        """Ask for the cell's first mention to be opened; False for a cell without one."""
        span_id = index.data(SPAN_ID_ROLE)
        document_id = index.data(DOCUMENT_ID_ROLE)
        if not span_id or not document_id:
            return False
        self.mention_requested.emit(str(document_id), str(span_id))
        return True

    # -- internals -------------------------------------------------------------------------
    def _refresh_annotators(self) -> None:
        current = self.annotator_combo.currentData() or self._session.annotator
        names = set(self._session.store.annotations.annotators())
        names.update(c.annotator for c in self._session.store.claims.claims())
        names.add(self._session.annotator)
        ordered = [
            self._session.annotator,
            *sorted(n for n in names if n not in (self._session.annotator, GOLD_ANNOTATOR)),
        ]
        if GOLD_ANNOTATOR in names:
            ordered.append(GOLD_ANNOTATOR)
        blocked = self.annotator_combo.blockSignals(True)
        self.annotator_combo.clear()
        for name in ordered:
            shown = "gold (adjudicated)" if name == GOLD_ANNOTATOR else name
            self.annotator_combo.addItem(shown, name)
        self.annotator_combo.setCurrentIndex(max(0, self.annotator_combo.findData(current)))
        self.annotator_combo.blockSignals(blocked)

    def _refresh_filters(self) -> None:
        outlet, stance = self.outlet_combo.currentData(), self.stance_combo.currentData()
        for combo in (self.outlet_combo, self.stance_combo):
            combo.blockSignals(True)
            combo.clear()
        self.outlet_combo.addItem("All articles", ALL)
        for column in self.model.matrix.columns:
            self.outlet_combo.addItem(
                f"{short_id(column.document_id)} · {column.heading}", column.document_id
            )
        self.stance_combo.addItem("Any stance", ALL)
        for item in self._session.scheme.stances:
            self.stance_combo.addItem(item.name, item.name)
        self.outlet_combo.setCurrentIndex(max(0, self.outlet_combo.findData(outlet)))
        self.stance_combo.setCurrentIndex(max(0, self.stance_combo.findData(stance)))
        for combo in (self.outlet_combo, self.stance_combo):
            combo.blockSignals(False)

    def _apply_filters(self) -> None:
        self.proxy.set_filters(
            self.search.text(),
            str(self.outlet_combo.currentData() or ALL),
            str(self.stance_combo.currentData() or ALL),
            self.contradictions_box.isChecked(),
        )

    def _resize_columns(self) -> None:
        # The claim column keeps a reading width; the articles share the rest.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(0, CLAIM_COLUMN_WIDTH)
        self.table.resizeRowsToContents()

    def _on_cell_activated(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() >= FIRST_ARTICLE_COLUMN:
            self.open_cell(index)
        elif index.isValid():
            claim_id = index.data(CLAIM_ID_ROLE)
            if claim_id:
                first = self._first_made_cell(str(claim_id), index)
                if first.isValid():
                    self.open_cell(first)

    def _first_made_cell(self, _claim_id: str, index: QModelIndex) -> QModelIndex:
        for column in range(FIRST_ARTICLE_COLUMN, self.proxy.columnCount()):
            cell = self.proxy.index(index.row(), column)
            if cell.data(SPAN_ID_ROLE):
                return cell
        return QModelIndex()

    def _on_project_changed(self, *_args: object) -> None:
        self._dirty = True
        if self.isVisible():
            self._timer.start()

    def _on_timer(self) -> None:
        if self._dirty:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
