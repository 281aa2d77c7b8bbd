"""Per-annotator progress: who marked which document done, and how much each has annotated.

Rows are documents in list order, columns the annotators and then gold. Everything is
read from the store in three grouped queries, so refreshing after each edit is cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import GOLD_ANNOTATOR
from annotator.gui.session import ProjectSession
from annotator.gui.shell import ui_colors
from annotator.gui.shell.plain_text import isolated, literal, plain_label
from annotator.gui.shell.ui_colors import UiColors
from annotator.store.project_store import ProjectStore

ModelIndex = QModelIndex | QPersistentModelIndex
DocumentIdRole = Qt.ItemDataRole.UserRole  # the document a cell belongs to
NOTHING = "—"


def done_background() -> QColor:
    """A cell marked done (a pale green in light, a deep one in dark)."""
    return QColor(ui_colors.current().done_box)


def done_foreground() -> QColor:
    return QColor(ui_colors.current().done_text)


@dataclass(frozen=True, slots=True)
class Progress:
    """A snapshot of everyone's progress, read from the store."""

    documents: tuple[tuple[str, str], ...] = ()  # (id, title) in list order
    annotators: tuple[str, ...] = ()  # sorted, without gold
    spans: dict[tuple[str, str], int] = field(default_factory=dict)  # (document, annotator)
    stances: dict[tuple[str, str], int] = field(default_factory=dict)
    done: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def read(cls, store: ProjectStore) -> Progress:
        annotations = store.annotations
        return cls(
            documents=tuple((s.id, s.title) for s in store.documents.summaries()),
            annotators=tuple(a for a in annotations.annotators() if a != GOLD_ANNOTATOR),
            spans=annotations.span_counts_by_document_and_annotator(),
            stances=annotations.document_stance_counts_by_document_and_annotator(),
            done=frozenset(store.documents.done_flags()),
        )

    def summary(self, annotator: str) -> tuple[int, int]:
        """(documents done, spans) of `annotator` over the whole project."""
        ids = {d for d, _title in self.documents}
        done = sum(1 for d, a in self.done if a == annotator and d in ids)
        spans = sum(n for (d, a), n in self.spans.items() if a == annotator and d in ids)
        return done, spans


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


class ProgressTableModel(QAbstractTableModel):
    """Documents × annotators (then gold): "✓ 12" done with 12 spans, "12" not done, "—" nothing."""

    def __init__(self, store: ProjectStore, parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        self._progress = Progress()
        self.refresh()

    @property
    def progress(self) -> Progress:
        return self._progress

    @property
    def annotators(self) -> tuple[str, ...]:
        """The columns after the document, gold last."""
        return (*self._progress.annotators, GOLD_ANNOTATOR)

    def refresh(self) -> None:
        """Re-read the store; a reset only when documents or annotators changed."""
        new = Progress.read(self._store)
        old = self._progress
        if new.documents == old.documents and new.annotators == old.annotators:
            self._progress = new
            if self.rowCount() and self.columnCount():
                last = self.index(self.rowCount() - 1, self.columnCount() - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._progress = new
        self.endResetModel()

    def document_id(self, row: int) -> str:
        return self._progress.documents[row][0]

    def annotator_summary(self, annotator: str) -> str:
        """e.g. "alice: 3 of 4 documents done, 57 spans" (gold: "adjudicated")."""
        done, spans = self._progress.summary(annotator)
        total = len(self._progress.documents)
        if annotator == GOLD_ANNOTATOR:
            return f"Gold: {done} of {total} documents adjudicated, {_plural(spans, 'span')}"
        return f"{annotator}: {done} of {total} documents done, {_plural(spans, 'span')}"

    # -- Qt model interface ----------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._progress.documents)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self.annotators)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        name = "Document" if section == 0 else self.annotators[section - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return "Gold" if name == GOLD_ANNOTATOR else name
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == 0:
                return "Documents in list order"
            if name == GOLD_ANNOTATOR:
                return "The adjudicated layer: ✓ when the document is marked adjudicated"
            return literal(f"{isolated(name)}: ✓ when marked done, then the number of spans")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if section == 0:
                return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            return Qt.AlignmentFlag.AlignCenter
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        if not 0 <= index.column() < self.columnCount():
            return None
        document_id, title = self._progress.documents[index.row()]
        if role == DocumentIdRole:
            return document_id
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return title or document_id
            if role == Qt.ItemDataRole.ToolTipRole:
                return literal(f"{isolated(title)}\n{document_id}" if title else document_id)
            return None
        annotator = self.annotators[index.column() - 1]
        key = (document_id, annotator)
        spans = self._progress.spans.get(key, 0)
        stances = self._progress.stances.get(key, 0)
        done = key in self._progress.done
        nothing = not (spans or stances or done)
        if role == Qt.ItemDataRole.DisplayRole:
            return NOTHING if nothing else (f"✓ {spans}" if done else str(spans))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole and done:
            return done_background()
        if role == Qt.ItemDataRole.ForegroundRole:
            muted = QColor(ui_colors.current().faint)
            return done_foreground() if done else (muted if nothing else None)
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal(self._tooltip(annotator, title or document_id, spans, stances, done))
        return None

    @staticmethod
    def _tooltip(annotator: str, title: str, spans: int, stances: int, done: bool) -> str:
        gold = annotator == GOLD_ANNOTATOR
        name = "Gold" if gold else annotator
        state = (
            ("adjudicated ✓" if done else "not adjudicated")
            if gold
            else ("done ✓" if done else "not marked done")
        )
        return (
            f"{name} · {title}\n{_plural(spans, 'span')} · "
            f"{_plural(stances, 'document stance')}\n{state}"
        )


def _bar_style(colors: UiColors) -> str:
    chunk = colors.ok
    return (
        f"QProgressBar {{ border: 1px solid {colors.card_border}; border-radius: 4px;"
        f" background: {colors.base}; }}"
        f" QProgressBar::chunk {{ background: {chunk}; border-radius: 3px; }}"
    )


class ProgressPanel(QWidget):
    """The progress table and one line per annotator; `document_requested(id)` on double-click."""

    document_requested = Signal(str)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.model = ProgressTableModel(session.store, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setMinimumSectionSize(90)
        self.summary_labels: dict[str, QLabel] = {}
        self._bars: dict[str, QProgressBar] = {}
        self._footer = QGridLayout()
        self._footer.setHorizontalSpacing(12)
        self._footer.setVerticalSpacing(4)
        self._footer.setColumnStretch(1, 1)
        hint = QLabel(
            "✓ marked done (gold: adjudicated) · number of spans · — nothing yet. "
            "Double-click a cell to review that document."
        )
        hint.setWordWrap(True)
        hint.setProperty("tone", "muted")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._footer)
        layout.addWidget(hint)
        self._connect_signals()
        self._on_model_reset()

    def _connect_signals(self) -> None:
        # the project
        self._session.connect_annotations_changed(self._on_project_changed)
        # the table
        self.model.modelReset.connect(self._on_model_reset)
        self.table.activated.connect(self._on_cell_activated)

    def refresh(self) -> None:
        """Re-read everyone's progress now."""
        self.model.refresh()
        self._update_footer()

    # -- slots -----------------------------------------------------------------------
    def _on_project_changed(self, *_args: object) -> None:
        self.refresh()

    def _on_cell_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.document_requested.emit(self.model.document_id(index.row()))

    def _on_model_reset(self) -> None:
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self._rebuild_footer()

    # -- the footer ------------------------------------------------------------------
    def _rebuild_footer(self) -> None:
        while self._footer.count():
            item = self._footer.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.summary_labels = {}
        self._bars = {}
        for row, annotator in enumerate(self.model.annotators):
            bar = QProgressBar()
            bar.setFixedWidth(160)
            bar.setTextVisible(False)
            bar.setMaximumHeight(10)
            ui_colors.follow(bar, _restyle_bar(bar))
            label = plain_label()  # the annotator's name
            self._footer.addWidget(bar, row, 0)
            self._footer.addWidget(label, row, 1)
            self.summary_labels[annotator] = label
            self._bars[annotator] = bar
        self._update_footer()

    def _update_footer(self) -> None:
        total = self.model.rowCount()
        for annotator, label in self.summary_labels.items():
            label.setText(self.model.annotator_summary(annotator))
            done, _spans = self.model.progress.summary(annotator)
            bar = self._bars[annotator]
            bar.setRange(0, max(total, 1))
            bar.setValue(done)


def _restyle_bar(bar: QProgressBar) -> Callable[[UiColors], None]:
    """The bar's restyle callback, bound to this bar (a lambda default mypy cannot type)."""

    def restyle(colors: UiColors) -> None:
        bar.setStyleSheet(_bar_style(colors))

    return restyle
